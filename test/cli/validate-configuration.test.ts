/**
 * `validate` over a repository as users have them: one cluster's folder, excludes, files that are not manifests,
 * objects defined twice, kinds under the wrong apiVersion, and the usage errors around them. In process.
 */
import * as path from 'node:path';
import { runCliInProcess, tempTree } from '../support/cli';

const IMAGE = 'apiVersion: config.openshift.io/v1\nkind: Image\nmetadata:\n  name: cluster\nspec:\n  registrySources:\n    blockedRegistries: [docker.io]\n';
const IDMS = (name: string) => `apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: ${name}\nspec:\n  imageDigestMirrors:\n  - source: quay.io/a\n    mirrors: [mirror.local/a]\n`;

describe('GIVEN no command', () => {
  test('WHEN ocp-images runs THEN the usage goes to stderr and the exit code is 2', async () => {
    const run = await runCliInProcess([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: ocp-images');
  });
});

describe('GIVEN a cluster folder with an Ansible playbook and an install-config', () => {
  test('WHEN validated THEN they are passed over with a note, and the run passes', async () => {
    // GIVEN
    const dir = tempTree({
      'cluster/image.yaml': IMAGE,
      'cluster/playbook.yml': '- hosts: bastion\n  tasks:\n  - name: mirror\n    shell: oc-mirror --config {{ cfg }} docker://{{ registry }}\n',
      'cluster/install-config.yaml': 'apiVersion: v1\nbaseDomain: example.com\nmetadata:\n  name: prod\n',
    });
    // WHEN
    const run = await runCliInProcess(['validate', '-f', path.join(dir, 'cluster')]);
    // THEN
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('playbook.yml:1: passed over: a YAML list');
    expect(run.stdout).toContain('install-config.yaml:1: passed over: a mapping without `kind`');
    expect(run.stdout).toContain('passed over 2 documents that are not Kubernetes objects');
  });
});

describe('GIVEN the same IDMS in two files', () => {
  test('WHEN validated THEN object-duplicate at both definitions, exit 1; WHEN the copy is excluded THEN exit 0', async () => {
    // GIVEN
    const dir = tempTree({ 'base/idms.yaml': IDMS('mirrors'), 'overlays/prod/idms.yaml': IDMS('mirrors') });
    // WHEN
    const both = await runCliInProcess(['validate', '-f', dir, '--format', 'json']);
    const excluded = await runCliInProcess(['validate', '-f', dir, '--exclude', 'overlays']);
    // THEN
    expect(both.status).toBe(1);
    const report = JSON.parse(both.stdout) as { errors: { code: string; file: string }[] };
    expect(report.errors.map((finding) => [finding.code, path.relative(dir, finding.file)])).toEqual([
      ['object-duplicate', 'base/idms.yaml'],
      ['object-duplicate', 'overlays/prod/idms.yaml'],
    ]);
    expect(excluded.status).toBe(0);
  });

  test('WHEN the exclude comes from .ocp-images.yaml THEN it applies too', async () => {
    const dir = tempTree({ 'base/idms.yaml': IDMS('mirrors'), 'overlays/prod/idms.yaml': IDMS('mirrors'), '.ocp-images.yaml': 'exclude:\n  - overlays/**\n' });
    const run = await runCliInProcess(['validate', '-f', dir], { cwd: dir });
    expect(run.status).toBe(0);
  });

  test('WHEN everything is excluded THEN a usage error', async () => {
    const dir = tempTree({ 'a.yaml': IDMS('a') });
    const run = await runCliInProcess(['validate', '-f', dir, '--exclude', '*.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('every path given is excluded');
  });
});

describe('GIVEN a published ImagePruner snippet under a group that does not exist', () => {
  test('WHEN validated THEN exit 1, and the fix names the apiVersion the cluster serves', async () => {
    const dir = tempTree({ 'pruner.yaml': 'apiVersion: imagepruner.operator.openshift.io/v1\nkind: ImagePruner\nmetadata:\n  name: cluster\nspec:\n  schedule: "0 0 * * *"\n' });
    const run = await runCliInProcess(['validate', '-f', path.join(dir, 'pruner.yaml'), '--format', 'json']);
    expect(run.status).toBe(1);
    const [finding] = (JSON.parse(run.stdout) as { errors: { code: string; hint: string; line: number }[] }).errors;
    expect(finding).toMatchObject({ code: 'api-version-unknown', line: 1 });
    expect(finding.hint).toBe('Set `apiVersion: imageregistry.operator.openshift.io/v1`.');
  });
});

describe('GIVEN mirror sets checked for an older release', () => {
  test('WHEN a wildcard source is validated for 4.15 THEN exit 1; for 4.16 exit 0; for 4.12 a usage error', async () => {
    const dir = tempTree({ 'idms.yaml': IDMS('w').replace('quay.io/a', '"*.example.com"') });
    const file = path.join(dir, 'idms.yaml');
    expect((await runCliInProcess(['validate', '-f', file, '--openshift-version', '4.15'])).status).toBe(1);
    expect((await runCliInProcess(['validate', '-f', file, '--openshift-version', '4.16'])).status).toBe(0);
    const old = await runCliInProcess(['validate', '-f', file, '--openshift-version', '4.12']);
    expect(old.status).toBe(2);
    expect(old.stderr).toContain('4.13 and later');
  });
});
