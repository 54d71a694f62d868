/**
 * The upstream data the tests compare with, carried in the repository under `test/fixtures/upstream/` (provenance,
 * licence and regeneration in its SOURCE.md). A missing or unreadable fixture fails the test that needs it: nothing
 * here skips, so a green run always means the comparison ran.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Folder of the upstream fixtures. */
export const UPSTREAM_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/upstream');

/** The reduced CRDs, one file per kind (`crds/<Kind>.crd.json`). */
export const UPSTREAM_CRD_FILES: readonly string[] = [
  'Config', 'Image', 'ImageContentSourcePolicy', 'ImageDigestMirrorSet', 'ImagePruner', 'ImageTagMirrorSet', 'MachineConfiguration',
].map((kind) => `crds/${kind}.crd.json`);

/** The absolute path of a fixture; throws, saying how to restore it, when the file is not there. */
export function upstreamFixturePath(relative: string): string {
  const file = path.join(UPSTREAM_FIXTURES_DIR, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`upstream test fixture missing: ${file}. The repository carries it; restore it with ` +
      `\`git checkout -- test/fixtures/upstream\` or regenerate it with scripts/regenerate-upstream-fixtures.js ` +
      '(see test/fixtures/upstream/SOURCE.md).');
  }
  return file;
}

/** A JSON fixture, parsed; throws with the file name when it is missing or not JSON. */
export function readUpstreamFixture<T>(relative: string): T {
  const file = upstreamFixturePath(relative);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`upstream test fixture ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The upstream registry-scope and mirror patterns with their linear-time equivalents (`safe-regex.json`). */
export type SafeRegexes = Record<'scopeOriginal' | 'scopeLinearSafe' | 'mirrorOriginal' | 'mirrorLinearSafe', string>;

/** Reads `safe-regex.json`: the upstream patterns (exponential in JavaScript) and their linear-time equivalents. */
export function safeRegexes(): SafeRegexes {
  return readUpstreamFixture<SafeRegexes>('safe-regex.json');
}
