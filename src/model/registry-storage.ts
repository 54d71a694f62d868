/**
 * The S3 storage of the OpenShift internal registry, as plain values: the inputs a platform team decides once per
 * cluster, the names derived from them, and the handoff the Kubernetes side (`ImageRegistryConfig`, storage
 * `Unmanaged`) needs.
 *
 * `cdktf deploy` and `cdk8s synth` are separate programs, and the Kubernetes one must not need Terraform state. So
 * every name here is a pure function of the inputs (never random, never read back from AWS): both programs call
 * {@link registryStorageHandoff} on the same inputs and get the same bucket, key and role. This file imports nothing;
 * the cdktf constructs (`cdk-openshift-images/aws`) build on it, not the other way round.
 *
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/pkg/storage/s3/s3.go
 */

/** The AWS partitions this library writes ARNs for. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Default encryption of the bucket: S3-managed keys, or a KMS key. */
export type RegistryStorageEncryption = 'AES256' | 'aws:kms';

/**
 * How the registry authenticates to S3:
 * - `static`: an IAM user's access key, handed to the cluster in the secret
 *   `openshift-image-registry/image-registry-private-configuration-user` (classic, non-STS clusters);
 * - `sts`: an IAM role assumed with the service accounts' projected token through the cluster's OIDC provider, named
 *   in `openshift-image-registry/installer-cloud-credentials` (STS clusters, ROSA).
 */
export type RegistryCredentialsMode = 'static' | 'sts';

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

/** The suffix ROSA and ccoctl give the registry operator's role: `<prefix>-openshift-image-registry-installer-cloud-credentials`. */
export const REGISTRY_ROLE_NAME_SUFFIX = '-openshift-image-registry-installer-cloud-credentials';

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
   * AWS partition of every ARN.
   * @default 'aws'
   */
  readonly partition?: AwsPartition;
  /**
   * The 12-digit AWS account id. Needed for `sts` (role ARN, OIDC provider ARN) and for a KMS key created by the stack
   * (its alias ARN); taken from `oidcProviderArn` when that is given.
   * @default - none
   */
  readonly accountId?: string;
  /**
   * Default encryption of the bucket.
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
   * `https://` and a trailing `/` are removed, since that is how `rosa describe cluster` and the Authentication
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

/** One problem with the inputs, quoting the value and saying what to change. */
export interface RegistryStorageProblem {
  /** Stable identifier, e.g. `s3-bucket-name-length`. */
  readonly code: string;
  /** `error` stops synthesis; `warning` is reported. */
  readonly severity: 'error' | 'warning';
  /** The input it is about, e.g. `bucketName`. */
  readonly field: string;
  /** What is wrong, quoting the value. */
  readonly message: string;
  /** What to change. */
  readonly hint: string;
}

/** Thrown by {@link registryStorageHandoff} with every error found in the inputs. */
export class RegistryStorageInputError extends Error {
  /** Every error, not only the first. */
  public readonly problems: readonly RegistryStorageProblem[];

