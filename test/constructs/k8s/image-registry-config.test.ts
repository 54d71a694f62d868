import { Duration, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Warnings } from 'cdk-openshift-images';
import { ImageRegistryConfig, ImageRegistryConfigProps } from '../../../src/constructs/k8s/image-registry-config';
import { RegistryStorage } from '../../../src/constructs/k8s/registry-storage';
import { LogLevel, ManagementState, RolloutStrategy, StorageManagementState } from '../../../src/model/api/image-registry';
import { registryStorageHandoff } from '../../../src/validation/rules/aws-storage';
import { expectAcceptedByCluster, newChart } from '../../support/constructs';
import { FULL_REGISTRY_SPEC } from '../../support/objects';
import { codesOf, expectValidationError } from '../../support/findings';

const warningCodes = (scope: Parameters<typeof Warnings.of>[0]) => Warnings.of(scope).map((warning) => warning.code);

describe('ImageRegistryConfig', () => {
  test('GIVEN every upstream spec field at top level WHEN synthesized THEN the Config named cluster carries them one to one, without namespace', () => {
    // GIVEN
    const chart = newChart('some-namespace');
    // WHEN
    new ImageRegistryConfig(chart, 'registry', { ...(FULL_REGISTRY_SPEC as ImageRegistryConfigProps), metadata: { labels: { team: 'platform' }, annotations: { owner: 'ops' } } });
    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'imageregistry.operator.openshift.io/v1',
      kind: 'Config',
      metadata: { name: 'cluster', labels: { team: 'platform' }, annotations: { owner: 'ops' } },
      spec: FULL_REGISTRY_SPEC,
    }]);
    expectAcceptedByCluster(manifest);
    expect(warningCodes(chart)).toEqual([]);
  });

  test('GIVEN only replicas THEN the spec is just replicas (everything else keeps the cluster\'s values)', () => {
    const chart = newChart();
    new ImageRegistryConfig(chart, 'registry', { replicas: 2 });
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec).toEqual({ replicas: 2 });
    expectAcceptedByCluster(manifest);
  });

  test('GIVEN the construct THEN the L1 object is the child `Resource`, exposed for escape hatches', () => {
    const chart = newChart();
    const registry = new ImageRegistryConfig(chart, 'registry', { replicas: 1 });
    expect(registry.node.findChild('Resource')).toBe(registry.apiObject);
    registry.apiObject.addJsonPatch(JsonPatch.add('/spec/readOnly', true));
    expect(Testing.synth(chart)[0].spec.readOnly).toBe(true);
    expect(registry.objectRef).toBe('Config/cluster');
  });

  describe('storage factories', () => {
    test('GIVEN RegistryStorage.s3 with a bucket THEN storage is Unmanaged by default, since the bucket is yours', () => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: RegistryStorage.s3({ bucket: 'my-bucket', region: 'eu-west-1', encrypt: true }) });
      const manifest = Testing.synth(chart);
      expect(manifest[0].spec.storage).toEqual({ managementState: 'Unmanaged', s3: { bucket: 'my-bucket', region: 'eu-west-1', encrypt: true } });
      expectAcceptedByCluster(manifest);
      expect(warningCodes(chart)).toEqual([]);
    });

    test('GIVEN RegistryStorage.s3 without a bucket THEN the state is left to the operator (it creates and owns the bucket)', () => {
      expect(RegistryStorage.s3().toSpec()).toEqual({ s3: {} });
      expect(RegistryStorage.s3({ bucket: 'b', managementState: StorageManagementState.MANAGED }).toSpec()).toEqual({ managementState: 'Managed', s3: { bucket: 'b' } });
    });

    test('GIVEN cloudFront with a cdk8s Duration THEN it is rendered as a Go duration', () => {
      const storage = RegistryStorage.s3({ bucket: 'b', cloudFront: { baseURL: 'https://d.cloudfront.net', keypairID: 'K', privateKey: { key: 'pem', name: 'cf' }, duration: Duration.minutes(90) } });
      expect(storage.toSpec().s3?.cloudFront?.duration).toBe('1h30m');
    });

    test('GIVEN the AWS handoff THEN bucket, region, encrypt and the KMS key come from it, storage Unmanaged', () => {
      // GIVEN
      const handoff = registryStorageHandoff({ infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' });
      const chart = newChart();
      // WHEN
      new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: RegistryStorage.fromAwsHandoff(handoff) });
      // THEN
      const manifest = Testing.synth(chart);
      expect(manifest[0].spec.storage).toEqual({
        managementState: 'Unmanaged',
        s3: { bucket: 'prod-x7k2p-image-registry-eu-west-1', region: 'eu-west-1', encrypt: true, keyID: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' },
      });
      expectAcceptedByCluster(manifest);
      expect(warningCodes(chart)).toEqual([]);
    });

    test.each([
      ['gcs', RegistryStorage.gcs({ bucket: 'b', projectID: 'p' }), { gcs: { bucket: 'b', projectID: 'p' } }],
      ['azure', RegistryStorage.azure({ container: 'registry', networkAccess: { type: 'Internal', internal: { vnetName: 'vnet' } } }), { azure: { container: 'registry', networkAccess: { type: 'Internal', internal: { vnetName: 'vnet' } } } }],
      ['swift', RegistryStorage.swift({ container: 'c', managementState: StorageManagementState.UNMANAGED }), { managementState: 'Unmanaged', swift: { container: 'c' } }],
      ['ibmcos', RegistryStorage.ibmcos({ bucket: 'b', location: 'us-south' }), { ibmcos: { bucket: 'b', location: 'us-south' } }],
      ['pvc', RegistryStorage.pvc({ claim: 'registry-storage' }), { pvc: { claim: 'registry-storage' } }],
      ['emptyDir', RegistryStorage.emptyDir(), { emptyDir: {} }],
      ['oss', RegistryStorage.oss({ bucket: 'abc', encryption: { method: 'KMS', kms: { keyID: 'k' } } }), { oss: { bucket: 'abc', encryption: { method: 'KMS', kms: { keyID: 'k' } } } }],
    ])('GIVEN RegistryStorage.%s THEN exactly that backend is rendered, and the CRD accepts it', (backend, storage, expected) => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 1, storage });
      const manifest = Testing.synth(chart);
      expect(storage.backend).toBe(backend);
      expect(manifest[0].spec.storage).toEqual(expected);
      expectAcceptedByCluster(manifest);
    });

    test('GIVEN pvc storage without a rollout strategy THEN Recreate is rendered; an explicit one is kept', () => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 1, storage: RegistryStorage.pvc() });
      expect(Testing.synth(chart)[0].spec.rolloutStrategy).toBe('Recreate');
      expect(warningCodes(chart)).toEqual([]);
      const other = newChart();
      new ImageRegistryConfig(other, 'registry', { replicas: 1, storage: { pvc: {} }, rolloutStrategy: RolloutStrategy.ROLLING_UPDATE });
      expect(Testing.synth(other)[0].spec.rolloutStrategy).toBe('RollingUpdate');
      expect(warningCodes(other)).toEqual(['registry-pvc-rollout-strategy']);
    });

    test('GIVEN the upstream storage shape THEN it is taken as is, and the user-bucket warning tells to pin Unmanaged', () => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: { s3: { bucket: 'mine', region: 'eu-west-1' } } });
      expect(Testing.synth(chart)[0].spec.storage).toEqual({ s3: { bucket: 'mine', region: 'eu-west-1' } });
      const [warning] = Warnings.of(chart);
      expect(warning.code).toBe('registry-storage-managed-user-bucket');
      expect(warning.constructPath).toBe('test/registry');
    });
  });

  describe('conveniences', () => {
    test('GIVEN addRoute, addToleration, addTopologySpreadConstraint and addNodeSelector after construction THEN all are rendered', () => {
      // GIVEN
      const chart = newChart();
      const registry = new ImageRegistryConfig(chart, 'registry', { replicas: 2, routes: [{ name: 'a', hostname: 'a.example.com' }] });
      // WHEN
      registry.addRoute({ name: 'b', hostname: 'b.example.com', secretName: 'b-tls' });
      registry.addToleration({ key: 'infra', operator: 'Exists', effect: 'NoSchedule' });
      registry.addTopologySpreadConstraint({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' });
      registry.addNodeSelector('node-role.kubernetes.io/infra', '');
      // THEN
      const manifest = Testing.synth(chart);
      expect(manifest[0].spec).toEqual({
        replicas: 2,
        routes: [{ name: 'a', hostname: 'a.example.com' }, { name: 'b', hostname: 'b.example.com', secretName: 'b-tls' }],
        tolerations: [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
        nodeSelector: { 'node-role.kubernetes.io/infra': '' },
      });
      expectAcceptedByCluster(manifest);
    });

    test('GIVEN cdk8s-plus quantities and a Duration for maxWaitInQueue THEN plain JSON is rendered', () => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', {
        replicas: 1,
        resources: { requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('512Mi') }, limits: { cpu: k8s.Quantity.fromNumber(2) } },
        requests: { read: { maxRunning: 10, maxWaitInQueue: Duration.seconds(30) }, write: { maxWaitInQueue: '2m' } },
        logLevel: LogLevel.DEBUG,
      });
      const manifest = Testing.synth(chart);
      expect(manifest[0].spec).toEqual({
        replicas: 1,
        logLevel: 'Debug',
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: 2 } },
        requests: { read: { maxRunning: 10, maxWaitInQueue: '30s' }, write: { maxWaitInQueue: '2m' } },
      });
      expectAcceptedByCluster(manifest);
    });

    test('GIVEN user objects mutated after construction THEN the rendered spec does not change', () => {
      const chart = newChart();
      const routes = [{ name: 'a' }];
      new ImageRegistryConfig(chart, 'registry', { replicas: 1, routes });
      routes.push({ name: 'b' });
      expect(Testing.synth(chart)[0].spec.routes).toEqual([{ name: 'a' }]);
    });
  });

  describe('errors at construction', () => {
    test('GIVEN two backends in the upstream shape THEN a ValidationError names the construct path, the field and the operator message', () => {
      const chart = newChart();
      const error = expectValidationError(() => new ImageRegistryConfig(chart, 'registry', { replicas: 1, storage: { s3: { bucket: 'b' }, gcs: { bucket: 'g' } } }));
      expect(codesOf(error)).toEqual(['registry-storage-multiple-backends']);
      expect(error.message).toContain('[test/registry]');
      expect(error.message).toContain('Config/cluster spec.storage');
      expect(error.message).toContain('exactly one storage type should be configured at the same time, got 2: [S3 GCS]');
    });

    test('GIVEN several problems THEN all are reported together', () => {
      const chart = newChart();
      const error = expectValidationError(() => new ImageRegistryConfig(chart, 'registry', {
        replicas: 0,
        storage: RegistryStorage.s3({ bucket: 'b', chunkSizeMiB: 2 }),
        routes: [{ name: 'x', hostname: 'https://x.example.com' }, { name: 'x' }],
        managementState: ManagementState.of('Manged'),
      }));
      expect(codesOf(error).sort()).toEqual(['registry-replicas-minimum', 'registry-route-hostname-invalid', 'registry-route-name-duplicate', 'schema-minimum', 'schema-pattern']);
      expect(error.message).toContain('`spec.storage.s3.chunkSizeMiB` is 2');
      expect(error.message).toContain('"https://x.example.com"');
      expect(error.message).toContain('"Manged"');
    });

    test('GIVEN addRoute with a duplicate name THEN it throws at the call', () => {
      const chart = newChart();
      const registry = new ImageRegistryConfig(chart, 'registry', { replicas: 1, routes: [{ name: 'ext' }] });
      const error = expectValidationError(() => registry.addRoute({ name: 'ext' }));
      expect(codesOf(error)).toEqual(['registry-route-name-duplicate']);
      expect(error.message).toContain('spec.routes[1].name');
    });

    test('GIVEN an azure internal endpoint without type Internal THEN the CEL rule of the CRD fires at construction', () => {
      const chart = newChart();
      const error = expectValidationError(() => new ImageRegistryConfig(chart, 'registry', { replicas: 1, storage: RegistryStorage.azure({ networkAccess: { internal: { vnetName: 'v1' } } }) }));
      expect(codesOf(error)).toEqual(['azure-network-access-internal-forbidden']);
      expect(error.message).toContain('internal is forbidden when type is not Internal');
    });
  });

  describe('warnings at synth', () => {
    test('GIVEN Removed, emptyDir and a literal httpSecret THEN warnings are listed, the secret never appears, and they can be acknowledged', () => {
      // GIVEN
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 1, managementState: ManagementState.REMOVED, storage: RegistryStorage.emptyDir(), httpSecret: 'hunter2-abcdef' });
      // WHEN
      const warnings = Warnings.of(chart);
      // THEN
      expect(warnings.map((warning) => warning.code).sort()).toEqual(['registry-http-secret-literal', 'registry-management-state-removed', 'registry-storage-emptydir']);
      expect(JSON.stringify(warnings)).not.toContain('hunter2');
      Warnings.acknowledge(chart, 'registry-storage-emptydir', 'test cluster');
      Warnings.acknowledge(chart, 'registry-management-state-removed', 'test cluster');
      Warnings.acknowledge(chart, 'registry-http-secret-literal', 'test cluster');
      expect(Warnings.of(chart)).toEqual([]);
    });

    test('GIVEN pvc with two replicas THEN the ReadWriteOnce warning', () => {
      const chart = newChart();
      new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: RegistryStorage.pvc() });
      expect(warningCodes(chart)).toEqual(['registry-pvc-replicas']);
    });
  });
});
