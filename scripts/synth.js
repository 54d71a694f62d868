#!/usr/bin/env node
// `npm run synth`: compiles the bundled example, then runs the cdk8s app named in cdk8s.yaml and the cdktf app named
// in cdktf.json, as `cdk8s synth` and `cdktf synth` would, without needing either CLI. Each app writes into a scratch
// folder that replaces the real output folder only when the app succeeds, so a failed synth leaves no partial output.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');

function run(command, env) {
  const result = spawnSync(command, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', shell: true });
  if (result.status !== 0) {
    throw new Error(`"${command}" failed with exit code ${result.status}`);
  }
}

/** Runs `command` with its output folder(s) pointed at scratch folders, then swaps them in. */
function synthInto(label, command, outputs) {
  const scratch = fs.mkdtempSync(path.join(root, `.synth-${label}-`));
  try {
    const env = {};
    for (const [variable, folder] of Object.entries(outputs)) {
      env[variable] = path.join(scratch, folder);
    }
    console.log(`synth ${label}: ${command}`);
    run(command, env);
    for (const folder of Object.values(outputs)) {
      const produced = path.join(scratch, folder);
      const target = path.join(root, folder);
      fs.rmSync(target, { recursive: true, force: true });
      if (fs.existsSync(produced)) {
        fs.renameSync(produced, target);
        console.log(`  wrote ${folder}/`);
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function main() {
  const compile = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.examples.json'], { cwd: root, stdio: 'inherit' });
  if (compile.status !== 0) {
    throw new Error('the examples do not compile (see the TypeScript errors above)');
  }

  const cdk8sConfig = YAML.parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'));
  synthInto('cdk8s', cdk8sConfig.app, { CDK8S_OUTDIR: cdk8sConfig.output ?? 'dist', OCP_IMAGES_PREVIEW_OUTDIR: 'preview' });

  const cdktfConfigPath = path.join(root, 'cdktf.json');
  if (fs.existsSync(cdktfConfigPath)) {
    const cdktfConfig = JSON.parse(fs.readFileSync(cdktfConfigPath, 'utf8'));
    synthInto('cdktf', cdktfConfig.app, { CDKTF_OUTDIR: cdktfConfig.output ?? 'cdktf.out' });
  }
}

try {
  main();
} catch (error) {
  console.error(`synth failed: ${error.message}; the previous output is left as it was.`);
  process.exitCode = 1;
}
