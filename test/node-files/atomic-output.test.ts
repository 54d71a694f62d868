/**
 * `ocp-images preview --out DIR` (and `NodeFilesPreview.write`) own DIR and nothing else: through the compiled bin,
 * as users run it (also as root in CI), a symbolic link on a write path is refused with exit 2 and one message, and
 * the folder it points to is left exactly as it was; files the preview did not write are never deleted; the old set
 * stays whole when the new one cannot be switched in.
 */
import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { NodeFilesPreview } from '../../src/constructs/k8s/node-files-preview';
import { OutputFolderError, PREVIEW_STATE_FOLDER } from '../../src/node-files';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/ocp-images.js');
const NODE_PATHS = [
  'etc/containers/registries.conf',
  'etc/containers/policy.json',
  'etc/containers/registries.conf.d/01-image-searchRegistries.conf',
];

const image = (sources: object) =>
  stringify({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: sources } });
/** Writes all three files. */
const INPUT_A = image({ blockedRegistries: ['blocked.example.com'], containerRuntimeSearchRegistries: ['search.example.com'] });
/** Writes registries.conf only. */
const INPUT_B = image({ insecureRegistries: ['insecure.example.com'] });

let work: string;

function run(args: string[], options: { uid?: number; gid?: number } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', ...options });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, error: result.error };
}

function preview(input: string, out: string) {
  fs.writeFileSync(path.join(work, 'in.yaml'), input);
  return run(['preview', '-f', 'in.yaml', '--out', out]);
}

/** What a node reads at the three node paths under `dir` (undefined: absent). */
function nodeFiles(dir: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const nodePath of NODE_PATHS) {
    const file = path.join(work, dir, nodePath);
    out[nodePath] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }
  return out;
}

/** Every entry under `dir`, without following links: kind and content or link target. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const name of fs.readdirSync(current).sort()) {
      const full = path.join(current, name);
      const relative = `${prefix}${name}`;
      const stats = fs.lstatSync(full);
      if (stats.isSymbolicLink()) {
        out[relative] = `link -> ${fs.readlinkSync(full)}`;
      } else if (stats.isDirectory()) {
        out[relative] = 'folder';
        walk(full, `${relative}/`);
      } else {
        out[relative] = `file ${fs.readFileSync(full, 'utf8')}`;
      }
    }
  };
  walk(dir, '');
  return out;
}

/** A folder outside every output folder, holding files a wrong write or delete would change. */
function outsideFolder(): { dir: string; before: Record<string, string> } {
  const dir = path.join(work, 'elsewhere');
  fs.mkdirSync(path.join(dir, 'containers', 'registries.conf.d'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'containers', 'registries.conf'), 'outside registries.conf\n');
  fs.writeFileSync(path.join(dir, 'containers', 'policy.json'), 'outside policy.json\n');
  fs.writeFileSync(path.join(dir, 'containers', 'registries.conf.d', '01-image-searchRegistries.conf'), 'outside drop-in\n');
  fs.writeFileSync(path.join(dir, 'registries.conf'), 'outside top-level file\n');
  return { dir, before: snapshot(dir) };
}