  constructor(problems: readonly RegistryStorageProblem[]) {
    super(formatProblems('Invalid registry storage inputs', problems));
    this.name = 'RegistryStorageInputError';
    this.problems = problems;
    Object.setPrototypeOf(this, RegistryStorageInputError.prototype);
  }
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
  readonly partition: AwsPartition;
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

/** The inputs with every default applied, and every derived name; what the AWS constructs build from. */
export interface ResolvedRegistryStorage {
  readonly handoff: RegistryStorageHandoff;
  /** Every problem found, errors and warnings. */
  readonly problems: readonly RegistryStorageProblem[];
  readonly infrastructureName?: string;
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

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const IAM_NAME = /^[\w+=,.@-]+$/;
const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];
/** A cdktf/CDK token or a Terraform interpolation: a value not known until Terraform runs. */
const UNRESOLVED = /\$\{/;

/** Whether a string carries a value only Terraform knows (a token or a `${...}` interpolation). */
export function isUnresolvedValue(value: string): boolean {
  return UNRESOLVED.test(value);
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
  return `${prefix}-openshift-image-registry`.slice(0, 64);
}

/** The alias the stack gives a KMS key it creates for a bucket (alias names allow no dots). */
export function defaultRegistryKmsAliasName(bucketName: string): string {
  return `alias/${bucketName.replace(/\./g, '-')}`;
}

/**
 * The problems of a general-purpose S3 bucket name, all of them, empty when it is valid.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblems(name: string, field: string = 'bucketName'): RegistryStorageProblem[] {
  const problems: RegistryStorageProblem[] = [];
  const add = (code: string, message: string, hint: string) =>
    problems.push({ code, severity: 'error', field, message: `bucket name ${JSON.stringify(name)} ${message}`, hint });
  if (name.length < 3 || name.length > 63) {
    add('s3-bucket-name-length', `is ${name.length} characters long; S3 allows 3 to 63`,
      name.length > 63 ? 'shorten it to at most 63 characters' : 'use at least 3 characters');
  }
  const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ''))];
  if (bad.length > 0) {
    const upper = bad.some((c) => /[A-Z]/.test(c));
    add('s3-bucket-name-characters', `contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; only lower-case letters, digits, dots and dashes are allowed`,
      upper ? `write it in lower case, e.g. ${JSON.stringify(name.toLowerCase().replace(/[^a-z0-9.-]/g, '-'))}` : 'replace those characters with dashes');
  }
  // Other characters are reported above; here only what is allowed inside but not at the edges.
  if (/^[.-]|[.-]$/.test(name)) {
    add('s3-bucket-name-edges', 'begins or ends with a dot or a dash; it must begin and end with a lower-case letter or a digit', 'remove the leading or trailing dot or dash');
  }
  if (name.includes('..')) {
    add('s3-bucket-name-adjacent-dots', 'contains two adjacent dots', 'use a single dot or a dash');
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    add('s3-bucket-name-ip-address', 'is formatted as an IP address', 'use a name with letters, e.g. `<cluster>-image-registry-<region>`');
  }
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) {
      add('s3-bucket-name-reserved-prefix', `starts with the reserved prefix ${JSON.stringify(prefix)}`, 'choose another beginning');
    }
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) {
      add('s3-bucket-name-reserved-suffix', `ends with the reserved suffix ${JSON.stringify(suffix)}`, 'choose another ending');
    }
  }
  return problems;
}

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

/**
 * The issuer as IAM wants it (host and path, no scheme, no trailing slash), or the problems that stop that. A
 * leading `https://` is removed rather than refused: every tool prints the issuer with it, and there is only one
 * correct way to drop it.
 */
export function normalizeOidcIssuer(issuer: string, field: string = 'oidcIssuer'): { issuer?: string; problems: RegistryStorageProblem[] } {
  const problem = (message: string, hint: string): { problems: RegistryStorageProblem[] } => ({
    problems: [{ code: 'oidc-issuer-format', severity: 'error', field, message: `OIDC issuer ${JSON.stringify(issuer)} ${message}`, hint }],
  });
  let value = issuer;
  if (value.startsWith('https://')) {
    value = value.slice('https://'.length);
  } else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) {
    return problem('uses a scheme other than https://', 'give the issuer host and path, e.g. "oidc.op1.openshiftapps.com/<id>"');
  }
  value = value.replace(/\/+$/, '');
  if (value === '') {
    return problem('is empty', 'give the issuer host and path, e.g. "oidc.op1.openshiftapps.com/<id>"');
  }
  if (/[\s?#]/.test(value) || !/^[A-Za-z0-9.-]+(?::\d+)?(?:\/[^/]+)*$/.test(value)) {
    return problem('is not of the form host[/path]', 'copy it from `rosa describe cluster` (OIDC Endpoint URL) or `oc get authentication cluster -o jsonpath={.spec.serviceAccountIssuer}`');
  }
  return { issuer: value, problems: [] };
}

/** The problems of an AWS region code. */
export function regionProblems(region: string, field: string = 'region'): RegistryStorageProblem[] {
  return REGION.test(region) ? [] : [{
    code: 'aws-region', severity: 'error', field,
    message: `region ${JSON.stringify(region)} is not an AWS region code`,
    hint: 'use a code such as "us-east-1" or "eu-west-1"',
  }];
}

/** The problems of an AWS account id (12 digits, as a string). */
export function accountIdProblems(accountId: string, field: string = 'accountId'): RegistryStorageProblem[] {
  return ACCOUNT_ID.test(accountId) ? [] : [{
    code: 'aws-account-id', severity: 'error', field,
    message: `account id ${JSON.stringify(accountId)} is not 12 digits`,
    hint: 'give the 12-digit account id, as a string (keep leading zeros)',
  }];
}

/** The problems of an IAM role or user name. */
export function iamNameProblems(name: string, field: string, what: string): RegistryStorageProblem[] {
  const problems: RegistryStorageProblem[] = [];
  if (name.length < 1 || name.length > 64) {
    problems.push({ code: 'iam-name-length', severity: 'error', field, message: `${what} name ${JSON.stringify(name)} is ${name.length} characters long; IAM allows 1 to 64`, hint: 'shorten it to at most 64 characters' });
  }
  if (name.length > 0 && !IAM_NAME.test(name)) {
    problems.push({ code: 'iam-name-characters', severity: 'error', field, message: `${what} name ${JSON.stringify(name)} contains characters IAM does not allow`, hint: 'use only letters, digits and + = , . @ _ -' });
  }
  return problems;
}

/** Renders problems one per line, as the errors of this library do. */
export function formatProblems(title: string, problems: readonly RegistryStorageProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = [`${title} (${count}):`];
  for (const p of problems) {
    lines.push(`  - ${p.field}: ${p.message} (${p.code})`);
    lines.push(`    Fix: ${p.hint}`);
  }
  return lines.join('\n');
}

/**
 * Applies every default and derives every name, without throwing: the problems are returned next to a best-effort
 * result (the AWS constructs report them at synth; {@link registryStorageHandoff} throws them).
 */
export function resolveRegistryStorage(inputs: RegistryStorageInputs): ResolvedRegistryStorage {
  const problems: RegistryStorageProblem[] = [];
  const error = (code: string, field: string, message: string, hint: string) =>
    problems.push({ code, severity: 'error', field, message, hint });

  for (const [field, value] of Object.entries(inputs)) {
    if (typeof value === 'string' && isUnresolvedValue(value)) {
      error('storage-input-unresolved', field, `${field} ${JSON.stringify(value)} is only known when Terraform runs`,
        'give a literal value: the Kubernetes app computes the same names without Terraform state');
    }
  }

  const partition = inputs.partition ?? 'aws';
  if (!PARTITIONS.includes(partition)) {
    error('aws-partition', 'partition', `partition ${JSON.stringify(partition)} is not one of ${PARTITIONS.join(', ')}`, 'use "aws", "aws-cn" or "aws-us-gov"');
  }
  const region = inputs.region ?? '';
  const badRegion = regionProblems(region);
  problems.push(...badRegion);
  if (badRegion.length === 0 && (region.startsWith('cn-') !== (partition === 'aws-cn') || region.startsWith('us-gov-') !== (partition === 'aws-us-gov'))) {
    error('aws-region-partition', 'partition', `region ${JSON.stringify(region)} is not in partition ${JSON.stringify(partition)}`,
      region.startsWith('cn-') ? 'set partition: "aws-cn"' : region.startsWith('us-gov-') ? 'set partition: "aws-us-gov"' : 'set partition: "aws" (or leave it out)');
  }

  const infrastructureName = inputs.infrastructureName;
  if (infrastructureName !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(infrastructureName)) {
    error('infrastructure-name', 'infrastructureName', `infrastructure name ${JSON.stringify(infrastructureName)} is not a cluster infrastructure id`,
      "copy it from `oc get infrastructure cluster -o jsonpath='{.status.infrastructureName}'` (letters, digits, dashes)");
  }

  let bucket = inputs.bucketName;
  if (bucket === undefined) {
    if (infrastructureName === undefined) {
      error('bucket-name-missing', 'bucketName', 'neither bucketName nor infrastructureName is given, so the bucket has no name',
        'give infrastructureName (the bucket is then named like the operator names it) or bucketName');
      bucket = '';
    } else {
      bucket = defaultRegistryBucketName(infrastructureName, region);
    }
  }
  if (bucket !== '' || inputs.bucketName !== undefined) {
    problems.push(...bucketNameProblems(bucket));
    if (badRegion.length === 0 && bucket !== '' && !matchesRosaHcpBucketPattern(bucket, region)) {
      problems.push(rosaPatternWarning(bucket, region));
    }
  }
  const namePrefix = infrastructureName ?? bucket;

  // Account and OIDC: the provider ARN, when given, is the authority for the account and the issuer.
  let accountId = inputs.accountId;
  if (accountId !== undefined) {
    problems.push(...accountIdProblems(accountId));
  }
  const mode = inputs.credentialsMode ?? 'static';
  let oidcIssuer: string | undefined;
  let oidcProviderArn: string | undefined;
  let roleName: string | undefined;
  let roleArn: string | undefined;
  if (mode !== 'static' && mode !== 'sts') {
    error('credentials-mode', 'credentialsMode', `credentials mode ${JSON.stringify(mode)} is neither "static" nor "sts"`, 'use "static" (IAM user) or "sts" (web-identity role)');
  }
  if (mode === 'sts') {
    const identity = resolveWebIdentity({ partition, accountId, oidcIssuer: inputs.oidcIssuer, oidcProviderArn: inputs.oidcProviderArn });
    problems.push(...identity.problems);
    accountId = identity.accountId;
    oidcIssuer = identity.oidcIssuer;
    oidcProviderArn = identity.oidcProviderArn;
    roleName = inputs.roleName ?? defaultRegistryRoleName(namePrefix);
    if (inputs.roleName !== undefined) {
      problems.push(...iamNameProblems(inputs.roleName, 'roleName', 'role'));
    }
    roleArn = accountId !== undefined ? `arn:${partition}:iam::${accountId}:role/${roleName}` : undefined;
    if (inputs.secretsManagerSecretName !== undefined) {
      error('secrets-manager-with-sts', 'secretsManagerSecretName', 'secretsManagerSecretName is set with credentials mode "sts", which has no access key to store',
        'leave secretsManagerSecretName out, or use credentials mode "static"');
    }
  } else {
    for (const field of ['oidcIssuer', 'oidcProviderArn', 'roleName'] as const) {
      if (inputs[field] !== undefined) {
        error('sts-input-with-static', field, `${field} is set, but credentials mode is "static", which uses an IAM user`,
          'set credentialsMode: "sts" to use a web-identity role, or leave the field out');
      }
    }
    if (inputs.secretsManagerSecretName !== undefined && !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(inputs.secretsManagerSecretName)) {
      error('secrets-manager-name', 'secretsManagerSecretName', `secret name ${JSON.stringify(inputs.secretsManagerSecretName)} is not a valid Secrets Manager name`,
        'use 1 to 512 letters, digits and / _ + = . @ -');
    }
  }

  // Encryption: a given key implies KMS; KMS without a key means the stack creates one, named by a deterministic alias.
  const encryption: RegistryStorageEncryption = inputs.encryption ?? (inputs.kmsKeyArn !== undefined ? 'aws:kms' : 'AES256');
  let kmsKeyId: string | undefined;
  let kmsAliasName: string | undefined;
  if (encryption !== 'AES256' && encryption !== 'aws:kms') {
    error('encryption', 'encryption', `encryption ${JSON.stringify(encryption)} is neither "AES256" nor "aws:kms"`, 'use "AES256" or "aws:kms"');
  } else if (encryption === 'AES256' && inputs.kmsKeyArn !== undefined) {
    error('encryption-key-with-aes256', 'kmsKeyArn', `kmsKeyArn ${JSON.stringify(inputs.kmsKeyArn)} is given with encryption "AES256"`, 'set encryption: "aws:kms", or leave kmsKeyArn out');
  } else if (encryption === 'aws:kms') {
    if (inputs.kmsKeyArn !== undefined) {
      problems.push(...kmsKeyArnProblems(inputs.kmsKeyArn, region, partition));
      kmsKeyId = inputs.kmsKeyArn;
    } else {
      kmsAliasName = defaultRegistryKmsAliasName(bucket);
      if (accountId === undefined) {
        error('kms-alias-account-id-missing', 'accountId', 'a KMS key created by the stack is named by its alias ARN, which needs the account id, and accountId is not given',
          'give accountId (12 digits), or kmsKeyArn of an existing key');
      } else {
        kmsKeyId = `arn:${partition}:kms:${region}:${accountId}:${kmsAliasName}`;
      }
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
  return { handoff, problems, infrastructureName, accountId, kmsAliasName, oidcIssuer, oidcProviderArn, roleName, namePrefix };
}

/** The OIDC side of a web-identity role, resolved: see {@link resolveWebIdentity}. */
export interface ResolvedWebIdentity {
  /** Issuer host and path, without scheme. */
  readonly oidcIssuer?: string;
  /** The IAM OIDC provider ARN. */
  readonly oidcProviderArn?: string;
  /** The account of the provider (and of the role). */
  readonly accountId?: string;
  readonly problems: RegistryStorageProblem[];
}

/**
 * Resolves the issuer, the provider ARN and the account from whichever of them are given: the provider ARN, when
 * given, carries the other two, and must agree with them. Refuses missing inputs (both issuer and ARN absent, or an
 * issuer without an account).
 */
export function resolveWebIdentity(inputs: {
  readonly partition: string;
  readonly accountId?: string;
  readonly oidcIssuer?: string;
  readonly oidcProviderArn?: string;
}): ResolvedWebIdentity {
  const problems: RegistryStorageProblem[] = [];
  const error = (code: string, field: string, message: string, hint: string) =>
    problems.push({ code, severity: 'error', field, message, hint });
  const { partition } = inputs;
  let accountId = inputs.accountId;
  let oidcIssuer: string | undefined;
  let oidcProviderArn: string | undefined;
  if (inputs.oidcIssuer !== undefined) {
    const normalized = normalizeOidcIssuer(inputs.oidcIssuer);
    problems.push(...normalized.problems);
    oidcIssuer = normalized.issuer;
  }
  if (inputs.oidcProviderArn !== undefined) {
    const arn = inputs.oidcProviderArn;
    const match = /^arn:([a-z-]+):iam::(\d{12}):oidc-provider\/(.+)$/.exec(arn);
    if (!match) {
      error('oidc-provider-arn', 'oidcProviderArn', `OIDC provider ARN ${JSON.stringify(arn)} is not of the form arn:<partition>:iam::<account>:oidc-provider/<issuer>`,
        'copy it from `aws iam list-open-id-connect-providers`');
    } else {
      const [, arnPartition, arnAccount, arnIssuer] = match;
      if (arnPartition !== partition) {
        error('oidc-provider-arn-partition', 'oidcProviderArn', `OIDC provider ARN ${JSON.stringify(arn)} is in partition ${JSON.stringify(arnPartition)}, the stack in ${JSON.stringify(partition)}`,
          'use the same partition for both');
      }
      if (accountId !== undefined && arnAccount !== accountId) {
        error('oidc-provider-arn-account', 'oidcProviderArn', `OIDC provider ARN ${JSON.stringify(arn)} is in account ${arnAccount}, not in accountId ${accountId}`,
          'a web-identity role can only trust a provider of its own account; fix accountId or the ARN');
      }
      if (oidcIssuer !== undefined && arnIssuer !== oidcIssuer) {
        error('oidc-provider-arn-issuer', 'oidcProviderArn', `OIDC provider ARN ${JSON.stringify(arn)} names issuer ${JSON.stringify(arnIssuer)}, but oidcIssuer is ${JSON.stringify(oidcIssuer)}`,
          'give the provider of this cluster, or leave one of the two out');
      }
      accountId = accountId ?? arnAccount;
      oidcIssuer = oidcIssuer ?? arnIssuer;
      oidcProviderArn = arn;
    }
  }
  if (inputs.oidcIssuer === undefined && inputs.oidcProviderArn === undefined) {
    error('oidc-missing', 'oidcIssuer', 'credentials mode "sts" needs the cluster\'s OIDC issuer, and neither oidcIssuer nor oidcProviderArn is given',
      'give oidcIssuer (e.g. "oidc.op1.openshiftapps.com/<id>") and accountId, or oidcProviderArn');
  } else if (accountId === undefined) {
    error('account-id-missing', 'accountId', 'credentials mode "sts" needs the account id for the role and OIDC provider ARNs, and accountId is not given',
      'give accountId (12 digits) or oidcProviderArn');
  }
  if (oidcProviderArn === undefined && oidcIssuer !== undefined && accountId !== undefined) {
    oidcProviderArn = `arn:${partition}:iam::${accountId}:oidc-provider/${oidcIssuer}`;
  }
  return { oidcIssuer, oidcProviderArn, accountId, problems };
}

/** The problems of a KMS key ARN given for a bucket in `region`. */
export function kmsKeyArnProblems(arn: string, region: string, partition: string, field: string = 'kmsKeyArn'): RegistryStorageProblem[] {
  const match = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(arn);
  const problem = (code: string, message: string, hint: string): RegistryStorageProblem[] =>
    [{ code, severity: 'error', field, message: `KMS key ARN ${JSON.stringify(arn)} ${message}`, hint }];
  if (!match) {
    return problem('kms-key-arn', 'is not of the form arn:<partition>:kms:<region>:<account>:key/<id>', 'give the full key ARN, e.g. from `aws kms describe-key --key-id <id>`');
  }
  const [, arnPartition, arnRegion, , kind] = match;
  if (kind === 'alias') {
    return problem('kms-key-arn-alias', 'names an alias; IAM grants KMS actions on the key ARN, never on an alias', 'give the key ARN (…:key/<id>) the alias points to');
  }
  if (arnPartition !== partition) {
    return problem('kms-key-arn-partition', `is in partition ${JSON.stringify(arnPartition)}, the bucket in ${JSON.stringify(partition)}`, 'use a key of the bucket\'s partition');
  }
  if (REGION.test(region) && arnRegion !== region) {
    return problem('kms-key-arn-region', `is in region ${arnRegion}; S3 only encrypts with a key of the bucket's region ${region}`, `use a key in ${region}, or a multi-Region replica there`);
  }
  return [];
}

/** The ROSA HCP naming warning, shared by the model and the bucket construct. */
export function rosaPatternWarning(bucketName: string, region: string, field: string = 'bucketName'): RegistryStorageProblem {
  return {
    code: 'rosa-hcp-bucket-pattern',
    severity: 'warning',
    field,
    message: `bucket name ${JSON.stringify(bucketName)} does not match *-image-registry-${region}*, the only buckets the ROSA HCP managed policy ROSAImageRegistryOperatorPolicy grants access to`,
    hint: `on ROSA HCP, name it "<prefix>-image-registry-${region}" (or with a suffix after a dash), or attach an extra policy for this bucket to the operator role; elsewhere ignore this`,
  };
}

/**
 * The handoff from the AWS stack to `ImageRegistryConfig`, computed from the inputs alone, so `cdk8s synth` agrees
 * with `cdktf deploy` without Terraform state.
 *
 * @throws RegistryStorageInputError with every error in the inputs
 * @example
 * const handoff = registryStorageHandoff({ infrastructureName: 'prod-x7k2p', region: 'eu-west-1' });
 * new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: handoff.storage });
 */
export function registryStorageHandoff(inputs: RegistryStorageInputs): RegistryStorageHandoff {
  const resolved = resolveRegistryStorage(inputs);
  const errors = resolved.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new RegistryStorageInputError(errors);
  }
  return resolved.handoff;
}
