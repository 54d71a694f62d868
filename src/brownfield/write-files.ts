/**
 * Writing generated files into a folder the user names, the project's way: every file is written whole to a
 * temporary file in the same folder and renamed over its name (a reader, or a crash, sees the old file or the new
 * one, never a part); nothing is written when the folder is unusable or any path to write is a symbolic link; the
 * temporary files of a failed run are removed. Files the run does not write are never touched.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { explainFileSystemError, linkTargetOf, lstatOrUndefined } from '../node-files/file-system';

/** The folder cannot be used, or a file in it cannot be written: the message says which path and what to change. */
export class OutputFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFilesError';
    Object.setPrototypeOf(this, OutputFilesError.prototype);
  }
}

/** One file to write: a plain name inside the folder (no separator) and its content. */
export interface FileToWrite {
  readonly name: string;
  readonly content: string;
}

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Makes sure `dir` is a real folder: created (with its parents) when missing; refused when it is a symbolic link, a
 * file, or cannot be listed.
 * @throws OutputFilesError
 */
export function ensureOutputFolder(dir: string): void {
  let stats: fs.Stats | undefined;
  try {
    stats = lstatOrUndefined(dir);
  } catch (error) {
    throw new OutputFilesError(`${dir}: cannot be used as the output folder: ${explainFileSystemError(error)}`);
  }
  if (stats === undefined) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      stats = fs.lstatSync(dir);
    } catch (error) {
      throw new OutputFilesError(`${dir}: cannot create the output folder: ${explainFileSystemError(error)}`);
    }
  }
  if (stats.isSymbolicLink()) {
    throw new OutputFilesError(`${dir} is a symbolic link (to ${JSON.stringify(linkTargetOf(dir))}); files are never written through a link: give the real folder`);
  }
  if (!stats.isDirectory()) {
    throw new OutputFilesError(`${dir} exists and is not a folder; give a folder (it is created when missing)`);
  }
  try {
    fs.readdirSync(dir);
  } catch (error) {
    throw new OutputFilesError(`${dir}: cannot read the output folder: ${explainFileSystemError(error)}`);
  }
}

/**
 * Writes `files` into `dir` (see the module comment) with mode 0644 and returns their paths, as `dir` names them.
 * Every target is checked before anything is written: an existing symbolic link or a non-file at a target's path
 * refuses the whole run.
 * @throws OutputFilesError when the folder or a target is unusable; no target has changed then
 */
export function writeFilesAtomically(dir: string, files: readonly FileToWrite[]): string[] {
  for (const file of files) {
    if (file.name === '' || file.name === '.' || file.name === '..' || file.name.includes('/') || file.name.includes(path.sep) || file.name.includes('\0')) {
      throw new Error(`writeFilesAtomically: ${JSON.stringify(file.name)} is not a plain file name`);
    }
  }
  ensureOutputFolder(dir);
  const targets = files.map((file) => path.join(dir, file.name));
  const refused: string[] = [];
  for (const target of targets) {
    const stats = lstatOrUndefined(target);
    if (stats?.isSymbolicLink()) {
      refused.push(`${target} is a symbolic link (to ${JSON.stringify(linkTargetOf(target))}); files are never written through a link: remove the link`);
    } else if (stats !== undefined && !stats.isFile()) {
      refused.push(`${target} exists and is not a regular file; move it away`);
    }
  }
  if (refused.length > 0) {
    throw new OutputFilesError(refused.join('\n'));
  }
  const temporaries: string[] = [];
  const cleanUp = () => {
    for (const temporary of temporaries) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    files.forEach((file, index) => {
      const temporary = path.join(dir, `.${file.name}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
      // O_EXCL | O_NOFOLLOW: a name someone else created in the meantime, or a link, is never written through.
      const fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW, 0o644);
      temporaries[index] = temporary;
      try {
        fs.writeSync(fd, file.content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      // The umask may have narrowed the mode; generated manifests are meant to be read by others.
      fs.chmodSync(temporary, 0o644);
    });
  } catch (error) {
    cleanUp();
    throw new OutputFilesError(`${dir}: cannot write the files: ${explainFileSystemError(error)}; nothing was changed`);
  }
  // Last check before the renames: a target turned into a link since the first check is still refused.
  for (const target of targets) {
    if (lstatOrUndefined(target)?.isSymbolicLink()) {
      cleanUp();
      throw new OutputFilesError(`${target} became a symbolic link during the run; nothing was changed`);
    }
  }
  targets.forEach((target, index) => {
    try {
      fs.renameSync(temporaries[index], target);
    } catch (error) {
      cleanUp();
      const done = targets.slice(0, index);
      throw new OutputFilesError(`${target}: cannot be replaced: ${explainFileSystemError(error)}${done.length > 0 ? ` (already written: ${done.join(', ')})` : '; nothing was changed'}`);
    }
  });
  return targets;
}
