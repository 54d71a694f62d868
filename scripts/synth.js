#!/usr/bin/env node
// `npm run synth`: compiles the bundled example, then runs the cdk8s app named in cdk8s.yaml and the cdktf app named
// in cdktf.json, as `cdk8s synth` and `cdktf synth` would, without needing either CLI.
//
// The three outputs (dist/, cdktf.out/, preview/) switch together or not at all. Both apps write into one fresh
// generation folder; only when both succeed is it made current, by a single rename(2) of a link:
//
//   dist      -> .synth/current/dist          (links made once, never changed afterwards)
//   cdktf.out -> .synth/current/cdktf.out
//   preview   -> .synth/current/preview
//   .synth/current -> gen.<pid>.<hex>         (the one link that is switched)
//   .synth/gen.<pid>.<hex>/{dist,cdktf.out,preview}
//
// This is the layout of Kubernetes' AtomicWriter (`..data`): a kill at any moment leaves the complete old output or
// the complete new one. Real folders left by an earlier version or by `cdk8s synth` are moved into the current
// generation first (content unchanged), then replaced by the links. Leftovers of killed runs are removed by the next.
// Terraform's working files in cdktf.out/stacks/<stack>/ (.terraform/, a local state) carry over to each generation.
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
// The compiled library (npm run synth builds first): the same file-system rules as the preview's output folder.
const { lstatOrUndefined, mayBeInUse } = require('../lib/node-files/file-system');

/** The state folder at the project root, and the link in it that selects the current generation. */
const STATE_FOLDER = '.synth';
const CURRENT = 'current';
const GENERATION = /^gen\.(\d+)\.[0-9a-f]{8}$/;
const LEFTOVER = /^(?:link|current|moved)\.(\d+)\.[0-9a-f]{8}$/;
/** Scratch folders of the earlier synth script, left behind by a kill. */
const OLD_SCRATCH = /^\.synth-(?:cdk8s|cdktf)-[A-Za-z0-9]{6}$/;
/** Leftovers of a run whose process cannot be checked (another PID namespace) are stale after this long. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** A problem the user can act on: printed without a stack trace. */
class SynthError extends Error {}

