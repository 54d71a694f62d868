/**
 * `npm run synth` (scripts/synth.js): dist/, cdktf.out/ and preview/ switch together or not at all. The switch is
 * tested through the script's `synthesize` with small fake apps (fast, and able to fail or be killed on demand), and
 * once through the real script with the bundled example.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const SYNTH = path.join(ROOT, 'scripts/synth.js');
// The script is plain CommonJS, run by node as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthesize, SynthError, STATE_FOLDER } = require(SYNTH) as {
  synthesize: (options: { root: string; apps: App[]; log?: (line: string) => void }) => void;
  SynthError: new (message: string) => Error;
  STATE_FOLDER: string;
};

interface App {
  label: string;
  command: string;
  outputs: Record<string, string>;
  terraformStacks?: boolean;
}

const OUTPUTS = ['dist', 'preview', 'cdktf.out'];
const FILES_PER_OUTPUT = 60;

/** A stand-in for an app: writes numbered files stamped with `marker` into the folders named by the variables. */
const FAKE_APP = `
const fs = require('fs');
const path = require('path');
const [marker, count, outcome, ...variables] = process.argv.slice(2);
for (const variable of variables) {
  const dir = process.env[variable];
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < Number(count); i++) {
    fs.writeFileSync(path.join(dir, 'file-' + i + '.txt'), marker + ' ' + i + '\\n');
  }
}
// Tells the kill test that this app is done, so it can aim at the switch that follows.
fs.writeFileSync(path.join('signals', marker + '-' + variables[0]), '');
process.exit(outcome === 'fail' ? 3 : 0);
`;

let root: string;

function apps(marker: string, options: { cdktfFails?: boolean } = {}): App[] {
  const app = (outcome: string, ...variables: string[]) =>
    `node app.js ${marker} ${FILES_PER_OUTPUT} ${outcome} ${variables.join(' ')}`;
  return [
    { label: 'cdk8s', command: app('ok', 'CDK8S_OUTDIR', 'OCP_IMAGES_PREVIEW_OUTDIR'), outputs: { CDK8S_OUTDIR: 'dist', OCP_IMAGES_PREVIEW_OUTDIR: 'preview' } },
    { label: 'cdktf', command: app(options.cdktfFails === true ? 'fail' : 'ok', 'CDKTF_OUTDIR'), outputs: { CDKTF_OUTDIR: 'cdktf.out' } },
  ];
}

/** The marker every output holds in full, or a description of what is wrong (a mix, a folder missing...). */
function outputMarker(): string {
  const markers = new Set<string>();
  for (const name of OUTPUTS) {
    const dir = path.join(root, name);
    if (!fs.existsSync(dir)) {
      return `${name} missing`;
    }
    const files = fs.readdirSync(dir);
    if (files.length !== FILES_PER_OUTPUT) {
      return `${name} holds ${files.length} files`;
    }
    for (const file of files) {
      markers.add(fs.readFileSync(path.join(dir, file), 'utf8').split(' ')[0]);
    }
  }
  return markers.size === 1 ? [...markers][0] : `a mix of ${[...markers].sort().join(', ')}`;
}

function stateEntries(): string[] {
  return fs.readdirSync(path.join(root, STATE_FOLDER)).sort();
}

function synthQuietly(marker: string, options: { cdktfFails?: boolean } = {}): void {
  synthesize({ root, apps: apps(marker, options), log: () => undefined });
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-synth-'));
  fs.writeFileSync(path.join(root, 'app.js'), FAKE_APP);
  fs.mkdirSync(path.join(root, 'signals'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('GIVEN a project without output', () => {
  test('WHEN synthesized THEN the three outputs are links into one generation selected by .synth/current', () => {
    synthQuietly('first');
    expect(outputMarker()).toBe('first');
    for (const name of OUTPUTS) {
      expect(fs.readlinkSync(path.join(root, name))).toBe(`${STATE_FOLDER}/current/${name}`);
    }
    const entries = stateEntries();
    expect(entries).toHaveLength(2);
    expect(entries).toContain('current');
    expect(fs.readlinkSync(path.join(root, STATE_FOLDER, 'current'))).toBe(entries.find((e) => e !== 'current'));
  });
});

describe('GIVEN a previous output', () => {
  test('WHEN the second app fails THEN the error names it, and all three outputs hold the previous output whole', () => {
    synthQuietly('old');
    const before = stateEntries();
    expect(() => synthQuietly('new', { cdktfFails: true })).toThrow(SynthError);
    expect(() => synthQuietly('new', { cdktfFails: true })).toThrow('the cdktf app ("node app.js new 60 fail CDKTF_OUTDIR") failed with exit code 3');
    expect(outputMarker()).toBe('old');
    // The failed generations are gone.
    expect(stateEntries()).toEqual(before);
  });

  test('WHEN synthesized again THEN the outputs switch and the previous generation is removed', () => {
    synthQuietly('old');
    synthQuietly('new');
    expect(outputMarker()).toBe('new');
    expect(stateEntries()).toHaveLength(2);
  });
});

describe('GIVEN real output folders of the earlier script or of `cdk8s synth`', () => {
  test('WHEN synthesized THEN they are replaced by the links and the old scratch folders removed', () => {
    for (const name of OUTPUTS) {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'stale.txt'), 'old\n');
    }
    fs.mkdirSync(path.join(root, '.synth-cdk8s-Ab12Cd'));
    fs.writeFileSync(path.join(root, '.synth-cdk8s-Ab12Cd', 'x.yaml'), 'old\n');
    synthQuietly('new');
    expect(outputMarker()).toBe('new');
    expect(fs.readdirSync(root).sort()).toEqual([STATE_FOLDER, 'app.js', 'signals', ...OUTPUTS].sort());
    expect(stateEntries()).toHaveLength(2);
  });

  test('WHEN only dist is a real folder (cdk8s synth replaced its link) THEN it is taken over and everything switches', () => {
    synthQuietly('old');
    fs.rmSync(path.join(root, 'dist'));
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'by-cdk8s.yaml'), 'cdk8s\n');
    synthQuietly('new');
    expect(outputMarker()).toBe('new');
    expect(fs.lstatSync(path.join(root, 'dist')).isSymbolicLink()).toBe(true);
    expect(stateEntries()).toHaveLength(2);
  });
});

