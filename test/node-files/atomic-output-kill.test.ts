/**
 * `ocp-images preview --out DIR` killed with SIGKILL at spread-out moments (the real bin, inputs large enough that
 * writing takes a while): after every kill the node paths hold exactly the previous set or the new one, never a mix
 * and never nothing; a later normal run removes every leftover. Bounded in tries and in time.
 */
import { execSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { PREVIEW_STATE_FOLDER } from '../../src/node-files';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/ocp-images.js');
const NODE_PATHS = [
  'etc/containers/registries.conf',
  'etc/containers/policy.json',
  'etc/containers/registries.conf.d/01-image-searchRegistries.conf',
];
/** Kills tried at the least; more (up to MAX_TRIES) until every outcome was seen, as a loaded machine can shift them. */
const MIN_TRIES = 20;
const MAX_TRIES = 60;
const TIME_BUDGET_MS = 60_000;

/** Many mirror rules and registries, so registries.conf runs to megabytes. */
function input(kind: 'a' | 'b', count: number): string {
  const mirrors = Array.from({ length: count }, (_, i) => ({
    source: `source-${kind}-${i}.example.com/team/app`,
    mirrors: [`mirror-${kind}-${i}.corp.example.com/team/app`],
  }));
  const sources = kind === 'a'
    ? { blockedRegistries: Array.from({ length: count }, (_, i) => `blocked-${i}.example.com`), containerRuntimeSearchRegistries: ['search.example.com'] }
    : { insecureRegistries: ['insecure.example.com'] };
  return [
    { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'many' }, spec: { imageDigestMirrors: mirrors } },
    { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: sources } },
  ].map((doc) => stringify(doc)).join('---\n');
}

type NodeSet = Record<string, string | undefined>;

function nodeFiles(out: string): NodeSet {
  const files: NodeSet = {};
  for (const nodePath of NODE_PATHS) {
    const file = path.join(out, nodePath);
    files[nodePath] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }
  return files;
}

function describeSet(files: NodeSet, sets: Record<string, NodeSet>): string {
  const named = Object.entries(sets).find(([, set]) => NODE_PATHS.every((p) => set[p] === files[p]));
  return named === undefined
    ? `a mix: ${NODE_PATHS.map((p) => `${p}=${files[p] === undefined ? 'absent' : `${files[p]!.length} chars`}`).join(', ')}`
    : named[0];
}

let work: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/node-files/atomic-output.js'))) {
    execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-out-kill-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** Runs the preview; `killAt` arms a SIGKILL (ms after spawn, or after the new generation folder appears). */
function runPreview(inputFile: string, out: string, killAt?: { afterSpawn?: number; afterGeneration?: number }) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'preview', '-f', inputFile, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timers: NodeJS.Timeout[] = [];
    let watcher: fs.FSWatcher | undefined;
    const kill = () => child.kill('SIGKILL');
    if (killAt?.afterSpawn !== undefined) {
      timers.push(setTimeout(kill, killAt.afterSpawn));
    }
    if (killAt?.afterGeneration !== undefined) {
      const delay = killAt.afterGeneration;
      watcher = fs.watch(path.join(out, 'etc', PREVIEW_STATE_FOLDER), (_, name) => {
        if (name !== null && String(name).startsWith('gen.')) {
          watcher?.close();
          timers.push(setTimeout(kill, delay));
        }
      });
    }
    child.on('exit', (code, signal) => {
      timers.forEach(clearTimeout);
      watcher?.close();
      resolve({ code, signal, stderr });
    });
  });
}

describe('GIVEN a preview folder holding a previous set', () => {
  test('WHEN preview runs are killed at spread-out moments THEN each leaves the old set or the new one, and a normal run cleans up', async () => {
    const inputs = { a: path.join(work, 'a.yaml'), b: path.join(work, 'b.yaml') };
    fs.writeFileSync(inputs.a, input('a', 1500));
    fs.writeFileSync(inputs.b, input('b', 2500));

    // The two sets, from clean runs; each run also gives the time a whole run takes.
    const sets: Record<'a' | 'b', NodeSet> = { a: {}, b: {} };
    const durations: number[] = [];
    for (const kind of ['a', 'b'] as const) {
      const started = Date.now();
      const result = await runPreview(inputs[kind], path.join(work, `reference-${kind}`));
      durations.push(Date.now() - started);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      sets[kind] = nodeFiles(path.join(work, `reference-${kind}`));
    }
    expect(NODE_PATHS.every((p) => sets.a[p] !== undefined)).toBe(true);
    expect(sets.b[NODE_PATHS[0]]).toBeDefined();
    expect(sets.b[NODE_PATHS[1]]).toBeUndefined();
    const fullRun = Math.max(...durations);

    const out = path.join(work, 'out');
    expect((await runPreview(inputs.a, out)).code).toBe(0);
    let current: 'a' | 'b' = 'a';
    const outcomes = { old: 0, new: 0, killed: 0, duringWrite: 0 };
    const started = Date.now();
    const seenEveryOutcome = () => outcomes.killed > 0 && outcomes.duringWrite > 0 && outcomes.new > 0 && outcomes.old > 0;
    for (let i = 0; i < MAX_TRIES && Date.now() - started < TIME_BUDGET_MS && (i < MIN_TRIES || !seenEveryOutcome()); i++) {
      const next: 'a' | 'b' = current === 'a' ? 'b' : 'a';
      // Half the kills land anywhere in a run (from 15% to 150% of a whole run's time, in ten steps), half while the new
      // generation is being written and switched (0 to 36 ms after its folder appears).
      const step = Math.floor(i / 2) % 10;
      const killAt = i % 2 === 0
        ? { afterSpawn: Math.round((fullRun * 1.5 * (step + 1)) / 10) }
        : { afterGeneration: step * 4 };
      const result = await runPreview(inputs[next], out, killAt);
      if (result.signal === 'SIGKILL') {
        outcomes.killed++;
      } else {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
      const found = describeSet(nodeFiles(out), sets);
      expect([current, next]).toContain(found);
      if (fs.readdirSync(path.join(out, 'etc', PREVIEW_STATE_FOLDER)).length > 1) {
        // A generation folder was left behind: this kill hit the run while it was writing or switching.
        outcomes.duringWrite++;
      }
      if (found === next) {
        outcomes.new++;
        current = next;
      } else {
        outcomes.old++;
      }
    }
    // The kills were real and spread: some runs died (some while writing), some switched.
    expect(outcomes.killed).toBeGreaterThan(0);
    expect(outcomes.duringWrite).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
    expect(outcomes.old).toBeGreaterThan(0);

    const final: 'a' | 'b' = current === 'a' ? 'b' : 'a';
    const result = await runPreview(inputs[final], out);
    expect(result.code).toBe(0);
    expect(describeSet(nodeFiles(out), sets)).toBe(final);
    expect(fs.readdirSync(out)).toEqual(['etc']);
    expect(fs.readdirSync(path.join(out, 'etc')).sort()).toEqual([PREVIEW_STATE_FOLDER, 'containers']);
    const state = fs.readdirSync(path.join(out, 'etc', PREVIEW_STATE_FOLDER));
    expect(state).toHaveLength(1);
    expect(fs.readlinkSync(path.join(out, 'etc', 'containers'))).toBe(`${PREVIEW_STATE_FOLDER}/${state[0]}`);
  });
});
