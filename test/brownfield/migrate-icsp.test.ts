/**
 * `ocp-images migrate icsp`, run as users run it (the compiled CLI), on the real-world policies of the corpus and on
 * policies read back from a cluster (`oc get -o yaml`: a List with server fields).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { planIcspMigration } from '../../src/brownfield/migrate-icsp';
import { OutputFilesError, writeFilesAtomically } from '../../src/brownfield/write-files';
import { renderNodeFiles } from '../../src/node-files';
import { requireBuiltCli, runCliInProcess, tempTree } from '../support/cli';

const CORPUS = path.resolve(__dirname, '../fixtures/real-world');
const corpusFile = (relative: string) => path.join(CORPUS, relative);

/** The ICSPs of the corpus that the API server accepts. */
const CORPUS_POLICIES = [
  'web-terminal-operator/imageContentSourcePolicy.yaml',
  'openshift-docs/registry-mirror-icsp.yaml',
  'ocp4-playbooks-extras/coo-ImageContentSourcePolicy.yml',
  'release/01_cluster-icsp.yaml',
  'machine-config-operator/bootstrap/image-content-source-policy-0.yaml',
  'machine-config-operator/bootstrap/image-content-source-policy-1.yaml',
];

type Json = Record<string, any>;

function readObjects(file: string): Json[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((document) => document.toJS() as Json).filter((object) => object !== null);
}

function registriesConf(objects: { idms?: Json[]; icsp?: Json[]; image?: Json }): string | undefined {
  return renderNodeFiles({ imageConfig: objects.image, idms: objects.idms ?? [], icsp: objects.icsp ?? [], assumeEmptyImage: true })
    .files.find((file) => file.path === '/etc/containers/registries.conf')?.content;
}

const LIVE_LIST = `apiVersion: v1
kind: List
items:
- apiVersion: operator.openshift.io/v1alpha1
  kind: ImageContentSourcePolicy
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"operator.openshift.io/v1alpha1","kind":"ImageContentSourcePolicy","metadata":{"name":"release"}}
      owner: platform-team
    creationTimestamp: "2024-03-01T10:00:00Z"
    generation: 2
    labels:
      app.kubernetes.io/managed-by: argocd
    managedFields:
    - apiVersion: operator.openshift.io/v1alpha1
      manager: kubectl-client-side-apply
      operation: Update
    name: release
    resourceVersion: "48213"
    uid: 0d3c8a34-88a1-4b6e-9a63-1e4d1d6d0b0f
  spec:
    repositoryDigestMirrors:
    - mirrors:
      - mirror.corp.example.com:8443/ocp/release
      - mirror-dr.corp.example.com:8443/ocp/release
      source: quay.io/openshift-release-dev/ocp-release
    - mirrors:
      - mirror.corp.example.com:8443/ocp/release
      source: quay.io/openshift-release-dev/ocp-v4.0-art-dev
- apiVersion: operator.openshift.io/v1alpha1
  kind: ImageContentSourcePolicy
  metadata:
    name: operators
    resourceVersion: "48214"
    uid: 5b1f0ad8-1c52-4d9c-8f29-b79e52e4bfe2
  spec:
    repositoryDigestMirrors:
    - mirrors:
      - mirror.corp.example.com:8443/redhat
      source: registry.redhat.io
- apiVersion: config.openshift.io/v1
  kind: Image
  metadata:
    name: cluster
  spec:
    registrySources:
      insecureRegistries:
      - lab-registry.corp.example.com:5000
`;

beforeAll(requireBuiltCli);

