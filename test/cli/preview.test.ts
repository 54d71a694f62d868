/**
 * `ocp-images preview` through the compiled bin (`npm run build` first; built here when `lib/` is missing): files
 * written byte-exact at their node paths, nothing written on an MCO error (exit 1) or a usage error (exit 2).
 */
import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadReference } from '../node-files/reference';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/ocp-images.js');
const DIGEST = `sha256:${'ab'.repeat(32)}`;

interface GoldenCase {
  readonly name: string;
  readonly level: string;
  readonly input: Record<string, any>;
  readonly expected: Record<string, any>;
}

function run(args: string[], cwd: string, stdin?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input: stdin, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Every file under `dir` as the node paths read (through the preview's own `etc/containers` link), relative, with its
 * content; the preview's state folder (the generations behind the link) is not a node path.
 */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) {
    return out;
  }
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.name === '.ocp-images-preview') {
        continue;
      }
      if (fs.statSync(full).isDirectory()) {
        walk(full);
      } else {
        out[`/${path.relative(dir, full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return out;
}

/** The case input as the YAML objects a user would hand the CLI. */
function manifests(input: GoldenCase['input']): string {
  const docs: unknown[] = [];
  if (input.imageConfig) {
    docs.push({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: input.imageConfig.spec });
  }
  (input.idms ?? []).forEach((spec: unknown, i: number) =>
    docs.push({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: `idms-${i}` }, spec }));
  (input.itms ?? []).forEach((spec: unknown, i: number) =>
    docs.push({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: `itms-${i}` }, spec }));
  (input.icsp ?? []).forEach((spec: unknown, i: number) =>
    docs.push({ apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name: `icsp-${i}` }, spec }));
  docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'x' }, data: { a: 'b' } });
  return docs.map((doc) => stringify(doc)).join('---\n');
}

let work: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) {
    execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  }
});

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-preview-'));
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const cases = loadReference<GoldenCase[]>('mco-cases.json').filter((c) => c.level === 'controller' || c.level === 'bootstrap');

describe('golden controller and bootstrap cases through the CLI', () => {
  test.each(cases.map((c) => [c.name, c] as const))('GIVEN %s as YAML WHEN previewed THEN exactly the expected files are written byte for byte', (_, c) => {
    fs.writeFileSync(path.join(work, 'in.yaml'), manifests(c.input));
    const args = ['preview', '-f', 'in.yaml', '--out', 'out', '--release-image', c.input.releaseImage];
    if (c.input.bootstrap) {
      args.push('--bootstrap');
    }
    const result = run(args, work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = tree(path.join(work, 'out'));
    expect(Object.keys(files).sort()).toEqual([...c.expected.files].sort());
    const expectedText: Record<string, string | undefined> = {
      '/etc/containers/registries.conf': c.expected.registriesConfText,
      '/etc/containers/policy.json': c.expected.policyJsonText,
      '/etc/containers/registries.conf.d/01-image-searchRegistries.conf': c.expected.searchRegistriesDropInText,
    };
    for (const [nodePath, text] of Object.entries(expectedText)) {
      if (text !== undefined && files[nodePath] !== undefined) {
        expect(files[nodePath]).toBe(text);
      }
    }
    expect(result.stdout).toContain(`${c.expected.files.length} file(s) written`);
  });
});

const IMAGE = (sources: object) => stringify({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: sources } });

describe('ocp-images preview', () => {
  test('GIVEN an MCO error WHEN previewed THEN exit 1, the MCO message on stderr and nothing written', () => {
    fs.writeFileSync(path.join(work, 'in.yaml'), IMAGE({ insecureRegistries: ['*.a.io/x'] }));
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('could not update registries config with new changes: invalid entry for insecure registries "*.a.io/x"\n');
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  test('GIVEN a previous preview WHEN a later run fails THEN the previous files are left untouched', () => {
    fs.writeFileSync(path.join(work, 'good.yaml'), IMAGE({ blockedRegistries: ['b.io'] }));
    expect(run(['preview', '-f', 'good.yaml', '--out', 'out'], work).code).toBe(0);
    const before = tree(path.join(work, 'out'));
    fs.writeFileSync(path.join(work, 'bad.yaml'), IMAGE({ blockedRegistries: ['b.io'], allowedRegistries: ['a.io'] }));
    const result = run(['preview', '-f', 'bad.yaml', '--out', 'out'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('only one of AllowedRegistries or BlockedRegistries may be specified');
    expect(tree(path.join(work, 'out'))).toEqual(before);
  });

  test('GIVEN a previous preview WHEN the new one writes fewer files THEN the stale managed files are removed', () => {
    fs.writeFileSync(path.join(work, 'a.yaml'), IMAGE({ blockedRegistries: ['b.io'], containerRuntimeSearchRegistries: ['s.io'] }));
    run(['preview', '-f', 'a.yaml', '--out', 'out'], work);
    fs.writeFileSync(path.join(work, 'b.yaml'), IMAGE({ insecureRegistries: ['i.io'] }));
    expect(run(['preview', '-f', 'b.yaml', '--out', 'out'], work).code).toBe(0);
    expect(Object.keys(tree(path.join(work, 'out')))).toEqual(['/etc/containers/registries.conf']);
  });

  test('GIVEN YAML on stdin and a version WHEN previewed THEN the older format is written', () => {
    const result = run(['preview', '-f', '-', '--out', 'out', '--openshift-version', '4.16'], work, IMAGE({ blockedRegistries: ['b.io'] }));
    expect(result.code).toBe(0);
    const files = tree(path.join(work, 'out'));
    expect(files['/etc/containers/registries.conf']).not.toContain('additional-layer-store-auth-helper');
    expect(files['/etc/containers/policy.json']).toBe(
      '{"default":[{"type":"insecureAcceptAnything"}],"transports":{"atomic":{"b.io":[{"type":"reject"}]},"docker":{"b.io":[{"type":"reject"}]},"docker-daemon":{"":[{"type":"insecureAcceptAnything"}]}}}',
    );
  });

  test('GIVEN a blocked payload registry without mirror WHEN previewed THEN the summary warns that it was dropped', () => {
    fs.writeFileSync(path.join(work, 'in.yaml'), IMAGE({ blockedRegistries: ['quay.io', 'b.io'] }));
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out', '--release-image', `quay.io/openshift-release-dev/ocp-release@${DIGEST}`], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: error adding ["quay.io"] to blocked registries');
    expect(tree(path.join(work, 'out'))['/etc/containers/registries.conf']).not.toContain('"quay.io"');
  });

  test.each([
    ['no --out', ['preview', '-f', 'in.yaml']],
    ['a missing file', ['preview', '-f', 'missing.yaml', '--out', 'out']],
    ['an unsupported version', ['preview', '-f', 'in.yaml', '--out', 'out', '--openshift-version', '4.2']],
    ['an unknown option', ['preview', '-f', 'in.yaml', '--out', 'out', '--frobnicate']],
  ])('GIVEN %s WHEN previewed THEN exit 2 and nothing written', (_, args) => {
    fs.writeFileSync(path.join(work, 'in.yaml'), IMAGE({ blockedRegistries: ['b.io'] }));
    const result = run(args, work);
    expect(result.code).toBe(2);
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  test('GIVEN two Image objects named cluster WHEN previewed THEN exit 2 naming both places', () => {
    fs.writeFileSync(path.join(work, 'in.yaml'), `${IMAGE({ blockedRegistries: ['b.io'] })}---\n${IMAGE({ insecureRegistries: ['i.io'] })}`);
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 Image objects are named "cluster"');
    expect(result.stderr).toContain('in.yaml:1');
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  test('GIVEN broken YAML WHEN previewed THEN exit 2 with the file and line', () => {
    fs.writeFileSync(path.join(work, 'in.yaml'), 'kind: Image\nspec: [\n');
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('in.yaml:');
  });

  test('GIVEN mirror sets but no Image WHEN previewed THEN the cluster\'s Image is taken as empty: registries.conf is written and the summary says so', () => {
    fs.writeFileSync(path.join(work, 'in.yaml'), stringify({
      apiVersion: 'config.openshift.io/v1',
      kind: 'ImageDigestMirrorSet',
      metadata: { name: 'x' },
      spec: { imageDigestMirrors: [{ source: 'a.io', mirrors: ['m.io'] }] },
    }));
    const result = run(['preview', '-f', 'in.yaml', '--out', 'out'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no Image named "cluster" in the input: every cluster has one, so an Image with an empty spec was assumed');
    const files = tree(path.join(work, 'out'));
    expect(Object.keys(files)).toEqual(['/etc/containers/registries.conf']);
    expect(files['/etc/containers/registries.conf']).toContain('location = "m.io"');
  });
});
