'use strict';
// Start-up of the `ocp-images` CLI (run after `npm run build`): whole processes, as a user or a CI job starts them,
// against a bare `node -e 0` on the same machine. Goal (issue 17): `validate` and `preview` of one small file within
// 1.6x of `node -e 0`.
//
// Every command runs ROUNDS times, all commands once per round in a rotating order, so a slow moment of the shared
// machine lands on every command alike. A command's figure is its median wall-clock time; its ratio is given both as
// median / median of `node -e 0`, and as the median of the per-round ratios (each against the `node -e 0` of its own
// round). The same commands are also run with the CLI loaded from lib/cli/main.js (no bundle, no code cache), to show
// what the bundle and its cache save, and with BENCH_BASELINE_CLI=/path/to/bin/ocp-images.js (another build, e.g. of
// an earlier commit) in the same rounds.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { table } = require('./stats');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 21);
const GOAL = 1.6;
const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'ocp-images.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-startup-'));

// One small file, as a repository holds it: a digest mirror set with one source.
fs.writeFileSync(path.join(dir, 'mirrors.yaml'), [
  'apiVersion: config.openshift.io/v1',
  'kind: ImageDigestMirrorSet',
  'metadata:',
  '  name: ubi9',
  'spec:',
  '  imageDigestMirrors:',
  '  - source: registry.redhat.io/ubi9',
  '    mirrors:',
  '    - mirror.corp.example.com/ubi9',
  '',
].join('\n'));
// The CLI without the bundle: what `bin/ocp-images.js` did before.
const unbundledBin = path.join(dir, 'unbundled.js');
fs.writeFileSync(unbundledBin, `require(${JSON.stringify(path.join(root, 'lib', 'cli', 'main.js'))}).runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`);

const out = path.join(dir, 'out');
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'validate -f mirrors.yaml', argv: [bin, 'validate', '-f', 'mirrors.yaml'], goal: true },
  { name: 'preview -f mirrors.yaml --out DIR', argv: [bin, 'preview', '-f', 'mirrors.yaml', '--out', out], goal: true },
  { name: 'validate --format json', argv: [bin, 'validate', '-f', 'mirrors.yaml', '--format', 'json'] },
  { name: '--version', argv: [bin, '--version'] },
  { name: '--help', argv: [bin, '--help'] },
  { name: 'validate (unbundled)', argv: [unbundledBin, 'validate', '-f', 'mirrors.yaml'] },
  { name: 'preview (unbundled)', argv: [unbundledBin, 'preview', '-f', 'mirrors.yaml', '--out', out] },
  ...(process.env.BENCH_BASELINE_CLI ? [
    { name: 'validate (BENCH_BASELINE_CLI)', argv: [process.env.BENCH_BASELINE_CLI, 'validate', '-f', 'mirrors.yaml'] },
    { name: 'preview (BENCH_BASELINE_CLI)', argv: [process.env.BENCH_BASELINE_CLI, 'preview', '-f', 'mirrors.yaml', '--out', out] },
  ] : []),
];

/** Wall-clock milliseconds of one process; fails loudly when the command fails. */
function time(command) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command.argv, { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command.name} exited ${result.status}:\n${result.stderr}`);
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const codeCache = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(root, 'lib', 'cli', 'bundle-loader.js'))}).loadCli().codeCache)`], { encoding: 'utf8' }).stdout;

// Warm the file system cache, so the first round is like the others.
for (const command of commands) time(command);
const times = commands.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < commands.length; i++) {
    const index = (i + round) % commands.length;
    times[index][round] = time(commands[index]);
  }
}
const baseline = median(times[0]);
const rows = [['command', 'median ms', 'ratio of medians', 'median per-round ratio', 'goal']];
let met = true;
commands.forEach((command, index) => {
  const ratio = median(times[index]) / baseline;
  const perRound = median(times[index].map((ms, round) => ms / times[0][round]));
  const verdict = command.goal ? (perRound <= GOAL ? `<= ${GOAL}x: met` : `<= ${GOAL}x: NOT met`) : '';
  met = met && (!command.goal || perRound <= GOAL);
  rows.push([command.name, median(times[index]).toFixed(1), `${ratio.toFixed(2)}x`, `${perRound.toFixed(2)}x`, verdict]);
});
console.log(`Start-up: whole processes, ${ROUNDS} rounds in rotating order, medians (node ${process.version}, code cache: ${codeCache})`);
table(rows);
console.log(met ? 'start-up goal met' : 'start-up goal NOT met (a shared machine under load can cause this: run again)');

// Inside the process: what loading the CLI (bin/ocp-images.js's one call) and running the command take, against the
// whole process's wall-clock time measured outside.
const probe = path.join(dir, 'inside.js');
fs.writeFileSync(probe, `const started = process.hrtime.bigint();
const since = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const loader = require(${JSON.stringify(path.join(root, 'lib', 'cli', 'bundle-loader.js'))});
const loaderMs = since(started);
const loading = process.hrtime.bigint();
const loaded = loader.loadCli();
const loadMs = since(loading);
const running = process.hrtime.bigint();
loaded.runCli(process.argv.slice(2), { stdout: { write() { return true; } } }).then(() => {
  process.stderr.write(JSON.stringify({ loaderMs, loadMs, runMs: since(running) }));
});
`);
const inside = [['command', 'require the loader', 'loadCli()', 'run the command']];
for (const argv of [['validate', '-f', 'mirrors.yaml'], ['preview', '-f', 'mirrors.yaml', '--out', out]]) {
  const laps = [];
  for (let round = 0; round < ROUNDS; round++) {
    const result = spawnSync(process.execPath, [probe, ...argv], { cwd: dir, encoding: 'utf8' });
    laps.push(JSON.parse(result.stderr));
  }
  inside.push([argv[0], ...['loaderMs', 'loadMs', 'runMs'].map((key) => median(laps.map((lap) => lap[key])).toFixed(1))]);
}
console.log('\nInside the process, median ms (loadCli: read the bundle and its cache, check them, compile with the cache, run its top level):');
table(inside);
fs.rmSync(dir, { recursive: true, force: true });
