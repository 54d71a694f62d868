/**
 * How the built CLI starts (src/cli/bundle-loader.ts, scripts/bundle-cli.js): from the bundle with its V8 code cache,
 * falling back safely when the cache or the bundle cannot be trusted, with the same behaviour either way, and never
 * loading cdk8s, constructs or cdktf, whichever command runs. Speed itself is measured in bench/startup.js.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, requireBuiltCli, tempTree } from '../support/cli';

const LIB = path.join(REPO_ROOT, 'lib');
const BUNDLE_DIR = path.join(LIB, 'cli-bundle');
const LOADER = path.join(LIB, 'cli', 'bundle-loader.js');
const DOCS = path.join(REPO_ROOT, 'test', 'fixtures', 'real-world', 'openshift-docs');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], cwd: string, nodeFlags: readonly string[] = []): Run {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_OPTIONS: undefined };
  const result = spawnSync(process.execPath, [...nodeFlags, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What became of the code cache when the CLI loads from `dir`, in a fresh process. */
function cacheStatus(dir: string, nodeFlags: readonly string[] = []): string {
  const run = node(['-e', `process.stdout.write(require(${JSON.stringify(LOADER)}).loadCli(${JSON.stringify(dir)}).codeCache)`], REPO_ROOT, nodeFlags);
  expect(run.stderr).toBe('');
  return run.stdout;
}

/** A copy of the built bundle folder, to change without touching lib/. */
function bundleCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-bundle-'));
  for (const file of fs.readdirSync(BUNDLE_DIR)) {
    fs.copyFileSync(path.join(BUNDLE_DIR, file), path.join(dir, file));
  }
  return dir;
}

/** A script that runs the CLI from the bundle in `dir`, or from lib/cli/main.js with `dir` = null, like the bin. */
function runner(dir: string | null): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-runner-')), 'run.js');
  const load = dir === null
    ? `require(${JSON.stringify(path.join(LIB, 'cli', 'main.js'))})`
    : `require(${JSON.stringify(LOADER)}).loadCli(${JSON.stringify(dir)})`;
  fs.writeFileSync(file, `${load}.runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`);
  return file;
}

const INPUTS: Record<string, string> = {
  'image.yaml': fs.readFileSync(path.join(DOCS, 'images-configuration-allowed.yaml'), 'utf8'),
  'icsp.yaml': fs.readFileSync(path.join(DOCS, 'registry-mirror-icsp.yaml'), 'utf8'),
  'idms.yaml': fs.readFileSync(path.join(DOCS, 'registry-mirror-idms.yaml'), 'utf8'),
  'broken.yaml': 'apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: Bad_Name\nspec:\n  imageDigestMirrors:\n  - source: quay.io/Team!\n    mirrors: [a, a]\n---\nkind: X\nspec: [\n',
  'anchors.yaml': 'base: &b [quay.io]\n---\napiVersion: config.openshift.io/v1\nkind: Image\nmetadata: {name: cluster}\nspec:\n  registrySources:\n    insecureRegistries: *b\n',
};

/** Every command, and the runs that are no command, each with the exit code it ends with on {@link INPUTS}. */
const COMMAND_RUNS: ReadonlyArray<readonly [readonly string[], number]> = [
  [['validate', '-f', '.', '--format', 'json'], 1],
  [['validate', '-f', 'image.yaml', '--exclude', 'x*', '--target', 'rosa-hcp'], 1],
  [['preview', '-f', 'idms.yaml', '--out', 'out'], 0],
  [['migrate', 'icsp', '-f', 'icsp.yaml', '--dest-dir', 'migrated'], 0],
  [['import', '-f', 'idms.yaml'], 0],
  [['impact', '--before', 'image.yaml', '--after', 'idms.yaml'], 0],
  [['export', '--target', 'hostedcluster', '--cluster', 'c1', '-f', 'idms.yaml'], 0],
  [['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', 'idms.yaml', '--out', 'rosa'], 0],
  [['--help'], 0],
  [['--version'], 0],
  [['help', 'validate'], 0],
  [[], 2],
];

beforeAll(() => {
  requireBuiltCli();
  if (!fs.existsSync(path.join(BUNDLE_DIR, 'ocp-images.js'))) {
    throw new Error('lib/cli-bundle/ocp-images.js is missing: run `npm run build` before these tests (npm test does).');
  }
});