function uniqueName(prefix) {
  return `${prefix}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
}

/** `output` of cdk8s.yaml / cdktf.json as a folder name at the project root. */
function outputName(value, where) {
  const name = String(value).replace(/\/+$/, '').replace(/^\.\//, '');
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes(path.sep) || name === STATE_FOLDER) {
    throw new SynthError(`${where}: output ${JSON.stringify(value)} must name a folder at the project root (e.g. "dist")`);
  }
  return name;
}

/** The project's output folders and the state folder; every method checks what it touches with lstat. */
class Outputs {
  constructor(root, names) {
    this.root = root;
    this.names = names;
    this.state = path.join(root, STATE_FOLDER);
    this.current = path.join(this.state, CURRENT);
  }

  linkTarget(name) {
    return `${STATE_FOLDER}/${CURRENT}/${name}`;
  }

  /** The generation `.synth/current` selects, or undefined when there is none yet. */
  currentGeneration() {
    const stats = lstatOrUndefined(this.current);
    if (stats === undefined) {
      return undefined;
    }
    const target = stats.isSymbolicLink() ? fs.readlinkSync(this.current) : '';
    if (!GENERATION.test(target)) {
      throw new SynthError(`${STATE_FOLDER}/${CURRENT} is not a link made by npm run synth; remove the ${STATE_FOLDER} folder and run again`);
    }
    return target;
  }

  /** What each output name is now; refuses anything npm run synth did not make, before any change. */
  inspect() {
    const stateStats = lstatOrUndefined(this.state);
    if (stateStats !== undefined && !stateStats.isDirectory()) {
      throw new SynthError(`${STATE_FOLDER} is not a folder (it holds the generations of npm run synth); remove it and run again`);
    }
    this.currentGeneration();
    const kinds = {};
    for (const name of this.names) {
      const file = path.join(this.root, name);
      const stats = lstatOrUndefined(file);
      if (stats === undefined) {
        kinds[name] = 'absent';
      } else if (stats.isSymbolicLink()) {
        const target = fs.readlinkSync(file);
        if (target !== this.linkTarget(name)) {
          throw new SynthError(`${name} is a symbolic link (to ${JSON.stringify(target)}) that npm run synth did not make; remove it and run again`);
        }
        kinds[name] = 'link';
      } else if (stats.isDirectory()) {
        kinds[name] = 'folder';
      } else {
        throw new SynthError(`${name} is a file, where npm run synth writes a folder; move it away and run again`);
      }
    }
    return kinds;
  }

  ensureState() {
    if (lstatOrUndefined(this.state) === undefined) {
      fs.mkdirSync(this.state, { mode: 0o755 });
    }
  }

  /** Makes `name` the link into the current generation (a new link renamed into place). */
  placeLink(name) {
    const temporary = path.join(this.state, uniqueName('link'));
    fs.symlinkSync(this.linkTarget(name), temporary);
    fs.renameSync(temporary, path.join(this.root, name));
  }

  /** The single step that switches every output at once. */
  selectGeneration(generation) {
    const temporary = path.join(this.state, uniqueName('current'));
    fs.symlinkSync(generation, temporary);
    fs.renameSync(temporary, this.current);
  }

  /**
   * A kill between moving a real folder into the current generation and linking it leaves the name absent: the link
   * goes back first, so the output is complete again before anything else happens.
   */
  repair() {
    if (this.currentGeneration() === undefined) {
      return;
    }
    for (const name of this.names) {
      if (lstatOrUndefined(path.join(this.root, name)) === undefined && lstatOrUndefined(path.join(this.current, name)) !== undefined) {
        this.placeLink(name);
      }
    }
  }

  /** Removes generations and temporary entries no longer in use, and the scratch folders of the earlier script. */
  removeStale() {
    for (const name of fs.readdirSync(this.root)) {
      if (OLD_SCRATCH.test(name) && lstatOrUndefined(path.join(this.root, name))?.isDirectory()) {
        fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
      }
    }
    if (lstatOrUndefined(this.state)?.isDirectory() !== true) {
      return;
    }
    const current = this.currentGeneration();
    for (const name of fs.readdirSync(this.state)) {
      const match = GENERATION.exec(name) ?? LEFTOVER.exec(name);
      const entry = path.join(this.state, name);
      const stats = lstatOrUndefined(entry);
      if (match !== null && name !== current && stats !== undefined && !mayBeInUse(Number(match[1]), stats, STALE_AFTER_MS)) {
        fs.rmSync(entry, { recursive: true, force: true });
      }
    }
  }

  /**
   * Switches every output to `generation` (a folder in the state folder holding one folder per output name); returns
   * what is no longer used: the previous generation and folders moved aside.
   */
  switchTo(generation) {
    const kinds = this.inspect();
    let current = this.currentGeneration();
    const realFolders = this.names.filter((name) => kinds[name] === 'folder');
    if (realFolders.length > 0 && current === undefined) {
      // Real folders need a current generation to move into; it starts empty, so nothing visible changes.
      current = uniqueName('gen');
      fs.mkdirSync(path.join(this.state, current), { mode: 0o755 });
      this.selectGeneration(current);
    }
    const unused = [];
    for (const name of realFolders) {
      const inCurrent = path.join(this.state, current, name);
      if (lstatOrUndefined(inCurrent) !== undefined) {
        // Hidden behind the real folder, so moving it aside changes nothing visible.
        const aside = path.join(this.state, uniqueName('moved'));
        fs.renameSync(inCurrent, aside);
        unused.push(aside);
      }
      fs.renameSync(path.join(this.root, name), inCurrent);
      this.placeLink(name);
    }
    for (const name of this.names) {
      if (kinds[name] === 'absent') {
        this.placeLink(name);
      }
    }
    this.selectGeneration(generation);
    if (current !== undefined) {
      unused.push(path.join(this.state, current));
    }
    return unused;
  }
}

/** A copy of `from` at `to` that shares the files' data (hard links), so even provider binaries cost nothing. */
function linkTree(from, to) {
  const stats = fs.lstatSync(from);
  if (stats.isDirectory()) {
    fs.mkdirSync(to, { mode: stats.mode & 0o7777 });
    for (const name of fs.readdirSync(from)) {
      linkTree(path.join(from, name), path.join(to, name));
    }
  } else if (stats.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else {
    try {
      fs.linkSync(from, to);
    } catch (error) {
      if (!['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes(error.code)) {
        throw error;
      }
      fs.copyFileSync(from, to);
    }
  }
}

/**
 * Terraform's working files in `<output>/stacks/<stack>/` (`.terraform/`, the lock file, a local state) are not the
 * app's: `cdktf synth` leaves them in place for the stacks it still synthesizes, and so does this script, by
 * carrying every entry the new synthesis did not write into the new generation (hard links; the old generation keeps
 * its own names until the switch, so a kill loses nothing).
 */
function carryStackFiles(previousOutput, nextOutput) {
  const previousStacks = path.join(previousOutput, 'stacks');
  const nextStacks = path.join(nextOutput, 'stacks');
  if (lstatOrUndefined(previousStacks)?.isDirectory() !== true || lstatOrUndefined(nextStacks)?.isDirectory() !== true) {
    return;
  }
  for (const stack of fs.readdirSync(nextStacks)) {
    const from = path.join(previousStacks, stack);
    const to = path.join(nextStacks, stack);
    if (lstatOrUndefined(from)?.isDirectory() !== true || lstatOrUndefined(to)?.isDirectory() !== true) {
      continue;
    }
    for (const entry of fs.readdirSync(from)) {
      if (lstatOrUndefined(path.join(to, entry)) === undefined) {
        linkTree(path.join(from, entry), path.join(to, entry));
      }
    }
  }
}

function runApp(app, root, env) {
  const result = spawnSync(app.command, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', shell: true });
  if (result.status !== 0) {
    const how = result.status === null ? `was stopped by ${result.signal ?? 'a signal'}` : `failed with exit code ${result.status}`;
    throw new SynthError(`the ${app.label} app ("${app.command}") ${how}`);
  }
}

/**
 * Runs `apps` into a fresh generation and switches every output to it when all succeed.
 * @param {{ root: string, apps: { label: string, command: string, outputs: Record<string, string>, terraformStacks?: boolean }[], log?: (line: string) => void }} options
 *   `outputs` maps an environment variable (the app's output folder) to an output name at `root`; `terraformStacks`
 *   carries Terraform's working files of the stacks from the previous output (see carryStackFiles)
 * @throws SynthError (or a file-system error) when an app fails or an output cannot be switched; the previous output
 *   is then complete and unchanged
 */
function synthesize({ root, apps, log = console.log }) {
  const names = apps.flatMap((app) => Object.values(app.outputs));
  if (new Set(names).size !== names.length) {
    throw new SynthError(`two apps write the same output folder (${names.join(', ')})`);
  }
  const outputs = new Outputs(root, names);
  outputs.inspect();
  outputs.ensureState();
  outputs.repair();
  outputs.removeStale();

  const generationName = uniqueName('gen');
  const generation = path.join(outputs.state, generationName);
  fs.mkdirSync(generation, { mode: 0o755 });
  let unused = [];
  try {
    for (const app of apps) {
      const env = {};
      for (const [variable, name] of Object.entries(app.outputs)) {
        env[variable] = path.join(generation, name);
      }
      log(`synth ${app.label}: ${app.command}`);
      runApp(app, root, env);
    }
    for (const name of names) {
      // Every link must resolve, even for an app that wrote nothing.
      if (lstatOrUndefined(path.join(generation, name)) === undefined) {
        fs.mkdirSync(path.join(generation, name), { mode: 0o755 });
      }
    }
    for (const app of apps.filter((a) => a.terraformStacks === true)) {
      for (const name of Object.values(app.outputs)) {
        // What the user sees now: through the link into the current generation, or a real folder about to be taken over.
        carryStackFiles(path.join(root, name), path.join(generation, name));
      }
    }
    unused = outputs.switchTo(generationName);
  } catch (error) {
    if (outputs.currentGeneration() !== generationName) {
      fs.rmSync(generation, { recursive: true, force: true });
    }
    throw error;
  }
  log(`  wrote ${names.map((name) => `${name}/`).join(', ')}`);
  try {
    for (const folder of unused) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    outputs.removeStale();
  } catch (error) {
    log(`  note: could not remove an earlier generation in ${STATE_FOLDER}/ (${error.message}); the next run tries again`);
  }
}

function main() {
  // Loaded here so that requiring this file for its functions (tests) needs no dependency.
  const YAML = require('yaml');
  const root = path.resolve(__dirname, '..');
  const compile = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.examples.json'], { cwd: root, stdio: 'inherit' });
  if (compile.status !== 0) {
    throw new SynthError('the examples do not compile (see the TypeScript errors above)');
  }
  const cdk8sConfig = YAML.parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'));
  const apps = [{
    label: 'cdk8s',
    command: cdk8sConfig.app,
    outputs: { CDK8S_OUTDIR: outputName(cdk8sConfig.output ?? 'dist', 'cdk8s.yaml'), OCP_IMAGES_PREVIEW_OUTDIR: 'preview' },
  }];
  const cdktfConfigPath = path.join(root, 'cdktf.json');
  if (fs.existsSync(cdktfConfigPath)) {
    const cdktfConfig = JSON.parse(fs.readFileSync(cdktfConfigPath, 'utf8'));
    apps.push({
      label: 'cdktf',
      command: cdktfConfig.app,
      outputs: { CDKTF_OUTDIR: outputName(cdktfConfig.output ?? 'cdktf.out', 'cdktf.json') },
      terraformStacks: true,
    });
  }
  synthesize({ root, apps });
}

module.exports = { synthesize, SynthError, STATE_FOLDER };

if (require.main === module) {
  try {
    main();
  } catch (error) {
    // Nothing is switched before both apps succeed, so whatever failed, the previous output is complete.
    const reason = error instanceof SynthError || typeof error.code === 'string' ? error.message : error.stack;
    console.error(`synth failed: ${reason}; the previous output (dist/, cdktf.out/, preview/) is left as it was.`);
    process.exitCode = 1;
  }
}
