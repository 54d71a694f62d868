import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  AwsPartition,
  bucketNameProblems,
  defaultRegistryBucketName,
  defaultRegistryKmsAliasName,
  kmsKeyArnProblems,
  matchesRosaHcpBucketPattern,
  regionProblems,
  RegistryStorageEncryption,
  RegistryStorageProblem,
  rosaPatternWarning,
} from '../../model/registry-storage';
import { tlsOnlyBucketPolicyDocument } from './policy-documents';
import { reportProblems } from './problems';

/**
 * Object ownership of the bucket.
 * - `BucketOwnerEnforced`: ACLs are disabled and the bucket owner owns every object (the AWS default for new buckets
 *   since April 2023, and what the operator's own buckets get).
 * - `BucketOwnerPreferred`: ACLs still work; objects written with `bucket-owner-full-control` belong to the owner.
 * - `ObjectWriter`: the writer owns what it writes (legacy).
 */
export type RegistryBucketObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

/** What a registry principal needs to know about the bucket it gets access to. */
export interface IRegistryBucket {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN, `arn:<partition>:s3:::<name>`. */
  readonly bucketArn: string;
  /** AWS partition of the bucket. */
  readonly partition: AwsPartition;
  /** ARN of the bucket's KMS key, when it has one; the registry principal gets KMS actions on it. */
  readonly kmsKeyArn?: string;
  /** The cluster's infrastructure name, when known; it prefixes default IAM names. */
  readonly infrastructureName?: string;
}

/** Properties of a {@link RegistryBucket}. */
export interface RegistryBucketProps {
  /**
   * The bucket's region. It must be the region of the AWS provider the bucket is created with (provider 5.x has no
   * per-resource region); it names the bucket and checks the KMS key and the ROSA HCP naming pattern.
   */
  readonly region: string;
  /**
   * The cluster's infrastructure name (`oc get infrastructure cluster -o jsonpath='{.status.infrastructureName}'`).
   * Adds the tag `kubernetes.io/cluster/<infrastructureName>: owned`, as the operator tags its own bucket; note that
   * `openshift-install destroy cluster` deletes resources tagged so.
   * @default - no cluster ownership tag
   */
  readonly infrastructureName?: string;
  /**
   * Bucket name, checked against the S3 naming rules at synth.
   * @default - `<infrastructureName>-image-registry-<region>`, the operator's own convention (requires
   * `infrastructureName`)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName?: string;
  /**
   * AWS partition, for ARNs.
   * @default 'aws'
   */
  readonly partition?: AwsPartition;
  /**
   * Default encryption.
   * @default - 'aws:kms' when `kmsKeyArn` is given, 'AES256' otherwise
   */
  readonly encryption?: RegistryStorageEncryption;
  /**
   * ARN of an existing KMS key in the bucket's region (a literal or a token). With `encryption: 'aws:kms'` and no key,
   * a key with rotation on and the alias `alias/<bucket name>` is created (child ids `Key` and `KeyAlias`).
   * @default - none
   */
  readonly kmsKeyArn?: string;
  /**
   * Account id, only used to write the alias ARN of a created key as a literal (see {@link RegistryBucket.registryKeyId}).
   * @default - the alias ARN is the `aws_kms_alias` attribute, known after apply
   */
  readonly accountId?: string;
  /**
   * Days a deleted created key waits before it is gone. Every image becomes unreadable when the key is gone, so the
   * default is the longest window.
   * @default 30
   */
  readonly kmsKeyDeletionWindowInDays?: number;
  /**
   * Object ownership. `BucketOwnerEnforced` disables ACLs, so no object can be shared by an ACL. Caveat: the registry
   * sends `x-amz-acl: private` on writes, and S3 documents that such buckets accept only no ACL or
   * `bucket-owner-full-control`; OpenShift's own buckets are created this way and the registry works on them, but
   * upstream distribution has reports of `AccessControlListNotSupported` (distribution/distribution#3861). If pushes
   * fail with that error, use `BucketOwnerPreferred`.
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: RegistryBucketObjectOwnership;
  /**
   * More tags. The bucket always carries at least `Name` (the operator's tag sync fails on an untagged bucket).
   * @default - `Name`, and the cluster ownership tag when `infrastructureName` is given
   */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * An S3 bucket for the OpenShift internal registry, hardened the way the registry operator hardens the buckets it
 * creates, for use with storage `managementState: Unmanaged`: all four public-access blocks, default encryption
 * (AES256, or SSE-KMS with a bucket key), a lifecycle rule that aborts incomplete multipart uploads after one day, a
 * bucket policy that denies any request without TLS, object ownership set explicitly, tags, and `force_destroy` off.
 *
 * Child ids (stable): `Resource`, `PublicAccessBlock`, `OwnershipControls`, `Encryption`, `Lifecycle`, `Policy`, and
 * with a created key `Key` and `KeyAlias`.
 *
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/pkg/storage/s3/s3.go
 */
export class RegistryBucket extends Construct implements IRegistryBucket {
  /** The `aws_s3_bucket`, for escape hatches. */
  public readonly bucket: S3Bucket;
  /** The `aws_s3_bucket_public_access_block`. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The `aws_s3_bucket_ownership_controls`. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** The `aws_s3_bucket_server_side_encryption_configuration`. */
  public readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  /** The `aws_s3_bucket_lifecycle_configuration`. */
  public readonly lifecycleConfiguration: S3BucketLifecycleConfiguration;
  /** The `aws_s3_bucket_policy` (TLS only). */
  public readonly bucketPolicy: S3BucketPolicy;
  /** The created KMS key, when `aws:kms` is asked for without a key. */
  public readonly kmsKey?: KmsKey;
  /** The alias of the created KMS key. */
  public readonly kmsAlias?: KmsAlias;