describe('GIVEN the built CLI', () => {
  test('WHEN it starts as users start it THEN it runs from the bundle, and V8 takes the code cache', () => {
    expect(cacheStatus(BUNDLE_DIR)).toBe('used');
  });

  test.each([['from the bundle', true], ['from lib/cli/main.js', false]])('WHEN every command runs %s THEN none loads cdk8s, constructs or cdktf', (_how, bundled) => {
    const tree = tempTree(INPUTS);
    // Records every module the process asks for; the build already refuses to bundle them (scripts/bundle-cli.js).
    const probe = path.join(tree, 'probe.js');
    fs.writeFileSync(probe, [
      "const Module = require('module');",
      'const load = Module._load;',
      'const asked = [];',
      'Module._load = function (request, ...rest) { asked.push(request); return load.call(this, request, ...rest); };',
      "process.on('exit', () => { require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ asked, files: Object.keys(require.cache) })); });",
      `require(${JSON.stringify(runner(bundled ? BUNDLE_DIR : null))});`,
    ].join('\n'));
    for (const [argv, status] of COMMAND_RUNS) {
      const out = path.join(tree, 'probe.json');
      const result = spawnSync(process.execPath, [probe, ...argv], { cwd: tree, encoding: 'utf8', env: { ...process.env, PROBE_OUT: out } });
      expect({ argv, status: result.status, crashed: /\n\s+at /.test(result.stderr) }).toEqual({ argv, status, crashed: false });
      const { asked, files } = JSON.parse(fs.readFileSync(out, 'utf8')) as { asked: string[]; files: string[] };
      expect({ argv, forbidden: asked.filter((request) => /^(cdk8s|cdk8s-plus-\d+|constructs|cdktf|@cdktf\/)/.test(request)) }).toEqual({ argv, forbidden: [] });
      expect({ argv, forbidden: files.filter((file) => /node_modules[\\/](cdk8s|cdk8s-plus-\d+|constructs|cdktf|@cdktf)[\\/]|[\\/]lib[\\/](index\.js|constructs[\\/])/.test(file)) }).toEqual({ argv, forbidden: [] });
      // From the bundle, the CLI's own modules are not loaded one by one: the bundle holds them.
      expect({ argv, libFiles: files.filter((file) => file.startsWith(LIB) && !file.startsWith(BUNDLE_DIR) && file !== LOADER).length > 0 }).toEqual({ argv, libFiles: !bundled });
    }
  });

  test('WHEN preview runs from lib/cli/main.js THEN the rule engine is not loaded (preview needs none of its rules)', () => {
    const tree = tempTree(INPUTS);
    const script = path.join(tree, 'modules.js');
    fs.writeFileSync(script, [
      `require(${JSON.stringify(path.join(LIB, 'cli', 'main.js'))}).runCli(process.argv.slice(2), { stdout: { write() { return true; } } }).then((code) => {`,
      `  const lib = ${JSON.stringify(LIB + path.sep)};`,
      "  process.stdout.write(JSON.stringify({ code, modules: Object.keys(require.cache).filter((file) => file.startsWith(lib)).map((file) => file.slice(lib.length).split(require('path').sep).join('/')) }));",
      '});',
    ].join('\n'));
    const run = node([script, 'preview', '-f', 'idms.yaml', '--out', 'out'], tree);
    expect(run.stderr).toBe('');
    const { code, modules } = JSON.parse(run.stdout) as { code: number; modules: string[] };
    expect(code).toBe(0);
    expect(modules.filter((file) => /^(validation\/(engine|catalog|rules\/)|cli\/validate)/.test(file))).toEqual([]);
  });

  test('WHEN validate reads plain YAML without --exclude THEN neither the yaml library nor picomatch is loaded; anchors or --exclude load them', () => {
    const tree = tempTree(INPUTS);
    const loadedPackages = (argv: readonly string[]): string[] => {
      const script = path.join(tree, 'packages.js');
      fs.writeFileSync(script, [
        `require(${JSON.stringify(path.join(LIB, 'cli', 'main.js'))}).runCli(process.argv.slice(2), { stdout: { write() { return true; } } }).then(() => {`,
        "  const names = Object.keys(require.cache).map((file) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file)?.[1]).filter(Boolean);",
        '  process.stdout.write(JSON.stringify([...new Set(names)].sort()));',
        '});',
      ].join('\n'));
      const run = node([script, ...argv], tree);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as string[];
    };
    expect(loadedPackages(['validate', '-f', 'idms.yaml', '-f', 'image.yaml'])).toEqual(['commander', 'js-yaml']);
    expect(loadedPackages(['validate', '-f', 'anchors.yaml'])).toEqual(['commander', 'js-yaml', 'yaml']);
    expect(loadedPackages(['validate', '-f', '.', '--exclude', 'broken*', '--exclude', 'anchors*'])).toEqual(['commander', 'js-yaml', 'picomatch']);
  });

  test('WHEN the same runs go through the bundle and through lib/cli/main.js THEN exit codes, output and written files are the same', () => {
    const runs: ReadonlyArray<readonly string[]> = [
      ...COMMAND_RUNS.map(([argv]) => argv),
      ['validate', '-f', 'broken.yaml'],
      ['validate', '-f', 'broken.yaml', '--format', 'json'],
      ['validate', '-f', 'anchors.yaml', '--strict'],
      ['validate', '-f', 'image.yaml', '--openshift-version', '3.11'],
      ['preview', '-f', 'broken.yaml', '--out', 'out'],
      ['preview', '-f', 'image.yaml', '--out', 'out', '--release-image', 'not a reference'],
      ['validate'],
      ['valdate', '-f', 'x'],
      ['export', '--help'],
    ];
    const outcomes = [runner(BUNDLE_DIR), runner(null)].map((script) => {
      const tree = tempTree(INPUTS);
      return runs.map((argv) => {
        const run = node([script, ...argv], tree);
        const written = ['out', 'migrated', 'rosa'].flatMap((folder) => listFiles(path.join(tree, folder)).map((file) => [file, fs.readFileSync(path.join(tree, folder, file), 'utf8')]));
        for (const folder of ['out', 'migrated', 'rosa']) {
          fs.rmSync(path.join(tree, folder), { recursive: true, force: true });
        }
        // The temporary folders differ between the two trees; nothing else may.
        return { argv, ...run, stdout: run.stdout.split(tree).join('TREE'), stderr: run.stderr.split(tree).join('TREE'), written };
      });
    });
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0].map((outcome) => outcome.status)).toEqual(expect.arrayContaining([0, 1, 2]));
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  // Hidden entries are the preview's generations, named uniquely per run: the link to the current one is followed.
  return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.')).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(path.join(dir, entry.name)).isDirectory())) {
      return listFiles(path.join(dir, entry.name), relative);
    }
    return [relative];
  }).sort();
}

