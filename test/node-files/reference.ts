/**
 * Access to the shared golden data (`../shared/reference/` next to the repository). The files are read at test time
 * and never copied into the project; when they are absent the suites say so loudly instead of passing silently.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Folder of the shared reference material. */
export const REFERENCE_DIR = path.resolve(__dirname, '../../../shared/reference');

/** Reads `name` from the reference folder, or returns `undefined` (with a loud warning) when it is missing. */
export function loadReference<T>(name: string): T | undefined {
  const file = path.join(REFERENCE_DIR, name);
  if (!fs.existsSync(file)) {
    // eslint-disable-next-line no-console
    console.warn(`\n!!! GOLDEN DATA MISSING: ${file} not found; the golden-case tests are SKIPPED !!!\n`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
