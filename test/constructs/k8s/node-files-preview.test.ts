/**
 * `NodeFilesPreview` over cdk8s apps: objects found anywhere in the construct tree (this library's constructs and
 * plain `ApiObject`s), rendered like the CLI renders YAML, and written atomically.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ImageConfig } from '../../../src/constructs/k8s/image-config';
import { ImageDigestMirrorSet } from '../../../src/constructs/k8s/image-digest-mirror-set';
import { NodeFilesPreview, NodeFilesPreviewError } from '../../../src/constructs/k8s/node-files-preview';
import { MachineConfigOperatorError, renderNodeFiles } from '../../../src/node-files';

const RELEASE = `quay.io/openshift-release-dev/ocp-release@sha256:${'cd'.repeat(32)}`;

function rawImage(scope: Chart, id: string, registrySources: object): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources } });
}

describe('NodeFilesPreview', () => {
  test('GIVEN an app with library constructs in two charts WHEN rendered THEN the files equal the renderer over the same plain objects', () => {
    const app = new App();
    const images = new Chart(app, 'images');
    const mirrors = new Chart(app, 'mirrors');
    new ImageConfig(images, 'config', { registrySources: { blockedRegistries: ['quay.io', 'docker.io'] } });
    new ImageDigestMirrorSet(mirrors, 'release', {
      imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.local/ocp-release'] }],
    });
    const result = NodeFilesPreview.render(app, { releaseImage: RELEASE });
    const direct = renderNodeFiles({
      imageConfig: { spec: { registrySources: { blockedRegistries: ['quay.io', 'docker.io'] } } },
      idms: [{ imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.local/ocp-release'] }] }],
      releaseImage: RELEASE,
    });
    expect(result.files).toEqual(direct.files);
    expect(result.files.map((f) => f.path)).toEqual(['/etc/containers/registries.conf', '/etc/containers/policy.json']);
  });

  test('GIVEN plain ApiObjects of other kinds WHEN rendered THEN they are passed over', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    rawImage(chart, 'image', { insecureRegistries: ['i.io'] });
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    const result = NodeFilesPreview.render(chart);
    expect(result.files.map((f) => f.path)).toEqual(['/etc/containers/registries.conf']);
    expect(result.summary.registries).toBe(1);
  });

  test('GIVEN two Image objects named cluster WHEN rendered THEN a preview error says so', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    rawImage(chart, 'a', {});
    rawImage(chart, 'b', {});
    expect(() => NodeFilesPreview.render(app)).toThrow(NodeFilesPreviewError);
  });

  test('GIVEN an invalid scope the MCO rejects WHEN written THEN the MCO error is thrown and nothing is written', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    rawImage(chart, 'image', { insecureRegistries: [''] });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-construct-preview-'));
    try {
      expect(() => NodeFilesPreview.write(app, out)).toThrow(MachineConfigOperatorError);
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('GIVEN a valid app WHEN written THEN the files land at their node paths under the folder', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    rawImage(chart, 'image', { blockedRegistries: ['b.io'], containerRuntimeSearchRegistries: ['s.io'] });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-construct-preview-'));
    try {
      const result = NodeFilesPreview.write(app, out, { openshiftVersion: '4.18' });
      for (const file of result.files) {
        expect(fs.readFileSync(path.join(out, file.path), 'utf8')).toBe(file.content);
      }
      expect(fs.readdirSync(out)).toEqual(['etc']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
