/**
 * `ocp-images import`: oc-mirror v2 output, the idiomatic forms of the module (factories, enums), the decisions the
 * import takes where a construct would render something else than the manifest, and what it skips. Each module is
 * synthesized and compared with the manifest it was made from.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { importObjects, ImportResult } from '../../src/brownfield/import-objects';
import { requireBuiltCli, runCliInProcess, tempTree, REPO_ROOT } from '../support/cli';
import { loadBuild, synthesize, typeCheck } from './generated-module';

type Json = Record<string, any>;

const DUMP = path.resolve(__dirname, '../fixtures/real-world/demo-ai-gitops-catalog/dump');

function importYaml(...documents: Json[]): ImportResult {
  return importObjects(documents.map((object, index) => ({ object, where: `input.yaml:${index * 10 + 1}` })));
}

function synthOf(result: ImportResult): Json[] {
  expect(typeCheck({ module: result.module })).toEqual([]);
  return synthesize(loadBuild(result.module));
}

/** oc-mirror v2's cluster-resources folder as a run writes it: annotations with the run's time, entries in map order. */
function ocMirrorRun(createdAt: string, reverse: boolean): string {
  const annotate = (object: Json) => {
    object.metadata.annotations = { createdBy: 'oc-mirror v2', createdAt, 'oc-mirror_version': 'v0.0.0-unknown-4cbb4ea4' };
    for (const field of ['imageDigestMirrors', 'imageTagMirrors']) {
      if (reverse && Array.isArray(object.spec[field])) {
        object.spec[field].reverse();
      }
    }
    return object;
  };
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(DUMP)) {
    const text = fs.readFileSync(path.join(DUMP, name), 'utf8');
    if (name === 'idms-oc-mirror.yaml' || name === 'itms-oc-mirror.yaml') {
      const objects = parseAllDocuments(text).map((document) => annotate(document.toJS() as Json));
      files[name] = (reverse ? objects.reverse() : objects).map((object) => `---\n${stringify(object)}`).join('');
    } else {
      files[name] = text;
    }
  }
  return tempTree(files);
}

describe('GIVEN two runs of oc-mirror v2 over the same mirror (cluster-resources/ of the corpus, annotated as v2 writes it)', () => {
  beforeAll(requireBuiltCli);

  test('WHEN each folder is imported THEN the modules are identical: oc-mirror annotations dropped, entries sorted, the other files noted as not handled', async () => {
    const first = await runCliInProcess(['import', '-f', ocMirrorRun('2025-06-01T10:00:00Z', false)]);
    const second = await runCliInProcess(['import', '-f', ocMirrorRun('2025-06-02T11:30:00Z', true)]);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    // The module names where each object was read (the temporary folder); compare without those comments.
    const code = (stdout: string) => stdout.split('\n').filter((line) => !line.trim().startsWith('// Image')).join('\n');
    expect(code(second.stdout)).toBe(code(first.stdout));
    expect(first.stdout).not.toMatch(/createdAt|createdBy|oc-mirror_version/);
    const sources = [...first.stdout.matchAll(/source: '([^']+)'/g)].map((match) => match[1]);
    expect(sources.slice(0, 2)).toEqual([...sources.slice(0, 2)].sort());
    for (const name of ['cc-redhat-operator-index-v4-19.yaml', 'cs-redhat-operator-index-v4-19.yaml', 'signature-configmap.json', 'signature-configmap.yaml', 'updateService.yaml']) {
      expect(first.stderr).toMatch(new RegExp(`not handled: .*/${name.replace(/\./g, '\\.')}: `));
    }
    expect(first.stderr).toContain('a CatalogSource');
    expect(first.stderr).toContain('an UpdateService');
    expect(first.stderr).toContain('oc-mirror annotations dropped, entries sorted by source');
  });

  test('WHEN the module is synthesized THEN it holds the five mirror sets without the annotations, entries sorted by source', async () => {
    const dir = ocMirrorRun('2025-06-01T10:00:00Z', true);
    const run = await runCliInProcess(['import', '-f', dir]);
    const objects = synthesize(loadBuild(run.stdout)) as Json[];
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'ImageDigestMirrorSet/idms-generic-0', 'ImageDigestMirrorSet/idms-operator-0', 'ImageDigestMirrorSet/idms-release-0',
      'ImageTagMirrorSet/itms-generic-0', 'ImageTagMirrorSet/itms-release-0',
    ]);
    for (const object of objects) {
      expect(object.metadata.annotations).toBeUndefined();
      const entries = object.spec.imageDigestMirrors ?? object.spec.imageTagMirrors;
      expect(entries.map((entry: Json) => entry.source)).toEqual(entries.map((entry: Json) => entry.source).sort());
    }
  });
});

