import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { RegistryBucket } from '../../src/aws';
import { newStack, onlyResource, parsedPolicy, synthError, synthObject } from './helpers';

Testing.setupJest();

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('RegistryBucket', () => {
  test('GIVEN an infrastructure name WHEN synthesized THEN the bucket is named and tagged like the operator does', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1' });
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'prod-x7k2p-image-registry-eu-west-1',
      force_destroy: false,
      tags: {
        'Name': 'prod-x7k2p-image-registry',
        'kubernetes.io/cluster/prod-x7k2p': 'owned',
      },
    });
  });

  test('GIVEN defaults THEN all four public access blocks, AES256, BucketOwnerEnforced and the multipart cleanup rule', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-image-registry-eu-west-1', region: 'eu-west-1' });
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerEnforced' } });
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [{
        id: 'cleanup-incomplete-multipart-registry-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      }],
    });
    expect(synthesized).not.toHaveResource(KmsKey);
  });

  test('GIVEN no infrastructure name THEN the bucket still carries a Name tag and no ownership tag', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-image-registry-eu-west-1', region: 'eu-west-1', tags: { team: 'platform' } });
    const bucket = onlyResource(synthObject(stack), 'aws_s3_bucket');
    expect(bucket.tags).toEqual({ Name: 'corp-image-registry-eu-west-1', team: 'platform' });
  });

  test('THEN the bucket policy denies non-TLS requests on the bucket and its objects, after the public access block', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-image-registry-eu-west-1', region: 'eu-west-1' });
    const policy = onlyResource(synthObject(stack), 'aws_s3_bucket_policy');
    // THEN
    expect(parsedPolicy(policy, 'policy').Statement).toEqual([{
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::corp-image-registry-eu-west-1', 'arn:aws:s3:::corp-image-registry-eu-west-1/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }]);
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });

  test('GIVEN an existing KMS key THEN SSE-KMS with that key and a bucket key, and no key is created', () => {
    const stack = newStack();
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn: KEY_ARN });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }, bucket_key_enabled: true }],
    });
    expect(synthesized).not.toHaveResource(KmsKey);
    expect(bucket.registryKeyId).toBe(KEY_ARN);
  });

  test('GIVEN aws:kms without a key THEN a rotated key with a deterministic alias is created', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const bucket = new RegistryBucket(stack, 'Bucket', {
      infrastructureName: 'prod-x7k2p', region: 'eu-west-1', encryption: 'aws:kms', accountId: '123456789012',
    });
    const json = synthObject(stack);
    // THEN
    expect(onlyResource(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(onlyResource(json, 'aws_kms_alias')).toMatchObject({ name: 'alias/prod-x7k2p-image-registry-eu-west-1' });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) },
      bucket_key_enabled: true,
    }]);
    expect(bucket.registryKeyId).toBe('arn:aws:kms:eu-west-1:123456789012:alias/prod-x7k2p-image-registry-eu-west-1');
  });

  test('GIVEN BucketOwnerPreferred THEN it is set as asked', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', objectOwnership: 'BucketOwnerPreferred' });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerPreferred' } });
  });

  test('THEN the construct ids of the children are stable', () => {
    const stack = newStack();
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', encryption: 'aws:kms' });
    expect(bucket.node.children.map((c) => c.node.id)).toEqual([
      'Resource', 'PublicAccessBlock', 'OwnershipControls', 'Key', 'KeyAlias', 'Encryption', 'Lifecycle', 'Policy',
    ]);
  });

  test('GIVEN an invalid bucket name WHEN synthesized THEN every problem is reported at once, quoting the name', () => {
    // GIVEN
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { bucketName: '-My_Registry', region: 'eu-west-1' });
    // WHEN
    const message = synthError(stack);
    // THEN
    expect(message).toContain('[stack/Bucket]');
    expect(message).toContain('"-My_Registry"');
    expect(message).toContain('s3-bucket-name-characters');
    expect(message).toContain('s3-bucket-name-edges');
    expect(message).toContain('Fix:');
  });

  test('GIVEN neither a name nor an infrastructure name THEN synthesis fails saying what to give', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { region: 'eu-west-1' });
    expect(synthError(stack)).toMatch(/neither bucketName nor infrastructureName/);
  });

  test('GIVEN a KMS key of another region or an alias THEN synthesis fails', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'A', { infrastructureName: 'x', region: 'eu-west-1', kmsKeyArn: KEY_ARN.replace('eu-west-1', 'us-east-1') });
    new RegistryBucket(stack, 'B', { infrastructureName: 'y', region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/registry' });
    const message = synthError(stack);
    expect(message).toContain('kms-key-arn-region');
    expect(message).toContain('kms-key-arn-alias');
  });

  test('GIVEN a name off the ROSA HCP pattern THEN a warning annotation, and synthesis still succeeds', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const bucket = new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-registry-blobs', region: 'eu-west-1' });
    // THEN
    expect(synthError(stack)).toBeUndefined();
    const warnings = bucket.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('*-image-registry-eu-west-1*')]);
  });

  test('GIVEN the default name THEN no warning', () => {
    const stack = newStack();
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1' });
    expect(bucket.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN)).toEqual([]);
  });
});
