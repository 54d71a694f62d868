/**
 * `ocp-images export` and `validate --target` as users run them: most cases in process (`runCli`), a few through the
 * real bin. The rosa script is checked with `sh -n` and run against a stand-in `rosa` that records its arguments.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { requireBuiltCli, runCli as runBin, runCliInProcess, tempTree } from '../support/cli';
import { exportHostedCluster, exportRhcs, exportRosaCli } from '../../src/targets';
import { CA_PEM } from '../support/objects';
import { rosaCalls, standInRosa } from '../support/stand-in-rosa';

const IMAGE = [
  'apiVersion: config.openshift.io/v1',
  'kind: Image',
  'metadata:',
  '  name: cluster',
  'spec:',
  '  registrySources:',
  '    allowedRegistries:',
  "      - '*.apps.example.com'",
  '      - mirror.example.com:8443',
  '      - mirror.example.com:8443',
  '    blockedRegistries: []',
  '  allowedRegistriesForImport:',
  '    - domainName: mirror.example.com:8443',
  '      insecure: true',
  '  additionalTrustedCA:',
  '    name: mirror-ca',
  '',
].join('\n');

const CA_CONFIG_MAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: mirror-ca',
  '  namespace: openshift-config',
  'data:',
  '  mirror.example.com..8443: |',
  ...CA_PEM.trimEnd().split('\n').map((line) => `    ${line}`),
  '',
].join('\n');

const MIRRORS_A = [
  'apiVersion: config.openshift.io/v1',
  'kind: ImageDigestMirrorSet',
  'metadata:',
  '  name: a',
  'spec:',
  '  imageDigestMirrors:',
  '    - source: quay.io/openshift-release-dev/ocp-release',
  '      mirrors: [mirror.example.com:8443/ocp/release]',
  '',
].join('\n');

const MIRRORS_B = [
  'apiVersion: config.openshift.io/v1',
  'kind: ImageDigestMirrorSet',
  'metadata:',
  '  name: b',
  'spec:',
  '  imageDigestMirrors:',
  '    - source: quay.io/openshift-release-dev/ocp-release',
  '      mirrors: [backup.example.com/ocp/release]',
  '    - source: registry.redhat.io',
  '      mirrors: [mirror.example.com:8443/redhat]',
  '',
].join('\n');

const TAGS = [
  'apiVersion: config.openshift.io/v1',
  'kind: ImageTagMirrorSet',
  'metadata:',
  '  name: tags',
  'spec:',
  '  imageTagMirrors:',
  '    - source: quay.io/team',
  '      mirrors: [mirror.example.com:8443/team]',
  '      mirrorSourcePolicy: NeverContactSource',
  '',
].join('\n');

const REGISTRY_CONFIG = [
  'apiVersion: imageregistry.operator.openshift.io/v1',
  'kind: Config',
  'metadata:',
  '  name: cluster',
  'spec:',
  '  managementState: Managed',
  '',
].join('\n');

function cluster(extra: Record<string, string> = {}): { dir: string; files: string[] } {
  const dir = tempTree({ 'cluster/image.yaml': `${IMAGE}---\n${CA_CONFIG_MAP}`, 'cluster/mirrors-a.yaml': MIRRORS_A, 'cluster/mirrors-b.yaml': MIRRORS_B, ...extra });
  return { dir, files: Object.keys({ 'cluster/image.yaml': 1, 'cluster/mirrors-a.yaml': 1, 'cluster/mirrors-b.yaml': 1, ...extra }).map((file) => path.join(dir, file)) };
}

function commandLines(script: string): string[] {
  return script.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

describe('GIVEN a cluster configuration WHEN exported --target rosa-cli', () => {
  test('THEN stdout is a POSIX sh script of one-line rosa commands, and the CA file is written into --out', async () => {
    const { dir } = cluster();
    const run = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'my-cluster', '-f', path.join(dir, 'cluster'), '--out', 'build'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(spawnSync('sh', ['-n'], { input: run.stdout }).status).toBe(0);
    expect(run.stdout.startsWith('#!/bin/sh\n')).toBe(true);
    const lines = commandLines(run.stdout);
    expect(lines.every((line) => line.startsWith('rosa '))).toBe(true);
    expect(lines).toEqual([
      "rosa edit cluster --cluster my-cluster --yes --registry-config-allowed-registries='*.apps.example.com,mirror.example.com:8443' --registry-config-blocked-registries='' --registry-config-allowed-registries-for-import=mirror.example.com:8443:true --registry-config-additional-trusted-ca=build/my-cluster-registry-trusted-ca.json",
      'rosa create image-mirror --cluster my-cluster --source quay.io/openshift-release-dev/ocp-release --mirrors backup.example.com/ocp/release,mirror.example.com:8443/ocp/release',
      'rosa create image-mirror --cluster my-cluster --source registry.redhat.io --mirrors mirror.example.com:8443/redhat',
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'build', 'my-cluster-registry-trusted-ca.json'), 'utf8'))).toEqual({ 'mirror.example.com..8443': CA_PEM });
    expect(run.stderr).toContain('wrote build/my-cluster-registry-trusted-ca.json');
    expect(run.stderr).toMatch(/^OK: 0 errors, /m);
  });

  test('THEN the script, run against a stand-in rosa, passes every value unchanged (no glob expansion) and the CA file by its path', async () => {
    const { dir } = cluster();
    // A file the flag would match as a glob, were the wildcard not quoted.
    fs.writeFileSync(path.join(dir, '--registry-config-allowed-registries=x.apps.example.com,mirror.example.com:8443'), '');
    const run = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'my-cluster', '-f', path.join(dir, 'cluster'), '--out', 'build'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'images.sh'), run.stdout);
    const rosa = standInRosa();
    const result = spawnSync('sh', ['-e', 'images.sh'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${rosa.bin}${path.delimiter}${process.env.PATH}` } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(rosaCalls(rosa.log)).toEqual([
      ['edit', 'cluster', '--cluster', 'my-cluster', '--yes',
        '--registry-config-allowed-registries=*.apps.example.com,mirror.example.com:8443',
        '--registry-config-blocked-registries=',
        '--registry-config-allowed-registries-for-import=mirror.example.com:8443:true',
        '--registry-config-additional-trusted-ca=build/my-cluster-registry-trusted-ca.json'],
      ['create', 'image-mirror', '--cluster', 'my-cluster', '--source', 'quay.io/openshift-release-dev/ocp-release', '--mirrors', 'backup.example.com/ocp/release,mirror.example.com:8443/ocp/release'],
      ['create', 'image-mirror', '--cluster', 'my-cluster', '--source', 'registry.redhat.io', '--mirrors', 'mirror.example.com:8443/redhat'],
    ]);
  });

  test('WHEN --out is not given THEN the CA file goes to the working directory and the script names it there', async () => {
    const { dir } = cluster();
    const run = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', path.join(dir, 'cluster')], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(' --registry-config-additional-trusted-ca=c1-registry-trusted-ca.json\n');
    expect(fs.existsSync(path.join(dir, 'c1-registry-trusted-ca.json'))).toBe(true);
  });

  test('WHEN the files come in another order THEN the same script', async () => {
    const { dir, files } = cluster();
    const forward = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'c1', ...files.flatMap((file) => ['-f', file])], { cwd: dir });
    const backward = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'c1', ...[...files].reverse().flatMap((file) => ['-f', file])], { cwd: dir });
    expect(backward.stdout).toBe(forward.stdout);
  });

  test('WHEN an object is not carried by the target THEN it is passed over with a note', async () => {
    const { dir } = cluster({ 'cluster/registry.yaml': REGISTRY_CONFIG });
    const run = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', path.join(dir, 'cluster')], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('registry.yaml:1: passed over: Config/cluster is not part of the ROSA HCP (rosa CLI) export');
  });
});

describe('GIVEN a configuration a target cannot carry', () => {
  test('WHEN exported THEN exit 1, each finding with code, object, path and message on stderr, nothing on stdout, no file written', async () => {
    const { dir } = cluster({ 'cluster/tags.yaml': TAGS });
    for (const target of ['rosa-cli', 'rhcs', 'hostedcluster']) {
      const run = await runCliInProcess(['export', '--target', target, '--cluster', 'c1', '-f', path.join(dir, 'cluster')], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('tags.yaml:6: error [hosted-tag-mirrors] ImageTagMirrorSet/tags spec.imageTagMirrors: ImageTagMirrorSet/tags mirrors pulls by tag');
      expect(run.stderr).toContain('fix: ');
      expect(run.stderr).toMatch(/^FAILED: /m);
    }
    expect(fs.readdirSync(dir)).toEqual(['cluster']);
  });

  test('WHEN exported --format json THEN stderr is one JSON object whose errors carry code, object, path, message, file and line', async () => {
    const { dir } = cluster({ 'cluster/tags.yaml': TAGS });
    const run = await runCliInProcess(['export', '--target', 'hostedcluster', '--cluster', 'c1', '-f', path.join(dir, 'cluster'), '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(run.stderr) as { errors: Record<string, unknown>[]; summary: { passed: boolean } };
    expect(report.summary.passed).toBe(false);
    expect(report.errors.map((finding) => [finding.code, finding.object, finding.path, finding.line])).toEqual([
      // The empty blocked list next to the allow list: the Image rule applies on HyperShift.
      ['registry-sources-exclusive', 'Image/cluster', 'spec.registrySources', 6],
      // Its NeverContactSource is not said again: the whole set is refused.
      ['hosted-tag-mirrors', 'ImageTagMirrorSet/tags', 'spec.imageTagMirrors', 6],
    ]);
    for (const finding of report.errors) {
      expect(typeof finding.message).toBe('string');
      expect(String(finding.file)).toMatch(/cluster\/(image|tags)\.yaml$/);
    }
  });

  test('WHEN validated --target rosa-hcp or hypershift THEN exit 1 on the target error, exit 0 without a target', async () => {
    const dir = tempTree({ 'tags.yaml': TAGS });
    const file = path.join(dir, 'tags.yaml');
    expect((await runCliInProcess(['validate', '-f', file], { cwd: dir })).status).toBe(0);
    for (const target of ['rosa-hcp', 'hypershift']) {
      const run = await runCliInProcess(['validate', '-f', file, '--target', target, '--format', 'json'], { cwd: dir });
      expect(run.status).toBe(1);
      expect((JSON.parse(run.stdout) as { errors: { code: string }[] }).errors.map((finding) => finding.code)).toEqual(['hosted-tag-mirrors']);
    }
  });
});

describe('GIVEN a cluster configuration WHEN exported --target rhcs or hostedcluster', () => {
  test('WHEN rhcs with a reference THEN stdout is Terraform JSON whose mirrors point at the cluster', async () => {
    const { dir } = cluster();
    const run = await runCliInProcess(['export', '--target', 'rhcs', '--cluster', '${rhcs_cluster_rosa_hcp.main.id}', '-f', path.join(dir, 'cluster')], { cwd: dir });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.locals.registry_config.registry_sources).toEqual({ allowed_registries: ['*.apps.example.com', 'mirror.example.com:8443'] });
    expect(Object.values(json.resource.rhcs_image_mirror).map((mirror) => (mirror as { cluster_id: string }).cluster_id)).toEqual(['${rhcs_cluster_rosa_hcp.main.id}', '${rhcs_cluster_rosa_hcp.main.id}']);
    expect(fs.readdirSync(dir)).toEqual(['cluster']);
  });

  test('WHEN hostedcluster with --namespace THEN stdout is the CA ConfigMap and the partial HostedCluster in that namespace', async () => {
    const dir = tempTree({ 'image.yaml': `${IMAGE.replace('    blockedRegistries: []\n', '')}---\n${CA_CONFIG_MAP}`, 'mirrors.yaml': MIRRORS_A });
    const run = await runCliInProcess(['export', '--target', 'hostedcluster', '--cluster', 'hc1', '--namespace', 'hosted', '-f', dir], { cwd: dir });
    expect(run.status).toBe(0);
    const documents = parseAllDocuments(run.stdout).map((document) => document.toJS());
    expect(documents.map((document) => [document.kind, document.metadata.name, document.metadata.namespace])).toEqual([['ConfigMap', 'mirror-ca', 'hosted'], ['HostedCluster', 'hc1', 'hosted']]);
    expect(documents[1].apiVersion).toBe('hypershift.openshift.io/v1beta1');
    expect(documents[1].spec.imageContentSources).toEqual([{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com:8443/ocp/release'] }]);
    expect(documents[1].spec.configuration.image.registrySources.allowedRegistries).toEqual(['*.apps.example.com', 'mirror.example.com:8443', 'mirror.example.com:8443']);
  });
});

describe('GIVEN the function per target (exportRosaCli, exportRhcs, exportHostedCluster)', () => {
  test('WHEN called on the objects of the files THEN each gives exactly what the CLI prints for its target', async () => {
    const { dir } = cluster();
    const objects = ['image.yaml', 'mirrors-a.yaml', 'mirrors-b.yaml']
      .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(dir, 'cluster', file), 'utf8')).map((document) => document.toJS()));
    const rosaCli = exportRosaCli(objects, { cluster: 'c1', trustedCaFile: 'build/c1-registry-trusted-ca.json' });
    const cli = await runCliInProcess(['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', path.join(dir, 'cluster'), '--out', 'build'], { cwd: dir });
    expect(rosaCli.script).toBe(cli.stdout);
    expect(rosaCli.trustedCaFile?.content).toBe(fs.readFileSync(path.join(dir, 'build', 'c1-registry-trusted-ca.json'), 'utf8'));
    const rhcs = exportRhcs(objects, { cluster: 'c1' });
    expect(rhcs.json).toBe((await runCliInProcess(['export', '--target', 'rhcs', '--cluster', 'c1', '-f', path.join(dir, 'cluster')], { cwd: dir })).stdout);
    expect(JSON.parse(rhcs.json).resource.rhcs_image_mirror).toEqual(rhcs.imageMirrors);
    // HyperShift refuses the empty blocked list next to the allow list: the function throws what the CLI reports.
    expect(() => exportHostedCluster(objects, { name: 'c1' })).toThrow('registry-sources-exclusive');
    expect((await runCliInProcess(['export', '--target', 'hostedcluster', '--cluster', 'c1', '-f', path.join(dir, 'cluster')], { cwd: dir })).stderr).toContain('[registry-sources-exclusive]');
  });
});

describe('GIVEN a command line the target cannot use', () => {
  test.each([
    ['a rosa cluster with a space', ['--target', 'rosa-cli', '--cluster', 'my cluster'], 'the rosa CLI takes a cluster name or ID'],
    ['a HostedCluster name in upper case', ['--target', 'hostedcluster', '--cluster', 'HC1'], 'DNS-1123 label'],
    ['a namespace with a dot', ['--target', 'hostedcluster', '--cluster', 'hc1', '--namespace', 'a.b'], '--namespace'],
    ['an unknown target', ['--target', 'rosa', '--cluster', 'c1'], "argument 'rosa' is invalid"],
    ['no target', ['--cluster', 'c1'], "required option '--target <target>' not specified"],
    ['no cluster', ['--target', 'rhcs'], "required option '--cluster <name>' not specified"],
  ])('WHEN given %s THEN exit 2 with the reason on stderr and nothing on stdout', async (_case, args, reason) => {
    const { dir } = cluster();
    const run = await runCliInProcess(['export', ...args, '-f', path.join(dir, 'cluster')], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stdout).toBe('');
  });
});

// export reads its input through the same steps as validate (src/cli/command-input.ts); these once drifted apart.
describe('GIVEN the input steps export shares with validate', () => {
  test('WHEN the configuration file sets maxFileSize below a file\'s size THEN exit 1 with input-too-large at that file, nothing exported, as validate', async () => {
    const { dir } = cluster({ '.ocp-images.yaml': 'maxFileSize: 100\n' });
    const file = path.join(dir, 'cluster', 'mirrors-b.yaml');
    const run = await runCliInProcess(['export', '--target', 'rhcs', '--cluster', 'c1', '-f', file], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}:1: error [input-too-large]`);
    expect(run.stderr).toContain('more than the size limit of 100 bytes');
    expect((await runCliInProcess(['validate', '-f', file], { cwd: dir })).status).toBe(1);
    // The flag wins over the file, as for validate.
    expect((await runCliInProcess(['export', '--target', 'rhcs', '--cluster', 'c1', '-f', file, '--max-file-size', '1MiB'], { cwd: dir })).status).toBe(0);
  });

  test('WHEN --release-image is no image reference THEN exit 2 with a one-line usage error (no stack trace) and nothing on stdout, as validate', async () => {
    const { dir } = cluster();
    for (const target of ['rosa-cli', 'rhcs', 'hostedcluster']) {
      const run = await runCliInProcess(['export', '--target', target, '--cluster', 'c1', '-f', path.join(dir, 'cluster'), '--release-image', 'notvalid'], { cwd: dir });
      expect({ target, status: run.status, stdout: run.stdout }).toEqual({ target, status: 2, stdout: '' });
      expect(run.stderr).toMatch(/^ocp-images export: the release image "notvalid" is not a fully qualified image reference/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const validated = await runCliInProcess(['validate', '-f', path.join(dir, 'cluster'), '--release-image', 'notvalid'], { cwd: dir });
    expect(validated.status).toBe(2);
  });

  test('WHEN a file is too large THEN its finding\'s hint says how to raise the limit, not to check that the file is readable', async () => {
    const { dir } = cluster();
    const run = await runCliInProcess(['export', '--target', 'hostedcluster', '--cluster', 'c1', '-f', path.join(dir, 'cluster'), '--max-file-size', '100', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(run.stderr) as { errors: { code: string; hint: string }[] };
    const tooLarge = report.errors.filter((finding) => finding.code === 'input-too-large');
    expect(tooLarge).toHaveLength(3);
    for (const finding of tooLarge) {
      expect(finding.hint).toContain('--max-file-size');
      expect(finding.hint).toContain('maxFileSize:');
      expect(finding.hint).not.toContain('exists and is readable');
    }
  });
});

describe('GIVEN the real bin', () => {
  beforeAll(() => requireBuiltCli());

  test('WHEN export reads stdin THEN the script, and loading the CLI loads neither cdk8s, constructs nor cdktf', () => {
    const run = runBin(['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', '-'], { stdin: MIRRORS_B, cwd: tempTree({}) });
    expect(run.status).toBe(0);
    expect(commandLines(run.stdout)).toHaveLength(2);
    const loaded = spawnSync(process.execPath, ['-e', "require('./lib/cli/main'); console.log(Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdk8s|constructs|cdktf|@cdktf)[\\\\/]/.test(f)).length)"], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    expect(loaded.stdout.trim()).toBe('0');
  });

  test('WHEN the export fails THEN exit 1 and stdout stays empty (a redirect gets no half script)', () => {
    const dir = tempTree({ 'tags.yaml': TAGS });
    const run = runBin(['export', '--target', 'rosa-cli', '--cluster', 'c1', '-f', 'tags.yaml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('[hosted-tag-mirrors]');
  });

  test('WHEN asked for help THEN export is listed with its targets', () => {
    expect(runBin(['--help']).stdout).toContain('export');
    expect(runBin(['export', '--help']).stdout).toContain('rosa-cli');
  });
});