describe('GIVEN registry Configs as clusters hold them', () => {
  test('WHEN the storage names its owner THEN the module uses the factory and the enum, and synthesizes to the manifest', () => {
    const manifest = {
      apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' },
      spec: { managementState: 'Managed', replicas: 2, storage: { managementState: 'Unmanaged', s3: { bucket: 'prod-registry', region: 'eu-west-1', encrypt: true } } },
    };
    const result = importYaml(manifest);
    expect(result.module).toContain([
      '    storage: RegistryStorage.s3({',
      "      bucket: 'prod-registry',",
      "      region: 'eu-west-1',",
      '      encrypt: true,',
      '      managementState: StorageManagementState.UNMANAGED,',
      '    }),',
    ].join('\n'));
    expect(result.module).toContain('managementState: ManagementState.MANAGED,');
    expect(synthOf(result)).toEqual([manifest]);
  });

  test('WHEN a named bucket leaves managementState to the cluster THEN the upstream storage object is kept (the factory would set Unmanaged), with why', () => {
    const manifest = {
      apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' },
      spec: { replicas: 2, storage: { s3: { bucket: 'prod-registry', region: 'eu-west-1' } } },
    };
    const result = importYaml(manifest);
    expect(result.module).not.toContain('RegistryStorage.s3({');
    expect(result.module).toContain("storage: { s3: { bucket: 'prod-registry', region: 'eu-west-1' } },");
    expect(result.module).toContain('RegistryStorage.s3() would set Unmanaged for a named bucket');
    expect(synthOf(result)).toEqual([manifest]);
  });

  test('WHEN the storage is a PVC and rolloutStrategy is left to the cluster THEN the construct\'s Recreate is patched away, with why', () => {
    const manifest = {
      apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' },
      spec: { replicas: 1, storage: { pvc: { claim: 'registry-storage' } } },
    };
    const result = importYaml(manifest);
    expect(result.module).toContain("storage: RegistryStorage.pvc({ claim: 'registry-storage' }),");
    expect(result.module).toContain("registry.apiObject.addJsonPatch(JsonPatch.remove('/spec/rolloutStrategy'));");
    expect(synthOf(result)).toEqual([manifest]);
  });

  test('WHEN it holds an httpSecret and a misspelled field THEN neither reaches the module, both are reported, and the rest round-trips', () => {
    const manifest = {
      apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' },
      spec: { replicas: 2, httpSecret: 's3cr3t-value-from-the-cluster', storage: { emptyDir: {} }, defaultRoutes: true },
    };
    const result = importYaml(manifest);
    expect(result.module).not.toContain('s3cr3t-value-from-the-cluster');
    expect(result.module).not.toContain('defaultRoutes');
    expect(result.imported[0].dropped.map((drop) => drop.path).sort()).toEqual(['spec.defaultRoutes', 'spec.httpSecret']);
    expect(synthOf(result)).toEqual([{ ...manifest, spec: { replicas: 2, storage: { emptyDir: {} } } }]);
  });
});

describe('GIVEN mirror sets and an Image with its trusted-CA ConfigMap', () => {
  const PEM = fs.readFileSync(path.join(REPO_ROOT, 'test', 'package', 'fixtures', 'cdk8s-app', 'mirror-ca.pem'), 'utf8');

  test('WHEN imported THEN enums replace strings, an IDMS and an ITMS of one name get distinct ids, the ConfigMap becomes trustedCAs, and everything round-trips', () => {
    const idms = { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'mirrors' }, spec: { imageDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'], mirrorSourcePolicy: 'NeverContactSource' }] } };
    const itms = { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'mirrors' }, spec: { imageTagMirrors: [{ source: 'quay.io/ubi', mirrors: ['m.example.com/ubi'] }] } };
    const image = { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { additionalTrustedCA: { name: 'mirror-ca' } } };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mirror-ca', namespace: 'openshift-config', labels: { team: 'platform' } }, data: { 'm.example.com..8443': PEM } };
    const result = importYaml(idms, itms, image, configMap);
    expect(result.module).toContain('mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE');
    expect(result.module).toContain("new ImageDigestMirrorSet(scope, 'mirrors', {");
    expect(result.module).toContain("new ImageTagMirrorSet(scope, 'mirrors-itms', {");
    expect(result.module).toContain("'m.example.com:8443': `-----BEGIN CERTIFICATE-----");
    expect(result.module).toContain("trustedCAConfigMapName: 'mirror-ca',");
    expect(result.module).toContain("image.trustedCAConfigMap?.metadata.addLabel('team', 'platform');");
    expect(result.imported.find((imported) => imported.ref === 'Image/cluster')?.trustedCaConfigMap).toBe('input.yaml:31');
    expect(synthOf(result)).toEqual([idms, itms, image, configMap].map((object) => expect.objectContaining(object)));
    expect(synthOf(result)).toHaveLength(4);
  });

  test('WHEN a manifest holds explicit nulls THEN they are kept with patches (a null deletes on apply)', () => {
    const manifest = { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: null, externalRegistryHostnames: ['registry.apps.example.com'] } };
    const result = importYaml(manifest);
    expect(result.module).toContain("image.apiObject.addJsonPatch(JsonPatch.add('/spec/registrySources', null));");
    expect(synthOf(result)).toEqual([manifest]);
  });
});