function expectRefused(result: ReturnType<typeof run>, ...phrases: string[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  // One message, no stack trace.
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^ocp-images preview: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const phrase of phrases) {
    expect(result.stderr).toContain(phrase);
  }
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/node-files/atomic-output.js'))) {
    execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  }
});

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-out-folder-'));
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('GIVEN a symbolic link on a path the preview writes', () => {
  test('WHEN --out itself is a link to another folder THEN exit 2 and the folder it points to is untouched', () => {
    const outside = outsideFolder();
    fs.symlinkSync(outside.dir, path.join(work, 'out'));
    expectRefused(preview(INPUT_A, 'out'), 'symbolic link', 'elsewhere');
    expect(snapshot(outside.dir)).toEqual(outside.before);
    expect(fs.readlinkSync(path.join(work, 'out'))).toBe(outside.dir);
  });

  test('WHEN DIR/etc points elsewhere THEN exit 2 and nothing there is written or deleted', () => {
    const outside = outsideFolder();
    fs.mkdirSync(path.join(work, 'out'));
    fs.symlinkSync(outside.dir, path.join(work, 'out', 'etc'));
    // B writes registries.conf only: the unsafe code wrote it through the link and deleted policy.json there.
    expectRefused(preview(INPUT_B, 'out'), 'out/etc is a symbolic link');
    expect(snapshot(outside.dir)).toEqual(outside.before);
  });

  test('WHEN DIR/etc/containers points elsewhere THEN exit 2 and nothing there is written or deleted', () => {
    const outside = outsideFolder();
    fs.mkdirSync(path.join(work, 'out', 'etc'), { recursive: true });
    fs.symlinkSync(path.join(outside.dir, 'containers'), path.join(work, 'out', 'etc', 'containers'));
    expectRefused(preview(INPUT_B, 'out'), 'out/etc/containers is a symbolic link');
    expect(snapshot(outside.dir)).toEqual(outside.before);
  });

  test('WHEN DIR/etc/containers is a link into DIR that the preview did not make THEN it is refused as well', () => {
    fs.mkdirSync(path.join(work, 'out', 'etc', 'mine'), { recursive: true });
    fs.writeFileSync(path.join(work, 'out', 'etc', 'mine', 'registries.conf'), 'mine\n');
    fs.symlinkSync('mine', path.join(work, 'out', 'etc', 'containers'));
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_A, 'out'), 'did not make');
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN a file of an earlier output is a link to a file outside THEN exit 2 and that file is untouched', () => {
    const outside = outsideFolder();
    expect(preview(INPUT_A, 'out').code).toBe(0);
    const before = nodeFiles('out');
    // Replaced through the preview's own link, as a user (or an attacker) with write access to DIR could.
    const policy = path.join(work, 'out', 'etc', 'containers', 'policy.json');
    fs.rmSync(policy);
    fs.symlinkSync(path.join(outside.dir, 'containers', 'policy.json'), policy);
    expectRefused(preview(INPUT_B, 'out'), 'policy.json (a symbolic link)');
    expect(snapshot(outside.dir)).toEqual(outside.before);
    expect(nodeFiles('out')).toEqual({ ...before, 'etc/containers/policy.json': 'outside policy.json\n' });
  });

  test('WHEN a file of an old-format output (real folders) is a link to a file outside THEN exit 2 and that file is untouched', () => {
    const outside = outsideFolder();
    fs.mkdirSync(path.join(work, 'out', 'etc', 'containers'), { recursive: true });
    fs.symlinkSync(path.join(outside.dir, 'registries.conf'), path.join(work, 'out', 'etc', 'containers', 'registries.conf'));
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_A, 'out'), 'registries.conf (a symbolic link)');
    expect(snapshot(outside.dir)).toEqual(outside.before);
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN the state folder DIR/etc/.ocp-images-preview is a link elsewhere THEN exit 2 and nothing there changes', () => {
    const outside = outsideFolder();
    fs.mkdirSync(path.join(work, 'out', 'etc'), { recursive: true });
    fs.symlinkSync(outside.dir, path.join(work, 'out', 'etc', PREVIEW_STATE_FOLDER));
    expectRefused(preview(INPUT_A, 'out'), `${PREVIEW_STATE_FOLDER} is a symbolic link`);
    expect(snapshot(outside.dir)).toEqual(outside.before);
  });

  test.each([
    ['--out', 'out'],
    ['DIR/etc', 'out/etc'],
  ])('WHEN %s is a dangling link THEN exit 2 and its target is not created', (_, linkPath) => {
    fs.mkdirSync(path.dirname(path.join(work, linkPath)), { recursive: true });
    const target = path.join(work, 'not-there');
    fs.symlinkSync(target, path.join(work, linkPath));
    expectRefused(preview(INPUT_A, 'out'), 'which does not exist');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.lstatSync(path.join(work, linkPath)).isSymbolicLink()).toBe(true);
  });
});

