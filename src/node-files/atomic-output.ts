/**
 * A folder the tool owns inside an output folder and replaces as a whole, in one step.
 *
 * A set of files in two folders (`registries.conf`, `policy.json`, `registries.conf.d/...`) cannot be swapped by
 * renaming files one by one (a crash in between leaves a mix), nor by renaming a folder over the old one (rename(2)
 * refuses a non-empty target, and Node has no RENAME_EXCHANGE). So the files of each run live in a fresh generation
 * folder, and the visible folder is a symbolic link that is switched to it by one rename(2) of a new link over the old
 * one, the technique of Kubernetes' AtomicWriter for ConfigMap volumes. For the node-file preview:
 *
 * ```
 * DIR/etc/containers -> .ocp-images-preview/gen.<pid>.<hex>     the tool's link, replaced by one rename
 * DIR/etc/.ocp-images-preview/gen.<pid>.<hex>/registries.conf   the files of the current generation
 * ```
 *
 * Paths through the link read as regular files. The tool only follows a link it recognises as its own (relative,
 * exactly `<state folder>/gen.<pid>.<hex>`, one level down); every other component on a write path must be a real
 * folder (checked with lstat, before and after creating), files are created with O_EXCL | O_NOFOLLOW, and nothing is
 * deleted that is not a file the tool writes: another entry where the owned folder is refuses the run before anything
 * changes.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ErrnoError, explainFileSystemError, isErrno, linkTargetOf, lstatOrUndefined, mayBeInUse } from './file-system';

/** The output folder cannot be used: a link on a write path, a file where a folder belongs, no permission... */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** One file to write, at a path relative to the owned folder (`/`-separated, e.g. `registries.conf.d/01.conf`). */
export interface OwnedFile {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

/** Where the owned folder is and what it may hold. */
export interface OwnedFolderSpec {
  /** The output folder as the user gave it; messages name paths under it this way. */
  readonly outDir: string;
  /** Real folders between the output folder and the owned folder (`['etc']`); created when missing, never removed. */
  readonly parents: readonly string[];
  /** Name of the owned folder, a link switched by the tool (`containers`). */
  readonly linkName: string;
  /** Name of the tool's state folder beside the link, holding the generations (`.ocp-images-preview`). */
  readonly stateName: string;
  /** Every file path (relative to the owned folder) the tool ever writes there; anything else there is not ours. */
  readonly ownedPaths: readonly string[];
}

const GENERATION = /^gen\.(\d+)\.[0-9a-f]{8}$/;
const TEMPORARY_LINK = /^link\.(\d+)\.[0-9a-f]{8}$/;
const CONVERTED = /^legacy\.(\d+)\.[0-9a-f]{8}$/;
/** Leftovers of a run on another host or PID namespace cannot be checked for life; after this long they are stale. */
const STALE_AFTER_MS = 60 * 60 * 1000;
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

function quote(text: string): string {
  const shown = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  return JSON.stringify(shown);
}

function describeKind(stats: fs.Stats): string {
  if (stats.isFile()) {
    return 'a file';
  }
  if (stats.isDirectory()) {
    return 'a folder';
  }
  if (stats.isSymbolicLink()) {
    return 'a symbolic link';
  }
  return 'a special file';
}


function fsyncDirectory(dir: string): void {
  // Durability against a power loss; not every platform can open a folder for fsync, which is no reason to fail.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // ignored, see above
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}

function writeExclusive(file: string, content: string, mode: number): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW, mode);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A name no other entry has: `<prefix>.<pid>.<8 hex>`. */
function uniqueName(prefix: string): string {
  return `${prefix}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
}

/**
 * The tool's owned folder: checks, builds the next generation, switches, cleans up. One instance per run.
 */
class OwnedFolder {
  private readonly root: string;
  private readonly base: string;
  private readonly link: string;
  private readonly state: string;
  private readonly ownedFiles: ReadonlySet<string>;
  private readonly ownedFolders: ReadonlySet<string>;

  constructor(private readonly spec: OwnedFolderSpec) {
    this.root = path.resolve(spec.outDir);
    this.base = path.join(this.root, ...spec.parents);
    this.link = path.join(this.base, spec.linkName);
    this.state = path.join(this.base, spec.stateName);
    this.ownedFiles = new Set(spec.ownedPaths);
    const folders = new Set<string>();
    for (const owned of spec.ownedPaths) {
      const parts = owned.split('/');
      for (let i = 1; i < parts.length; i++) {
        folders.add(parts.slice(0, i).join('/'));
      }
    }
    this.ownedFolders = folders;
  }

  /** The output folder as the user wrote it, followed by `parts`. */
  private shown(...parts: string[]): string {
    return parts.length === 0 ? this.spec.outDir : path.join(this.spec.outDir, ...parts);
  }

  private refuse(problem: string): never {
    throw new OutputFolderError(`cannot use the output folder ${quote(this.spec.outDir)}: ${problem}`);
  }

  private refuseLink(shownPath: string, file: string): never {
    const target = linkTargetOf(file);
    const dangling = fs.existsSync(file) ? '' : ', which does not exist';
    if (file === this.root) {
      this.refuse(
        `it is a symbolic link (to ${quote(target)}${dangling}); the preview writes only into a real folder, so that ` +
          'nothing outside it is written or deleted. Give the folder itself (where the link points) or another folder.',
      );
    }
    this.refuse(
      `${shownPath} is a symbolic link (to ${quote(target)}${dangling}); the preview writes only into real folders under ` +
        'the output folder and never through a link it did not make, so nothing outside the output folder is written or deleted. ' +
        'Remove the link or give another folder.',
    );
  }

  /** A real folder at `file` (created when `create` and missing); refuses links and files. */
  private requireFolder(file: string, shownPath: string, create: boolean): boolean {
    let stats = lstatOrUndefined(file);
    if (stats === undefined) {
      if (!create) {
        return false;
      }
      try {
        fs.mkdirSync(file, { mode: 0o755 });
      } catch (error) {
        if (!(isErrno(error) && error.code === 'EEXIST')) {
          throw error;
        }
      }
      // Checked again after creating: what is there now is what we write into.
      stats = lstatOrUndefined(file);
      if (stats === undefined) {
        this.refuse(`${shownPath} disappeared while being created`);
      }
    }
    if (stats.isSymbolicLink()) {
      this.refuseLink(shownPath, file);
    }
    if (!stats.isDirectory()) {
      this.refuse(`${file === this.root ? 'it' : shownPath} is ${describeKind(stats)}, not a folder; give a folder (it is created when missing).`);
    }
    return true;
  }

  /** The output folder itself; its missing parents are created as `mkdir -p` does. */
  private requireRoot(create: boolean): boolean {
    const stats = lstatOrUndefined(this.root);
    if (stats === undefined && create) {
      try {
        fs.mkdirSync(path.dirname(this.root), { recursive: true });
      } catch (error) {
        if (isErrno(error)) {
          // mkdir -p reports a file on the way as EEXIST.
          const reason = error.code === 'EEXIST' || error.code === 'ENOTDIR' ? 'a component of the path is a file, not a folder' : explainFileSystemError(error);
          this.refuse(`cannot create its parent folder ${quote(path.dirname(this.spec.outDir))}: ${reason}.`);
        }
        throw error;
      }
    }
    return this.requireFolder(this.root, this.shown(), create);
  }

  /** The generation the tool's link points at, or `undefined` when the entry is not the tool's link. */
  private generationOfLink(): string | undefined {
    const target = fs.readlinkSync(this.link);
    const parts = target.split('/');
    if (parts.length === 2 && parts[0] === this.spec.stateName && GENERATION.test(parts[1])) {
      return parts[1];
    }
    return undefined;
  }

  /**
   * Entries under `dir` that the tool did not write (relative paths, with what they are); `[]` when the folder holds
   * only owned files, or does not exist.
   */
  private foreignEntries(dir: string, prefix = ''): string[] {
    if (lstatOrUndefined(dir) === undefined) {
      return [];
    }
    const foreign: string[] = [];
    for (const name of fs.readdirSync(dir).sort()) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      const stats = fs.lstatSync(path.join(dir, name));
      if (this.ownedFiles.has(relative) && stats.isFile()) {
        continue;
      }
      if (this.ownedFolders.has(relative) && stats.isDirectory()) {
        foreign.push(...this.foreignEntries(path.join(dir, name), relative));
        continue;
      }
      foreign.push(stats.isFile() ? relative : `${relative} (${describeKind(stats)})`);
    }
    return foreign;
  }

  private refuseForeign(shownPath: string, foreign: readonly string[]): never {
    const listed = foreign.slice(0, 10).map(quote).join(', ') + (foreign.length > 10 ? `, and ${foreign.length - 10} more` : '');
    this.refuse(
      `${shownPath} holds entries the preview did not write: ${listed}. The preview owns that folder and replaces it ` +
        'as a whole, and never deletes what it did not write; move them elsewhere or give another folder.',
    );
  }

  /**
   * Removes a folder holding only owned files (a generation or a converted folder), walking it with lstat so no link
   * is followed; anything else in it stays, and so do the folders holding it.
   */
  private removeOwned(dir: string, prefix = ''): void {
    if (lstatOrUndefined(dir)?.isDirectory() !== true) {
      return;
    }
    for (const name of fs.readdirSync(dir)) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      const entry = path.join(dir, name);
      const stats = fs.lstatSync(entry);
      if (this.ownedFiles.has(relative) && stats.isFile()) {
        fs.unlinkSync(entry);
      } else if (this.ownedFolders.has(relative) && stats.isDirectory()) {
        this.removeOwned(entry, relative);
      }
    }
    try {
      fs.rmdirSync(dir);
    } catch (error) {
      if (!(isErrno(error) && ['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(error.code ?? ''))) {
        throw error;
      }
    }
  }

  /** Removes leftovers of earlier runs in the state folder: generations and links no longer in use. */
  private removeStale(current: string | undefined, linkExists: boolean): void {
    if (lstatOrUndefined(this.state)?.isDirectory() !== true) {
      return;
    }
    for (const name of fs.readdirSync(this.state)) {
      const entry = path.join(this.state, name);
      const stats = lstatOrUndefined(entry);
      if (stats === undefined || name === current) {
        continue;
      }
      const generation = GENERATION.exec(name);
      const link = TEMPORARY_LINK.exec(name);
      const converted = CONVERTED.exec(name);
      if (generation !== null && stats.isDirectory() && !mayBeInUse(Number(generation[1]), stats, STALE_AFTER_MS)) {
        this.removeOwned(entry);
      } else if (link !== null && stats.isSymbolicLink() && !mayBeInUse(Number(link[1]), stats, STALE_AFTER_MS)) {
        fs.unlinkSync(entry);
      } else if (converted !== null && stats.isDirectory() && linkExists && !mayBeInUse(Number(converted[1]), stats, STALE_AFTER_MS)) {
        this.removeOwned(entry);
      }
    }
  }

  /**
   * A run killed while converting a folder of an earlier version left its files in the state folder and no folder at
   * the node path: they go back first, so the old set is what a failing run leaves.
   */
  private restoreInterruptedConversion(): void {
    if (lstatOrUndefined(this.link) !== undefined || lstatOrUndefined(this.state)?.isDirectory() !== true) {
      return;
    }
    const candidates = fs
      .readdirSync(this.state)
      .filter((name) => CONVERTED.test(name))
      .map((name) => ({ name, stats: fs.lstatSync(path.join(this.state, name)) }))
      .filter(({ stats }) => stats.isDirectory())
      .sort((a, b) => b.stats.ctimeMs - a.stats.ctimeMs);
    if (candidates.length > 0 && this.foreignEntries(path.join(this.state, candidates[0].name)).length === 0) {
      fs.renameSync(path.join(this.state, candidates[0].name), this.link);
    }
  }

  /** Writes `files` as the owned folder's new content and switches to it; see the module comment. */
  public replace(files: readonly OwnedFile[]): void {
    const linkShown = this.shown(...this.spec.parents, this.spec.linkName);
    const stateShown = this.shown(...this.spec.parents, this.spec.stateName);

    // 1. Look before touching anything: every component must be a real folder or absent.
    let baseExists = false;
    if (this.requireRoot(false)) {
      baseExists = true;
      let dir = this.root;
      for (let i = 0; i < this.spec.parents.length && baseExists; i++) {
        dir = path.join(dir, this.spec.parents[i]);
        baseExists = this.requireFolder(dir, this.shown(...this.spec.parents.slice(0, i + 1)), false);
      }
    }
    if (baseExists) {
      this.requireFolder(this.state, stateShown, false);
      this.restoreInterruptedConversion();
    }
    let current: string | undefined;
    let converting = false;
    const existing = baseExists ? lstatOrUndefined(this.link) : undefined;
    if (existing !== undefined) {
      if (existing.isSymbolicLink()) {
        current = this.generationOfLink();
        if (current === undefined) {
          this.refuseLink(linkShown, this.link);
        }
        const target = path.join(this.state, current);
        const targetStats = lstatOrUndefined(target);
        if (targetStats !== undefined && !targetStats.isDirectory()) {
          if (targetStats.isSymbolicLink()) {
            this.refuseLink(path.join(stateShown, current), target);
          }
          this.refuse(`${path.join(stateShown, current)} is ${describeKind(targetStats)}, not a folder the preview wrote; move it elsewhere or give another folder.`);
        }
        const foreign = this.foreignEntries(target);
        if (foreign.length > 0) {
          this.refuseForeign(linkShown, foreign);
        }
      } else if (existing.isDirectory()) {
        // A folder written by an earlier version (real files): converted when it holds only the tool's files.
        const foreign = this.foreignEntries(this.link);
        if (foreign.length > 0) {
          this.refuseForeign(linkShown, foreign);
        }
        converting = true;
      } else {
        this.refuse(`${linkShown} is ${describeKind(existing)}, not a folder the preview wrote; move it elsewhere or give another folder.`);
      }
    }

    // 2. Create the folders, checking each again after creating it.
    this.requireRoot(true);
    let dir = this.root;
    this.spec.parents.forEach((parent, i) => {
      dir = path.join(dir, parent);
      this.requireFolder(dir, this.shown(...this.spec.parents.slice(0, i + 1)), true);
    });
    this.requireFolder(this.state, stateShown, true);
    this.removeStale(current, existing !== undefined);

    // 3. The next generation, private until the switch: created fresh, so nothing in it can be a link.
    const generationName = uniqueName('gen');
    const generation = path.join(this.state, generationName);
    fs.mkdirSync(generation, { mode: 0o755 });
    let switched = false;
    try {
      for (const file of files) {
        const parts = file.path.split('/');
        let folder = generation;
        for (const part of parts.slice(0, -1)) {
          folder = path.join(folder, part);
          if (lstatOrUndefined(folder) === undefined) {
            fs.mkdirSync(folder, { mode: 0o755 });
          }
        }
        writeExclusive(path.join(generation, ...parts), file.content, file.mode);
      }
      for (const folder of [...this.ownedFolders].map((f) => path.join(generation, ...f.split('/')))) {
        if (lstatOrUndefined(folder) !== undefined) {
          fsyncDirectory(folder);
        }
      }
      fsyncDirectory(generation);
      // The chain is checked again now that the files exist: a folder swapped for a link meanwhile shows here.
      const realState = fs.realpathSync(this.state);
      if (fs.realpathSync(generation) !== path.join(realState, generationName) || realState !== path.join(fs.realpathSync(this.base), this.spec.stateName)) {
        this.refuse(`${stateShown} changed while the preview was written (a link appeared on the path); nothing was switched.`);
      }
      this.requireFolder(this.base, this.shown(...this.spec.parents), false);

      // 4. The switch: one rename of a new link over the old one. What is at the link's place must still be what was
      // checked above, or a file that appeared meanwhile would be replaced.
      const now = lstatOrUndefined(this.link);
      const unchanged = existing === undefined
        ? now === undefined
        : now !== undefined && now.ino === existing.ino && now.dev === existing.dev && (!now.isSymbolicLink() || this.generationOfLink() === current);
      if (!unchanged) {
        this.refuse(`${linkShown} changed while the preview was written; nothing was switched, run the preview again.`);
      }
      const temporary = path.join(this.state, uniqueName('link'));
      fs.symlinkSync(`${this.spec.stateName}/${generationName}`, temporary);
      if (converting) {
        // A real folder cannot be replaced by a link in one step: it moves into the state folder first, and comes
        // back on any failure (a kill between the two renames is repaired by the next run, see above).
        const converted = path.join(this.state, uniqueName('legacy'));
        fs.renameSync(this.link, converted);
        try {
          fs.renameSync(temporary, this.link);
        } catch (error) {
          fs.renameSync(converted, this.link);
          fs.unlinkSync(temporary);
          throw error;
        }
        switched = true;
        this.removeOwned(converted);
      } else {
        try {
          fs.renameSync(temporary, this.link);
        } catch (error) {
          fs.unlinkSync(temporary);
          throw error;
        }
        switched = true;
      }
      fsyncDirectory(this.base);
    } finally {
      if (!switched) {
        this.removeOwned(generation);
      }
    }
    if (lstatOrUndefined(this.link)?.isSymbolicLink() !== true || this.generationOfLink() !== generationName) {
      this.refuse(`${linkShown} changed while it was being switched; run the preview again.`);
    }

    // 5. The previous generation and other leftovers.
    if (current !== undefined) {
      this.removeOwned(path.join(this.state, current));
    }
    this.removeStale(generationName, true);
  }
}

/**
 * Replaces the owned folder described by `spec` with exactly `files`, switching from the old set to the new one in a
 * single rename; see the module comment.
 * @throws OutputFolderError when the output folder cannot be used, with what to change; the old set is then intact
 */
export function replaceOwnedFolder(spec: OwnedFolderSpec, files: readonly OwnedFile[]): void {
  for (const file of files) {
    if (!spec.ownedPaths.includes(file.path)) {
      throw new Error(`replaceOwnedFolder: ${quote(file.path)} is not one of the owned paths ${spec.ownedPaths.join(', ')}`);
    }
  }
  if (spec.outDir === '') {
    throw new OutputFolderError('the output folder is an empty string; give a folder');
  }
  try {
    new OwnedFolder(spec).replace(files);
  } catch (error) {
    if (error instanceof OutputFolderError || !isErrno(error)) {
      throw error;
    }
    const where = (error as ErrnoError & { path?: string }).path;
    const root = path.resolve(spec.outDir);
    const relative = where === undefined ? undefined : path.relative(root, where);
    const shownPath = relative === undefined ? undefined : relative.startsWith('..') || path.isAbsolute(relative) ? where : path.join(spec.outDir, relative);
    const shown = shownPath === undefined ? '' : ` (${quote(shownPath as string)})`;
    throw new OutputFolderError(`cannot write into the output folder ${quote(spec.outDir)}${shown}: ${explainFileSystemError(error)}.`);
  }
}