describe('GIVEN Terraform working files in cdktf.out/stacks/<stack>/ (terraform init and apply ran there)', () => {
  const CDKTF_APP = `
const fs = require('fs');
const path = require('path');
const [marker, ...stacks] = process.argv.slice(2);
for (const stack of stacks) {
  fs.mkdirSync(path.join(process.env.CDKTF_OUTDIR, 'stacks', stack), { recursive: true });
  fs.writeFileSync(path.join(process.env.CDKTF_OUTDIR, 'stacks', stack, 'cdk.tf.json'), marker);
}
`;
  const terraformApps = (marker: string, ...stacks: string[]): App[] => [
    { ...apps(marker)[0] },
    { label: 'cdktf', command: `node cdktf-app.js ${marker} ${stacks.join(' ')}`, outputs: { CDKTF_OUTDIR: 'cdktf.out' }, terraformStacks: true },
  ];

  test('WHEN synthesized again THEN they stay beside the new cdk.tf.json of the stacks still synthesized, as with cdktf synth', () => {
    fs.writeFileSync(path.join(root, 'cdktf-app.js'), CDKTF_APP);
    synthesize({ root, apps: terraformApps('old', 'kept', 'removed'), log: () => undefined });
    const kept = path.join(root, 'cdktf.out', 'stacks', 'kept');
    fs.writeFileSync(path.join(kept, 'terraform.tfstate'), '{"serial": 7}');
    fs.mkdirSync(path.join(kept, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(kept, '.terraform', 'providers', 'plugin'), 'binary');
    fs.symlinkSync('providers/plugin', path.join(kept, '.terraform', 'current'));
    fs.writeFileSync(path.join(root, 'cdktf.out', 'stacks', 'removed', 'terraform.tfstate'), '{}');

    synthesize({ root, apps: terraformApps('new', 'kept'), log: () => undefined });
    expect(fs.readFileSync(path.join(kept, 'cdk.tf.json'), 'utf8')).toBe('new');
    expect(fs.readFileSync(path.join(kept, 'terraform.tfstate'), 'utf8')).toBe('{"serial": 7}');
    expect(fs.readFileSync(path.join(kept, '.terraform', 'current'), 'utf8')).toBe('binary');
    expect(fs.readdirSync(path.join(root, 'cdktf.out', 'stacks'))).toEqual(['kept']);
    expect(stateEntries()).toHaveLength(2);
  });
});

describe('GIVEN an output name npm run synth did not make', () => {
  test('WHEN dist is a link elsewhere THEN nothing is run or changed, and the folder it points to is untouched', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-synth-elsewhere-'));
    try {
      fs.writeFileSync(path.join(elsewhere, 'keep.yaml'), 'keep\n');
      fs.symlinkSync(elsewhere, path.join(root, 'dist'));
      expect(() => synthQuietly('new')).toThrow(/dist is a symbolic link .* that npm run synth did not make/);
      expect(fs.readdirSync(elsewhere)).toEqual(['keep.yaml']);
      expect(fs.existsSync(path.join(root, 'preview'))).toBe(false);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('GIVEN synth runs killed with SIGKILL at spread-out moments', () => {
  /** Runs `synthesize` in a child process group; `killAt` ms after spawn, or after the last app has finished. */
  function runChild(marker: string, killAt?: { afterSpawn?: number; afterApps?: number }) {
    const script = `require(${JSON.stringify(SYNTH)}).synthesize({ root: ${JSON.stringify(root)}, apps: ${JSON.stringify(apps(marker))}, log: () => {} })`;
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: 'ignore', detached: true });
      // The whole group, as a CI runner or a terminal does: the apps die with the script.
      const kill = () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timers: NodeJS.Timeout[] = [];
      let watcher: fs.FSWatcher | undefined;
      if (killAt?.afterSpawn !== undefined) {
        timers.push(setTimeout(kill, killAt.afterSpawn));
      }
      if (killAt?.afterApps !== undefined) {
        const delay = killAt.afterApps;
        watcher = fs.watch(path.join(root, 'signals'), (_, name) => {
          if (name !== null && String(name) === `${marker}-CDKTF_OUTDIR`) {
            watcher?.close();
            timers.push(setTimeout(kill, delay));
          }
        });
      }
      child.on('exit', (code, signal) => {
        timers.forEach(clearTimeout);
        watcher?.close();
        resolve({ code, signal });
      });
    });
  }

  test('WHEN each is killed THEN the outputs hold the complete old or new output, and a normal run cleans up', async () => {
    let started = Date.now();
    expect(await runChild('m0')).toEqual({ code: 0, signal: null });
    const fullRun = Date.now() - started;
    let current = 'm0';
    const outcomes = { old: 0, new: 0, killed: 0 };
    const tries = 16;
    started = Date.now();
    for (let i = 1; i <= tries && Date.now() - started < 15_000; i++) {
      const next = `m${i}`;
      // Half anywhere in a run, half aimed at the switch after the apps (0 to 19 ms after the last one is done).
      const killAt = i % 2 === 0 ? { afterApps: (i * 7) % 20 } : { afterSpawn: Math.round((fullRun * 1.2 * i) / tries) };
      const result = await runChild(next, killAt);
      if (result.signal === 'SIGKILL') {
        outcomes.killed++;
      } else {
        expect(result.code).toBe(0);
      }
      const found = outputMarker();
      expect([current, next]).toContain(found);
      if (found === next) {
        outcomes.new++;
        current = next;
      } else {
        outcomes.old++;
      }
    }
    expect(outcomes.killed).toBeGreaterThan(0);
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);

    expect(await runChild('final')).toEqual({ code: 0, signal: null });
    expect(outputMarker()).toBe('final');
    expect(stateEntries()).toHaveLength(2);
    expect(fs.readdirSync(root).sort()).toEqual([STATE_FOLDER, 'app.js', 'signals', ...OUTPUTS].sort());
  });
});

