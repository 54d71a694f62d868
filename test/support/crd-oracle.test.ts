import { crdKinds, isClusterScoped, isKubeOpenApiDuration, validateWithCrd } from './crd-oracle';

const meta = { name: 'cluster' };
const image = (spec: unknown) => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: meta, spec });
const idms = (spec: unknown) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'mirrors' }, spec });
const itms = (spec: unknown) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'mirrors' }, spec });
const icsp = (spec: unknown) => ({ apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name: 'mirrors' }, spec });
const config = (spec: unknown) => ({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: meta, spec });
const pruner = (spec: unknown) => ({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: meta, spec });

function expectValid(object: unknown): void {
  const verdict = validateWithCrd(object);
  expect(verdict.errors).toEqual([]);
  expect(verdict.valid).toBe(true);
}

function expectInvalid(object: unknown, fragment: string): void {
  const verdict = validateWithCrd(object);
  expect(verdict.valid).toBe(false);
  expect(verdict.errors.join('\n')).toContain(fragment);
}

describe('the CRD oracle', () => {
  test('GIVEN the upstream CRD fixtures WHEN loaded THEN it knows the seven kinds, all cluster-scoped', () => {
    expect(crdKinds().map((crd) => `${crd.apiVersion}/${crd.kind}`).sort()).toEqual([
      'config.openshift.io/v1/Image',
      'config.openshift.io/v1/ImageDigestMirrorSet',
      'config.openshift.io/v1/ImageTagMirrorSet',
      'imageregistry.operator.openshift.io/v1/Config',
      'imageregistry.operator.openshift.io/v1/ImagePruner',
      'operator.openshift.io/v1/MachineConfiguration',
      'operator.openshift.io/v1alpha1/ImageContentSourcePolicy',
    ]);
    for (const kind of ['Image', 'ImageDigestMirrorSet', 'ImageTagMirrorSet', 'ImageContentSourcePolicy', 'Config', 'ImagePruner', 'MachineConfiguration']) {
      expect(isClusterScoped(kind)).toBe(true);
    }
  });

  describe('Image', () => {
    test('GIVEN allowed and insecure registries THEN valid', () => {
      expectValid(image({ registrySources: { allowedRegistries: ['quay.io', '*.example.com', 'reg:5000/ns/repo'], insecureRegistries: ['localhost:5000'] } }));
    });
    test('GIVEN both blocked and allowed (even empty) THEN the CEL rule rejects it', () => {
      expectInvalid(image({ registrySources: { allowedRegistries: ['quay.io'], blockedRegistries: [] } }), 'Only one of blockedRegistries or allowedRegistries may be set');
    });
    test('GIVEN only blocked registries, in an object from another realm (structuredClone) THEN valid', () => {
      expectValid(structuredClone(image({ registrySources: { blockedRegistries: ['docker.io', 'reg.corp:5000/ns'], insecureRegistries: ['reg.corp:5000'] } })));
    });
    test('GIVEN a tag in a registry entry THEN the per-entry CEL regex rejects it', () => {
      expectInvalid(image({ registrySources: { blockedRegistries: ['quay.io/repo:latest'] } }), 'each registry must be a valid hostname');
    });
    test('GIVEN an adversarial entry THEN the verdict comes back at once (linear-time regex)', () => {
      const started = Date.now();
      expectInvalid(image({ registrySources: { allowedRegistries: [`a/${'a'.repeat(60)}!`] } }), 'each registry must be');
      expect(Date.now() - started).toBeLessThan(1000);
    });
    test('GIVEN duplicate search registries THEN the set list type rejects them; an empty list is below minItems', () => {
      expectInvalid(image({ registrySources: { containerRuntimeSearchRegistries: ['quay.io', 'quay.io'] } }), 'Duplicate value');
      expectInvalid(image({ registrySources: { containerRuntimeSearchRegistries: [] } }), 'minItems');
    });
    test('GIVEN search registries that are not host names THEN valid (format on an array is not applied)', () => {
      expectValid(image({ registrySources: { containerRuntimeSearchRegistries: ['not a hostname!'] } }));
    });
    test('GIVEN no spec THEN required', () => {
      expectInvalid({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: meta }, 'required');
    });
    test('GIVEN an unknown import mode THEN enum', () => {
      expectInvalid(image({ imageStreamImportMode: 'Always' }), 'enum');
    });
  });

  describe.each([['ImageDigestMirrorSet', idms, 'imageDigestMirrors'], ['ImageTagMirrorSet', itms, 'imageTagMirrors']] as const)('%s', (_kind, make, field) => {
    test('GIVEN a wildcard source with mirrors and a policy THEN valid', () => {
      expectValid(make({ [field]: [{ source: '*.example.com', mirrors: ['mirror.corp:5000/team'], mirrorSourcePolicy: 'NeverContactSource' }] }));
    });
    test('GIVEN a wildcard mirror THEN pattern', () => {
      expectInvalid(make({ [field]: [{ source: 'quay.io', mirrors: ['*.corp'] }] }), 'pattern');
    });
    test('GIVEN duplicate mirrors THEN Duplicate value; GIVEN no source THEN required', () => {
      expectInvalid(make({ [field]: [{ source: 'quay.io', mirrors: ['m.corp', 'm.corp'] }] }), 'Duplicate value');
      expectInvalid(make({ [field]: [{ mirrors: ['m.corp'] }] }), 'required');
    });
    test('GIVEN an empty policy THEN enum', () => {
      expectInvalid(make({ [field]: [{ source: 'quay.io', mirrorSourcePolicy: '' }] }), 'enum');
    });
  });

  describe('ImageContentSourcePolicy', () => {
    test('GIVEN any strings and duplicate mirrors THEN valid (the CRD has no patterns)', () => {
      expectValid(icsp({ repositoryDigestMirrors: [{ source: 'anything at all:tag', mirrors: ['x', 'x'] }] }));
    });
    test('GIVEN an entry without source THEN required', () => {
      expectInvalid(icsp({ repositoryDigestMirrors: [{ mirrors: ['x'] }] }), 'required');
    });
  });

  describe('Config', () => {
    test('GIVEN replicas and S3 storage THEN valid', () => {
      expectValid(config({ replicas: 2, managementState: 'Managed', storage: { s3: { bucket: 'b', region: 'eu-west-1', chunkSizeMiB: 5, cloudFront: { baseURL: 'https://x', keypairID: 'k', privateKey: { key: 'pk' }, duration: '300s' } } } }));
    });
    test('GIVEN no replicas THEN required', () => {
      expectInvalid(config({ managementState: 'Managed' }), 'required');
    });
    test('GIVEN chunkSizeMiB 4 THEN minimum', () => {
      expectInvalid(config({ replicas: 1, storage: { s3: { chunkSizeMiB: 4 } } }), 'minimum');
    });
    test('GIVEN azure internal network access without type THEN the default External makes the CEL rule fail', () => {
      expectInvalid(config({ replicas: 1, storage: { azure: { networkAccess: { internal: { vnetName: 'vnet1' } } } } }), 'internal is forbidden when type is not Internal');
      expectValid(config({ replicas: 1, storage: { azure: { networkAccess: { type: 'Internal', internal: { vnetName: 'vnet1' } } } } }));
    });
    test('GIVEN oss encryption with kms but no method THEN the default AES256 makes the anyOf fail', () => {
      expectInvalid(config({ replicas: 1, storage: { oss: { encryption: { kms: { keyID: 'k' } } } } }), 'anyOf');
      expectValid(config({ replicas: 1, storage: { oss: { encryption: { method: 'KMS', kms: { keyID: 'k' } } } } }));
    });
    test('GIVEN replicas beyond int32 THEN valid (int formats are not range-checked); GIVEN 1.5 THEN type', () => {
      expectValid(config({ replicas: 2 ** 40 }));
      expectInvalid(config({ replicas: 1.5 }), 'type');
    });
    test('GIVEN a bad quantity THEN pattern; an integer quantity THEN valid', () => {
      expectInvalid(config({ replicas: 1, resources: { requests: { cpu: '1 core' } } }), 'pattern');
      expectValid(config({ replicas: 1, resources: { requests: { cpu: 2, memory: '256Mi' } } }));
    });
    test('GIVEN a status THEN it is ignored (status subresource)', () => {
      expectValid({ ...config({ replicas: 1 }), status: { bogus: true } });
    });
  });

  describe('ImagePruner', () => {
    test('GIVEN a full spec THEN valid', () => {
      expectValid(pruner({ schedule: '0 0 * * *', suspend: false, keepTagRevisions: 3, keepYoungerThanDuration: '60m', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 0, logLevel: 'Debug' }));
    });
    test('GIVEN a duration Go cannot parse but kube-openapi\'s fallback can THEN valid; GIVEN nonsense THEN format', () => {
      expectValid(pruner({ keepYoungerThanDuration: '3 days' }));
      expectInvalid(pruner({ keepYoungerThanDuration: 'soon' }), 'format');
    });
    test('GIVEN a bad log level THEN enum; GIVEN no metadata name THEN rejected', () => {
      expectInvalid(pruner({ logLevel: 'Verbose' }), 'enum');
      expectInvalid({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: {}, spec: {} }, 'metadata/name');
    });
  });
});

describe('kube-openapi duration format', () => {
  test.each(['0', '1h30m', '60m', '-1.5h', '.5s', '1.s', '300ms', '2µs', '1 day', '2weeks', '5 hours'])('%s is accepted', (value) => {
    expect(isKubeOpenApiDuration(value)).toBe(true);
  });
  test.each(['', 'h', '1', '1x', '1.5', 'forever', '.s', '99999999999999999999h'])('%s is rejected', (value) => {
    expect(isKubeOpenApiDuration(value)).toBe(false);
  });
});
