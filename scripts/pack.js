#!/usr/bin/env node
// `npm pack` / `npm publish` hooks (package.json `prepack` and `postpack`).
//
// In this repository `prepare` builds lib/, so that `npm ci` on a fresh clone leaves the package built. A dependency
// that carries a `prepare` script, though, is listed by npm 11 as having "install scripts not yet covered by
// allowScripts" whenever it comes from anywhere but the registry (a tarball, a folder, git), even though npm never
// runs `prepare` for a tarball. So the packed package.json carries no script at all (none of them would work in the
// installed package anyway: they use files that are not shipped):
//
//   prepack   rebuilds lib/ from scratch (no stale file from a removed source is shipped), keeps the package.json
//             of the repository aside and writes it without `scripts`; npm then reads that one for the tarball
//             (and, finding no `prepare`, does not build a second time);
//   postpack  puts the package.json of the repository back.
//
// If a pack is interrupted between the two, the next `prepack` or `postpack` restores the kept copy first.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifestPath = path.join(root, 'package.json');
// Next to package.json, ignored by git, and never packed (not under a `files` entry).
const keptPath = path.join(root, '.package.json.prepack');

function restore() {
  if (fs.existsSync(keptPath)) {
    fs.copyFileSync(keptPath, manifestPath);
    fs.rmSync(keptPath);
  }
}

function build() {
  fs.rmSync(path.join(root, 'lib'), { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  // The bundled CLI and its code cache, as `npm run build` makes them.
  const bundled = spawnSync(process.execPath, [path.join(__dirname, 'bundle-cli.js')], { cwd: root, stdio: 'inherit' });
  if (bundled.status !== 0) {
    process.exit(bundled.status ?? 1);
  }
}

/** The manifest as packed: the repository's, without `scripts`. */
function packedManifest(text) {
  const manifest = JSON.parse(text);
  delete manifest.scripts;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const step = process.argv[2];
if (step === 'prepack') {
  restore();
  build();
  const text = fs.readFileSync(manifestPath, 'utf8');
  fs.writeFileSync(keptPath, text);
  fs.writeFileSync(manifestPath, packedManifest(text));
} else if (step === 'postpack') {
  restore();
} else {
  process.stderr.write('usage: node scripts/pack.js prepack|postpack\n');
  process.exit(2);
}