describe('GIVEN the script in a project whose cdktf app fails', () => {
  test('WHEN run after a good synth THEN exit 1, the message names the app and says the output was kept, which is true', () => {
    // A copy of the script in a small project: its root is the folder above scripts/, as in this repository.
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(SYNTH, path.join(root, 'scripts', 'synth.js'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    // The script reads its file-system rules from the compiled library, as in this repository after the build.
    fs.symlinkSync(path.join(ROOT, 'lib'), path.join(root, 'lib'));
    fs.writeFileSync(path.join(root, 'example.ts'), 'export const example = 1;\n');
    fs.writeFileSync(path.join(root, 'tsconfig.examples.json'), JSON.stringify({ compilerOptions: { outDir: 'lib-examples', types: [] }, files: ['example.ts'] }));
    const configure = (marker: string, cdktfOutcome: string) => {
      const [cdk8s, cdktf] = apps(marker, { cdktfFails: cdktfOutcome === 'fail' });
      fs.writeFileSync(path.join(root, 'cdk8s.yaml'), `app: ${cdk8s.command}\noutput: dist\n`);
      fs.writeFileSync(path.join(root, 'cdktf.json'), JSON.stringify({ app: cdktf.command, output: 'cdktf.out' }));
    };
    const runScript = () => spawnSync(process.execPath, [path.join(root, 'scripts', 'synth.js')], { cwd: root, encoding: 'utf8' });

    configure('good', 'ok');
    expect(runScript().status).toBe(0);
    expect(outputMarker()).toBe('good');
    configure('bad', 'fail');
    const failed = runScript();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(
      'synth failed: the cdktf app ("node app.js bad 60 fail CDKTF_OUTDIR") failed with exit code 3; ' +
        'the previous output (dist/, cdktf.out/, preview/) is left as it was.\n',
    );
    expect(outputMarker()).toBe('good');
    expect(stateEntries()).toHaveLength(2);
  });
});

describe('GIVEN the bundled example', () => {
  test('WHEN `node scripts/synth.js` runs (what npm run synth runs after the build) THEN dist/, cdktf.out/ and preview/ are its links, complete', () => {
    const result = spawnSync(process.execPath, [SYNTH], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('wrote dist/, preview/, cdktf.out/');
    for (const name of OUTPUTS) {
      expect(fs.readlinkSync(path.join(ROOT, name))).toBe(`${STATE_FOLDER}/current/${name}`);
    }
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'cluster-images.k8s.yaml'), 'utf8')).toContain('kind: ImageDigestMirrorSet');
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.out', 'manifest.json'), 'utf8')).stacks).toBeDefined();
    expect(fs.readFileSync(path.join(ROOT, 'preview', 'etc', 'containers', 'registries.conf'), 'utf8')).toContain('[[registry]]');
    const state = fs.readdirSync(path.join(ROOT, STATE_FOLDER));
    expect(state).toHaveLength(2);
  });
});
