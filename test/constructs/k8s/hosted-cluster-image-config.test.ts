/**
 * The cdk8s side of HyperShift: `HostedClusterImageConfig` gives the `HostedCluster` fragment for the user's own
 * HostedCluster and creates the trusted-CA ConfigMap in its namespace.
 *
 * Oracles: `spec.configuration.image` is the OpenShift Image spec (hostedcluster_types.go `Image *configv1.ImageSpec`),
 * so it is checked with the upstream Image CRD (schema and CEL); `spec.imageContentSources` against the limits of
 * `ImageContentSource` in openshift/hypershift api/hypershift/v1beta1/hostedcluster_types.go (at 3ee9615), transcribed
 * below because the HostedCluster CRD is not among the fixtures.
 */
import Ajv from 'ajv';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { HostedClusterImageConfig, ValidationError, Warnings } from '../../../src';
import { validateWithCrd } from '../../support/crd-oracle';
import { CA_PEM, idms } from '../../support/objects';

const IMAGE_CONTENT_SOURCES = new Ajv({ allErrors: true }).compile({
  type: 'array',
  maxItems: 255,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['source'],
    properties: {
      source: { type: 'string', maxLength: 255 },
      mirrors: { type: 'array', maxItems: 255, uniqueItems: true, items: { type: 'string', maxLength: 255 } },
    },
  },
});

function newChart() {
  return Testing.chart();
}

const hostedCluster = (chart: ReturnType<typeof newChart>, spec: Record<string, unknown>) => new ApiObject(chart, 'hc', {
  apiVersion: 'hypershift.openshift.io/v1beta1',
  kind: 'HostedCluster',
  metadata: { name: 'my-cluster', namespace: 'hosted' },
  spec,
});

describe('GIVEN an image configuration for a hosted cluster (HostedClusterImageConfig)', () => {
  test('WHEN synthesized THEN the CA ConfigMap is in the HostedCluster namespace and the fragment fits the HostedCluster API', () => {
    const chart = newChart();
    const images = new HostedClusterImageConfig(chart, 'images', {
      namespace: 'hosted',
      image: { registrySources: { blockedRegistries: ['docker.io'] }, externalRegistryHostnames: ['registry.apps.example.com'] },
      trustedCAs: { 'mirror.example.com:8443': CA_PEM },
      imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.example.com:8443/ocp'] }],
      objects: [idms('more', [{ source: 'quay.io/openshift-release-dev', mirrors: ['backup.example.com/ocp'] }])],
    });
    hostedCluster(chart, { release: { image: 'quay.io/openshift-release-dev/ocp-release:4.19.0-x86_64' }, configuration: { image: images.image }, imageContentSources: images.imageContentSources });
    const [configMap, hc] = Testing.synth(chart);
    expect(configMap).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'registry-trusted-cas', namespace: 'hosted' }, data: { 'mirror.example.com..8443': CA_PEM } });
    expect(hc.spec.configuration.image).toEqual({ externalRegistryHostnames: ['registry.apps.example.com'], additionalTrustedCA: { name: 'registry-trusted-cas' }, registrySources: { blockedRegistries: ['docker.io'] } });
    expect(validateWithCrd({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: hc.spec.configuration.image }).errors).toEqual([]);
    expect(hc.spec.imageContentSources).toEqual([{ source: 'quay.io/openshift-release-dev', mirrors: ['backup.example.com/ocp', 'mirror.example.com:8443/ocp'] }]);
    expect(IMAGE_CONTENT_SOURCES(hc.spec.imageContentSources)).toBe(true);
  });

  test('WHEN applied to a HostedCluster with a configuration THEN image is added next to what is there, and imageContentSources set', () => {
    const chart = newChart();
    const images = new HostedClusterImageConfig(chart, 'images', { image: { registrySources: { blockedRegistries: ['docker.io'] } }, imageDigestMirrors: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }] });
    const hc = hostedCluster(chart, { configuration: { apiServer: { audit: { profile: 'Default' } } } });
    images.applyTo(hc);
    expect(hc.toJson().spec).toEqual({
      configuration: { apiServer: { audit: { profile: 'Default' } }, image: { registrySources: { blockedRegistries: ['docker.io'] } } },
      imageContentSources: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }],
    });
  });

  test('WHEN applied to a HostedCluster without a configuration THEN the configuration is created', () => {
    const chart = newChart();
    const images = new HostedClusterImageConfig(chart, 'images', { image: { registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000'] } } });
    const hc = hostedCluster(chart, { release: { image: 'x' } });
    images.applyTo(hc);
    expect(hc.toJson().spec).toEqual({ release: { image: 'x' }, configuration: { image: images.image } });
    expect(images.imageContentSources).toBeUndefined();
  });

  test('WHEN HyperShift cannot carry the configuration THEN a ValidationError at construction with the construct path', () => {
    const chart = newChart();
    let thrown: unknown;
    try {
      new HostedClusterImageConfig(chart, 'images', {
        image: { registrySources: { allowedRegistries: ['quay.io'], blockedRegistries: [] } },
        imageDigestMirrors: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'], mirrorSourcePolicy: 'NeverContactSource' }],
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).findings.map((finding) => finding.code)).toEqual(['registry-sources-exclusive', 'hosted-never-contact-source']);
    expect((thrown as ValidationError).message).toContain(`[${chart.node.path}/images]`);
  });

  test('WHEN the configuration has warnings THEN they are printed at synth, unless acknowledged', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
    try {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      new HostedClusterImageConfig(chart, 'images', { image: { registrySources: { allowedRegistries: ['mirror.example.com'] } } });
      app.synth();
      expect(written.join('')).toContain('WARNING allowed-registries-missing-platform');
      written.length = 0;
      const quiet = Testing.app();
      const quietChart = new Chart(quiet, 'test');
      Warnings.acknowledge(quietChart, 'allowed-registries-missing-platform', 'mirrors serve the platform');
      new HostedClusterImageConfig(quietChart, 'images', { image: { registrySources: { allowedRegistries: ['mirror.example.com'] } } });
      quiet.synth();
      expect(written.join('')).not.toContain('allowed-registries-missing-platform');
    } finally {
      spy.mockRestore();
    }
  });
});