describe('GIVEN an --out that cannot hold a preview', () => {
  test('WHEN --out is a regular file THEN exit 2, the file unchanged', () => {
    fs.writeFileSync(path.join(work, 'out'), 'a file\n');
    expectRefused(preview(INPUT_A, 'out'), 'is a file, not a folder');
    expect(fs.readFileSync(path.join(work, 'out'), 'utf8')).toBe('a file\n');
  });

  test('WHEN a parent of --out is a regular file THEN exit 2 saying so', () => {
    fs.writeFileSync(path.join(work, 'parent'), 'a file\n');
    expectRefused(preview(INPUT_A, 'parent/out'), 'a component of the path is a file');
  });

  test('WHEN --out is a folder the user cannot write THEN exit 2 with permission denied', () => {
    // Root writes anywhere, so as root the run is made as `nobody`, for whom the folder is read-only.
    const asRoot = process.getuid?.() === 0;
    fs.chmodSync(work, 0o755);
    fs.mkdirSync(path.join(work, 'out'), { mode: 0o555 });
    fs.chmodSync(path.join(work, 'out'), 0o555);
    fs.writeFileSync(path.join(work, 'in.yaml'), INPUT_A, { mode: 0o644 });
    const as = asRoot ? { uid: 65534, gid: 65534 } : {};
    if (asRoot && run(['--version'], as).code !== 0) {
      // The checkout is not readable by nobody (e.g. under /root): this case cannot be made here, and says so.
      process.stderr.write('SKIPPED: --out not writable: running as root and nobody cannot read the checkout\n');
      return;
    }
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out'], as);
    expect(result.error).toBeUndefined();
    expectRefused(result, 'permission denied');
    expect(fs.readdirSync(path.join(work, 'out'))).toEqual([]);
  });
});

describe('GIVEN an output folder the preview wrote before', () => {
  test('WHEN run again with fewer files THEN the node paths hold exactly the new set and one generation is kept', () => {
    expect(preview(INPUT_A, 'out').code).toBe(0);
    expect(Object.values(nodeFiles('out')).every((text) => text !== undefined)).toBe(true);
    expect(preview(INPUT_B, 'out').code).toBe(0);
    const files = nodeFiles('out');
    expect(files['etc/containers/registries.conf']).toContain('insecure.example.com');
    expect(files['etc/containers/policy.json']).toBeUndefined();
    expect(files['etc/containers/registries.conf.d/01-image-searchRegistries.conf']).toBeUndefined();
    expect(fs.readdirSync(path.join(work, 'out'))).toEqual(['etc']);
    expect(fs.readdirSync(path.join(work, 'out', 'etc')).sort()).toEqual([PREVIEW_STATE_FOLDER, 'containers']);
    const generations = fs.readdirSync(path.join(work, 'out', 'etc', PREVIEW_STATE_FOLDER));
    expect(generations).toHaveLength(1);
    expect(fs.readlinkSync(path.join(work, 'out', 'etc', 'containers'))).toBe(`${PREVIEW_STATE_FOLDER}/${generations[0]}`);
  });

  test('WHEN policy.json has become a folder THEN exit 2, the old set and the folder are left whole', () => {
    expect(preview(INPUT_A, 'out').code).toBe(0);
    const policy = path.join(work, 'out', 'etc', 'containers', 'policy.json');
    fs.rmSync(policy);
    fs.mkdirSync(policy);
    fs.writeFileSync(path.join(policy, 'notes.txt'), 'mine\n');
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_B, 'out'), 'policy.json (a folder)');
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN DIR/etc/containers holds a file the preview did not write THEN exit 2 naming it, and nothing is deleted', () => {
    expect(preview(INPUT_A, 'out').code).toBe(0);
    fs.writeFileSync(path.join(work, 'out', 'etc', 'containers', 'storage.conf'), 'mine\n');
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_B, 'out'), '"storage.conf"', 'never deletes what it did not write');
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN DIR holds other files of the user THEN they are left alone', () => {
    fs.mkdirSync(path.join(work, 'out', 'etc', 'crio'), { recursive: true });
    fs.writeFileSync(path.join(work, 'out', 'etc', 'crio', 'crio.conf'), 'mine\n');
    fs.writeFileSync(path.join(work, 'out', 'README'), 'mine\n');
    expect(preview(INPUT_A, 'out').code).toBe(0);
    expect(preview(INPUT_B, 'out').code).toBe(0);
    expect(fs.readFileSync(path.join(work, 'out', 'etc', 'crio', 'crio.conf'), 'utf8')).toBe('mine\n');
    expect(fs.readFileSync(path.join(work, 'out', 'README'), 'utf8')).toBe('mine\n');
  });
});

