#!/usr/bin/env node
// `npm run build`, after `tsc`: bundles the CLI and makes its V8 code cache (src/cli/bundle-loader.ts says why).
//
//   1. esbuild bundles lib/cli/main.js, with the modules and dependencies it reaches, into
//      lib/cli-bundle/ocp-images.js. The build fails when the CLI reaches cdk8s, constructs, cdktf, the provider
//      bindings, src/constructs or the main entry: the CLI never loads them, and the bundle proves it for every code
//      path, run or not. The licences of the bundled dependencies go to lib/cli-bundle/THIRD-PARTY-LICENSES.txt.
//   2. A fresh Node.js process (no flags, no NODE_OPTIONS: V8 refuses a cache made under other flags) loads the
//      bundle, runs `validate` and `preview` over a small sample, in process, and writes V8's code cache of what ran.
//
// Without esbuild (an install without dev dependencies) the bundle is left out and the CLI loads from lib/ as
// before; an old bundle is always removed first, so none outlives the code it was made from.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib');
const bundleDir = path.join(lib, 'cli-bundle');

/** Packages the CLI must never load (DESIGN.md: the CLI loads no cdk8s, constructs or cdktf). */
const FORBIDDEN_PACKAGES = /^(cdk8s|cdk8s-plus-\d+|constructs|cdktf|@cdktf\/[^/]+)(\/|$)/;

/** An esbuild plugin that fails the build when the CLI reaches what it must not load. */
const forbidden = {
  name: 'cli-loads-no-constructs',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (FORBIDDEN_PACKAGES.test(args.path)) {
        return { errors: [{ text: `the CLI must not load ${args.path} (required from ${path.relative(root, args.importer)})` }] };
      }
      if (args.path.startsWith('.')) {
        const target = path.relative(lib, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
        if (target === 'index' || target === 'index.js' || target === 'constructs' || target.startsWith('constructs/')) {
          return { errors: [{ text: `the CLI must not load lib/${target} (required from ${path.relative(root, args.importer)})` }] };
        }
      }
      return undefined;
    });
  },
};

/**
 * Built-in modules that cost milliseconds to load and that most runs never use: `child_process` (commander's
 * executable subcommands, which this CLI has none of) and `crypto` (certificates in trusted-CA checks, unique names
 * in preview's output folder). In the bundle they stand behind a proxy that loads the module when a property is first
 * read: the same module, the same values, loaded later or not at all. The proxy says `__esModule`, so TypeScript's
 * `__importStar`/`__importDefault` helpers hand it over as it is instead of copying every property (which would
 * load the module at once); `default` is the module itself, as those helpers would make it.
 */
