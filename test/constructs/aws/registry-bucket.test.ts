import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { RegistryBucket, RegistryBucketProps } from '../../../src/aws';
import { newStack, onlyResource, parsedPolicy, resourcesOf, synthObject } from '../../support/terraform-json';
import { codesOf, expectValidationError } from '../../support/findings';

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

  test('THEN the bucket policy denies non-TLS requests and TLS below 1.2 on the bucket and its objects, after the public access block', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-image-registry-eu-west-1', region: 'eu-west-1' });
    const policy = onlyResource(synthObject(stack), 'aws_s3_bucket_policy');
    // THEN
    const resources = ['arn:aws:s3:::corp-image-registry-eu-west-1', 'arn:aws:s3:::corp-image-registry-eu-west-1/*'];
    expect(parsedPolicy(policy, 'policy').Statement).toEqual([{
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }, {
      Sid: 'DenyOutdatedTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
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

  test('GIVEN aws:kms without a key THEN a rotated key with a deterministic alias and a key policy of its own is created', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const bucket = new RegistryBucket(stack, 'Bucket', {
      infrastructureName: 'prod-x7k2p', region: 'eu-west-1', encryption: 'aws:kms', accountId: '123456789012',
    });
    const json = synthObject(stack);
    // THEN
    const key = onlyResource(json, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const keyPolicy = parsedPolicy(key, 'policy').Statement;
    // The account administers the key but may use it for data only through S3 in the bucket's region.
    expect(keyPolicy.map((statement) => statement.Sid)).toEqual(['KeyAdministration', 'RegistryUseThroughS3']);
    expect(keyPolicy[0].Action).not.toEqual(expect.arrayContaining(['kms:Decrypt']));
    expect(keyPolicy[0].Action).not.toContain('kms:*');
    expect(keyPolicy[0].Action).not.toContain('kms:CreateGrant');
    expect(keyPolicy[1]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } },
    });
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
    const bucket = new RegistryBucket(stack, 'Bucket', {
      infrastructureName: 'x', region: 'eu-west-1', encryption: 'aws:kms', accountId: '123456789012',
      versioning: true, accessLogging: { bucketName: 'corp-access-logs' },
    });
    expect(bucket.node.children.map((c) => c.node.id)).toEqual([
      'Resource', 'PublicAccessBlock', 'OwnershipControls', 'Key', 'KeyAlias', 'Versioning', 'Encryption', 'Lifecycle', 'Logging', 'Policy',
    ]);
  });

  test('GIVEN versioning WHEN synthesized THEN versioning is on and noncurrent versions expire after the days given, after versioning', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', versioning: true, noncurrentVersionExpirationDays: 14 });
    const json = synthObject(stack);
    // THEN
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({ id: 'cleanup-incomplete-multipart-registry-uploads' }),
      {
        id: 'expire-noncurrent-registry-versions', status: 'Enabled', filter: [{ prefix: '' }],
        noncurrent_version_expiration: [{ noncurrent_days: 14 }], expiration: [{ expired_object_delete_marker: true }],
      },
    ]);
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\./)]);
  });

  test('GIVEN no versioning THEN no versioning resource and only the multipart rule', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1' });
    const json = synthObject(stack);
    expect(resourcesOf(json, 'aws_s3_bucket_versioning')).toEqual([]);
    expect((onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule as unknown[])).toHaveLength(1);
  });

  test('GIVEN access logging to another bucket THEN server access logs go there, under the bucket name by default', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', accessLogging: { bucketName: 'corp-access-logs' } });
    expect(onlyResource(synthObject(stack), 'aws_s3_bucket_logging')).toMatchObject({
      target_bucket: 'corp-access-logs', target_prefix: 'x-image-registry-eu-west-1/',
    });
  });

  test('GIVEN minimumTlsVersion 1.3 THEN the floor is 1.3', () => {
    const stack = newStack();
    new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', minimumTlsVersion: '1.3' });
    const statements = parsedPolicy(onlyResource(synthObject(stack), 'aws_s3_bucket_policy'), 'policy').Statement;
    expect(statements[1].Condition).toEqual({ NumericLessThan: { 's3:TlsVersion': '1.3' } });
  });

  test('GIVEN an invalid bucket name WHEN constructed THEN one ValidationError reports every problem, quoting the name, and nothing is left in the tree', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const error = expectValidationError(() => new RegistryBucket(stack, 'Bucket', { bucketName: '-My_Registry', region: 'eu-west-1' }));
    // THEN
    expect(error.message).toContain('[stack/Bucket] RegistryBucket bucketName:');
    expect(error.message).toContain('"-My_Registry"');
    expect(codesOf(error)).toEqual(['s3-bucket-name-characters', 's3-bucket-name-edges']);
    expect(error.message).toContain('Fix:');
    expect(stack.node.tryFindChild('Bucket')).toBeUndefined();
  });

  test('GIVEN neither a name nor an infrastructure name THEN construction fails saying what to give', () => {
    const error = expectValidationError(() => new RegistryBucket(newStack(), 'Bucket', { region: 'eu-west-1' }));
    expect(codesOf(error)).toEqual(['s3-bucket-name-missing']);
    expect(error.message).toMatch(/neither bucketName nor infrastructureName/);
  });

  test.each<[string, Partial<RegistryBucketProps>, string, string]>([
    ['a KMS key of another region', { kmsKeyArn: KEY_ARN.replace('eu-west-1', 'us-east-1') }, 'kms-key-arn-region', 'kmsKeyArn'],
    ['a KMS alias', { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/registry' }, 'kms-key-arn-alias', 'kmsKeyArn'],
    ['encryption "KMS"', { encryption: 'KMS' as never }, 's3-encryption', 'encryption'],
    ['encryption "aws:KMS"', { encryption: 'aws:KMS' as never }, 's3-encryption', 'encryption'],
    ['partition "azure"', { partition: 'azure' }, 'aws-partition', 'partition'],
    ['a China region in partition aws', { region: 'cn-north-1' }, 'aws-region-partition', 'partition'],
    ['a key to create without account', { encryption: 'aws:kms' }, 'kms-key-account-id-missing', 'accountId'],
    ['account id "123" for a created key', { encryption: 'aws:kms', accountId: '123' }, 'aws-account-id', 'accountId'],
    ['a deletion window of 31 days', { kmsKeyDeletionWindowInDays: 31 }, 'kms-deletion-window', 'kmsKeyDeletionWindowInDays'],
    ['a deletion window of 7.5 days', { kmsKeyDeletionWindowInDays: 7.5 }, 'kms-deletion-window', 'kmsKeyDeletionWindowInDays'],
    ['noncurrent expiry without versioning', { noncurrentVersionExpirationDays: 30 }, 's3-noncurrent-version-days', 'noncurrentVersionExpirationDays'],
    ['noncurrent expiry of 0 days', { versioning: true, noncurrentVersionExpirationDays: 0 }, 's3-noncurrent-version-days', 'noncurrentVersionExpirationDays'],
    ['access logs to itself', { accessLogging: { bucketName: 'x-image-registry-eu-west-1' } }, 's3-access-log-bucket', 'accessLogging.bucketName'],
    ['access logs to an invalid bucket name', { accessLogging: { bucketName: 'Logs' } }, 's3-bucket-name-characters', 'accessLogging.bucketName'],
    ['TLS floor 1.1', { minimumTlsVersion: '1.1' }, 's3-minimum-tls-version', 'minimumTlsVersion'],
    ['object ownership "Owner"', { objectOwnership: 'Owner' }, 's3-object-ownership', 'objectOwnership'],
    ['an infrastructure name with an underscore', { infrastructureName: 'prod_x' }, 'aws-infrastructure-name', 'infrastructureName'],
  ])('GIVEN %s THEN construction fails with that rule, naming the field', (_, extra, code, path) => {
    const error = expectValidationError(() => new RegistryBucket(newStack(), 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', ...extra }));
    expect(codesOf(error)).toContain(code);
    expect(error.findings.find((finding) => finding.code === code)).toMatchObject({ object: 'RegistryBucket', path });
    expect(error.message).toContain(`[stack/Bucket] RegistryBucket ${path}:`);
  });

  test('GIVEN encryption "KMS" THEN the hint names the exact spelling instead of guessing', () => {
    const error = expectValidationError(() => new RegistryBucket(newStack(), 'Bucket', { infrastructureName: 'x', region: 'eu-west-1', encryption: 'KMS' as never }));
    expect(error.findings[0]).toMatchObject({ path: 'encryption', message: expect.stringContaining('"KMS"'), hint: expect.stringContaining('"aws:kms"') });
  });

  test('GIVEN a name off the ROSA HCP pattern THEN a warning annotation, and synthesis still succeeds', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const bucket = new RegistryBucket(stack, 'Bucket', { bucketName: 'corp-registry-blobs', region: 'eu-west-1' });
    // THEN
    expect(() => synthObject(stack)).not.toThrow();
    const warnings = bucket.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('*-image-registry-eu-west-1*')]);
  });

  test('GIVEN the default name THEN no warning', () => {
    const stack = newStack();
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'x', region: 'eu-west-1' });
    expect(bucket.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN)).toEqual([]);
  });
});
