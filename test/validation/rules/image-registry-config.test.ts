import { imageRegistryConfigRulesModule } from '../../../src/validation/rules/image-registry-config';
import { ruleTester } from '../../support/rule-tester';
import { imagePruner, registryConfig } from '../../support/objects';

ruleTester(imageRegistryConfigRulesModule, {
  valid: [
    { name: 'S3 storage the team owns, two replicas', objects: [registryConfig({ managementState: 'Managed', replicas: 2, storage: { managementState: 'Unmanaged', s3: { bucket: 'b', region: 'eu-west-1', encrypt: true, keyID: 'k' } } })] },
    { name: 'a manifest that leaves storage out (the cluster keeps its backend)', objects: [registryConfig({ managementState: 'Managed' })] },
    { name: 'PVC storage with one replica and Recreate', objects: [registryConfig({ replicas: 1, rolloutStrategy: 'Recreate', storage: { pvc: { claim: 'c' } } })] },
  ],
  invalid: [
    { name: 'a duration the API does not read', objects: [registryConfig({ requests: { read: { maxWaitInQueue: 'forever' } } })], findings: [{ code: 'duration-format', object: 'Config/cluster', path: 'spec.requests.read.maxWaitInQueue' }] },
    { name: 'a pruner duration in days', objects: [imagePruner({ keepYoungerThanDuration: '7d' })], findings: [{ code: 'go-duration-invalid', object: 'ImagePruner/cluster', path: 'spec.keepYoungerThanDuration', says: '168h' }] },
    { name: 'Azure internal access without type Internal', objects: [registryConfig({ storage: { azure: { networkAccess: { internal: { vnetName: 'vnet' } } } } })], findings: [{ code: 'azure-network-access-internal-forbidden', object: 'Config/cluster', path: 'spec.storage.azure.networkAccess.internal' }] },
    { name: 'OSS KMS method without a key', objects: [registryConfig({ storage: { oss: { encryption: { method: 'KMS' } } } })], findings: [{ code: 'oss-encryption-kms-mismatch', object: 'Config/cluster', path: 'spec.storage.oss.encryption.method' }, { code: 'registry-storage-oss-no-driver', object: 'Config/cluster', path: 'spec.storage.oss' }] },
    { name: 'two storage backends', objects: [registryConfig({ storage: { s3: { bucket: 'b' }, pvc: { claim: 'c' } }, rolloutStrategy: 'Recreate' })], findings: [{ code: 'registry-storage-multiple-backends', object: 'Config/cluster', path: 'spec.storage', says: 'got 2' }, { code: 'registry-storage-managed-user-bucket', object: 'Config/cluster', path: 'spec.storage' }] },
    { name: 'no replica', objects: [registryConfig({ replicas: 0 })], findings: [{ code: 'registry-replicas-minimum', object: 'Config/cluster', path: 'spec.replicas' }] },
    {
      name: 'routes with a shared name, an invalid secret name and a host with a scheme',
      objects: [registryConfig({ routes: [{ name: 'ext', hostname: 'https://r.example.com' }, { name: 'ext', secretName: 'My_Secret' }] })],
      findings: [
        { code: 'registry-route-hostname-invalid', object: 'Config/cluster', path: 'spec.routes[0].hostname' },
        { code: 'registry-route-name-duplicate', object: 'Config/cluster', path: 'spec.routes[1].name' },
        { code: 'registry-route-name-invalid', object: 'Config/cluster', path: 'spec.routes[1].secretName' },
      ],
    },
    { name: 'a named bucket under Managed storage', objects: [registryConfig({ storage: { managementState: 'Managed', s3: { bucket: 'team-bucket' } } })], findings: [{ code: 'registry-storage-managed-user-bucket', object: 'Config/cluster', path: 'spec.storage.managementState' }] },
    { name: 'OSS storage', objects: [registryConfig({ storage: { oss: { bucket: 'abc' } } })], findings: [{ code: 'registry-storage-oss-no-driver', object: 'Config/cluster', path: 'spec.storage.oss' }] },
    {
      name: 'PVC storage with two replicas and a rolling update',
      objects: [registryConfig({ replicas: 2, rolloutStrategy: 'RollingUpdate', storage: { pvc: { claim: 'c' } } })],
      findings: [{ code: 'registry-pvc-replicas', object: 'Config/cluster', path: 'spec.replicas' }, { code: 'registry-pvc-rollout-strategy', object: 'Config/cluster', path: 'spec.rolloutStrategy' }],
    },
    { name: 'emptyDir storage', objects: [registryConfig({ storage: { emptyDir: {} } })], findings: [{ code: 'registry-storage-emptydir', object: 'Config/cluster', path: 'spec.storage.emptyDir' }] },
    { name: 'a literal httpSecret (never quoted back)', objects: [registryConfig({ httpSecret: 'hunter2-secret' })], findings: [{ code: 'registry-http-secret-literal', object: 'Config/cluster', path: 'spec.httpSecret', says: 'value not shown' }] },
    { name: 'managementState Removed', objects: [registryConfig({ managementState: 'Removed' })], findings: [{ code: 'registry-management-state-removed', object: 'Config/cluster', path: 'spec.managementState' }] },
    { name: 'managementState Force', objects: [registryConfig({ managementState: 'Force' })], findings: [{ code: 'registry-management-state-force', object: 'Config/cluster', path: 'spec.managementState' }] },
    { name: 'an S3 key without encryption', objects: [registryConfig({ storage: { managementState: 'Unmanaged', s3: { bucket: 'b', keyID: 'k' } } })], findings: [{ code: 'registry-s3-keyid-without-encrypt', object: 'Config/cluster', path: 'spec.storage.s3.keyID' }] },
    { name: 'unsupported overrides', objects: [registryConfig({ unsupportedConfigOverrides: { foo: 1 } })], findings: [{ code: 'registry-unsupported-config-overrides', object: 'Config/cluster', path: 'spec.unsupportedConfigOverrides' }] },
    { name: 'the deprecated logging field', objects: [registryConfig({ logging: 2 })], findings: [{ code: 'registry-logging-deprecated', object: 'Config/cluster', path: 'spec.logging' }] },
  ],
  testedElsewhere: {
    'registry-credentials-invalid': 'reported by the registry credentials constructs from their props (role ARN, secret store); test/constructs/k8s/registry-credentials.test.ts',
  },
});