const LAZY_BUILTINS = /^(node:)?(child_process|crypto)$/;

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: LAZY_BUILTINS }, (args) => (args.namespace === 'lazy-builtin'
      ? { path: args.path, external: true }
      : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? true : key === 'default' ? load() : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`,
    }));
  },
};

/** The licence texts of the packages in the bundle, from esbuild's list of inputs. */
function thirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) {
      packages.set(match[1], path.join(root, input.slice(0, match.index + match[0].length)));
    }
  }
  const sections = [];
  for (const [name, dir] of [...packages].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(dir).find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
    const text = licenceFile ? fs.readFileSync(path.join(dir, licenceFile), 'utf8').trim() : `License: ${manifest.license}`;
    sections.push(`${name}@${manifest.version} (${manifest.license})\n\n${text}\n`);
  }
  return `Third-party code in ocp-images.js, the bundled ocp-images CLI:\n\n${sections.join(`\n${'-'.repeat(80)}\n\n`)}`;
}

async function bundle() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    process.stderr.write('scripts/bundle-cli.js: esbuild is not installed; the CLI loads from lib/ unbundled (slower start-up)\n');
    return false;
  }
  const result = await esbuild.build({
    entryPoints: [path.join(lib, 'cli', 'main.js')],
    outfile: path.join(bundleDir, 'ocp-images.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [forbidden, lazyBuiltins],
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// The ocp-images CLI, bundled from lib/cli/main.js by scripts/bundle-cli.js. Third-party licences: THIRD-PARTY-LICENSES.txt' },
  });
  fs.writeFileSync(path.join(bundleDir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(result.metafile));
  // esbuild escapes every non-ASCII character of the code (charset 'ascii'), but keeps some comments as written; an
  // ASCII file reads several times faster (src/cli/bundle-loader.ts), so those comments are made ASCII too.
  const file = path.join(bundleDir, 'ocp-images.js');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/[^\x00-\x7f]/gu, (character) => `\\u{${character.codePointAt(0).toString(16)}}`));
  return true;
}

/**
 * A small configuration that runs most of what `validate` and `preview` run on valid input: every kind, warnings.
 * Nothing in it makes the light YAML path hand over to the `yaml` library: code that did not run is compiled when
 * first needed, as without a cache, and every function in the cache costs a little at every start.
 */
const SAMPLE = `apiVersion: config.openshift.io/v1
kind: Image
metadata:
  name: cluster
spec:
  registrySources:
    insecureRegistries:
    - legacy.corp.example.com:5000
    blockedRegistries:
    - docker.io
  additionalTrustedCA:
    name: registry-cas
---
apiVersion: config.openshift.io/v1
kind: ImageDigestMirrorSet
metadata:
  name: release
spec:
  imageDigestMirrors:
  - source: quay.io/openshift-release-dev/ocp-release
    mirrors:
    - mirror.corp.example.com/ocp/release
  - source: registry.redhat.io/ubi9
    mirrors: [mirror.corp.example.com/ubi9]
    mirrorSourcePolicy: NeverContactSource
---
apiVersion: config.openshift.io/v1
kind: ImageTagMirrorSet
metadata:
  name: tags
spec:
  imageTagMirrors:
  - source: registry.example.com/team
    mirrors: ["mirror.corp.example.com/team"]
---
apiVersion: operator.openshift.io/v1alpha1
kind: ImageContentSourcePolicy
metadata:
  name: legacy
spec:
  repositoryDigestMirrors:
  - source: registry.example.org/old
    mirrors:
    - mirror.corp.example.com/old
---
apiVersion: imageregistry.operator.openshift.io/v1
kind: Config
metadata:
  name: cluster
spec:
  managementState: Managed
  replicas: 2
  storage:
    s3:
      bucket: registry
      region: eu-west-1
---
apiVersion: imageregistry.operator.openshift.io/v1
kind: ImagePruner
metadata:
  name: cluster
spec:
  schedule: "0 0 * * *"
  keepTagRevisions: 3
  keepYoungerThanDuration: 60m
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  namespace: default
data:
  key: value
`;

/** In the child process: runs the bundled CLI over the samples, then writes its code cache. */
async function warm() {
  const loader = require(path.join(lib, 'cli', 'bundle-loader.js'));
  if (loader.codeCacheKey(Buffer.alloc(0)) === undefined) {
    process.stdout.write('0\n');
    return;
  }
  const loaded = loader.loadCli(bundleDir);
  if (loaded.codeCache === 'unbundled') {
    throw new Error('the bundle did not load');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-bundle-'));
  try {
    fs.writeFileSync(path.join(dir, 'cluster.yaml'), SAMPLE);
    const sink = { write() { return true; } };
    const io = { stdout: sink, stderr: sink, cwd: dir, env: {} };
    const release = `quay.io/openshift-release-dev/ocp-release@sha256:${'0f'.repeat(32)}`;
    const runs = [
      ['validate', '-f', 'cluster.yaml'],
      ['validate', '-f', dir, '--format', 'json'],
      ['preview', '-f', 'cluster.yaml', '--out', path.join(dir, 'out'), '--release-image', release],
    ];
    for (const argv of runs) {
      // Relative paths as users give them: the runs read from the sample folder.
      const previous = process.cwd();
      process.chdir(dir);
      try {
        await loaded.runCli(argv, io);
      } finally {
        process.chdir(previous);
      }
    }
    const bytes = loader.writeCodeCache(loaded, bundleDir);
    process.stdout.write(`${bytes}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv[2] === '--warm') {
    await warm();
    return;
  }
  fs.rmSync(bundleDir, { recursive: true, force: true });
  if (!(await bundle())) {
    return;
  }
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, [__filename, '--warm'], { cwd: root, env, encoding: 'utf8' });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error('making the code cache of the CLI bundle failed');
  }
  const size = fs.statSync(path.join(bundleDir, 'ocp-images.js')).size;
  const cacheBytes = Number(child.stdout.trim());
  process.stdout.write(`lib/cli-bundle: ocp-images.js ${(size / 1024).toFixed(0)} KiB, ${cacheBytes > 0 ? `code cache ${(cacheBytes / 1024).toFixed(0)} KiB` : `no code cache (Node.js ${process.version} has no zlib.crc32)`}\n`);
}

module.exports = { forbidden, lazyBuiltins };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`scripts/bundle-cli.js: ${error.message}\n`);
    fs.rmSync(bundleDir, { recursive: true, force: true });
    process.exitCode = 1;
  });
}
