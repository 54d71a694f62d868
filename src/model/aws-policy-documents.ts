/**
 * The IAM, bucket and key policy documents of the registry storage, as plain JSON-ready objects. They are written
 * with literal ARNs wherever the names are known at synth (they are deterministic), so `terraform plan` shows the
 * real policy instead of "known after apply", and tests can read it. Pure: the values may be Terraform tokens, which
 * the AWS constructs render with `jsonencode`.
 */
import { REGISTRY_SERVICE_ACCOUNT_SUBJECTS, REGISTRY_WEB_IDENTITY_AUDIENCE, RegistryStorageManagementState, arnSegment, s3ServiceHost } from './registry-storage';

/** A condition block: operator, then key, then one value or several. */
export interface IamPolicyCondition {
  readonly [operator: string]: { readonly [key: string]: string | readonly string[] };
}

/** One statement of an IAM policy. Only explicit `Action`/`Resource` lists: `NotAction`/`NotResource` are refused. */
export interface IamPolicyStatement {
  /**
   * Statement id, letters and digits.
   * @default - none
   */
  readonly Sid?: string;
  /** `Allow` or `Deny`. */
  readonly Effect: 'Allow' | 'Deny';
  /** The actions, e.g. `s3:GetObjectVersion`. */
  readonly Action: readonly string[];
  /** The ARNs the actions apply to. */
  readonly Resource: readonly string[];
  /**
   * Conditions.
   * @default - none
   */
  readonly Condition?: IamPolicyCondition;
}

/** An identity-based IAM policy. */
export interface IamPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly IamPolicyStatement[];
}

/**
 * Actions on the bucket ARN for a bucket Terraform owns: list and locate it (registry), list multipart uploads to
 * clean them up, and read its tags (the operator's AWS tag controller, OpenShift 4.18 and later, reads them to merge
 * the cluster's resource tags; without `s3:PutBucketTagging` it logs that it could not, and nothing else changes).
 */
export const REGISTRY_BUCKET_ACTIONS: readonly string[] = Object.freeze([
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:ListBucketMultipartUploads',
  's3:GetBucketTagging',
]);

/** Actions on `<bucket ARN>/*`: read, write and delete blobs, and multipart uploads. */
export const REGISTRY_OBJECT_ACTIONS: readonly string[] = Object.freeze([
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
]);

/**
 * The extra bucket actions of the operator's CredentialsRequest, needed only when the operator manages the bucket
 * (storage `Managed`): create and delete it, re-apply its public access block, encryption and lifecycle, and replace
 * its tags (with `Unmanaged` nothing needs `PutBucketTagging`, and it would let the registry's credentials rewrite the
 * `kubernetes.io/cluster/<infra>` ownership tag).
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/manifests/01-registry-credentials-request.yaml
 */
export const REGISTRY_MANAGED_BUCKET_ACTIONS: readonly string[] = Object.freeze([
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:PutBucketTagging',
  's3:PutBucketPublicAccessBlock',
  's3:GetBucketPublicAccessBlock',
  's3:PutEncryptionConfiguration',
  's3:GetEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:GetLifecycleConfiguration',
]);

/**
 * KMS actions of the registry principal on the bucket's key, exactly the two S3 calls on the caller's behalf with
 * SSE-KMS: `GenerateDataKey` to write (PutObject, CreateMultipartUpload, the bucket key) and `Decrypt` to read and to
 * complete multipart uploads and copies. No `Encrypt`, `ReEncrypt*` or `GenerateDataKey*` variants.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
export const REGISTRY_KMS_ACTIONS: readonly string[] = Object.freeze([
  'kms:GenerateDataKey',
  'kms:Decrypt',
]);

/**
 * What the account may do with a key the stack creates, through its IAM policies (Terraform's own identity needs
 * these to read, tag, rotate, alias and delete the key): administration only. Using the key for data is granted
 * separately, and only through S3 (see {@link registryKmsKeyPolicyDocument}); `kms:CreateGrant` is left out, so no
 * one can hand out key use by a grant.
 */
export const KMS_KEY_ADMINISTRATION_ACTIONS: readonly string[] = Object.freeze([
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
]);

/** What the access policy is scoped to. */
export interface RegistryAccessPolicyOptions {
  /** ARN of the bucket, `arn:<partition>:s3:::<name>`. */
  readonly bucketArn: string;
  /**
   * ARN of the bucket's KMS key; adds the KMS statement ({@link REGISTRY_KMS_ACTIONS}, only through S3).
   * @default - no KMS statement
   */
  readonly kmsKeyArn?: string;
  /**
   * The `kms:ViaService` value of the KMS statement: S3 in the bucket's region, `s3.<region>.amazonaws.com`
   * (`RegistryBucket.s3ServiceHost`). Give it when `kmsKeyArn` is a Terraform token (a created key's ARN): the default
   * reads the region from the ARN's text.
   * @default - S3 in the region and partition of the literal `kmsKeyArn` (a key is always in its bucket's region)
   */
  readonly kmsViaService?: string;
  /**
   * Whether the operator manages the bucket; `Managed` adds {@link REGISTRY_MANAGED_BUCKET_ACTIONS}, still on this
   * bucket only.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements, appended as given. The constructs check them first (rule module `aws-storage`, the
   * `iam-policy-*` rules).
   * @default - none
   */
  readonly additionalStatements?: readonly IamPolicyStatement[];
}