describe('GIVEN a code cache that does not belong to the bundle', () => {
  test('WHEN the bundle was changed after the cache was made (same length) THEN the cache is not used, and the changed code runs', () => {
    const dir = bundleCopy();
    const file = path.join(dir, 'ocp-images.js');
    const text = fs.readFileSync(file, 'latin1');
    // The version printed by --version, changed in place: a stale cache would still print the old one.
    const version = (require('../../package.json') as { version: string }).version;
    const changed = version.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    expect(text.includes(`version: "${version}"`)).toBe(true);
    fs.writeFileSync(file, text.replace(`version: "${version}"`, `version: "${changed}"`), 'latin1');
    expect(fs.statSync(file).size).toBe(text.length);
    expect(cacheStatus(dir)).toBe('mismatch');
    expect(node([runner(dir), '--version'], dir).stdout).toBe(`${changed}\n`);
  });

  test('WHEN the cache file is damaged THEN it is not given to V8, and the CLI runs', () => {
    const dir = bundleCopy();
    const cache = path.join(dir, 'ocp-images.v8-cache');
    const bytes = fs.readFileSync(cache);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(cache, bytes);
    expect(cacheStatus(dir)).toBe('mismatch');
    fs.writeFileSync(cache, bytes.subarray(0, bytes.length / 2));
    expect(cacheStatus(dir)).toBe('mismatch');
    fs.writeFileSync(cache, 'not a cache');
    expect(cacheStatus(dir)).toBe('mismatch');
    const tree = tempTree(INPUTS);
    const run = node([runner(dir), 'validate', '-f', 'idms.yaml'], tree);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0 errors');
  });

  test('WHEN Node.js runs with other V8 flags THEN V8 refuses the cache and the CLI runs as usual', () => {
    expect(cacheStatus(BUNDLE_DIR, ['--max-old-space-size=3000'])).toBe('rejected');
    const tree = tempTree(INPUTS);
    const run = node([runner(BUNDLE_DIR), 'validate', '-f', 'idms.yaml'], tree, ['--max-old-space-size=3000']);
    expect(run.status).toBe(0);
  });

  test('WHEN there is no cache file THEN the bundle runs without one', () => {
    const dir = bundleCopy();
    fs.rmSync(path.join(dir, 'ocp-images.v8-cache'));
    expect(cacheStatus(dir)).toBe('absent');
  });
});

