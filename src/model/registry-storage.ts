/**
 * The S3 storage of the OpenShift internal registry, as plain values: the inputs a platform team decides once per
 * cluster, the names derived from them, and the handoff the Kubernetes side (`ImageRegistryConfig`, storage
 * `Unmanaged`) needs.
 *
 * `cdktf deploy` and `cdk8s synth` are separate programs, and the Kubernetes one must not need Terraform state. So
 * every name here is a pure function of the inputs (never random, never read back from AWS): both programs derive
 * the same bucket, key and role from the same inputs. This file imports nothing: the checks of these inputs live in
 * the rule module `validation/rules/aws-storage.ts`, the cdktf constructs (`cdk-openshift-images/aws`) build on
 * both.
 *
 * The derivation takes its string functions as a parameter ({@link RegistryNameFunctions}): with literal inputs they
 * are the functions below; the AWS constructs pass functions that build the same names as Terraform expressions when
 * an input is a Terraform token, so one derivation serves both.
 *
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/pkg/storage/s3/s3.go
 */

/** The AWS partitions this library writes ARNs for. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * One of the listed strings, or any string: a Terraform token (a variable, a data source attribute) is a string the
 * type cannot know. Editors still offer the listed values; the constructs check a literal at construction and a token
 * at `terraform plan`.
 */
export type OneOfOrToken<T extends string> = T | (string & Record<never, never>);
/** Every {@link AwsPartition}. */
export const AWS_PARTITIONS: readonly AwsPartition[] = Object.freeze(['aws', 'aws-cn', 'aws-us-gov'] as AwsPartition[]);

/** Default encryption of the bucket: S3-managed keys, or a KMS key. */
export type RegistryStorageEncryption = 'AES256' | 'aws:kms';
/** Every {@link RegistryStorageEncryption}, spelled as S3 spells them (case matters). */
export const REGISTRY_STORAGE_ENCRYPTIONS: readonly RegistryStorageEncryption[] = Object.freeze(['AES256', 'aws:kms'] as RegistryStorageEncryption[]);

/**
 * How the registry authenticates to S3:
 * - `static`: an IAM user's access key, handed to the cluster in the secret
 *   `openshift-image-registry/image-registry-private-configuration-user` (classic, non-STS clusters);
 * - `sts`: an IAM role assumed with the service accounts' projected token through the cluster's OIDC provider, named
 *   in `openshift-image-registry/installer-cloud-credentials` (STS clusters, ROSA).
 */
export type RegistryCredentialsMode = 'static' | 'sts';
/** Every {@link RegistryCredentialsMode}. */
export const REGISTRY_CREDENTIALS_MODES: readonly RegistryCredentialsMode[] = Object.freeze(['static', 'sts'] as RegistryCredentialsMode[]);

/** Who may change the bucket's own configuration: Terraform (`Unmanaged`, the default) or the operator (`Managed`). */
export type RegistryStorageManagementState = 'Unmanaged' | 'Managed';
/** Every {@link RegistryStorageManagementState}. */
export const REGISTRY_STORAGE_MANAGEMENT_STATES: readonly RegistryStorageManagementState[] = Object.freeze(['Unmanaged', 'Managed'] as RegistryStorageManagementState[]);

/**
 * Object ownership of the bucket.
 * - `BucketOwnerEnforced`: ACLs are disabled and the bucket owner owns every object (the AWS default for new buckets
 *   since April 2023, and what the operator's own buckets get).
 * - `BucketOwnerPreferred`: ACLs still work; objects written with `bucket-owner-full-control` belong to the owner.
 * - `ObjectWriter`: the writer owns what it writes (legacy).
 */
