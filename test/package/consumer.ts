/**
 * The package as a user gets it: packed with `npm pack` (the repository's own prepack/postpack scripts included),
 * then installed from the tarball with `npm install` into a temporary project made like the stock templates. No path
 * mapping and no link to src/: the project resolves `cdk-openshift-images` from its node_modules.
 *
 * Works offline on a fresh machine after `npm ci` in the repository:
 * - npm installs the tarball and its own dependencies (commander, cron-parser, luxon, yaml) from npm's cache. A
 *   first `npm ci` with a lockfile made from the repository's lockfile puts them there, since a plain `npm install`
 *   of a tarball would ask the registry for their full metadata, which `npm ci` never caches; the second step is
 *   then the user's own `npm install <tarball>`, whose output is what the tests read.
 * - The peer dependencies the user installs (constructs, cdk8s, cdktf, @cdktf/provider-aws; 380 MB with the
 *   provider) are symbolic links to the repository's copies, one link per package at the top of node_modules,
 *   exactly where npm would put them. The package's own files are real files from the tarball, so it resolves its
 *   peers as it would in a user's project: a peer that is not linked is missing.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(__dirname, 'fixtures');

/** Folders of the repository that `npm pack` does not need. */
const NOT_STAGED = new Set(['node_modules', '.git', 'lib', 'lib-examples', 'dist', 'cdktf.out', 'preview', 'coverage', 'test', 'bench', '.terraform']);

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for a child npm or node: without the npm_* variables of an enclosing `npm test` (npm reads
 * `npm_config_*` as configuration, e.g. the prefix of the repository), except the cache folder.
 */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) || /^npm_config_cache$/i.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1', ...extra };
}

export function run(command: string, args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, [...args], { cwd, env: childEnv(extraEnv), encoding: 'utf8', timeout: 120_000 });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs and fails with the whole output when the exit code is not 0. */
export function runOk(command: string, args: readonly string[], cwd: string): Run {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** `node` with the given arguments, as the machine's node. */
export function node(args: readonly string[], cwd: string): Run {
  return run(process.execPath, args, cwd);
}

/** The repository's own tsc: the stock templates install TypeScript 5.9.x, as the repository pins. */
export function tsc(project: string): Run {
  return node([require.resolve('typescript/bin/tsc', { paths: [REPO] }), '-p', project], project);
}

export interface PackedPackage {
  /** The tarball. */
  readonly tarball: string;
  /** Its package.json. */
  readonly manifest: PackageManifest;
  /** Its file names, relative to the package root. */
  readonly files: readonly string[];
  /** Whether the staged copy's package.json was the same, byte for byte, after `npm pack` as before. */
  readonly manifestRestored: boolean;
}

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly scripts?: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly [field: string]: unknown;
}

/**
 * `npm pack` on a copy of the repository (its node_modules linked), so that the build of `prepack` never rewrites
 * the lib/ that other tests run.
 */
