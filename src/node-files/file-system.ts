/**
 * The file-system facts both writers of this project share (the preview's output folder, the files `migrate` and
 * `import` write): how a system error is recognised, read as "nothing there", and told to a user.
 */
import * as fs from 'fs';

/** A Node.js system error (`ENOENT`, `EACCES`...). */
export interface ErrnoError extends Error {
  code?: string;
}

/** A system error; checked by shape, since errors from another realm (a test VM) fail `instanceof Error`. */
export function isErrno(error: unknown): error is ErrnoError {
  return typeof error === 'object' && error !== null && typeof (error as ErrnoError).code === 'string';
}

/**
 * `lstat` of `file`, or `undefined` when nothing is there (the path, or a folder above it, is missing or is a file).
 * @throws the system error for anything else (permission denied, a loop...)
 */
export function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if (isErrno(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return undefined;
    }
    throw error;
  }
}

/** The target of a symbolic link, for a message; `?` when it cannot be read. */
export function linkTargetOf(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return '?';
  }
}

/** What a system error means for a user, with what to do. */
export function explainFileSystemError(error: unknown): string {
  if (!isErrno(error)) {
    return String(error);
  }
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; give a folder you can write to';
    case 'EROFS':
      return 'the file system is read-only; give a folder on a writable file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'ENOTDIR':
      return 'a component of the path is a file, not a folder';
    case 'ELOOP':
      return 'a symbolic link is in the way';
    case 'EXDEV':
      return 'the folders lie on different file systems (a mount point inside the output folder); give a folder without one';
    default:
      return `${error.code}: ${error.message}`;
  }
}

/**
 * Whether a leftover named with `pid` (a temporary file or folder of a run) may still belong to a running process of
 * this host. Leftovers older than `staleAfterMs` are stale whatever their pid says: a run in another PID namespace (a
 * container) cannot be checked for life.
 */
export function mayBeInUse(pid: number, stats: fs.Stats, staleAfterMs: number): boolean {
  if (Date.now() - stats.mtimeMs > staleAfterMs) {
    return false;
  }
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error) && error.code === 'EPERM';
  }
}
