import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { registryBucketPolicyDocument, registryKmsKeyPolicyDocument } from '../../model/aws-policy-documents';
import {
  AwsPartition,
  OneOfOrToken,
  RegistryBucketObjectOwnership,
  RegistryBucketTlsVersion,
  RegistryStorageEncryption,
} from '../../model/registry-storage';
import { checkRegistryBucket, REGISTRY_BUCKET_FIELDS } from '../../validation/rules/aws-storage';
import {
  addPreconditions, awsChecks, mergeTags, normalizeTokens, policyJson, reportWarnings, TERRAFORM_REGISTRY_NAMES, throwOnErrors,
} from './terraform-checks';

/** What a registry principal needs to know about the bucket it gets access to. */
export interface IRegistryBucket {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN, `arn:<partition>:s3:::<name>`. */
  readonly bucketArn: string;
  /** AWS partition of the bucket. */
  readonly partition: OneOfOrToken<AwsPartition>;
  /** Region of the bucket (KMS use is limited to S3 in this region). */
  readonly region: string;
  /** ARN of the bucket's KMS key, when it has one; the registry principal gets KMS actions on it. */
  readonly kmsKeyArn?: string;
  /** The cluster's infrastructure name, when known; it prefixes default IAM names. */
  readonly infrastructureName?: string;
}

/** Where S3 server access logs of the registry bucket go. */
export interface RegistryBucketAccessLogging {
  /**
   * An existing bucket in the same region and account that accepts S3 server access logs (its bucket policy must
   * allow the service principal `logging.s3.amazonaws.com` to put objects). Never the registry bucket itself.
   */
  readonly bucketName: string;
  /**
   * Prefix of the log objects.
   * @default - `<registry bucket name>/`
   */
  readonly prefix?: string;
}

/** Properties of a {@link RegistryBucket}. Every string and number may be a Terraform token. */
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
   * Bucket name, checked against the S3 naming rules (at construction, or by `terraform plan` for a token).
   * @default - `<infrastructureName>-image-registry-<region>`, the operator's own convention (requires
   * `infrastructureName`)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName?: string;
  /**
   * AWS partition, for ARNs: `aws`, `aws-cn` or `aws-us-gov`.
   * @default 'aws'
   */
  readonly partition?: OneOfOrToken<AwsPartition>;
  /**
   * Default encryption, spelled as S3 spells it (a literal: it decides whether a key is created).
   * @default - 'aws:kms' when `kmsKeyArn` is given, 'AES256' otherwise
   */
  readonly encryption?: RegistryStorageEncryption;
  /**
   * ARN of an existing KMS key in the bucket's region. With `encryption: 'aws:kms'` and no key, a key with rotation
   * on, a key policy of its own (see {@link registryKmsKeyPolicyDocument}) and the alias `alias/<bucket name>` is
   * created (child ids `Key` and `KeyAlias`).
   * @default - none
   */
  readonly kmsKeyArn?: string;
  /**
   * The 12-digit account id. Required when a key is created: its key policy names the account, and the registry names
   * the key by its alias ARN (see {@link RegistryBucket.registryKeyId}). Never looked up, so plans need no AWS call.
   * @default - none
   */
  readonly accountId?: string;
  /**
   * Days a deleted created key waits before it is gone. Every image becomes unreadable when the key is gone, so the
   * default is the longest window.
   * @default 30
   */
  readonly kmsKeyDeletionWindowInDays?: number;
  /**
   * Object ownership: `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`. `BucketOwnerEnforced`
   * disables ACLs, so no object can be shared by an ACL. Caveat: the registry sends `x-amz-acl: private` on writes,
   * and S3 documents that such buckets accept only no ACL or `bucket-owner-full-control`; OpenShift's own buckets are
   * created this way and the registry works on them, but upstream distribution has reports of
   * `AccessControlListNotSupported` (distribution/distribution#3861). If pushes fail with that error, use
   * `BucketOwnerPreferred`.
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: OneOfOrToken<RegistryBucketObjectOwnership>;
  /**
   * More tags (a map, or a Terraform map). The bucket always carries at least `Name` (the operator's tag sync fails on
   * an untagged bucket).
   * @default - `Name`, and the cluster ownership tag when `infrastructureName` is given
   */
  readonly tags?: { readonly [key: string]: string };
  /**
   * Keep every overwritten or deleted object as a noncurrent version, for `noncurrentVersionExpirationDays`. Turn it
   * on when the registry uses static keys (a leaked access key with `s3:DeleteObject` could otherwise delete every
   * image for good) or when accidental pruning must be recoverable. The registry then still sees deletes (delete
   * markers); storage grows by the deleted data for the retention time.
   * @default false
   */
  readonly versioning?: boolean;
  /**
   * With `versioning`: days a noncurrent version is kept before S3 expires it (a lifecycle rule
   * `expire-noncurrent-registry-versions`, which also removes expired delete markers).
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Write S3 server access logs to another bucket.
   * @default - no access logging
   */
  readonly accessLogging?: RegistryBucketAccessLogging;
  /**
   * The lowest TLS version the bucket policy accepts (`s3:TlsVersion`), `1.2` or `1.3`; requests without TLS are
   * always denied.
   * @default '1.2'
   */
  readonly minimumTlsVersion?: OneOfOrToken<RegistryBucketTlsVersion>;
}