/** The least-privilege policy of the registry's principal (user or role) on its bucket and key. */
export function registryAccessPolicyDocument(options: RegistryAccessPolicyOptions): IamPolicyDocument {
  const bucketActions = options.storageManagementState === 'Managed'
    ? [...REGISTRY_BUCKET_ACTIONS, ...REGISTRY_MANAGED_BUCKET_ACTIONS]
    : [...REGISTRY_BUCKET_ACTIONS];
  const statements: IamPolicyStatement[] = [
    { Sid: 'RegistryBucket', Effect: 'Allow', Action: bucketActions, Resource: [options.bucketArn] },
    { Sid: 'RegistryObjects', Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${options.bucketArn}/*`] },
  ];
  if (options.kmsKeyArn !== undefined) {
    const viaService = options.kmsViaService ?? s3ServiceHost(arnSegment(options.kmsKeyArn, ':', 3), arnSegment(options.kmsKeyArn, ':', 1));
    statements.push({
      Sid: 'RegistryKms',
      Effect: 'Allow',
      Action: [...REGISTRY_KMS_ACTIONS],
      Resource: [options.kmsKeyArn],
      Condition: { StringEquals: { 'kms:ViaService': viaService } },
    });
  }
  statements.push(...(options.additionalStatements ?? []));
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The web-identity trust policy of the registry role: the cluster's OIDC provider, exactly the two registry service
 * accounts as `sub` (StringEquals, the shape ROSA and ccoctl use), and the audience the registry's projected token
 * carries ({@link REGISTRY_WEB_IDENTITY_AUDIENCE}) as `aud`, so a token minted for another audience is refused.
 * @param oidcIssuer issuer host and path, without `https://`
 */
export function registryTrustPolicyDocument(oidcProviderArn: string, oidcIssuer: string): object {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${oidcIssuer}:sub`]: [...REGISTRY_SERVICE_ACCOUNT_SUBJECTS],
          [`${oidcIssuer}:aud`]: REGISTRY_WEB_IDENTITY_AUDIENCE,
        },
      },
    }],
  };
}

/**
 * The bucket policy: deny any request made without TLS, and any made with a TLS version below the floor, on the
 * bucket and on its objects. Deny statements with `Principal: "*"` are not "public", so the public access block
 * allows them.
 * @param minimumTlsVersion the lowest TLS version accepted, `1.2` or `1.3`
 */
export function registryBucketPolicyDocument(bucketArn: string, minimumTlsVersion: string = '1.2'): object {
  const resources = [bucketArn, `${bucketArn}/*`];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyOutdatedTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { NumericLessThan: { 's3:TlsVersion': minimumTlsVersion } },
      },
    ],
  };
}

/** What the key policy of a key the stack creates is written for. */
export interface RegistryKmsKeyPolicyOptions {
  /** Partition of the account. */
  readonly partition: string;
  /** The 12-digit account that owns the key. */
  readonly accountId: string;
  /** S3 in the bucket's region, `s3.<region>.amazonaws.com` ({@link s3ServiceHost}). */
  readonly s3ServiceHost: string;
}

/**
 * The key policy of a key the stack creates for the registry bucket, instead of the AWS default (which gives the
 * account `kms:*`): the account keeps administration ({@link KMS_KEY_ADMINISTRATION_ACTIONS}) through its IAM
 * policies, and may use the key for data ({@link REGISTRY_KMS_ACTIONS}) only through S3 in the bucket's region and
 * only for callers of its own account. Who exactly may use it is then decided by identity policies: only the
 * registry's user or role is granted the key.
 */
export function registryKmsKeyPolicyDocument(options: RegistryKmsKeyPolicyOptions): object {
  const account = { AWS: `arn:${options.partition}:iam::${options.accountId}:root` };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'KeyAdministration',
        Effect: 'Allow',
        Principal: account,
        Action: [...KMS_KEY_ADMINISTRATION_ACTIONS],
        Resource: '*',
      },
      {
        Sid: 'RegistryUseThroughS3',
        Effect: 'Allow',
        Principal: account,
        Action: [...REGISTRY_KMS_ACTIONS],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:ViaService': options.s3ServiceHost,
            'kms:CallerAccount': options.accountId,
          },
        },
      },
    ],
  };
}
