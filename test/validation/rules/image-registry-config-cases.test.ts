import { FULL_REGISTRY_SPEC, registryConfig } from '../../support/objects';
import { errorCodes, expectCrdAccepts, expectCrdRejects, findingsOf, findingsWithCode, schemaLevelErrors, warningCodes } from '../../support/findings';
/**
 * The rules of the registry `Config` over plain objects (the CLI's path): every schema constraint restated from the
 * CRD, accepted and rejected, next to the upstream CRD's own verdict; then every operator and documentation rule.
 */

describe('Config rules: a complete valid object', () => {
  test('GIVEN every field of the API with valid values THEN no error, and the upstream CRD accepts it too', () => {
    // GIVEN
    const object = registryConfig(FULL_REGISTRY_SPEC);
    // WHEN
    const errors = errorCodes(object);
    // THEN
    expect(errors).toEqual([]);
    expect(warningCodes(object)).toEqual([]);
    expectCrdAccepts(object);
  });

  test.each([
    ['gcs', { gcs: { bucket: 'b', region: 'europe-west1', projectID: 'p', keyID: 'k' } }],
    ['swift', { swift: { authURL: 'https://keystone:5000/v3', authVersion: '3', container: 'registry', domain: 'Default', domainID: 'default', tenant: 't', tenantID: 'tid', regionName: 'RegionOne' } }],
    ['pvc', { pvc: { claim: 'registry-storage' } }],
    ['azure', { azure: { accountName: 'acct', container: 'registry-1', cloudName: 'AzurePublicCloud', networkAccess: { type: 'Internal', internal: { networkResourceGroupName: 'rg.net_1', vnetName: 'vnet-1', subnetName: 's', privateEndpointName: 'pe_1' } } } }],
    ['ibmcos', { ibmcos: { bucket: 'b', location: 'us-south', resourceGroupName: 'rg', resourceKeyCRN: 'crn:v1:bluemix:public:cloud-object-storage:global:a/1:2:resource-key:3', serviceInstanceCRN: 'crn:v1:bluemix:public:cloud-object-storage:global:a/1:2::' } }],
  ])('GIVEN a valid %s backend THEN no schema error, and the CRD agrees', (_name, storage) => {
    const object = registryConfig({ replicas: 1, rolloutStrategy: 'Recreate', storage: { managementState: 'Managed', ...storage } });
    expect(schemaLevelErrors(object)).toEqual([]);
    expect(errorCodes(object)).toEqual([]);
    expectCrdAccepts(object);
  });
});

interface SchemaCase {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly code: string;
  readonly path: string;
  /** What the message must quote or say. */
  readonly says: string;
  /** What the CRD's error says, or null when the CRD accepts the object (operator-level rules). */
  readonly crd: string | null;
}

const s3 = (fields: Record<string, unknown>) => ({ replicas: 1, storage: { managementState: 'Unmanaged', s3: { bucket: 'b', ...fields } } });
const azure = (networkAccess: unknown) => ({ replicas: 1, storage: { azure: { networkAccess } } });
const oss = (encryption: unknown) => ({ replicas: 1, storage: { oss: { encryption } } });
const cloudFront = { baseURL: 'https://d.cloudfront.net', keypairID: 'K', privateKey: { key: 'k' } };