  /** Bucket name, a literal (deterministic from the props). */
  public readonly bucketName: string;
  /** Bucket ARN, a literal, so policies show their real resources in `terraform plan`. */
  public readonly bucketArn: string;
  /** AWS partition of the ARNs. */
  public readonly partition: AwsPartition;
  /** The cluster's infrastructure name, when given. */
  public readonly infrastructureName?: string;
  /** The bucket's region. */
  public readonly region: string;
  /** Default encryption. */
  public readonly encryption: RegistryStorageEncryption;
  /** ARN of the KMS key (the given one, or the created key's, known after apply). */
  public readonly kmsKeyArn?: string;
  /**
   * The value for `spec.storage.s3.keyID` of the registry Config: the given key ARN, or the created key's alias ARN
   * (a literal when `accountId` is given).
   */
  public readonly registryKeyId?: string;

  constructor(scope: Construct, id: string, props: RegistryBucketProps) {
    super(scope, id);
    const problems: RegistryStorageProblem[] = [...regionProblems(props.region)];
    this.region = props.region;
    this.partition = props.partition ?? 'aws';
    this.infrastructureName = props.infrastructureName;
    if (props.bucketName !== undefined) {
      this.bucketName = props.bucketName;
    } else if (props.infrastructureName !== undefined) {
      this.bucketName = defaultRegistryBucketName(props.infrastructureName, props.region);
    } else {
      this.bucketName = '';
      problems.push({ code: 'bucket-name-missing', severity: 'error', field: 'bucketName',
        message: 'neither bucketName nor infrastructureName is given, so the bucket has no name',
        hint: 'give infrastructureName (the bucket is then named like the operator names it) or bucketName' });
    }
    if (Token.isUnresolved(this.bucketName)) {
      problems.push({ code: 'storage-input-unresolved', severity: 'error', field: 'bucketName',
        message: `bucket name ${JSON.stringify(this.bucketName)} is only known when Terraform runs`,
        hint: 'give a literal name: it is checked at synth and the Kubernetes side must compute the same name' });
    } else if (this.bucketName !== '') {
      problems.push(...bucketNameProblems(this.bucketName));
      if (regionProblems(props.region).length === 0 && !matchesRosaHcpBucketPattern(this.bucketName, props.region)) {
        problems.push(rosaPatternWarning(this.bucketName, props.region));
      }
    }
    this.bucketArn = `arn:${this.partition}:s3:::${this.bucketName}`;
    this.encryption = props.encryption ?? (props.kmsKeyArn !== undefined ? 'aws:kms' : 'AES256');
    if (this.encryption === 'AES256' && props.kmsKeyArn !== undefined) {
      problems.push({ code: 'encryption-key-with-aes256', severity: 'error', field: 'kmsKeyArn',
        message: `kmsKeyArn ${JSON.stringify(props.kmsKeyArn)} is given with encryption "AES256"`,
        hint: 'set encryption: "aws:kms", or leave kmsKeyArn out' });
    }
    if (props.kmsKeyArn !== undefined && !Token.isUnresolved(props.kmsKeyArn)) {
      problems.push(...kmsKeyArnProblems(props.kmsKeyArn, props.region, this.partition));
    }
    const deletionWindow = props.kmsKeyDeletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      problems.push({ code: 'kms-deletion-window', severity: 'error', field: 'kmsKeyDeletionWindowInDays',
        message: `deletion window ${deletionWindow} is not a whole number of days from 7 to 30`, hint: 'use 7 to 30 (30 is safest)' });
    }
    const objectOwnership = props.objectOwnership ?? 'BucketOwnerEnforced';
    if (!['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(objectOwnership)) {
      problems.push({ code: 'object-ownership', severity: 'error', field: 'objectOwnership',
        message: `object ownership ${JSON.stringify(objectOwnership)} is not one S3 knows`,
        hint: 'use "BucketOwnerEnforced", "BucketOwnerPreferred" or "ObjectWriter"' });
    }
    reportProblems(this, problems);

    // The operator's tag sync errors on a bucket without tags, so there is always a Name; user tags may replace it,
    // never the ownership tag.
    const tags: { [key: string]: string } = {
      Name: props.infrastructureName !== undefined ? `${props.infrastructureName}-image-registry` : this.bucketName,
      ...props.tags,
    };
    if (props.infrastructureName !== undefined) {
      tags[`kubernetes.io/cluster/${props.infrastructureName}`] = 'owned';
    }

    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: this.bucketName,
      // Deleting the stack must never silently delete every image: Terraform refuses while objects remain.
      forceDestroy: false,
      tags,
    });

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    this.ownershipControls = new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.bucket.id,
      rule: { objectOwnership },
    });

    if (this.encryption === 'aws:kms' && props.kmsKeyArn === undefined) {
      const aliasName = defaultRegistryKmsAliasName(this.bucketName);
      this.kmsKey = new KmsKey(this, 'Key', {
        description: `OpenShift image registry bucket ${this.bucketName}`,
        enableKeyRotation: true,
        deletionWindowInDays: deletionWindow,
        // No key policy: AWS applies the default one, which delegates to the account's IAM policies, so the
        // registry principal's identity policy is enough and no account lookup is needed at plan time.
        // No cluster ownership tag either: `openshift-install destroy cluster` would schedule the key for deletion.
        tags: { Name: tags.Name, ...props.tags },
      });
      this.kmsAlias = new KmsAlias(this, 'KeyAlias', { name: aliasName, targetKeyId: this.kmsKey.keyId });
      this.kmsKeyArn = this.kmsKey.arn;
      this.registryKeyId = props.accountId !== undefined
        ? `arn:${this.partition}:kms:${props.region}:${props.accountId}:${aliasName}`
        : this.kmsAlias.arn;
    } else if (this.encryption === 'aws:kms') {
      this.kmsKeyArn = props.kmsKeyArn;
      this.registryKeyId = props.kmsKeyArn;
    }

    this.encryptionConfiguration = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [this.encryption === 'aws:kms'
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });

    this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [{
        // The operator's rule id, so a bucket moved between Managed and Unmanaged keeps one rule, not two.
        id: 'cleanup-incomplete-multipart-registry-uploads',
        status: 'Enabled',
        // An explicit empty prefix: provider 5.90+ warns on a missing filter and on an empty `filter {}`.
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      }],
    });

    this.bucketPolicy = new S3BucketPolicy(this, 'Policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify(tlsOnlyBucketPolicyDocument(this.bucketArn)),
      // S3 rejects concurrent changes to a bucket's public access block and policy.
      dependsOn: [this.publicAccessBlock],
    });
  }
}