describe('GIVEN a bundle that cannot be used', () => {
  test('WHEN lib/ was compiled again after the bundle was made THEN the CLI loads from lib/cli/main.js', () => {
    const dir = bundleCopy();
    const past = new Date(fs.statSync(path.join(LIB, 'cli', 'main.js')).mtimeMs - 60_000);
    fs.utimesSync(path.join(dir, 'ocp-images.js'), past, past);
    expect(cacheStatus(dir)).toBe('unbundled');
  });

  test('WHEN there is no bundle THEN the CLI loads from lib/cli/main.js', () => {
    expect(cacheStatus(fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-nobundle-')))).toBe('unbundled');
  });
});

describe('GIVEN the bundling step', () => {
  test('WHEN the CLI would reach cdk8s, constructs, cdktf or the constructs THEN the build fails and says which module required it', async () => {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const { forbidden } = require('../../scripts/bundle-cli.js') as { forbidden: import('esbuild').Plugin };
    const cases: Array<[string, RegExp]> = [
      ["require('cdk8s');", /the CLI must not load cdk8s/],
      ["require('constructs');", /the CLI must not load constructs/],
      ["require('@cdktf/provider-aws/lib/s3-bucket');", /the CLI must not load @cdktf\/provider-aws\/lib\/s3-bucket/],
      ["require('./constructs/k8s/image-config');", /the CLI must not load lib\/constructs\/k8s\/image-config/],
      ["require('./index');", /the CLI must not load lib\/index/],
    ];
    for (const [contents, message] of cases) {
      const build = esbuild.build({ stdin: { contents, resolveDir: LIB, sourcefile: 'lib/cli/entry.js' }, bundle: true, platform: 'node', write: false, logLevel: 'silent', plugins: [forbidden] });
      await expect(build).rejects.toThrow(message);
    }
  });

  test('WHEN a lazily loaded built-in is read through the bundle THEN it is the module itself, for every way TypeScript imports it', () => {
    const tree = tempTree({});
    const script = path.join(tree, 'lazy.js');
    // As TypeScript compiles `import * as crypto from 'crypto'`, `import crypto from 'crypto'` and
    // `import { X509Certificate } from 'node:crypto'`: the namespace is kept, its members read where they are used.
    fs.writeFileSync(script, [
      "const plain = require('node:crypto');",
      "const star = __importStar(require('crypto'));",
      "const dflt = __importDefault(require('crypto'));",
      "function __importStar(m) { if (m && m.__esModule) return m; const r = {}; for (const k of Object.keys(m)) r[k] = m[k]; r.default = m; return r; }",
      "function __importDefault(m) { return m && m.__esModule ? m : { default: m }; }",
      "const loadedEarly = process.moduleLoadList.includes('NativeModule crypto');",
      "module.exports = { loadedEarly, sha: star.createHash('sha256').update('x').digest('hex'), same: dflt.default.randomBytes === plain.randomBytes && typeof plain.X509Certificate === 'function', keys: Object.keys(star).includes('createHash') && 'createHash' in star };",
    ].join('\n'));
    const out = path.join(tree, 'lazy.bundle.js');
    const esbuild = require('esbuild') as typeof import('esbuild');
    const { lazyBuiltins } = require('../../scripts/bundle-cli.js') as { lazyBuiltins: import('esbuild').Plugin };
    return esbuild.build({ entryPoints: [script], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [lazyBuiltins] }).then(() => {
      // A script of its own: `node -e` loads crypto before any code runs.
      const check = path.join(tree, 'check.js');
      fs.writeFileSync(check, `process.stdout.write(JSON.stringify(require(${JSON.stringify(out)})));\n`);
      const run = node([check], tree);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        loadedEarly: false,
        sha: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
        same: true,
        keys: true,
      });
    });
  });
});