const schemaCases: SchemaCase[] = [
  { name: 'fractional replicas', spec: { replicas: 1.5 }, code: 'schema-type', path: 'spec.replicas', says: '1.5', crd: 'integer' },
  { name: 'replicas as a string', spec: { replicas: '2' }, code: 'schema-type', path: 'spec.replicas', says: '"2"', crd: 'integer' },
  { name: 'unknown management state', spec: { replicas: 1, managementState: 'managed' }, code: 'schema-pattern', path: 'spec.managementState', says: '"managed"', crd: 'pattern' },
  { name: 'unknown storage management state', spec: { replicas: 1, storage: { managementState: 'Removed', pvc: {} }, rolloutStrategy: 'Recreate' }, code: 'schema-pattern', path: 'spec.storage.managementState', says: '"Removed"', crd: 'pattern' },
  { name: 'unknown rollout strategy', spec: { replicas: 1, rolloutStrategy: 'BlueGreen' }, code: 'schema-pattern', path: 'spec.rolloutStrategy', says: '"BlueGreen"', crd: 'pattern' },
  { name: 'unknown log level', spec: { replicas: 1, logLevel: 'Verbose' }, code: 'schema-enum', path: 'spec.logLevel', says: '"Verbose"', crd: 'enum' },
  { name: 'unknown operator log level', spec: { replicas: 1, operatorLogLevel: 'debug' }, code: 'schema-enum', path: 'spec.operatorLogLevel', says: '"debug"', crd: 'enum' },
  { name: 'chunk size 4 MiB', spec: s3({ chunkSizeMiB: 4 }), code: 'schema-minimum', path: 'spec.storage.s3.chunkSizeMiB', says: 'is 4; the minimum is 5 (allowed: 5 to 5120)', crd: 'minimum' },
  { name: 'chunk size 5121 MiB', spec: s3({ chunkSizeMiB: 5121 }), code: 'schema-maximum', path: 'spec.storage.s3.chunkSizeMiB', says: 'is 5121; the maximum is 5120', crd: 'maximum' },
  { name: 'fractional chunk size', spec: s3({ chunkSizeMiB: 10.5 }), code: 'schema-type', path: 'spec.storage.s3.chunkSizeMiB', says: '10.5', crd: 'integer' },
  { name: 'cloudFront without baseURL', spec: s3({ cloudFront: { ...cloudFront, baseURL: undefined } }), code: 'schema-required', path: 'spec.storage.s3.cloudFront.baseURL', says: 'is required when `spec.storage.s3.cloudFront` is set', crd: 'baseURL' },
  { name: 'cloudFront without keypairID', spec: s3({ cloudFront: { ...cloudFront, keypairID: undefined } }), code: 'schema-required', path: 'spec.storage.s3.cloudFront.keypairID', says: 'is required', crd: 'keypairID' },
  { name: 'cloudFront without privateKey', spec: s3({ cloudFront: { ...cloudFront, privateKey: undefined } }), code: 'schema-required', path: 'spec.storage.s3.cloudFront.privateKey', says: 'is required', crd: 'privateKey' },
  { name: 'cloudFront privateKey without key', spec: s3({ cloudFront: { ...cloudFront, privateKey: { name: 'cf' } } }), code: 'schema-required', path: 'spec.storage.s3.cloudFront.privateKey.key', says: 'is required', crd: 'key' },
  { name: 'cloudFront duration that is no duration', spec: s3({ cloudFront: { ...cloudFront, duration: 'soon' } }), code: 'duration-format', path: 'spec.storage.s3.cloudFront.duration', says: '"soon"', crd: 'format' },
  { name: 'cloudFront duration in days', spec: s3({ cloudFront: { ...cloudFront, duration: '1d' } }), code: 'go-duration-invalid', path: 'spec.storage.s3.cloudFront.duration', says: '"1d"', crd: null },
  { name: 'maxWaitInQueue with a space', spec: { replicas: 1, requests: { read: { maxWaitInQueue: '30 s' } } }, code: 'go-duration-invalid', path: 'spec.requests.read.maxWaitInQueue', says: '"30 s"', crd: null },
  { name: 'maxWaitInQueue not a duration', spec: { replicas: 1, requests: { write: { maxWaitInQueue: 'forever' } } }, code: 'duration-format', path: 'spec.requests.write.maxWaitInQueue', says: '"forever"', crd: 'format' },
  { name: 'trustedCA name in upper case', spec: s3({ trustedCA: { name: 'My-CA' } }), code: 'schema-pattern', path: 'spec.storage.s3.trustedCA.name', says: '"My-CA"', crd: 'pattern' },
  { name: 'azure internal without type (defaults to External)', spec: azure({ internal: { vnetName: 'vnet' } }), code: 'azure-network-access-internal-forbidden', path: 'spec.storage.azure.networkAccess.internal', says: 'absent (the API defaults it to "External")', crd: 'internal is forbidden when type is not Internal' },
  { name: 'azure internal with type External', spec: azure({ type: 'External', internal: {} }), code: 'azure-network-access-internal-forbidden', path: 'spec.storage.azure.networkAccess.internal', says: '"External"', crd: 'internal is forbidden when type is not Internal' },
  { name: 'azure unknown network access type', spec: azure({ type: 'Private' }), code: 'schema-enum', path: 'spec.storage.azure.networkAccess.type', says: '"Private"', crd: 'enum' },
  { name: 'azure container too short', spec: { replicas: 1, storage: { azure: { container: 'ab' } } }, code: 'schema-min-length', path: 'spec.storage.azure.container', says: '"ab"', crd: 'minLength' },
  { name: 'azure container with double dash', spec: { replicas: 1, storage: { azure: { container: 'a--b' } } }, code: 'schema-pattern', path: 'spec.storage.azure.container', says: '"a--b"', crd: 'pattern' },
  { name: 'azure vnet name ending with a dot', spec: azure({ type: 'Internal', internal: { vnetName: 'vnet.' } }), code: 'schema-pattern', path: 'spec.storage.azure.networkAccess.internal.vnetName', says: '"vnet."', crd: 'pattern' },
  { name: 'azure resource group too long', spec: azure({ type: 'Internal', internal: { networkResourceGroupName: 'r'.repeat(91) } }), code: 'schema-max-length', path: 'spec.storage.azure.networkAccess.internal.networkResourceGroupName', says: '91 characters', crd: 'maxLength' },
  { name: 'oss kms without method (defaults to AES256)', spec: oss({ kms: { keyID: 'k' } }), code: 'oss-encryption-kms-mismatch', path: 'spec.storage.oss.encryption.kms', says: 'absent (the API defaults it to "AES256")', crd: 'anyOf' },
  { name: 'oss method KMS without kms', spec: oss({ method: 'KMS' }), code: 'oss-encryption-kms-mismatch', path: 'spec.storage.oss.encryption.method', says: '`spec.storage.oss.encryption.kms` is missing', crd: 'anyOf' },
  { name: 'oss kms with an empty key id', spec: oss({ method: 'KMS', kms: { keyID: '' } }), code: 'schema-min-length', path: 'spec.storage.oss.encryption.kms.keyID', says: '""', crd: 'minLength' },
  { name: 'oss unknown endpoint accessibility', spec: { replicas: 1, storage: { oss: { endpointAccessibility: 'Private' } } }, code: 'schema-enum', path: 'spec.storage.oss.endpointAccessibility', says: '"Private"', crd: 'enum' },
  { name: 'oss bucket with upper case', spec: { replicas: 1, storage: { oss: { bucket: 'MyBucket' } } }, code: 'schema-pattern', path: 'spec.storage.oss.bucket', says: '"MyBucket"', crd: 'pattern' },
  { name: 'ibmcos malformed key CRN', spec: { replicas: 1, storage: { ibmcos: { resourceKeyCRN: 'crn:v1:key' } } }, code: 'schema-pattern', path: 'spec.storage.ibmcos.resourceKeyCRN', says: '"crn:v1:key"', crd: 'pattern' },
  { name: 'ibmcos malformed instance CRN', spec: { replicas: 1, storage: { ibmcos: { serviceInstanceCRN: 'crn:v1:bluemix:public:cloud-object-storage:global:a/1:2:x' } } }, code: 'schema-pattern', path: 'spec.storage.ibmcos.serviceInstanceCRN', says: 'crn:v1', crd: 'pattern' },
  { name: 'quantity with a unit typo', spec: { replicas: 1, resources: { requests: { memory: '256MB' } } }, code: 'schema-pattern', path: 'spec.resources.requests.memory', says: '"256MB"', crd: 'pattern' },
  { name: 'quantity as a boolean', spec: { replicas: 1, resources: { limits: { cpu: true } } }, code: 'schema-type', path: 'spec.resources.limits.cpu', says: 'true', crd: 'anyOf' },
  { name: 'duplicate resource claim', spec: { replicas: 1, resources: { claims: [{ name: 'gpu' }, { name: 'gpu' }] } }, code: 'schema-duplicate', path: 'spec.resources.claims[1]', says: 'name', crd: 'Duplicate' },
  { name: 'toleration seconds as a string', spec: { replicas: 1, tolerations: [{ key: 'k', tolerationSeconds: '60' }] }, code: 'schema-type', path: 'spec.tolerations[0].tolerationSeconds', says: '"60"', crd: 'integer' },
  { name: 'required node affinity without terms', spec: { replicas: 1, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } }, code: 'schema-required', path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', says: 'is required', crd: 'nodeSelectorTerms' },
  { name: 'pod anti-affinity term without topologyKey', spec: { replicas: 1, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaces: ['a'] }] } } }, code: 'schema-required', path: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', says: 'is required', crd: 'topologyKey' },
  { name: 'preferred pod affinity without weight', spec: { replicas: 1, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { topologyKey: 'k' } }] } } }, code: 'schema-required', path: 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', says: 'is required', crd: 'weight' },
  { name: 'match expression without operator', spec: { replicas: 1, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k' }] }] } } } }, code: 'schema-required', path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator', says: 'is required', crd: 'operator' },
  { name: 'spread constraint without whenUnsatisfiable', spec: { replicas: 1, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone' }] }, code: 'schema-required', path: 'spec.topologySpreadConstraints[0].whenUnsatisfiable', says: 'is required', crd: 'whenUnsatisfiable' },
  { name: 'route without name', spec: { replicas: 1, routes: [{ hostname: 'registry.example.com' }] }, code: 'schema-required', path: 'spec.routes[0].name', says: 'is required', crd: 'name' },
  { name: 'node selector with a number', spec: { replicas: 1, nodeSelector: { infra: 1 } }, code: 'schema-type', path: 'spec.nodeSelector.infra', says: '1', crd: 'string' },
  { name: 'readOnly as a string', spec: { replicas: 1, readOnly: 'true' }, code: 'schema-type', path: 'spec.readOnly', says: '"true"', crd: 'boolean' },
];

describe('Config rules: applied over the object the operator created', () => {
  test('GIVEN a Config manifest without replicas THEN no error: the API server validates it merged with the live object, which has them', () => {
    // GIVEN
    const object = registryConfig({ managementState: 'Managed' });
    // WHEN
    const errors = errorCodes(object);
    // THEN
    expect(errors).toEqual([]);
    expectCrdAccepts({ ...object, spec: { replicas: 2, ...(object.spec as object) } });
  });

  test('GIVEN a Config manifest with `spec: null` THEN schema-required: applied, a null deletes the spec', () => {
    expect(findingsWithCode({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: null }, 'schema-required')
      .map((finding) => finding.path)).toEqual(['spec']);
  });
});

describe('Config rules: the CRD schema restated', () => {
  test.each(schemaCases.map((c) => [c.name, c] as const))('GIVEN %s THEN the engine reports it where and as the API server would', (_name, c) => {
    // GIVEN
    const object = registryConfig(JSON.parse(JSON.stringify(c.spec)));
    // WHEN
    const found = findingsWithCode(object, c.code);
    // THEN
    expect(found.map((finding) => finding.path)).toContain(c.path);
    const finding = found.find((candidate) => candidate.path === c.path)!;
    expect(finding.object).toBe('Config/cluster');
    expect(finding.message).toContain(c.says);
    expect(finding.severity).toBe('error');
    if (c.crd === null) {
      // An operator rule: the API server stores the object, only the operator fails on it.
      expect(schemaLevelErrors(object)).toEqual([]);
      expectCrdAccepts(object);
    } else {
      expect(schemaLevelErrors(object).length).toBeGreaterThan(0);
      expectCrdRejects(object, c.crd);
    }
  });

  test('GIVEN azure networkAccess type Internal with internal settings, or External without THEN both pass (the default is applied first)', () => {
    for (const object of [registryConfig(azure({ type: 'Internal', internal: { subnetName: 'sub' } })), registryConfig(azure({ type: 'External' })), registryConfig(azure({}))]) {
      expect(findingsWithCode(object, 'azure-network-access-internal-forbidden')).toEqual([]);
      expectCrdAccepts(object);
    }
  });

  test('GIVEN oss encryption AES256 alone, KMS with a key, or nothing THEN it passes the anyOf', () => {
    for (const encryption of [{ method: 'AES256' }, { method: 'KMS', kms: { keyID: 'k' } }, {}]) {
      const object = registryConfig(oss(encryption));
      expect(findingsWithCode(object, 'oss-encryption-kms-mismatch')).toEqual([]);
      expectCrdAccepts(object);
    }
  });

  test('GIVEN chunk sizes 5 and 5120 THEN both bounds are accepted', () => {
    for (const chunkSizeMiB of [5, 5120]) {
      const object = registryConfig(s3({ chunkSizeMiB }));
      expect(errorCodes(object)).toEqual([]);
      expectCrdAccepts(object);
    }
  });

  test('GIVEN a misspelt field THEN a warning names the field and suggests the right one; the API server would drop it', () => {
    const object = registryConfig({ replicas: 1, storage: { s3: { bucket: 'b', regoin: 'eu-west-1' }, managementState: 'Unmanaged' } });
    const [finding] = findingsWithCode(object, 'schema-unknown-field');
    expect(finding.path).toBe('spec.storage.s3.regoin');
    expect(finding.hint).toContain('spec.storage.s3.region');
  });

  test('GIVEN the free-form override fields THEN anything below them is accepted', () => {
    const object = registryConfig({ replicas: 1, unsupportedConfigOverrides: { a: { b: [1, 'x'] } }, observedConfig: { c: true } });
    expect(errorCodes(object)).toEqual([]);
    expectCrdAccepts(object);
  });
});

describe('Config rules: the operator and the documentation', () => {
  test('GIVEN two storage backends THEN the error quotes the operator\'s own message with the count and backends', () => {
    // GIVEN
    const object = registryConfig({ replicas: 1, storage: { s3: { bucket: 'b' }, pvc: { claim: 'c' } } });
    // WHEN
    const [finding] = findingsWithCode(object, 'registry-storage-multiple-backends');
    // THEN
    expect(finding.severity).toBe('error');
    expect(finding.path).toBe('spec.storage');
    expect(finding.message).toContain('exactly one storage type should be configured at the same time, got 2: [S3 PVC]');
    expect(finding.hint).toContain('`spec.storage.s3`');
    // The API server itself accepts it: only the operator refuses.
    expectCrdAccepts(object);
  });

  test('GIVEN three backends including emptyDir THEN all are counted', () => {
    const [finding] = findingsWithCode(registryConfig({ replicas: 1, storage: { emptyDir: {}, gcs: {}, azure: {} } }), 'registry-storage-multiple-backends');
    expect(finding.message).toContain('got 3: [EmptyDir GCS Azure]');
  });

  test('GIVEN one backend, or a backend set to null THEN no multiple-backend error', () => {
    expect(findingsWithCode(registryConfig({ replicas: 1, storage: { s3: { bucket: 'b' }, managementState: 'Unmanaged' } }), 'registry-storage-multiple-backends')).toEqual([]);
    expect(findingsWithCode(registryConfig({ replicas: 1, storage: { s3: { bucket: 'b' }, pvc: null, managementState: 'Unmanaged' } }), 'registry-storage-multiple-backends')).toEqual([]);
  });

  test.each([0, -1])('GIVEN replicas %i THEN an error says at least 1 pod', (replicas) => {
    const [finding] = findingsWithCode(registryConfig({ replicas }), 'registry-replicas-minimum');
    expect(finding.severity).toBe('error');
    expect(finding.path).toBe('spec.replicas');
    expect(finding.message).toContain(`is ${replicas}`);
  });

  test('GIVEN replicas 1 THEN no replicas error', () => {
    expect(findingsWithCode(registryConfig({ replicas: 1 }), 'registry-replicas-minimum')).toEqual([]);
  });

  test('GIVEN two routes with the same name THEN an error points at the second and names the first', () => {
    const [finding] = findingsWithCode(registryConfig({ replicas: 1, routes: [{ name: 'ext' }, { name: 'other' }, { name: 'ext', hostname: 'b.example.com' }] }), 'registry-route-name-duplicate');
    expect(finding.path).toBe('spec.routes[2].name');
    expect(finding.message).toContain('"ext"');
    expect(finding.message).toContain('spec.routes[0]');
  });

  test.each([
    ['https://registry.example.com', 'without scheme'],
    ['registry.example.com:443', 'without scheme, port or path'],
    ['Registry.Example.com', 'lower case: "registry.example.com"'],
    ['under_score.example.com', undefined],
    [`${'a'.repeat(64)}.example.com`, undefined],
  ])('GIVEN route host %j THEN an error quotes it', (hostname, hint) => {
    const [finding] = findingsWithCode(registryConfig({ replicas: 1, routes: [{ name: 'ext', hostname }] }), 'registry-route-hostname-invalid');
    expect(finding.path).toBe('spec.routes[0].hostname');
    expect(finding.message).toContain(JSON.stringify(hostname));
    if (hint) {
      expect(finding.hint).toContain(hint);
    }
  });

  test('GIVEN a valid route host THEN no error', () => {
    expect(errorCodes(registryConfig({ replicas: 1, routes: [{ name: 'ext', hostname: 'registry.apps.example.com', secretName: 'tls' }] }))).toEqual([]);
  });

  test('GIVEN a route name or secret name that is not an object name THEN an error', () => {
    const findings = findingsWithCode(registryConfig({ replicas: 1, routes: [{ name: 'Ext', secretName: 'My_TLS' }] }), 'registry-route-name-invalid');
    expect(findings.map((finding) => finding.path)).toEqual(['spec.routes[0].name', 'spec.routes[0].secretName']);
  });

  test.each([
    [{ managementState: 'Managed', bucket: 'b' }, 'spec.storage.managementState', '"Managed"'],
    [{ bucket: 'b' }, 'spec.storage', 'unset (it becomes "Managed"'],
  ])('GIVEN a named bucket with storage %j THEN a warning says the operator rewrites and may delete it', (fields, path, says) => {
    const { managementState, ...bucket } = fields as { managementState?: string; bucket: string };
    const [finding] = findingsWithCode(registryConfig({ replicas: 1, storage: { managementState, s3: bucket } }), 'registry-storage-managed-user-bucket');
    expect(finding.severity).toBe('warning');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain('"b"');
    expect(finding.message).toContain(says);
    expect(finding.message).toContain('deletes the bucket');
    expect(finding.hint).toContain('Unmanaged');
  });

  test('GIVEN a named bucket with storage Unmanaged, or no bucket with Managed THEN no user-bucket warning', () => {
    expect(findingsWithCode(registryConfig({ replicas: 1, storage: { managementState: 'Unmanaged', s3: { bucket: 'b' } } }), 'registry-storage-managed-user-bucket')).toEqual([]);
    expect(findingsWithCode(registryConfig({ replicas: 1, storage: { managementState: 'Managed', s3: {} } }), 'registry-storage-managed-user-bucket')).toEqual([]);
  });

  test('GIVEN a manifest that leaves storage out, or sets an empty storage THEN no warning: applied, the cluster keeps its backend', () => {
    // GIVEN / WHEN / THEN: absent and empty storage both change nothing on the cluster (apply semantics)
    expect(warningCodes(registryConfig({ replicas: 1, managementState: 'Managed' }))).toEqual([]);
    expect(warningCodes(registryConfig({ replicas: 1, managementState: 'Managed', storage: {} }))).toEqual([]);
    expect(warningCodes(registryConfig({ replicas: 1, managementState: 'Managed', storage: { managementState: 'Managed' } }))).toEqual([]);
  });

  test('GIVEN oss THEN a warning that the operator has no driver', () => {
    const object = registryConfig({ replicas: 1, managementState: 'Managed', storage: { oss: { bucket: 'abc' } } });
    expect(warningCodes(object)).toEqual(['registry-storage-oss-no-driver']);
    // oss does not count as a second backend: the operator does not know it.
    expect(findingsWithCode(registryConfig({ replicas: 1, storage: { oss: {}, pvc: {} }, rolloutStrategy: 'Recreate' }), 'registry-storage-multiple-backends')).toEqual([]);
  });

  test('GIVEN pvc with 2 replicas and no Recreate THEN two warnings quoting the operator\'s refusal', () => {
    const object = registryConfig({ replicas: 2, storage: { pvc: { claim: 'c' } } });
    const [replicas] = findingsWithCode(object, 'registry-pvc-replicas');
    expect(replicas.message).toContain('is 2');
    expect(replicas.message).toContain('cannot use ReadWriteOnce access mode with more than one replica');
    const [rollout] = findingsWithCode(object, 'registry-pvc-rollout-strategy');
    expect(rollout.path).toBe('spec.rolloutStrategy');
    expect(rollout.message).toContain('unset');
    const [explicit] = findingsWithCode(registryConfig({ replicas: 1, rolloutStrategy: 'RollingUpdate', storage: { pvc: {} } }), 'registry-pvc-rollout-strategy');
    expect(explicit.message).toContain('"RollingUpdate"');
  });

  test('GIVEN pvc with 1 replica and Recreate THEN no pvc warning', () => {
    expect(warningCodes(registryConfig({ replicas: 1, rolloutStrategy: 'Recreate', storage: { pvc: {} } }))).toEqual([]);
  });

  test('GIVEN emptyDir with 2 replicas THEN a warning that images are lost and not shared', () => {
    const [finding] = findingsWithCode(registryConfig({ replicas: 2, storage: { emptyDir: {} } }), 'registry-storage-emptydir');
    expect(finding.message).toContain('lost');
    expect(finding.message).toContain('2 replicas');
  });

  test('GIVEN a literal httpSecret THEN a warning that never shows the value', () => {
    const secret = 'Sup3rS3cr3tV4lu3-do-not-print';
    const found = findingsOf(registryConfig({ replicas: 1, httpSecret: secret }));
    const [finding] = found.filter((candidate) => candidate.code === 'registry-http-secret-literal');
    expect(finding.path).toBe('spec.httpSecret');
    expect(finding.message).toContain('value not shown');
    expect(JSON.stringify(found)).not.toContain(secret);
    expect(JSON.stringify(found)).not.toContain('Sup3r');
  });

  test('GIVEN Removed THEN a warning says what goes; with Managed storage it says the data goes too', () => {
    const [plain] = findingsWithCode(registryConfig({ replicas: 1, managementState: 'Removed' }), 'registry-management-state-removed');
    expect(plain.message).toContain('deletes the registry deployment, service and routes');
    expect(plain.message).not.toContain('every image');
    const [managed] = findingsWithCode(registryConfig({ replicas: 1, managementState: 'Removed', storage: { managementState: 'Managed', s3: {} } }), 'registry-management-state-removed');
    expect(managed.message).toContain('the storage with every image in it');
  });

  test('GIVEN Force THEN a warning that the registry operator ignores it', () => {
    expect(warningCodes(registryConfig({ replicas: 1, managementState: 'Force' }))).toContain('registry-management-state-force');
  });

  test('GIVEN a KMS key without encrypt THEN a warning that it is ignored', () => {
    const [finding] = findingsWithCode(registryConfig({ replicas: 1, storage: { managementState: 'Unmanaged', s3: { bucket: 'b', keyID: 'k1' } } }), 'registry-s3-keyid-without-encrypt');
    expect(finding.message).toContain('"k1"');
  });

  test('GIVEN unsupported overrides and the deprecated logging field THEN warnings', () => {
    const codes = warningCodes(registryConfig({ replicas: 1, unsupportedConfigOverrides: { foo: 1 }, logging: 2 }));
    expect(codes).toEqual(expect.arrayContaining(['registry-unsupported-config-overrides', 'registry-logging-deprecated']));
  });

  test('GIVEN a Config named other than cluster, with a namespace THEN the engine reports the name and the namespace', () => {
    const object = { ...registryConfig({ replicas: 1 }, { name: 'registry' }), metadata: { name: 'registry', namespace: 'openshift-image-registry' } };
    expect(errorCodes(object)).toContain('singleton-name');
    expect(warningCodes(object)).toContain('cluster-scoped-namespace');
  });
});

describe('Config fixes: did-you-mean and expected shapes', () => {
  test('GIVEN a management state in the wrong case THEN the fix names the value meant', () => {
    const [finding] = findingsWithCode(registryConfig({ managementState: 'managed' }), 'schema-pattern');
    expect(finding.hint).toContain('did you mean "Managed"?');
  });

  test('GIVEN a route written as a string THEN the message shows the object shape expected', () => {
    const [finding] = findingsWithCode(registryConfig({ routes: ['registry.example.com'] }), 'schema-type');
    expect(finding.message).toContain('`{hostname, name, secretName}`');
  });
});