describe('GIVEN an output folder written by an earlier version (real folders)', () => {
  function oldFormat(extra: Record<string, string> = {}) {
    const containers = path.join(work, 'out', 'etc', 'containers');
    fs.mkdirSync(path.join(containers, 'registries.conf.d'), { recursive: true });
    fs.writeFileSync(path.join(containers, 'registries.conf'), 'old registries.conf\n');
    fs.writeFileSync(path.join(containers, 'policy.json'), 'old policy.json\n');
    for (const [relative, content] of Object.entries(extra)) {
      fs.mkdirSync(path.dirname(path.join(work, 'out', relative)), { recursive: true });
      fs.writeFileSync(path.join(work, 'out', relative), content);
    }
  }

  test('WHEN it holds only the preview files and a crashed staging folder THEN it is converted and the leftover removed', () => {
    oldFormat({ '.ocp-images-preview-a1B2c3/0': 'staged\n', '.ocp-images-preview-a1B2c3/1': 'staged\n' });
    const result = preview(INPUT_B, 'out');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(nodeFiles('out')['etc/containers/policy.json']).toBeUndefined();
    expect(nodeFiles('out')['etc/containers/registries.conf']).toContain('insecure.example.com');
    expect(fs.lstatSync(path.join(work, 'out', 'etc', 'containers')).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(path.join(work, 'out'))).toEqual(['etc']);
    expect(fs.readdirSync(path.join(work, 'out', 'etc', PREVIEW_STATE_FOLDER))).toHaveLength(1);
  });

  test('WHEN it holds a file the preview did not write THEN exit 2 and everything stays', () => {
    oldFormat({ 'etc/containers/storage.conf': 'mine\n' });
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_A, 'out'), '"storage.conf"');
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN policy.json is a folder there THEN exit 2 and no file is replaced (the unsafe code renamed registries.conf first)', () => {
    oldFormat();
    fs.rmSync(path.join(work, 'out', 'etc', 'containers', 'policy.json'));
    fs.mkdirSync(path.join(work, 'out', 'etc', 'containers', 'policy.json'));
    const before = snapshot(path.join(work, 'out'));
    expectRefused(preview(INPUT_A, 'out'), 'policy.json (a folder)');
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  test('WHEN a run was killed between the two renames of the conversion THEN the next run puts the old files back and converts', () => {
    // The state a kill leaves: the old folder moved into the state folder, no DIR/etc/containers.
    const state = path.join(work, 'out', 'etc', PREVIEW_STATE_FOLDER);
    const moved = path.join(state, 'legacy.999999999.0badc0de');
    fs.mkdirSync(moved, { recursive: true });
    fs.writeFileSync(path.join(moved, 'registries.conf'), 'old registries.conf\n');
    const result = preview(INPUT_A, 'out');
    expect(result.code).toBe(0);
    expect(nodeFiles('out')['etc/containers/registries.conf']).toContain('blocked.example.com');
    expect(fs.readdirSync(state).filter((name) => name.startsWith('legacy.'))).toEqual([]);
  });
});

describe('GIVEN NodeFilesPreview.write in a cdk8s app', () => {
  test('WHEN the folder is a symbolic link THEN an OutputFolderError says so and the target is untouched', () => {
    const outside = outsideFolder();
    fs.symlinkSync(outside.dir, path.join(work, 'out'));
    const app = new App({ outdir: path.join(work, 'dist') });
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'image', {
      apiVersion: 'config.openshift.io/v1',
      kind: 'Image',
      metadata: { name: 'cluster' },
      spec: { registrySources: { blockedRegistries: ['b.io'] } },
    });
    expect(() => NodeFilesPreview.write(app, path.join(work, 'out'))).toThrow(OutputFolderError);
    expect(() => NodeFilesPreview.write(app, path.join(work, 'out'))).toThrow(/symbolic link/);
    expect(snapshot(outside.dir)).toEqual(outside.before);
  });
});