export type RegistryBucketObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
/** Every {@link RegistryBucketObjectOwnership}. */
export const REGISTRY_BUCKET_OBJECT_OWNERSHIPS: readonly RegistryBucketObjectOwnership[] = Object.freeze(
  ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'] as RegistryBucketObjectOwnership[]);

/** The lowest TLS version the bucket policy accepts. */
export type RegistryBucketTlsVersion = '1.2' | '1.3';
/** Every {@link RegistryBucketTlsVersion}. */
export const REGISTRY_BUCKET_TLS_VERSIONS: readonly RegistryBucketTlsVersion[] = Object.freeze(['1.2', '1.3'] as RegistryBucketTlsVersion[]);

/** The namespace of the registry and of its operator. */
export const REGISTRY_NAMESPACE = 'openshift-image-registry';

/**
 * The two service accounts that use the registry's cloud credentials, as `sub` claims of their tokens: the operator
 * (creates, tags and checks the bucket) and the registry pods (read and write blobs). The web-identity role trusts
 * exactly these two.
 */
export const REGISTRY_SERVICE_ACCOUNT_SUBJECTS: readonly string[] = Object.freeze([
  `system:serviceaccount:${REGISTRY_NAMESPACE}:cluster-image-registry-operator`,
  `system:serviceaccount:${REGISTRY_NAMESPACE}:registry`,
]);

/**
 * The audience (`aud`) of the projected service-account token the registry operator and the registry pods present to
 * STS: both mount it with `audience: openshift`, and ccoctl and ROSA register `openshift` as a client id of the
 * cluster's IAM OIDC provider.
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/pkg/resource/podtemplatespec.go
 * @see https://github.com/openshift/cloud-credential-operator/blob/master/pkg/cmd/provisioning/aws/create_identity_provider.go
 */
export const REGISTRY_WEB_IDENTITY_AUDIENCE = 'openshift';

/** The suffix ROSA and ccoctl give the registry operator's role: `<prefix>-openshift-image-registry-installer-cloud-credentials`. */
export const REGISTRY_ROLE_NAME_SUFFIX = '-openshift-image-registry-installer-cloud-credentials';
/** The suffix of the default IAM user name: `<prefix>-openshift-image-registry`. */
export const REGISTRY_USER_NAME_SUFFIX = '-openshift-image-registry';

/** Keys of the static-credentials secret the operator reads (and of the Secrets Manager JSON this library writes). */
export const REGISTRY_ACCESS_KEY_ID_KEY = 'REGISTRY_STORAGE_S3_ACCESSKEY';
/** @see REGISTRY_ACCESS_KEY_ID_KEY */
export const REGISTRY_SECRET_ACCESS_KEY_KEY = 'REGISTRY_STORAGE_S3_SECRETKEY';

/** The settings of one cluster's registry storage that both the AWS app and the Kubernetes app read. */
export interface RegistryStorageInputs {
  /** AWS region of the bucket, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The cluster's infrastructure name (`oc get infrastructure cluster -o jsonpath='{.status.infrastructureName}'`,
   * e.g. `mycluster-x7k2p`). It names the bucket, the IAM principal and the cluster ownership tag.
   * @default - none; then `bucketName` is required
   */
  readonly infrastructureName?: string;
  /**
   * Name of the bucket.
   * @default - the operator's own convention: `<infrastructureName>-image-registry-<region>`, lower case, repeated
   * dashes collapsed, cut to 62 characters (which also matches the ROSA HCP managed policy)
   */
  readonly bucketName?: string;
  /**
   * AWS partition of every ARN: `aws`, `aws-cn` or `aws-us-gov`.
   * @default 'aws'
   */
  readonly partition?: OneOfOrToken<AwsPartition>;
  /**
   * The 12-digit AWS account id. Needed for `sts` (role ARN, OIDC provider ARN) and for a KMS key created by the stack
   * (its key policy and alias ARN); taken from `oidcProviderArn` when that is given.
   * @default - none
   */
  readonly accountId?: string;
  /**
   * Default encryption of the bucket, spelled as S3 spells it (`KMS` or `aws:KMS` are refused, not guessed).
   * @default - 'aws:kms' when `kmsKeyArn` is given, 'AES256' otherwise
   */
  readonly encryption?: RegistryStorageEncryption;
  /**
   * ARN of an existing KMS key (`arn:aws:kms:<region>:<account>:key/<id>`, same region as the bucket). With
   * `encryption: 'aws:kms'` and no key, the AWS stack creates one with the alias `alias/<bucket name>`, and the
   * registry names it by that alias ARN (deterministic, unlike a key id).
   * @default - none
   */
  readonly kmsKeyArn?: string;
  /**
   * How the registry authenticates to S3.
   * @default 'static'
   */
  readonly credentialsMode?: RegistryCredentialsMode;
  /**
   * The cluster's service-account issuer, as host and path (`oidc.op1.openshiftapps.com/2abc...`). A leading
   * `https://` and trailing `/` are removed, since that is how `rosa describe cluster` and the Authentication
   * resource print it while IAM wants it without; any other scheme is refused. Needed for `sts` unless
   * `oidcProviderArn` is given.
   * @default - taken from `oidcProviderArn`
   */
  readonly oidcIssuer?: string;
  /**
   * ARN of the cluster's IAM OIDC provider (`arn:aws:iam::<account>:oidc-provider/<issuer>`).
   * @default - built from `partition`, `accountId` and `oidcIssuer`
   */
  readonly oidcProviderArn?: string;
  /**
   * Name of the web-identity role (`sts`), at most 64 characters.
   * @default - `<infrastructureName or bucket name>-openshift-image-registry-installer-cloud-credentials`, cut to 64
   * characters, the name ROSA gives the operator role
   */
  readonly roleName?: string;
  /**
   * With `static` credentials: store the access key in this AWS Secrets Manager secret (JSON with
   * `REGISTRY_STORAGE_S3_ACCESSKEY` and `REGISTRY_STORAGE_S3_SECRETKEY`), for an ExternalSecret to copy into the
   * cluster.
   * @default - none; the secret key is only a sensitive Terraform output
   */
  readonly secretsManagerSecretName?: string;
}

/** `spec.storage` of `configs.imageregistry.operator.openshift.io/cluster` for a bucket Terraform owns. */
export interface RegistryS3Storage {
  /** Always `Unmanaged`: the operator must not re-apply its own tags and lifecycle, nor delete the bucket. */
  readonly managementState: 'Unmanaged';
  readonly s3: {
    readonly bucket: string;
    readonly region: string;
    /** Always true: the registry then sends SSE headers on every write (with `keyID`, SSE-KMS with that key). */
    readonly encrypt: true;
    /** The KMS key the registry names on every write; only with `aws:kms`. */
    readonly keyID?: string;
  };
}

/** Everything the Kubernetes side needs from the AWS side, computed from the inputs alone. */
export interface RegistryStorageHandoff {
  /** Bucket name. */
  readonly bucket: string;
  /** Bucket ARN. */
  readonly bucketArn: string;
  /** Bucket region. */
  readonly region: string;
  /** AWS partition. */
  readonly partition: OneOfOrToken<AwsPartition>;
  /** Default encryption of the bucket. */
  readonly encryption: RegistryStorageEncryption;
  /** With `aws:kms`: the key id for `spec.storage.s3.keyID` (the given key ARN, or the alias ARN of the created key). */
  readonly kmsKeyId?: string;
  /** How the registry authenticates. */
  readonly credentialsMode: RegistryCredentialsMode;
  /** With `sts`: ARN of the web-identity role. */
  readonly roleArn?: string;
  /** With `static` and Secrets Manager: the secret holding the access key. */
  readonly secretsManagerSecretName?: string;
  /** Ready-made `spec.storage` for `ImageRegistryConfig`. */
  readonly storage: RegistryS3Storage;
}

/**
 * The string functions the derivation uses. {@link LITERAL_REGISTRY_NAMES} works on plain strings; the AWS constructs
 * give a set that writes the same function as a Terraform expression when an argument is a Terraform token, so a name
 * derived from a Terraform variable keeps the variable (never a string operation on a token).
 */
export interface RegistryNameFunctions {
  /** {@link defaultRegistryBucketName}. */
  bucketName(infrastructureName: string, region: string): string;
  /** {@link defaultRegistryRoleName}. */
  roleName(prefix: string): string;
  /** {@link defaultRegistryUserName}. */
  userName(prefix: string): string;
  /** {@link defaultRegistryKmsAliasName}. */
  kmsAliasName(bucketName: string): string;
  /** {@link normalizeOidcIssuer}. */
  oidcIssuer(issuer: string): string;
  /** {@link arnSegment}. */
  arnSegment(arn: string, separator: string, index: number): string;
  /** {@link s3ServiceHost}. */
  s3ServiceHost(region: string, partition: string): string;
}

/**
 * The operator's deterministic bucket name: `<infrastructureName>-image-registry-<region>`, lower case, repeated
 * dashes collapsed, cut to 62 characters, a final dash turned into `s` (a name may not end with a dash).
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/pkg/storage/util/util.go
 */
export function defaultRegistryBucketName(infrastructureName: string, region: string): string {
  let name = `${infrastructureName}-image-registry-${region}`.toLowerCase().replace(/-{2,}/g, '-');
  name = name.slice(0, 62);
  if (name.endsWith('-')) {
    name = `${name.slice(0, -1)}s`;
  }
  return name;
}

/** The ROSA-style role name for a prefix, cut to IAM's 64 characters. */
export function defaultRegistryRoleName(prefix: string): string {
  return `${prefix}${REGISTRY_ROLE_NAME_SUFFIX}`.slice(0, 64);
}

/** The default IAM user name for a prefix, cut to IAM's 64 characters. */
export function defaultRegistryUserName(prefix: string): string {
  return `${prefix}${REGISTRY_USER_NAME_SUFFIX}`.slice(0, 64);
}

/** The alias the stack gives a KMS key it creates for a bucket (alias names allow no dots). */
export function defaultRegistryKmsAliasName(bucketName: string): string {
  return `alias/${bucketName.replace(/\./g, '-')}`;
}

/**
 * The issuer as IAM wants it: a leading `https://` and trailing slashes removed. Removed rather than refused: every
 * tool prints the issuer with them, and there is only one correct way to drop them. Whether the rest is a valid
 * issuer is a check of the rule module (`oidc-issuer-format`).
 */
export function normalizeOidcIssuer(issuer: string): string {
  return (issuer.startsWith('https://') ? issuer.slice('https://'.length) : issuer).replace(/\/+$/, '');
}

/**
 * One segment of an ARN (or of any string) split at `separator`, or `''` when there is no such segment; e.g.
 * `arnSegment(arn, ':', 4)` is the account of an ARN, `arnSegment(arn, 'oidc-provider/', 1)` the issuer of an OIDC
 * provider ARN.
 */
export function arnSegment(arn: string, separator: string, index: number): string {
  return arn.split(separator)[index] ?? '';
}

/** The DNS suffix of a partition's service endpoints. */
export function awsDnsSuffix(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** S3's service host in a region, as KMS names it in `kms:ViaService`: `s3.<region>.amazonaws.com` (`.com.cn` in China). */
export function s3ServiceHost(region: string, partition: string): string {
  return `s3.${region}.${awsDnsSuffix(partition)}`;
}

/** The string functions over plain strings. */
export const LITERAL_REGISTRY_NAMES: RegistryNameFunctions = Object.freeze({
  bucketName: defaultRegistryBucketName,
  roleName: defaultRegistryRoleName,
  userName: defaultRegistryUserName,
  kmsAliasName: defaultRegistryKmsAliasName,
  oidcIssuer: normalizeOidcIssuer,
  arnSegment,
  s3ServiceHost,
});

/**
 * Whether the ROSA HCP managed policy `ROSAImageRegistryOperatorPolicy` grants its S3 actions on this bucket: its
 * resources are `*-image-registry-<region>`, `*-image-registry-<region>?` and `*-image-registry-<region>-*`.
 */
export function matchesRosaHcpBucketPattern(bucketName: string, region: string): boolean {
  const marker = `-image-registry-${region}`;
  let from = bucketName.indexOf(marker);
  while (from >= 0) {
    const rest = bucketName.slice(from + marker.length);
    if (rest.length <= 1 || rest.startsWith('-')) {
      return true;
    }
    from = bucketName.indexOf(marker, from + 1);
  }
  return false;
}

/** The inputs with every default applied and every name derived: what the AWS constructs build from. */
export interface DerivedRegistryStorage {
  /** What the Kubernetes side needs. */
  readonly handoff: RegistryStorageHandoff;
  readonly infrastructureName?: string;
  /** The account: `accountId`, or the account of `oidcProviderArn`. */
  readonly accountId?: string;
  /** With `aws:kms` and no given key: the alias the stack gives the key it creates, `alias/...`. */
  readonly kmsAliasName?: string;
  /** With `sts`: issuer host and path, without scheme. */
  readonly oidcIssuer?: string;
  /** With `sts`: the OIDC provider ARN. */
  readonly oidcProviderArn?: string;
  /** With `sts`: the role name. */
  readonly roleName?: string;
  /** The prefix of default IAM names: the infrastructure name, or the bucket name without one. */
  readonly namePrefix: string;
}

/** The OIDC side of a web-identity role: what {@link deriveWebIdentity} makes of the inputs. */
export interface DerivedWebIdentity {
  /** Issuer host and path, without scheme. */
  readonly oidcIssuer?: string;
  /** The IAM OIDC provider ARN. */
  readonly oidcProviderArn?: string;
  /** The account of the provider (and of the role). */
  readonly accountId?: string;
}

/**
 * The issuer, the provider ARN and the account, from whichever of them are given: the provider ARN, when given,
 * carries the other two; explicit values win (the rule module checks that they agree). Best effort, no judgement.
 */
export function deriveWebIdentity(
  inputs: { readonly partition: string; readonly accountId?: string; readonly oidcIssuer?: string; readonly oidcProviderArn?: string },
  names: RegistryNameFunctions = LITERAL_REGISTRY_NAMES): DerivedWebIdentity {
  let accountId = inputs.accountId;
  let oidcIssuer: string | undefined;
  let oidcProviderArn: string | undefined;
  if (inputs.oidcProviderArn !== undefined) {
    oidcProviderArn = inputs.oidcProviderArn;
    accountId = accountId ?? names.arnSegment(inputs.oidcProviderArn, ':', 4);
  }
  if (inputs.oidcIssuer !== undefined) {
    oidcIssuer = names.oidcIssuer(inputs.oidcIssuer);
  } else if (inputs.oidcProviderArn !== undefined) {
    oidcIssuer = names.arnSegment(inputs.oidcProviderArn, 'oidc-provider/', 1);
  }
  if (oidcProviderArn === undefined && oidcIssuer !== undefined && accountId !== undefined) {
    oidcProviderArn = `arn:${inputs.partition}:iam::${accountId}:oidc-provider/${oidcIssuer}`;
  }
  return { oidcIssuer, oidcProviderArn, accountId };
}

/**
 * Applies every default and derives every name, best effort and without judging the inputs (missing values give
 * empty names): the checks live in the rule module, which calls this too. Deterministic: the same inputs give the
 * same names, in any program.
 */
export function deriveRegistryStorage(inputs: RegistryStorageInputs, names: RegistryNameFunctions = LITERAL_REGISTRY_NAMES): DerivedRegistryStorage {
  const partition = inputs.partition ?? 'aws';
  const region = inputs.region ?? '';
  const infrastructureName = inputs.infrastructureName;
  const bucket = inputs.bucketName ?? (infrastructureName !== undefined ? names.bucketName(infrastructureName, region) : '');
  const namePrefix = infrastructureName ?? bucket;
  const mode = inputs.credentialsMode ?? 'static';

  let accountId = inputs.accountId;
  let oidcIssuer: string | undefined;
  let oidcProviderArn: string | undefined;
  let roleName: string | undefined;
  let roleArn: string | undefined;
  if (mode === 'sts') {
    const identity = deriveWebIdentity({ partition, accountId, oidcIssuer: inputs.oidcIssuer, oidcProviderArn: inputs.oidcProviderArn }, names);
    ({ accountId, oidcIssuer, oidcProviderArn } = identity);
    roleName = inputs.roleName ?? names.roleName(namePrefix);
    roleArn = accountId !== undefined ? `arn:${partition}:iam::${accountId}:role/${roleName}` : undefined;
  }

  // Encryption: a given key implies KMS; KMS without a key means the stack creates one, named by a deterministic alias.
  const encryption = inputs.encryption ?? (inputs.kmsKeyArn !== undefined ? 'aws:kms' : 'AES256');
  let kmsKeyId: string | undefined;
  let kmsAliasName: string | undefined;
  if (encryption === 'aws:kms') {
    if (inputs.kmsKeyArn !== undefined) {
      kmsKeyId = inputs.kmsKeyArn;
    } else {
      kmsAliasName = names.kmsAliasName(bucket);
      kmsKeyId = accountId !== undefined ? `arn:${partition}:kms:${region}:${accountId}:${kmsAliasName}` : undefined;
    }
  }

  const handoff: RegistryStorageHandoff = {
    bucket,
    bucketArn: `arn:${partition}:s3:::${bucket}`,
    region,
    partition,
    encryption,
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    credentialsMode: mode,
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(mode === 'static' && inputs.secretsManagerSecretName !== undefined ? { secretsManagerSecretName: inputs.secretsManagerSecretName } : {}),
    storage: {
      managementState: 'Unmanaged',
      s3: { bucket, region, encrypt: true, ...(kmsKeyId !== undefined ? { keyID: kmsKeyId } : {}) },
    },
  };
  return { handoff, infrastructureName, accountId, kmsAliasName, oidcIssuer, oidcProviderArn, roleName, namePrefix };
}