describe('GIVEN the ImageContentSourcePolicies of the real-world corpus', () => {
  const dest = tempTree({});
  let run: Awaited<ReturnType<typeof runCliInProcess>>;

  beforeAll(async () => {
    run = await runCliInProcess(['migrate', 'icsp', '-f', ...CORPUS_POLICIES.map(corpusFile), '--dest-dir', dest]);
  });

  test('WHEN migrated THEN exit 0 and one imagedigestmirrorset_<name>.yaml per policy, named after it', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const names = CORPUS_POLICIES.flatMap((file) => readObjects(corpusFile(file)).map((object) => object.metadata.name as string));
    expect(fs.readdirSync(dest).sort()).toEqual(names.map((name) => `imagedigestmirrorset_${name}.yaml`).sort());
  });

  test('WHEN each file is read back THEN it is the policy as an ImageDigestMirrorSet: same name, same sources and mirrors in order, no mirrorSourcePolicy', () => {
    for (const file of CORPUS_POLICIES) {
      for (const policy of readObjects(corpusFile(file))) {
        const written = parse(fs.readFileSync(path.join(dest, `imagedigestmirrorset_${policy.metadata.name}.yaml`), 'utf8')) as Json;
        expect(written).toEqual({
          apiVersion: 'config.openshift.io/v1',
          kind: 'ImageDigestMirrorSet',
          metadata: { name: policy.metadata.name },
          spec: {
            imageDigestMirrors: policy.spec.repositoryDigestMirrors.map((entry: Json) => ({ source: entry.source, mirrors: entry.mirrors })),
          },
        });
      }
    }
  });

  test('WHEN the summary is read THEN it states, from the renderer, that registries.conf is identical before and after, and warns about deleting a policy alone', () => {
    const before = registriesConf({ icsp: CORPUS_POLICIES.flatMap((file) => readObjects(corpusFile(file))) });
    const after = registriesConf({ idms: fs.readdirSync(dest).map((name) => parse(fs.readFileSync(path.join(dest, name), 'utf8')) as Json) });
    expect(after).toBe(before);
    expect(run.stdout).toContain('registries.conf: identical before and after');
    expect(run.stdout).toMatch(/WARNING: apply the ImageDigestMirrorSets and delete the ImageContentSourcePolicies in one change/);
    expect(run.stdout).toContain('drains every node');
  });

  test('WHEN run again THEN the files are byte for byte the same (no random suffix)', async () => {
    const first = Object.fromEntries(fs.readdirSync(dest).map((name) => [name, fs.readFileSync(path.join(dest, name), 'utf8')]));
    const again = await runCliInProcess(['migrate', 'icsp', '-f', ...CORPUS_POLICIES.map(corpusFile), '--dest-dir', dest]);
    expect(again.status).toBe(0);
    expect(Object.fromEntries(fs.readdirSync(dest).map((name) => [name, fs.readFileSync(path.join(dest, name), 'utf8')]))).toEqual(first);
  });
});

describe('GIVEN policies read back from a cluster as a List, with server fields, next to the cluster Image', () => {
  test('WHEN migrated from stdin THEN server fields and the last-applied annotation are gone, labels and other annotations kept, the Image renders on both sides', async () => {
    const dest = tempTree({});
    const run = await runCliInProcess(['migrate', 'icsp', '-f', '-', '--dest-dir', dest], { stdin: LIVE_LIST });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readdirSync(dest).sort()).toEqual(['imagedigestmirrorset_operators.yaml', 'imagedigestmirrorset_release.yaml']);
    expect(fs.readFileSync(path.join(dest, 'imagedigestmirrorset_release.yaml'), 'utf8')).toBe([
      'apiVersion: config.openshift.io/v1',
      'kind: ImageDigestMirrorSet',
      'metadata:',
      '  name: release',
      '  labels:',
      '    app.kubernetes.io/managed-by: argocd',
      '  annotations:',
      '    owner: platform-team',
      'spec:',
      '  imageDigestMirrors:',
      '  - source: quay.io/openshift-release-dev/ocp-release',
      '    mirrors:',
      '    - mirror.corp.example.com:8443/ocp/release',
      '    - mirror-dr.corp.example.com:8443/ocp/release',
      '  - source: quay.io/openshift-release-dev/ocp-v4.0-art-dev',
      '    mirrors:',
      '    - mirror.corp.example.com:8443/ocp/release',
      '',
    ].join('\n'));
    expect(run.stdout).toContain('with the Image/cluster of the input');
    expect(run.stdout).toContain('registries.conf: identical before and after');
  });
});

describe('GIVEN a policy that repeats a mirror within one entry', () => {
  const policy = `apiVersion: operator.openshift.io/v1alpha1
kind: ImageContentSourcePolicy
metadata:
  name: repeated
spec:
  repositoryDigestMirrors:
  - source: quay.io/team
    mirrors: [mirror-a.example.com/team, mirror-b.example.com/team, mirror-a.example.com/team]
  - source: quay.io/team
    mirrors: [mirror-c.example.com/team]
`;

  test('WHEN migrated THEN the mirror is written once (an IDMS mirrors list is a set) and the summary shows, from the renderer, how registries.conf changes', async () => {
    const dest = tempTree({});
    const run = await runCliInProcess(['migrate', 'icsp', '-f', '-', '--dest-dir', dest], { stdin: policy });
    expect(run.status).toBe(0);
    const written = parse(fs.readFileSync(path.join(dest, 'imagedigestmirrorset_repeated.yaml'), 'utf8')) as Json;
    expect(written.spec.imageDigestMirrors[0].mirrors).toEqual(['mirror-a.example.com/team', 'mirror-b.example.com/team']);
    const before = registriesConf({ icsp: [parse(policy) as Json] });
    const after = registriesConf({ idms: [written] });
    expect(after).not.toBe(before);
    expect(run.stdout).toContain('WARNING: registries.conf is NOT the same after the migration');
    expect(run.stdout).toContain('A policy repeats a mirror within one entry');
    expect(run.stdout).toMatch(/^ {4}- +location = "mirror-c\.example\.com\/team"$/m);
    expect(run.stdout).toMatch(/^ {4}\+ +location = "mirror-c\.example\.com\/team"$/m);
    expect(run.stdout).not.toContain('registries.conf: identical');
  });
});