/**
 * An S3 bucket for the OpenShift internal registry, hardened the way the registry operator hardens the buckets it
 * creates, for use with storage `managementState: Unmanaged`: all four public-access blocks, default encryption
 * (AES256, or SSE-KMS with a bucket key), a lifecycle rule that aborts incomplete multipart uploads after one day, a
 * bucket policy that denies requests without TLS or below TLS 1.2, object ownership set explicitly, tags, and
 * `force_destroy` off; optionally versioning with expiry of noncurrent versions, and access logging.
 *
 * Invalid props throw a `ValidationError` (every problem at once); checks on Terraform tokens become preconditions of
 * the bucket resource, reported by `terraform plan`.
 *
 * Child ids (stable): `Resource`, `PublicAccessBlock`, `OwnershipControls`, with a created key `Key` and `KeyAlias`,
 * with versioning `Versioning`, then `Encryption`, `Lifecycle`, with access logging `Logging`, and `Policy`.
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
  /** The `aws_s3_bucket_policy` (TLS only, TLS version floor). */
  public readonly bucketPolicy: S3BucketPolicy;
  /** The `aws_s3_bucket_versioning`, with `versioning`. */
  public readonly versioningConfiguration?: S3BucketVersioningA;
  /** The `aws_s3_bucket_logging`, with `accessLogging`. */
  public readonly logging?: S3BucketLoggingA;
  /** The created KMS key, when `aws:kms` is asked for without a key. */
  public readonly kmsKey?: KmsKey;
  /** The alias of the created KMS key. */
  public readonly kmsAlias?: KmsAlias;

  /** Bucket name (deterministic from the props: a literal, or a Terraform expression of the tokens given). */
  public readonly bucketName: string;
  /** Bucket ARN, written from the name, so policies show their real resources in `terraform plan`. */
  public readonly bucketArn: string;
  /** AWS partition of the ARNs. */
  public readonly partition: OneOfOrToken<AwsPartition>;
  /** The cluster's infrastructure name, when given. */
  public readonly infrastructureName?: string;
  /** The bucket's region. */
  public readonly region: string;
  /** Default encryption. */
  public readonly encryption: RegistryStorageEncryption;
  /** ARN of the KMS key (the given one, or the created key's, known after apply). */
  public readonly kmsKeyArn?: string;
  /** S3's host in the bucket's region, `s3.<region>.amazonaws.com`: the `kms:ViaService` of every KMS grant on the key. */
  public readonly s3ServiceHost: string;
  /**
   * The value for `spec.storage.s3.keyID` of the registry Config: the given key ARN, or the created key's alias ARN
   * (`arn:<partition>:kms:<region>:<account>:alias/<bucket name>`, known at synth).
   */
  public readonly registryKeyId?: string;

  constructor(scope: Construct, id: string, props: RegistryBucketProps) {
    super(scope, id);
    const checks = awsChecks('RegistryBucket', this);
    // The names, ARN and key id come from the derivation the checks judged (the model's, as the handoff's).
    const { props: p, derived } = checkRegistryBucket(checks, normalizeTokens(props, REGISTRY_BUCKET_FIELDS));
    throwOnErrors(this, checks);
    reportWarnings(this, checks);

    this.region = p.region;
    this.partition = derived.handoff.partition;
    this.infrastructureName = p.infrastructureName;
    this.bucketName = derived.handoff.bucket;
    this.bucketArn = derived.handoff.bucketArn;
    this.encryption = derived.handoff.encryption;
    this.registryKeyId = derived.handoff.kmsKeyId;
    this.s3ServiceHost = TERRAFORM_REGISTRY_NAMES.s3ServiceHost(this.region, this.partition);

    // The operator's tag sync errors on a bucket without tags, so there is always a Name; user tags may replace it,
    // never the ownership tag.
    const infra = p.infrastructureName;
    const tags = mergeTags(
      { Name: infra !== undefined ? `${infra}-image-registry` : this.bucketName },
      p.tags,
      infra !== undefined ? { [`kubernetes.io/cluster/${infra}`]: 'owned' } : undefined,
    );

    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: this.bucketName,
      // Deleting the stack must never silently delete every image: Terraform refuses while objects remain.
      forceDestroy: false,
      tags,
    });
    addPreconditions(this.bucket, this, 'RegistryBucket', checks.deferred);

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    this.ownershipControls = new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.bucket.id,
      rule: { objectOwnership: p.objectOwnership ?? 'BucketOwnerEnforced' },
    });

    if (derived.kmsAliasName !== undefined) {
      // A key to create; the checks refused one without an account.
      const accountId = p.accountId!;
      this.kmsKey = new KmsKey(this, 'Key', {
        description: `OpenShift image registry bucket ${this.bucketName}`,
        enableKeyRotation: true,
        deletionWindowInDays: p.kmsKeyDeletionWindowInDays ?? 30,
        policy: policyJson(registryKmsKeyPolicyDocument({
          partition: this.partition,
          accountId,
          s3ServiceHost: this.s3ServiceHost,
        })),
        // No cluster ownership tag: `openshift-install destroy cluster` would schedule the key for deletion.
        tags: mergeTags({ Name: infra !== undefined ? `${infra}-image-registry` : this.bucketName }, p.tags),
      });
      this.kmsAlias = new KmsAlias(this, 'KeyAlias', { name: derived.kmsAliasName, targetKeyId: this.kmsKey.keyId });
      this.kmsKeyArn = this.kmsKey.arn;
    } else if (this.encryption === 'aws:kms') {
      this.kmsKeyArn = p.kmsKeyArn;
    }

    if (p.versioning === true) {
      this.versioningConfiguration = new S3BucketVersioningA(this, 'Versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }

    this.encryptionConfiguration = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [this.encryption === 'aws:kms'
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [{
      // The operator's rule id, so a bucket moved between Managed and Unmanaged keeps one rule, not two.
      id: 'cleanup-incomplete-multipart-registry-uploads',
      status: 'Enabled',
      // An explicit empty prefix: provider 5.90+ warns on a missing filter and on an empty `filter {}`.
      filter: [{ prefix: '' }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
    }];
    if (this.versioningConfiguration) {
      rules.push({
        id: 'expire-noncurrent-registry-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: p.noncurrentVersionExpirationDays ?? 30 }],
        // Delete markers with no version left behind them only slow listings down.
        expiration: [{ expiredObjectDeleteMarker: true }],
      });
    }
    this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: rules,
      // S3 refuses noncurrent-version rules until versioning is on.
      dependsOn: this.versioningConfiguration ? [this.versioningConfiguration] : undefined,
    });

    if (p.accessLogging !== undefined) {
      this.logging = new S3BucketLoggingA(this, 'Logging', {
        bucket: this.bucket.id,
        targetBucket: p.accessLogging.bucketName,
        targetPrefix: p.accessLogging.prefix ?? `${this.bucketName}/`,
      });
    }

    this.bucketPolicy = new S3BucketPolicy(this, 'Policy', {
      bucket: this.bucket.id,
      policy: policyJson(registryBucketPolicyDocument(this.bucketArn, p.minimumTlsVersion ?? '1.2')),
      // S3 rejects concurrent changes to a bucket's public access block and policy.
      dependsOn: [this.publicAccessBlock],
    });
  }
}