describe('GIVEN a mirror set with unknown keys longer than a path quotes (~200 characters)', () => {
  test('WHEN imported THEN each is pruned like a short one: out of the module, reported once at the path the engine writes (cut), and the rest round-trips', () => {
    const longField = `x${'a'.repeat(299)}`;
    const longEntryField = `y${'b'.repeat(299)}`;
    const entry = { source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'] };
    const idms = { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'mirrors' }, spec: { [longField]: 1, imageDigestMirrors: [{ ...entry, [longEntryField]: true }] } };
    const result = importYaml(idms);
    expect(result.module).not.toContain('aaaaaaaaaa');
    expect(result.module).not.toContain('bbbbbbbbbb');
    expect(result.imported[0].dropped.map((drop) => `${drop.path}: ${drop.reason}`).sort()).toEqual([
      `spec[${JSON.stringify(`${longField.slice(0, 197)}...`)}]: not a field of the API: the API server prunes it`,
      `spec.imageDigestMirrors[0][${JSON.stringify(`${longEntryField.slice(0, 197)}...`)}]: not a field of the API: the API server prunes it`,
    ].sort());
    expect(synthOf(result)).toEqual([{ ...idms, spec: { imageDigestMirrors: [entry] } }]);
  });
});

describe('GIVEN objects the import cannot turn into constructs', () => {
  test.each([
    ['an ImagePruner not named cluster', { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'nightly' }, spec: {} }, 'the cluster reads only the ImagePruner named "cluster"'],
    ['an IDMS under the wrong group', { apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageDigestMirrorSet', metadata: { name: 'x' }, spec: {} }, 'the API serves ImageDigestMirrorSet only as config.openshift.io/v1'],
    ['an IDMS without an apiVersion', { kind: 'ImageDigestMirrorSet', metadata: { name: 'x' }, spec: {} }, 'no apiVersion: the API serves ImageDigestMirrorSet only as config.openshift.io/v1'],
    ['a patch that looks like an ImagePruner', { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', name: 'cluster', patch: '{}' }, 'no metadata.name: not a manifest'],
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, 'apps/v1 Deployment is not a kind of this library'],
  ])('WHEN given %s THEN it is skipped with the reason', (_label, object, reason) => {
    const result = importYaml(object);
    expect(result.imported).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ where: 'input.yaml:1', reason: expect.stringContaining(reason) })]);
  });
});

describe('GIVEN the compiled CLI', () => {
  beforeAll(requireBuiltCli);

  test('WHEN the input holds nothing to import THEN exit 2 with the skipped objects named', async () => {
    const run = await runCliInProcess(['import', '-f', '-'], { stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nothing to import');
    expect(run.stderr).toContain('Deployment/web (<stdin>:1)');
  });

  test('WHEN an imported object breaks a rule THEN the module is printed, the finding is on stderr, and the exit code is 1', async () => {
    const run = await runCliInProcess(['import', '-f', path.resolve(__dirname, '../fixtures/real-world/openshift-docs/images-configuration-allowed.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('export function build(scope: Construct): void {');
    expect(run.stderr).toMatch(/error \[registry-scope-invalid\] Image\/cluster spec\.registrySources\.allowedRegistries\[\d\]/);
  });

  test('WHEN migrate and import run THEN neither cdk8s, constructs nor cdktf is loaded', () => {
    const script = `
      const { runCli } = require(${JSON.stringify(path.join(REPO_ROOT, 'lib', 'cli', 'main.js'))});
      const out = { write() {} };
      process.stdout.write = () => true;
      (async () => {
        await runCli(['import', '-f', ${JSON.stringify(path.join(DUMP, 'idms-oc-mirror.yaml'))}], out);
        await runCli(['migrate', 'icsp', '-f', ${JSON.stringify(path.resolve(__dirname, '../fixtures/real-world/openshift-docs/registry-mirror-icsp.yaml'))}, '--dest-dir', ${JSON.stringify(tempTree({}))}], out);
        const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](cdk8s|constructs|cdktf|@cdktf)[\\\\/]/.test(file));
        process.stderr.write('\\nLOADED ' + JSON.stringify(loaded));
      })();
    `;
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').pop()).toBe('LOADED []');
  });
});