describe('GIVEN input that cannot be migrated', () => {
  test.each([
    ['no policy at all', 'apiVersion: config.openshift.io/v1\nkind: Image\nmetadata:\n  name: cluster\nspec: {}\n', /no ImageContentSourcePolicy \(operator\.openshift\.io\/v1alpha1\) in the input/],
    ['a name that is no object name (it would make a path)', 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: ../../etc/x\nspec: {}\n', /<stdin>:1: ImageContentSourcePolicy\/\.\.\/\.\.\/etc\/x metadata\.name: "\.\.\/\.\.\/etc\/x" is not a valid object name/],
    ['two policies with one name', 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: a\n---\napiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: a\n', /ImageContentSourcePolicy\/a is also at <stdin>:1: both would be written to imagedigestmirrorset_a\.yaml/],
    ['an entry without source', 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: a\nspec:\n  repositoryDigestMirrors:\n  - mirrors: [m.example.com/x]\n', /spec\.repositoryDigestMirrors\[0\]\.source: missing/],
  ])('WHEN %s THEN exit 2, the reason on stderr, nothing written', async (_label, input, message) => {
    const dest = tempTree({});
    const run = await runCliInProcess(['migrate', 'icsp', '-f', '-', '--dest-dir', dest], { stdin: input });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(dest)).toEqual([]);
  });
});

describe('GIVEN an unusable --dest-dir', () => {
  const input = corpusFile('openshift-docs/registry-mirror-icsp.yaml');

  test('WHEN it is a symbolic link THEN exit 2 and nothing is written through it', async () => {
    const tree = tempTree({ 'real/.keep': '' });
    fs.symlinkSync(path.join(tree, 'real'), path.join(tree, 'link'));
    const run = await runCliInProcess(['migrate', 'icsp', '-f', input, '--dest-dir', path.join(tree, 'link')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a symbolic link');
    expect(fs.readdirSync(path.join(tree, 'real'))).toEqual(['.keep']);
  });

  test('WHEN the file to write is a symbolic link THEN exit 2 and its target is untouched', async () => {
    const tree = tempTree({ 'out/.keep': '', 'elsewhere.yaml': 'precious\n' });
    fs.symlinkSync(path.join(tree, 'elsewhere.yaml'), path.join(tree, 'out', 'imagedigestmirrorset_mirror-ocp.yaml'));
    const run = await runCliInProcess(['migrate', 'icsp', '-f', input, '--dest-dir', path.join(tree, 'out')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('imagedigestmirrorset_mirror-ocp.yaml is a symbolic link');
    expect(fs.readFileSync(path.join(tree, 'elsewhere.yaml'), 'utf8')).toBe('precious\n');
  });

  test('WHEN it is a file THEN exit 2 with what to give instead', async () => {
    const tree = tempTree({ 'a-file': 'x' });
    const run = await runCliInProcess(['migrate', 'icsp', '-f', input, '--dest-dir', path.join(tree, 'a-file')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('exists and is not a folder; give a folder');
  });

  test('WHEN one of the files cannot be written THEN no file changes and no temporary file is left', () => {
    const tree = tempTree({ 'out/first.yaml': 'earlier\n' });
    // The temporary file of a name this long exceeds the file system's limit (255 bytes): the second write fails.
    const tooLong = `${'x'.repeat(245)}.yaml`;
    expect(() => writeFilesAtomically(path.join(tree, 'out'), [{ name: 'first.yaml', content: 'new\n' }, { name: tooLong, content: 'new\n' }]))
      .toThrow(OutputFilesError);
    expect(fs.readdirSync(path.join(tree, 'out'))).toEqual(['first.yaml']);
    expect(fs.readFileSync(path.join(tree, 'out', 'first.yaml'), 'utf8')).toBe('earlier\n');
  });

  test('WHEN it does not exist THEN it is created', async () => {
    const tree = tempTree({});
    const run = await runCliInProcess(['migrate', 'icsp', '-f', input, '--dest-dir', path.join(tree, 'new', 'folder')]);
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(tree, 'new', 'folder'))).toEqual(['imagedigestmirrorset_mirror-ocp.yaml']);
  });
});

describe('GIVEN the planner on its own', () => {
  test('WHEN a policy is deleted without its replacement THEN the comparison says the nodes change; with it, they do not', () => {
    const policy = readObjects(corpusFile('openshift-docs/registry-mirror-icsp.yaml'))[0];
    const plan = planIcspMigration([{ object: policy, where: 'x:1' }]);
    expect(plan.comparison.identical).toBe(true);
    expect(plan.comparison.deletionAloneChangesNodes).toBe(true);
    expect(plan.comparison.imageGiven).toBe(false);
  });
});
