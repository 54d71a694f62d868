// The Kubernetes side of the AWS handoff with values known only when the cdk8s app is written (cdk8s `Lazy`, e.g.
// read from the Terraform outputs in a later step): they are kept, checked and rendered at synth, never quoted as
// `{"producer":{}}` nor a TypeError.
import { Lazy, Testing } from 'cdk8s';
import { ImageRegistryConfig } from '../../../src/constructs/k8s/image-registry-config';
import { RegistryExternalSecretCredentials, RegistryWebIdentityCredentials } from '../../../src/constructs/k8s/registry-credentials';
import { RegistryStorage } from '../../../src/constructs/k8s/registry-storage';
import { newChart } from '../../support/constructs';
import { codesOf, expectValidationError } from '../../support/findings';

const ROLE = 'arn:aws:iam::111122223333:role/rosa-prod-openshift-image-registry-installer-cloud-credentials';
/** A value set after the constructs are made, as an app reading Terraform outputs late does. */
function later<T>(): { lazy: T; set(value: unknown): void } {
  let current: unknown;
  return { lazy: Lazy.any({ produce: () => current }) as T, set: (value) => { current = value; } };
}

describe('RegistryWebIdentityCredentials with a Lazy role ARN', () => {
  test('GIVEN a Lazy that yields a role ARN WHEN synthesized THEN the Secret names that role', () => {
    // GIVEN
    const chart = newChart();
    const roleArn = later<string>();
    new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: roleArn.lazy });
    roleArn.set(ROLE);
    // WHEN
    const [secret] = Testing.synth(chart);
    // THEN
    expect(secret.stringData.credentials).toBe(`[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/secrets/openshift/serviceaccount/token\nsts_regional_endpoints = regional\n`);
  });

  test('GIVEN a Lazy that yields no role ARN WHEN synthesized THEN a ValidationError quotes the produced value', () => {
    const chart = newChart();
    const roleArn = later<string>();
    new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: roleArn.lazy });
    roleArn.set('arn:aws:iam::1234:user/x');
    const error = expectValidationError(() => Testing.synth(chart));
    expect(codesOf(error)).toEqual(['registry-credentials-invalid']);
    expect(error.message).toContain('"arn:aws:iam::1234:user/x"');
    expect(error.message).not.toContain('producer');
    expect(error.message).toContain('[test/sts]');
  });
});

describe('RegistryExternalSecretCredentials with Lazy names', () => {
  test('GIVEN Lazy store and entry names WHEN synthesized THEN the ExternalSecret carries the produced names', () => {
    const chart = newChart();
    const store = later<string>();
    const entry = later<string>();
    new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: store.lazy }, remoteSecretName: entry.lazy, refreshInterval: Lazy.any({ produce: () => '15m' }) });
    store.set('aws');
    entry.set('openshift/classic/registry');
    const [externalSecret] = Testing.synth(chart);
    expect(externalSecret.spec).toMatchObject({
      refreshInterval: '15m',
      secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' },
      data: [
        { secretKey: 'REGISTRY_STORAGE_S3_ACCESSKEY', remoteRef: { key: 'openshift/classic/registry', property: 'REGISTRY_STORAGE_S3_ACCESSKEY' } },
        { secretKey: 'REGISTRY_STORAGE_S3_SECRETKEY', remoteRef: { key: 'openshift/classic/registry', property: 'REGISTRY_STORAGE_S3_SECRETKEY' } },
      ],
    });
  });

  test('GIVEN a Lazy entry name that yields an empty string WHEN synthesized THEN a ValidationError, not a TypeError', () => {
    const chart = newChart();
    const entry = later<string>();
    new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: entry.lazy });
    entry.set('');
    expect(codesOf(expectValidationError(() => Testing.synth(chart)))).toEqual(['registry-credentials-invalid']);
  });

  test('GIVEN a number as refresh interval, directly (the prop is named) or from a Lazy (the field is named at synth) THEN a ValidationError, not a TypeError', () => {
    expect(expectValidationError(() => new RegistryExternalSecretCredentials(newChart(), 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'x', refreshInterval: 3600 as never })).findings[0].path)
      .toBe('refreshInterval');
    const chart = newChart();
    new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'x', refreshInterval: Lazy.any({ produce: () => 3600 }) });
    expect(expectValidationError(() => Testing.synth(chart)).findings[0].path).toBe('spec.refreshInterval');
  });

  test('GIVEN a number as store name (JavaScript, YAML) THEN a ValidationError at construction, not a TypeError', () => {
    const error = expectValidationError(() => new RegistryExternalSecretCredentials(newChart(), 'keys', { secretStoreRef: { name: 42 as never }, remoteSecretName: 'x' }));
    expect(error.findings[0].path).toBe('secretStoreRef.name');
  });
});

describe('RegistryStorage.s3 with a Lazy bucket', () => {
  test('GIVEN a Lazy bucket THEN the storage is Unmanaged and the Config carries the produced bucket', () => {
    // GIVEN
    const chart = newChart();
    const bucket = later<string>();
    bucket.set('prod-x7k2p-image-registry-eu-west-1');
    // WHEN
    const storage = RegistryStorage.s3({ bucket: bucket.lazy, region: 'eu-west-1' });
    new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage });
    // THEN
    expect(storage.managementState).toBe('Unmanaged');
    expect(storage.toSpec().s3?.bucket).toBe(bucket.lazy);
    expect(Testing.synth(chart)[0].spec.storage).toEqual({
      managementState: 'Unmanaged', s3: { bucket: 'prod-x7k2p-image-registry-eu-west-1', region: 'eu-west-1' },
    });
  });
});