export function packRepository(workDir: string): PackedPackage {
  const stage = path.join(workDir, 'stage');
  fs.cpSync(REPO, stage, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(REPO, source);
      const top = relative.split(path.sep)[0];
      return relative === '' || !(NOT_STAGED.has(top) || top.startsWith('.synth-'));
    },
  });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  const before = fs.readFileSync(path.join(stage, 'package.json'));
  runOk('npm', ['pack', '--pack-destination', workDir], stage);
  const manifestRestored = before.equals(fs.readFileSync(path.join(stage, 'package.json')));
  const tarball = fs.readdirSync(workDir).filter((name) => name.endsWith('.tgz')).map((name) => path.join(workDir, name))[0];
  if (!tarball) {
    throw new Error(`npm pack wrote no tarball into ${workDir}`);
  }
  const manifest = JSON.parse(runOk('tar', ['-xzOf', tarball, 'package/package.json'], workDir).stdout) as PackageManifest;
  const files = runOk('tar', ['-tzf', tarball], workDir).stdout.split('\n').filter(Boolean).map((name) => name.replace(/^package\//, ''));
  fs.rmSync(stage, { recursive: true, force: true });
  return { tarball, manifest, files, manifestRestored };
}

interface LockEntry {
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

/** A lockfile holding the package (from the tarball) and its dependencies, as the repository's lockfile pins them. */
function lockfileFor(projectName: string, tarballSpec: string, manifest: PackageManifest): object {
  const repoLock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, object> = {
    '': { name: projectName, version: '1.0.0', dependencies: { [manifest.name]: tarballSpec } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version, resolved: tarballSpec, license: manifest.license, dependencies: manifest.dependencies,
      bin: manifest.bin, engines: manifest.engines, peerDependencies: manifest.peerDependencies, peerDependenciesMeta: manifest.peerDependenciesMeta,
    },
  };
  const queue = Object.entries(manifest.dependencies);
  while (queue.length > 0) {
    const [name, range] = queue.shift()!;
    const key = `node_modules/${name}`;
    if (packages[key]) {
      continue;
    }
    const entry = repoLock.packages[key];
    // Direct dependencies are pinned exactly; the repository installs the same versions at its top level.
    if (!entry || (/^\d/.test(range) && entry.version !== range)) {
      throw new Error(`the repository's lockfile has no ${name}@${range} at its top level (found ${entry?.version})`);
    }
    // Flags about the repository's own tree (dev, peer...) do not apply to the project.
    packages[key] = Object.fromEntries(Object.entries(entry).filter(([field]) => !['dev', 'peer', 'optional', 'devOptional'].includes(field)));
    queue.push(...Object.entries(entry.dependencies ?? {}));
  }
  return { name: projectName, version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

export interface ConsumerProject {
  readonly dir: string;
  /** What `npm install <tarball>` printed. */
  readonly install: Run;
  /** Links a peer dependency (or @types package) from the repository's node_modules, as `npm install <name>` would place it. */
  link(name: string): void;
  /** Copies a fixture file into the project. */
  copy(fixture: string, as?: string): void;
  file(relative: string): string;
}

/**
 * A temporary project with the stock tsconfig `tsconfigFixture` and the package installed from the tarball. No peer
 * dependency is installed yet: each test links the ones its entry needs.
 */
export function createConsumerProject(workDir: string, name: string, tsconfigFixture: string, packed: PackedPackage): ConsumerProject {
  const dir = path.join(workDir, name);
  fs.mkdirSync(dir, { recursive: true });
  const tarballSpec = `file:${path.relative(dir, packed.tarball).split(path.sep).join('/')}`;
  fs.copyFileSync(path.join(FIXTURES, 'stock-tsconfig', tsconfigFixture), path.join(dir, 'tsconfig.json'));
  const manifest = { name, version: '1.0.0', private: true, dependencies: { [packed.manifest.name]: tarballSpec } };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lockfileFor(name, tarballSpec, packed.manifest), null, 2)}\n`);
  // Peers are linked by hand (see above); npm must not try to fetch them, which would need the registry.
  const npmFlags = ['--prefer-offline', '--legacy-peer-deps', '--no-audit', '--no-fund'];
  runOk('npm', ['ci', ...npmFlags], dir);
  // The user's step: npm reads the tarball's own package.json here (it re-extracts the package). With
  // --foreground-scripts, a lifecycle script of ours, if npm ran one, would print its banner in this output.
  const install = runOk('npm', ['install', ...npmFlags, '--foreground-scripts', tarballSpec], dir);
  return {
    dir,
    install,
    link: (peer) => {
      const target = fs.realpathSync(path.dirname(require.resolve(`${peer}/package.json`, { paths: [REPO] })));
      const at = path.join(dir, 'node_modules', ...peer.split('/'));
      fs.mkdirSync(path.dirname(at), { recursive: true });
      fs.symlinkSync(target, at, 'dir');
    },
    copy: (fixture, as) => fs.copyFileSync(path.join(FIXTURES, fixture), path.join(dir, as ?? path.basename(fixture))),
    file: (relative) => path.join(dir, relative),
  };
}

export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-openshift-images-package-'));
}
