/**
 * How `bin/ocp-images.js` loads the CLI. For a small input, start-up is the whole run, and most of start-up is Node.js
 * finding, reading and compiling modules. So `npm run build` bundles the CLI (`lib/cli/main.js` with the modules and
 * dependencies it reaches) into one file, `lib/cli-bundle/ocp-images.js`, runs it once over sample input and keeps V8's
 * code cache of what ran (`scripts/bundle-cli.js`). A run then reads one file and deserializes compiled code instead
 * of resolving and compiling some two hundred modules (docs/performance.md).
 *
 * The cache is an optimisation only, never a source of behaviour: it is used only when it was made from this very
 * bundle text (its length and CRC-32) by this Node.js version on this processor architecture, and V8 checks its own version
 * and flags on top (a run with other V8 flags, `--cpu-prof` say, compiles as usual). Without a usable cache the bundle
 * is compiled as any script; without a bundle (a build without esbuild, or `lib/` compiled again by `tsc` alone after
 * the bundle was made) the CLI loads from `lib/cli/main.js` as before.
 */
import { isAscii } from 'buffer';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import * as zlib from 'zlib';
import type { runCli as RunCli } from './main';

/** Where `npm run build` puts the bundle and its code cache. */
export const BUNDLE_DIR = path.join(__dirname, '..', 'cli-bundle');
/** The bundled CLI, in {@link BUNDLE_DIR}. */
export const BUNDLE_FILE = 'ocp-images.js';
/**
 * Its V8 code cache, in {@link BUNDLE_DIR}: a key line (see {@link codeCacheKey}), the CRC-32 of V8's data in decimal
 * on a line of its own, then V8's data.
 */
export const CODE_CACHE_FILE = 'ocp-images.v8-cache';

/**
 * What became of the code cache: `used` (V8 took it), `rejected` (V8 refused it: other V8 flags), `mismatch` (made
 * for another bundle text, Node.js version or architecture, or damaged: not given to V8), `absent` (no cache file),
 * `unbundled` (no usable bundle: the CLI came from `lib/cli/main.js`).
 */
export type CodeCacheStatus = 'used' | 'rejected' | 'mismatch' | 'absent' | 'unbundled';

/** The CLI as loaded. */
export interface LoadedCli {
  readonly runCli: typeof RunCli;
  readonly codeCache: CodeCacheStatus;
  /** The compiled bundle (to make a code cache of it after a run), when the CLI came from the bundle. */
  readonly script?: vm.Script;
  /** The bundle file's bytes, when the CLI came from the bundle. */
  readonly bytes?: Buffer;
}

/** `zlib.crc32`, from Node.js 20.15 on. */
const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;

/**
 * The first line of a code cache file: what the cache was made for (`bundle` is the bundle file's bytes), or
 * `undefined` when this Node.js cannot tell (no `zlib.crc32` before Node.js 20.15: then no cache is used). The bundle
 * is told by its length and CRC-32: any edit of it changes them (the check guards against a stale or damaged cache, not
 * an attacker, who could as well change the bundle), and computing them costs a fraction of a cryptographic hash and
 * of loading `crypto`.
 */
export function codeCacheKey(bundle: Buffer): string | undefined {
  if (crc32 === undefined) {
    return undefined;
  }
  return JSON.stringify({ format: 'ocp-images-v8-code-cache/1', bytes: bundle.length, crc32: crc32(bundle), node: process.version, v8: process.versions.v8, arch: process.arch });
}

/** The CommonJS wrapper Node.js puts around a module, so the bundle runs as `require` would run it. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

/** Whether `tsc` wrote `lib/cli/main.js` after the bundle was made from it: then the bundle is out of date. */
function bundleIsOlderThanLib(bundle: string): boolean {
  try {
    return fs.statSync(path.join(__dirname, 'main.js')).mtimeMs > fs.statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
}

/** The code cache for `source` from `file`, or why there is none. */
function readCodeCache(file: string, bundle: Buffer): { data?: Buffer; status: 'absent' | 'mismatch' | 'found' } {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return { status: 'absent' };
  }
  // V8 checks its version, flags and the source's length, but in release builds not its data's checksum: a damaged
  // file could crash the process. So the data carries its own CRC-32.
  const keyEnd = content.indexOf(0x0a);
  const checksumEnd = keyEnd < 0 ? -1 : content.indexOf(0x0a, keyEnd + 1);
  const key = codeCacheKey(bundle);
  if (checksumEnd < 0 || key === undefined || content.toString('utf8', 0, keyEnd) !== key) {
    return { status: 'mismatch' };
  }
  const data = content.subarray(checksumEnd + 1);
  if (content.toString('utf8', keyEnd + 1, checksumEnd) !== String(crc32!(data))) {
    return { status: 'mismatch' };
  }
  return { data, status: 'found' };
}

/** Loads the CLI from the bundle in `dir` with its code cache when usable, else from `lib/cli/main.js`. */
export function loadCli(dir: string = BUNDLE_DIR): LoadedCli {
  const bundle = path.join(dir, BUNDLE_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(bundle);
  } catch {
    return unbundled();
  }
  if (bundleIsOlderThanLib(bundle)) {
    return unbundled();
  }
  // The build keeps the bundle ASCII, which reads as Latin-1 several times faster than as UTF-8, to the same text.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cache = readCodeCache(path.join(dir, CODE_CACHE_FILE), bytes);
  const script = new vm.Script(wrap(source), { filename: bundle, ...(cache.data ? { cachedData: cache.data } : {}) });
  const codeCache: CodeCacheStatus = cache.status === 'found' ? (script.cachedDataRejected ? 'rejected' : 'used') : cache.status;
  const module = { exports: {} as { runCli?: typeof RunCli } };
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  run(module.exports, createRequire(bundle), module, bundle, dir);
  if (typeof module.exports.runCli !== 'function') {
    throw new Error(`${bundle} does not export runCli: rebuild it with \`npm run build\``);
  }
  return { runCli: module.exports.runCli, codeCache, script, bytes };
}

function unbundled(): LoadedCli {
  return { runCli: (require('./main') as typeof import('./main')).runCli, codeCache: 'unbundled' };
}

/**
 * Writes the code cache of a bundle loaded by {@link loadCli}, after it ran (so it holds the functions that ran, not
 * just the top level). Written to a temporary file and renamed, so a reader never sees half a cache.
 */
export function writeCodeCache(loaded: LoadedCli, dir: string = BUNDLE_DIR): number {
  if (!loaded.script || loaded.bytes === undefined) {
    throw new Error('the CLI was not loaded from a bundle: there is no code to cache');
  }
  const key = codeCacheKey(loaded.bytes);
  if (key === undefined) {
    throw new Error(`Node.js ${process.version} has no zlib.crc32 (Node.js 20.15 or later has): no code cache`);
  }
  const cached = loaded.script.createCachedData();
  const data = Buffer.concat([Buffer.from(`${key}\n${crc32!(cached)}\n`, 'utf8'), cached]);
  const target = path.join(dir, CODE_CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, target);
  return data.length;
}
