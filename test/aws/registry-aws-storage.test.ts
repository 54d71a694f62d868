import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Testing } from 'cdktf';
import { registryStorageHandoff, RegistryAwsStorage, RegistryStorageInputs } from '../../src/aws';
import { newStack, synthError, synthObject } from './helpers';

Testing.setupJest();

const STS: RegistryStorageInputs = {
  infrastructureName: 'prod-x7k2p',
  region: 'eu-west-1',
  accountId: '123456789012',
  credentialsMode: 'sts',
  oidcIssuer: 'https://oidc.op1.openshiftapps.com/2abc',
  encryption: 'aws:kms',
};

describe('RegistryAwsStorage', () => {
  test('GIVEN STS inputs WHEN synthesized THEN a bucket, a role, outputs, and a handoff equal to the plain function', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const storage = new RegistryAwsStorage(stack, 'Registry', STS);
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'prod-x7k2p-image-registry-eu-west-1' });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'prod-x7k2p-openshift-image-registry-installer-cloud-credentials' });
    expect(synthesized).not.toHaveResource(IamUser);
    expect(storage.handoff).toEqual(registryStorageHandoff(STS));
    expect(storage.handoff.roleArn).toBe(storage.role!.roleArn);
    expect(storage.handoff.kmsKeyId).toBe(storage.bucket.registryKeyId);
    const outputs = synthObject(stack).output!;
    expect(Object.keys(outputs).sort()).toEqual(['registry_bucket_name', 'registry_kms_key_id', 'registry_region', 'registry_role_arn']);
    expect(outputs.registry_kms_key_id.value).toBe(storage.handoff.kmsKeyId);
    expect(outputs.registry_region.value).toBe('eu-west-1');
  });

  test('GIVEN static credentials without Secrets Manager THEN the secret key is only a sensitive output', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryAwsStorage(stack, 'ClusterA', { infrastructureName: 'classic-1abcd', region: 'eu-west-1' });
    const outputs = synthObject(stack).output!;
    // THEN
    expect(Object.keys(outputs).sort()).toEqual([
      'cluster_a_access_key_id', 'cluster_a_bucket_name', 'cluster_a_region', 'cluster_a_secret_access_key',
    ]);
    expect(outputs.cluster_a_secret_access_key).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.secret\}$/) });
    expect(outputs.cluster_a_access_key_id.value).toMatch(/\.id\}$/);
  });

  test('GIVEN static credentials with Secrets Manager THEN no output carries the secret key', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', {
      infrastructureName: 'classic-1abcd', region: 'eu-west-1', secretsManagerSecretName: 'openshift/classic/registry',
    });
    const outputs = synthObject(stack).output!;
    expect(Object.keys(outputs).sort()).toEqual(['registry_access_key_id', 'registry_bucket_name', 'registry_region', 'registry_secret_name']);
    expect(storage.handoff.secretsManagerSecretName).toBe('openshift/classic/registry');
  });

  test('GIVEN outputs: false THEN no output', () => {
    const stack = newStack();
    new RegistryAwsStorage(stack, 'Registry', { infrastructureName: 'classic-1abcd', region: 'eu-west-1', outputs: false });
    expect(synthObject(stack).output).toBeUndefined();
  });

  test('GIVEN several bad inputs WHEN synthesized THEN they are all reported once, by the construct that owns them', () => {
    // GIVEN
    const stack = newStack();
    new RegistryAwsStorage(stack, 'Registry', {
      region: 'eu-west-1',
      bucketName: 'Registry_Bucket',
      credentialsMode: 'sts',
      accountId: '123456789012',
      roleName: 'r'.repeat(70),
      secretsManagerSecretName: 'not-with-sts',
    });
    // WHEN
    const message = synthError(stack)!;
    // THEN
    expect(message).toContain('[stack/Registry/Bucket] bucketName: bucket name "Registry_Bucket"');
    expect(message).toContain('[stack/Registry/Role] oidcIssuer:');
    expect(message).toContain('[stack/Registry/Role] roleName:');
    expect(message).toContain('[stack/Registry] secretsManagerSecretName:');
    for (const code of ['s3-bucket-name-characters', 'oidc-missing', 'iam-name-length', 'secrets-manager-with-sts']) {
      expect(message.split(`(${code})`)).toHaveLength(2); // exactly once
    }
  });

  test('GIVEN a KMS key to create but no account id THEN refused, because the Kubernetes side could not name it', () => {
    const stack = newStack();
    new RegistryAwsStorage(stack, 'Registry', { infrastructureName: 'x', region: 'eu-west-1', encryption: 'aws:kms' });
    expect(synthError(stack)).toContain('kms-alias-account-id-missing');
  });

  test('THEN the construct ids are stable', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', STS);
    expect(storage.node.children.map((c) => c.node.id)).toEqual([
      'Bucket', 'Role', 'BucketNameOutput', 'RegionOutput', 'KmsKeyIdOutput', 'RoleArnOutput',
    ]);
  });
});
