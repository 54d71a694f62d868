/**
 * Rules of the registry's AWS storage: the inputs of `registryStorageHandoff` and of the cdktf constructs
 * `RegistryAwsStorage`, `RegistryBucket`, `RegistryIamUser` and `RegistryWebIdentityRole` (S3 naming, regions and
 * partitions, KMS keys, IAM names and paths, the OIDC trust, and the guard on extra policy statements).
 *
 * These rules judge construct props, not Kubernetes objects, so the module defines no kinds: the engine never runs
 * them over YAML. They are listed here so the catalog, the CLI and docs/rules.md know every code a construct reports.
 *
 * Each check is written once, as a condition ({@link AwsExpr}) over the input values. With literal values it is
 * evaluated here; with a value only Terraform knows (a cdktf token: variable, data source, resource attribute, `Fn`
 * result) the same condition is handed to the construct as a {@link DeferredAwsCheck}, which the construct writes as a
 * lifecycle `precondition`, so `terraform plan` reports it with the same code, path and fix. Nothing here imports
 * cdktf: what counts as a token is a function the caller gives ({@link AwsCheckOptions.resolvability}).
 */
import { IamPolicyStatement } from '../../model/aws-policy-documents';
import {
  AWS_PARTITIONS,
  DerivedRegistryStorage,
  LITERAL_REGISTRY_NAMES,
  REGISTRY_BUCKET_OBJECT_OWNERSHIPS,
  REGISTRY_BUCKET_TLS_VERSIONS,
  REGISTRY_CREDENTIALS_MODES,
  REGISTRY_STORAGE_ENCRYPTIONS,
  REGISTRY_STORAGE_MANAGEMENT_STATES,
  RegistryNameFunctions,
  RegistryStorageEncryption,
  RegistryStorageHandoff,
  RegistryStorageInputs,
  arnSegment,
  deriveRegistryStorage,
  matchesRosaHcpBucketPattern,
} from '../../model/registry-storage';
import { clip, Finding } from '../finding';
import { defineRule, Rule } from '../rule';
import { RuleModule } from '../rule-module';
import { ValidationError } from '../validation-error';

const STORAGE = 'RegistryAwsStorage';
const BUCKET = 'RegistryBucket';
const USER = 'RegistryIamUser';
const ROLE = 'RegistryWebIdentityRole';
const INPUTS = 'RegistryStorageInputs';
const ALL = [STORAGE, BUCKET, USER, ROLE, INPUTS];
const BUCKET_KINDS = [STORAGE, BUCKET, INPUTS];
const PRINCIPAL_KINDS = [STORAGE, USER, ROLE];
const ROLE_KINDS = [STORAGE, ROLE, INPUTS];

/** Every rule of the AWS storage, by name. */
export const AwsStorageRules = {
  inputType: defineRule({
    code: 'aws-input-type', severity: 'error', source: 'aws', kinds: ALL,
    summary: 'A prop of an AWS construct (or a field inside one) has the wrong type: a number or an object where a string is expected, `null`, a single string where a list is expected, a string imitating a Terraform token that no construct created. Nothing is converted silently.',
    fix: 'Give the type the prop documents (quote numbers in YAML, write lists as lists, leave a prop out rather than `null`).',
  }),
  inputMissing: defineRule({
    code: 'aws-input-missing', severity: 'error', source: 'aws', kinds: ALL,
    summary: 'A required prop of an AWS construct is missing (e.g. `region`, or the `bucket` of a user or role).',
    fix: 'Give the prop.',
  }),
  inputUnresolved: defineRule({
    code: 'aws-input-unresolved', severity: 'error', source: 'aws', kinds: [INPUTS],
    summary: 'An input of `registryStorageHandoff` is a Terraform expression or token: the Kubernetes app has no Terraform state and cannot know its value, so the handoff would name a bucket, key or role that does not exist.',
    fix: 'Give the literal value (the same one the Terraform variable gets), or feed the Kubernetes side from the Terraform outputs.',
  }),
  inputTokenStructural: defineRule({
    code: 'aws-input-token-structural', severity: 'error', source: 'aws', kinds: ALL,
    summary: 'A Terraform token is given for a prop that decides which resources the stack has (`credentialsMode`, `encryption`, `storageManagementState`, `versioning`, `outputs`, `outputPrefix`, a statement `Effect`); it must be known when the stack is synthesized.',
    fix: 'Give a literal value; make a separate stack (or a condition in your own code) per choice.',
  }),
  partition: defineRule({
    code: 'aws-partition', severity: 'error', source: 'aws', kinds: ALL,
    summary: '`partition` is not one of the AWS partitions this library writes ARNs for: `aws`, `aws-cn`, `aws-us-gov`.',
    fix: 'Use `aws` (or leave it out), `aws-cn` or `aws-us-gov`.',
  }),
  region: defineRule({
    code: 'aws-region', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`region` is not an AWS region code such as `eu-west-1`.',
    fix: 'Give the region code, e.g. `us-east-1` or `eu-west-1`.',
  }),
  regionPartition: defineRule({
    code: 'aws-region-partition', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'The region is not in the partition: `cn-*` regions are in `aws-cn`, `us-gov-*` regions in `aws-us-gov`, every other region in `aws`. ARNs with the wrong partition match nothing.',
    fix: 'Set `partition` to the region\'s partition.',
  }),
  accountId: defineRule({
    code: 'aws-account-id', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET, ROLE, INPUTS],
    summary: '`accountId` is not a 12-digit AWS account id.',
    fix: 'Give the 12 digits as a string, keeping leading zeros.',
  }),
  accountIdMissing: defineRule({
    code: 'aws-account-id-missing', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: 'A web-identity role is asked for with an OIDC issuer but without the account id, which the role and OIDC provider ARNs need (and which is never looked up, so plans need no AWS call).',
    fix: 'Give `accountId`, or `oidcProviderArn` (which carries it).',
  }),
  infrastructureName: defineRule({
    code: 'aws-infrastructure-name', severity: 'error', source: 'operator', kinds: BUCKET_KINDS,
    summary: '`infrastructureName` is not a cluster infrastructure id (letters, digits and dashes, starting with a letter or digit).',
    fix: "Copy it from `oc get infrastructure cluster -o jsonpath='{.status.infrastructureName}'`.",
  }),
  credentialsMode: defineRule({
    code: 'aws-credentials-mode', severity: 'error', source: 'aws', kinds: [STORAGE, INPUTS],
    summary: '`credentialsMode` is neither `static` (IAM user with an access key) nor `sts` (web-identity role).',
    fix: 'Use `static` or `sts`.',
  }),
  storageManagementState: defineRule({
    code: 'aws-storage-management-state', severity: 'error', source: 'operator', kinds: PRINCIPAL_KINDS,
    summary: '`storageManagementState` is neither `Unmanaged` nor `Managed` (the registry operator\'s `spec.storage.managementState`).',
    fix: 'Use `Unmanaged` (Terraform owns the bucket, the default) or `Managed`.',
  }),
  stsInputWithStatic: defineRule({
    code: 'sts-input-with-static', severity: 'error', source: 'aws', kinds: [STORAGE, INPUTS],
    summary: 'An input of the web-identity role (`oidcIssuer`, `oidcProviderArn`, `roleName`) is given with credentials mode `static`, which creates an IAM user and no role: the input would be ignored.',
    fix: 'Set `credentialsMode: \'sts\'`, or leave the input out.',
  }),
  staticInputWithSts: defineRule({
    code: 'static-input-with-sts', severity: 'error', source: 'aws', kinds: [STORAGE, INPUTS],
    summary: 'An input of the IAM user (`userName`, `secretsManagerSecretName`, `secretsManagerKmsKeyId`) is given with credentials mode `sts`, which has no user and no access key: the input would be ignored.',
    fix: 'Leave the input out, or use credentials mode `static`.',
  }),
  bucketNameMissing: defineRule({
    code: 's3-bucket-name-missing', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'Neither `bucketName` nor `infrastructureName` is given, so the bucket has no name.',
    fix: 'Give `infrastructureName` (the bucket is then named as the operator names its own) or `bucketName`.',
  }),
  bucketNameLength: defineRule({
    code: 's3-bucket-name-length', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name is shorter than 3 or longer than 63 characters.',
    fix: 'Use 3 to 63 characters.',
  }),
  bucketNameCharacters: defineRule({
    code: 's3-bucket-name-characters', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name contains characters other than lower-case letters, digits, dots and dashes.',
    fix: 'Write it in lower case and replace other characters with dashes.',
  }),
  bucketNameEdges: defineRule({
    code: 's3-bucket-name-edges', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name begins or ends with a dot or a dash.',
    fix: 'Begin and end the name with a letter or digit.',
  }),
  bucketNameAdjacentDots: defineRule({
    code: 's3-bucket-name-adjacent-dots', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name contains two adjacent dots.',
    fix: 'Use a single dot or a dash.',
  }),
  bucketNameIpAddress: defineRule({
    code: 's3-bucket-name-ip-address', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name is formatted as an IP address.',
    fix: 'Use a name with letters, e.g. `<cluster>-image-registry-<region>`.',
  }),
  bucketNameReservedPrefix: defineRule({
    code: 's3-bucket-name-reserved-prefix', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name starts with a prefix S3 reserves (`xn--`, `sthree-`, `amzn-s3-demo-`).',
    fix: 'Choose another beginning.',
  }),
  bucketNameReservedSuffix: defineRule({
    code: 's3-bucket-name-reserved-suffix', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A bucket name ends with a suffix S3 reserves (`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3`, `--table-s3`).',
    fix: 'Choose another ending.',
  }),
  rosaHcpBucketPattern: defineRule({
    code: 'rosa-hcp-bucket-pattern', severity: 'warning', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'The bucket name does not match `*-image-registry-<region>*`, the only buckets the ROSA HCP managed policy `ROSAImageRegistryOperatorPolicy` grants S3 access to.',
    fix: 'On ROSA HCP, name the bucket `<prefix>-image-registry-<region>` (or with a suffix after a dash), or attach a policy for this bucket to the operator role; elsewhere ignore this.',
  }),
  encryption: defineRule({
    code: 's3-encryption', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`encryption` is not `AES256` or `aws:kms`, spelled as S3 spells them; in particular `KMS` or `aws:KMS` is refused rather than guessed.',
    fix: 'Write `aws:kms` (lower case) for a KMS key, or `AES256` for S3-managed keys.',
  }),
  encryptionKeyWithAes256: defineRule({
    code: 's3-encryption-key-with-aes256', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`kmsKeyArn` is given with `encryption: AES256`, which uses no KMS key: the key would be ignored.',
    fix: 'Set `encryption: \'aws:kms\'`, or leave `kmsKeyArn` out.',
  }),
  objectOwnership: defineRule({
    code: 's3-object-ownership', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET],
    summary: '`objectOwnership` is not an object ownership S3 knows.',
    fix: 'Use `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`.',
  }),
  noncurrentVersionDays: defineRule({
    code: 's3-noncurrent-version-days', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET],
    summary: '`noncurrentVersionExpirationDays` is not a whole number of days of at least 1, or is given without `versioning: true`.',
    fix: 'Give a whole number of days (e.g. 30) and turn `versioning` on.',
  }),
  accessLogBucket: defineRule({
    code: 's3-access-log-bucket', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET],
    summary: 'Access logs would go to the registry bucket itself: every log write is logged again, and the logs sit next to the images they describe.',
    fix: 'Name a separate logging bucket in `accessLogging.bucketName`.',
  }),
  minimumTlsVersion: defineRule({
    code: 's3-minimum-tls-version', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET],
    summary: '`minimumTlsVersion` is not `1.2` or `1.3`.',
    fix: 'Use `1.2` (the default) or `1.3`.',
  }),
  kmsKeyArn: defineRule({
    code: 'kms-key-arn', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`kmsKeyArn` is not a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`).',
    fix: 'Give the full key ARN, e.g. from `aws kms describe-key --key-id <id>`.',
  }),
  kmsKeyArnAlias: defineRule({
    code: 'kms-key-arn-alias', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`kmsKeyArn` names an alias: IAM grants KMS actions on the key ARN, never through an alias, so the registry could not use the key.',
    fix: 'Give the key ARN (`...:key/<id>`) the alias points to.',
  }),
  kmsKeyArnPartition: defineRule({
    code: 'kms-key-arn-partition', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`kmsKeyArn` is in another partition than the bucket.',
    fix: 'Use a key of the bucket\'s partition.',
  }),
  kmsKeyArnRegion: defineRule({
    code: 'kms-key-arn-region', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: '`kmsKeyArn` is in another region than the bucket; S3 only encrypts with a key of the bucket\'s region.',
    fix: 'Use a key in the bucket\'s region, or a multi-Region replica there.',
  }),
  kmsKeyAccountIdMissing: defineRule({
    code: 'kms-key-account-id-missing', severity: 'error', source: 'aws', kinds: BUCKET_KINDS,
    summary: 'A KMS key is to be created (`encryption: aws:kms` without `kmsKeyArn`) but the account id is not given: the key policy names the account, and the registry names the key by its alias ARN, which contains the account.',
    fix: 'Give `accountId` (12 digits), or `kmsKeyArn` of an existing key.',
  }),
  kmsDeletionWindow: defineRule({
    code: 'kms-deletion-window', severity: 'error', source: 'aws', kinds: [STORAGE, BUCKET],
    summary: '`kmsKeyDeletionWindowInDays` is not a whole number of days from 7 to 30 (what KMS accepts).',
    fix: 'Use 7 to 30; 30, the default, leaves the most time to notice a mistake.',
  }),
  oidcMissing: defineRule({
    code: 'oidc-missing', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: 'A web-identity role needs the cluster\'s OIDC issuer, and neither `oidcIssuer` nor `oidcProviderArn` is given.',
    fix: 'Give `oidcIssuer` (e.g. `oidc.op1.openshiftapps.com/<id>`) and `accountId`, or `oidcProviderArn`.',
  }),
  oidcIssuerFormat: defineRule({
    code: 'oidc-issuer-format', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: '`oidcIssuer` is not `host[/path]` (optionally with `https://` and trailing slashes, which are removed); another scheme, a query or whitespace is refused.',
    fix: 'Copy it from `rosa describe cluster` (OIDC Endpoint URL) or `oc get authentication cluster -o jsonpath={.spec.serviceAccountIssuer}`.',
  }),
  oidcProviderArn: defineRule({
    code: 'oidc-provider-arn', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: '`oidcProviderArn` is not of the form `arn:<partition>:iam::<account>:oidc-provider/<issuer>`.',
    fix: 'Copy it from `aws iam list-open-id-connect-providers`.',
  }),
  oidcProviderArnPartition: defineRule({
    code: 'oidc-provider-arn-partition', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: '`oidcProviderArn` is in another partition than the stack.',
    fix: 'Use the same partition for both.',
  }),
  oidcProviderArnAccount: defineRule({
    code: 'oidc-provider-arn-account', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: '`oidcProviderArn` is in another account than `accountId`; a web-identity role can only trust a provider of its own account.',
    fix: 'Fix `accountId` or the ARN, or leave `accountId` out.',
  }),
  oidcProviderArnIssuer: defineRule({
    code: 'oidc-provider-arn-issuer', severity: 'error', source: 'aws', kinds: ROLE_KINDS,
    summary: '`oidcProviderArn` names another issuer than `oidcIssuer`.',
    fix: 'Give the provider of this cluster, or leave one of the two out.',
  }),
  iamNameLength: defineRule({
    code: 'iam-name-length', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS.concat(INPUTS),
    summary: 'An IAM user or role name is empty or longer than 64 characters.',
    fix: 'Use 1 to 64 characters.',
  }),
  iamNameCharacters: defineRule({
    code: 'iam-name-characters', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS.concat(INPUTS),
    summary: 'An IAM user or role name contains characters IAM does not allow (it allows letters, digits and `+=,.@_-`).',
    fix: 'Use only letters, digits and `+ = , . @ _ -`.',
  }),
  iamPath: defineRule({
    code: 'iam-path', severity: 'error', source: 'aws', kinds: [USER],
    summary: 'An IAM path is not `/` or `/<segments>/` (it must begin and end with `/`, hold printable ASCII only, and be at most 512 characters).',
    fix: 'Write e.g. `/` or `/openshift/registry/`.',
  }),
  permissionsBoundary: defineRule({
    code: 'iam-permissions-boundary-arn', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: '`permissionsBoundary` is not the ARN of a managed IAM policy (`arn:<partition>:iam::<account or aws>:policy/<path><name>`).',
    fix: 'Give the policy ARN, e.g. `arn:aws:iam::123456789012:policy/boundaries/registry`.',
  }),
  secretsManagerName: defineRule({
    code: 'secrets-manager-name', severity: 'error', source: 'aws', kinds: [STORAGE, USER, INPUTS],
    summary: '`secretsManagerSecretName` is not a valid Secrets Manager name (1 to 512 letters, digits and `/_+=.@-`).',
    fix: 'Use 1 to 512 letters, digits and `/ _ + = . @ -`.',
  }),
  secretsManagerKmsKeyId: defineRule({
    code: 'secrets-manager-kms-key-id', severity: 'error', source: 'aws', kinds: [STORAGE, USER],
    summary: '`secretsManagerKmsKeyId` is not a KMS key id, key ARN, alias name or alias ARN.',
    fix: 'Give e.g. `alias/secrets`, a key id, or a key ARN.',
  }),
  outputPrefix: defineRule({
    code: 'aws-output-prefix', severity: 'error', source: 'aws', kinds: [STORAGE],
    summary: '`outputPrefix` does not make valid Terraform output names (a letter or `_`, then letters, digits, `_` and `-`).',
    fix: 'Use e.g. `registry` or `cluster_a`.',
  }),
  statementShape: defineRule({
    code: 'iam-policy-statement-shape', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'A statement of `additionalStatements` is not an identity-policy statement this library can check: an unknown field, an `Effect` other than `Allow` or `Deny`, a `Sid` that is not alphanumeric.',
    fix: 'Write `{ Sid?, Effect, Action: [...], Resource: [...], Condition? }`.',
  }),
  statementUnscoped: defineRule({
    code: 'iam-policy-statement-unscoped', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'A statement of `additionalStatements` uses `NotAction`, `NotResource`, `Principal` or `NotPrincipal`: the first two grant everything not listed, the others do not belong in an identity policy.',
    fix: 'Write explicit `Action` and `Resource` lists.',
  }),
  statementEmpty: defineRule({
    code: 'iam-policy-statement-empty', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'A statement of `additionalStatements` has an empty `Action` or `Resource` list, which IAM refuses.',
    fix: 'List at least one action and one resource.',
  }),
  wildcardAction: defineRule({
    code: 'iam-policy-wildcard-action', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants a wildcard action (`*`, `s3:*`, `s3:Put*`, `ec2:Describe?...`), which grants actions nobody reviewed, including ones AWS adds later.',
    fix: 'List the exact actions.',
  }),
  wildcardResource: defineRule({
    code: 'iam-policy-wildcard-resource', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants its actions on `Resource: "*"`.',
    fix: 'Name the resources, e.g. the bucket ARN and `<bucket ARN>/*`.',
  }),
  identityAction: defineRule({
    code: 'iam-policy-identity-action', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants an IAM or STS action: the registry\'s credentials could change identities or policies (`iam:*`, `iam:PutRolePolicy`) or assume other roles.',
    fix: 'Remove IAM and STS actions; manage identities outside the registry\'s credentials.',
  }),
  kmsOutsideKey: defineRule({
    code: 'iam-policy-kms-outside-key', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants KMS actions on something other than the registry bucket\'s key (another key, an alias, `*`), or the bucket has no key.',
    fix: 'Keep KMS actions on the bucket\'s key ARN; grant other keys with a separate policy.',
  }),
  bucketControlAction: defineRule({
    code: 'iam-policy-bucket-control-action', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants an action that removes the bucket\'s protection or the bucket itself: `s3:PutBucketPolicy`, `s3:DeleteBucketPolicy`, `s3:PutBucketPublicAccessBlock`, `s3:DeleteBucketPublicAccessBlock`, `s3:PutBucketAcl`, `s3:PutBucketOwnershipControls`, `s3:DeleteBucket`.',
    fix: 'Remove the action; Terraform owns the bucket\'s configuration (with storage `Managed`, the operator\'s own actions are added by the construct).',
  }),
  s3OutsideBucket: defineRule({
    code: 'iam-policy-s3-outside-bucket', severity: 'error', source: 'aws', kinds: PRINCIPAL_KINDS,
    summary: 'An Allow statement of `additionalStatements` grants S3 actions on something other than the registry bucket and its objects.',
    fix: 'Keep S3 actions on the bucket ARN and `<bucket ARN>/...`; grant other buckets with a separate policy.',
  }),
};

/** The module: rules only (no kinds; these rules judge construct props, not YAML). */
export const awsStorageRulesModule: RuleModule = {
  name: 'aws-storage',
  description: 'The registry\'s S3 bucket, KMS key and IAM access (`cdk-openshift-images/aws` constructs and `registryStorageHandoff`); reported by the constructs, and by `terraform plan` for values only Terraform knows.',
  rules: Object.values(AwsStorageRules),
};

/**
 * The patterns of the checks, each usable both as a JavaScript `RegExp` and as a Terraform (RE2) `regex()`: no
 * look-around, no back-references, no `\s` or `.` (whose meanings differ), and, since they are written into Terraform
 * strings as they are, no backslash, quote, control character, `${` or `%{`. A condition "matches" when the pattern
 * is found anywhere in the value, as `regex()` does; full-string patterns are anchored.
 */
export const AWS_PATTERNS = Object.freeze({
  region: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$',
  accountId: '^[0-9]{12}$',
  infrastructureName: '^[A-Za-z0-9][A-Za-z0-9-]*$',
  bucketCharacters: '^[a-z0-9.-]*$',
  bucketEdges: '^[.-]|[.-]$',
  bucketAdjacentDots: '[.][.]',
  bucketIpAddress: '^[0-9]{1,3}([.][0-9]{1,3}){3}$',
  bucketReservedPrefix: '^(xn--|sthree-|amzn-s3-demo-)',
  bucketReservedSuffix: '(-s3alias|--ol-s3|[.]mrap|--x-s3|--table-s3)$',
  iamName: '^[A-Za-z0-9_+=,.@-]+$',
  iamPath: '^(/|/[!-~]+/)$',
  permissionsBoundary: '^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/([!-~]*/)?[A-Za-z0-9_+=,.@-]+$',
  // Path segments: printable ASCII but `/`, `?`, `#` and `"`.
  oidcIssuer: '^(https://)?[A-Za-z0-9.-]+(:[0-9]+)?(/[!$-.0->@-~]+)*/*$',
  oidcProviderArn: '^arn:[a-z-]+:iam::[0-9]{12}:oidc-provider/[!-~]+$',
  kmsKeyArn: '^arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[!-~]+$',
  kmsAliasArn: '^arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:alias/',
  secretsManagerName: '^[A-Za-z0-9/_+=.@-]{1,512}$',
  secretsManagerKmsKeyId: '^(arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|alias/[A-Za-z0-9/_-]+|[0-9a-fA-F-]{36}|mrk-[0-9a-f]{32})$',
  outputPrefix: '^[A-Za-z_][A-Za-z0-9_-]*$',
  statementSid: '^[A-Za-z0-9]*$',
  wildcardAction: '[*?]',
  identityAction: '^(iam|sts):',
  kmsAction: '^kms:',
  s3Action: '^s3:',
  bucketControlAction: '^s3:(putbucketpolicy|deletebucketpolicy|putbucketpublicaccessblock|deletebucketpublicaccessblock|putbucketacl|putbucketownershipcontrols|deletebucket)$',
});

// ---------------------------------------------------------------------------------------------------------------
// Conditions: written once, evaluated here for literals, compiled to Terraform by the constructs for tokens.
// ---------------------------------------------------------------------------------------------------------------

/**
 * A condition over input values. `value` holds an input as given (a literal, or a token the caller knows how to
 * render); `item` is the element inside `every`. The semantics are those of the Terraform functions of the same
 * name: `matches` is `can(regex(pattern, subject))`, `segment` is `try(split(separator, subject)[index], "")`.
 */
export type AwsExpr =
  | { readonly op: 'value'; readonly value: unknown }
  | { readonly op: 'item' }
  | { readonly op: 'matches'; readonly subject: AwsExpr; readonly pattern: string }
  | { readonly op: 'length'; readonly subject: AwsExpr }
  | { readonly op: 'lower'; readonly subject: AwsExpr }
  | { readonly op: 'startsWith'; readonly subject: AwsExpr; readonly prefix: AwsExpr }
  | { readonly op: 'eq' | 'lte' | 'gte'; readonly left: AwsExpr; readonly right: AwsExpr }
  | { readonly op: 'and' | 'or'; readonly args: readonly AwsExpr[] }
  | { readonly op: 'not'; readonly subject: AwsExpr }
  | { readonly op: 'oneOf'; readonly subject: AwsExpr; readonly values: readonly string[] }
  | { readonly op: 'isInteger'; readonly subject: AwsExpr }
  | { readonly op: 'every'; readonly list: AwsExpr; readonly body: AwsExpr }
  | { readonly op: 'segment'; readonly subject: AwsExpr; readonly separator: string; readonly index: number };

const x = {
  value: (value: unknown): AwsExpr => ({ op: 'value', value }),
  item: { op: 'item' } as AwsExpr,
  matches: (subject: AwsExpr, pattern: string): AwsExpr => ({ op: 'matches', subject, pattern }),
  length: (subject: AwsExpr): AwsExpr => ({ op: 'length', subject }),
  lower: (subject: AwsExpr): AwsExpr => ({ op: 'lower', subject }),
  startsWith: (subject: AwsExpr, prefix: AwsExpr): AwsExpr => ({ op: 'startsWith', subject, prefix }),
  eq: (left: AwsExpr, right: AwsExpr): AwsExpr => ({ op: 'eq', left, right }),
  lte: (left: AwsExpr, right: AwsExpr): AwsExpr => ({ op: 'lte', left, right }),
  gte: (left: AwsExpr, right: AwsExpr): AwsExpr => ({ op: 'gte', left, right }),
  and: (...args: AwsExpr[]): AwsExpr => ({ op: 'and', args }),
  or: (...args: AwsExpr[]): AwsExpr => ({ op: 'or', args }),
  not: (subject: AwsExpr): AwsExpr => ({ op: 'not', subject }),
  oneOf: (subject: AwsExpr, values: readonly string[]): AwsExpr => ({ op: 'oneOf', subject, values }),
  isInteger: (subject: AwsExpr): AwsExpr => ({ op: 'isInteger', subject }),
  every: (list: AwsExpr, body: AwsExpr): AwsExpr => ({ op: 'every', list, body }),
  segment: (subject: AwsExpr, separator: string, index: number): AwsExpr => ({ op: 'segment', subject, separator, index }),
};

/** Evaluates a condition over literal values (the caller has made sure no value is a token). */
export function evaluateAwsExpr(expr: AwsExpr, item?: unknown): unknown {
  const str = (e: AwsExpr): string => String(evaluateAwsExpr(e, item));
  switch (expr.op) {
    case 'value': return expr.value;
    case 'item': return item;
    case 'matches': return new RegExp(expr.pattern).test(str(expr.subject));
    case 'length': {
      const value = evaluateAwsExpr(expr.subject, item);
      return Array.isArray(value) ? value.length : String(value).length;
    }
    case 'lower': return str(expr.subject).toLowerCase();
    case 'startsWith': return str(expr.subject).startsWith(str(expr.prefix));
    case 'eq': return evaluateAwsExpr(expr.left, item) === evaluateAwsExpr(expr.right, item);
    case 'lte': return Number(evaluateAwsExpr(expr.left, item)) <= Number(evaluateAwsExpr(expr.right, item));
    case 'gte': return Number(evaluateAwsExpr(expr.left, item)) >= Number(evaluateAwsExpr(expr.right, item));
    case 'and': return expr.args.every((arg) => evaluateAwsExpr(arg, item) === true);
    case 'or': return expr.args.some((arg) => evaluateAwsExpr(arg, item) === true);
    case 'not': return evaluateAwsExpr(expr.subject, item) !== true;
    case 'oneOf': return expr.values.includes(str(expr.subject));
    case 'isInteger': return Number.isInteger(evaluateAwsExpr(expr.subject, item));
    case 'every': {
      const list = evaluateAwsExpr(expr.list, item);
      return Array.isArray(list) && list.every((element) => evaluateAwsExpr(expr.body, element) === true);
    }
    case 'segment': return arnSegment(str(expr.subject), expr.separator, expr.index);
  }
}

/** Every input value a condition reads. */
function valuesOf(expr: AwsExpr): unknown[] {
  switch (expr.op) {
    case 'value': return [expr.value];
    case 'item': return [];
    case 'matches': case 'length': case 'lower': case 'not': case 'oneOf': case 'isInteger': case 'segment': return valuesOf(expr.subject);
    case 'startsWith': return [...valuesOf(expr.subject), ...valuesOf(expr.prefix)];
    case 'eq': case 'lte': case 'gte': return [...valuesOf(expr.left), ...valuesOf(expr.right)];
    case 'and': case 'or': return expr.args.flatMap(valuesOf);
    case 'every': return [...valuesOf(expr.list), ...valuesOf(expr.body)];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The context every check reports into.
// ---------------------------------------------------------------------------------------------------------------

/** Whether a value is a literal, a value only Terraform knows, or a broken token. */
export type Resolvability = 'literal' | 'unresolved' | 'invalid';

/**
 * Without cdktf: a string holding a Terraform interpolation (`${...}`) or a cdktf token marker is a value only
 * Terraform knows; everything else is a literal.
 */
export function terraformExpressionResolvability(value: unknown): Resolvability {
  if (typeof value !== 'string') {
    return 'literal';
  }
  if (value.includes('#{TfToken[')) {
    return 'unresolved';
  }
  // Only well-formed interpolations are Terraform's: every `${` closed, without braces or double quotes inside (cdktf
  // refuses those in a value). A stray `${` is a literal, which the literal checks then refuse for its characters.
  return value.includes('${') && value.replace(/\$\{[^{}"]*\}/g, '').indexOf('${') < 0 ? 'unresolved' : 'literal';
}

/** How a check run is set up. */
export interface AwsCheckOptions {
  /** The object of the findings: the construct's class name, or `RegistryStorageInputs`. */
  readonly object: string;
  /**
   * Tells literals from values only Terraform knows.
   * @default terraformExpressionResolvability
   */
  readonly resolvability?: (value: unknown) => Resolvability;
  /**
   * The string functions of the derivation.
   * @default LITERAL_REGISTRY_NAMES
   */
  readonly names?: RegistryNameFunctions;
  /**
   * Whether values only Terraform knows are accepted (the constructs, which turn the checks on them into
   * preconditions) or refused (`registryStorageHandoff`, which has no Terraform).
   * @default false
   */
  readonly acceptUnresolved?: boolean;
  /**
   * The text Terraform gets for a string, to tell whether two strings are spelled from the same values (two reads of
   * one resource attribute are two different tokens with the same text).
   * @default - the string itself
   */
  readonly spelling?: (value: string) => string;
}

/** A check whose values Terraform only knows at plan (or apply): the construct writes it as a precondition. */
export interface DeferredAwsCheck {
  readonly rule: Rule;
  /** The field path, e.g. `region`, `additionalStatements[0].Resource`. */
  readonly path: string;
  /** The value the message quotes. */
  readonly value: unknown;
  /** What must hold. */
  readonly condition: AwsExpr;
  /** The message, given the value as Terraform shows it. */
  readonly message: (shown: string) => string;
  /** What to change. */
  readonly hint: string;
}

/** One check: a condition that must hold, its rule, where it applies, and what to say when it does not. */
export interface AwsRequirement {
  readonly rule: Rule;
  readonly path: string;
  /** The value the message quotes. */
  readonly value: unknown;
  readonly condition: AwsExpr;
  /** `shown` is the quoted value; `literal` says whether the values are known (then the message may say more). */
  readonly message: (shown: string, literal: boolean) => string;
  /** @default the rule's fix */
  readonly hint?: string;
}

/** Collects the findings and deferred checks of one check run. */
export class AwsChecks {
  /** Every finding, errors and warnings, in the order found. */
  public readonly findings: Finding[] = [];
  /** Checks on values only Terraform knows. */
  public readonly deferred: DeferredAwsCheck[] = [];
  public readonly object: string;
  public readonly names: RegistryNameFunctions;
  public readonly acceptUnresolved: boolean;
  private readonly resolvabilityOf: (value: unknown) => Resolvability;
  private readonly spellingOf: (value: string) => string;

  constructor(options: AwsCheckOptions) {
    this.object = options.object;
    this.names = options.names ?? LITERAL_REGISTRY_NAMES;
    this.acceptUnresolved = options.acceptUnresolved ?? false;
    this.resolvabilityOf = options.resolvability ?? terraformExpressionResolvability;
    this.spellingOf = options.spelling ?? ((value) => value);
  }

  /** The text Terraform gets for a string (see {@link AwsCheckOptions.spelling}). */
  public spelling(value: string): string {
    return this.spellingOf(value);
  }

  /** The error findings. */
  public get errors(): Finding[] {
    return this.findings.filter((finding) => finding.severity === 'error');
  }

  /** The warning findings. */
  public get warnings(): Finding[] {
    return this.findings.filter((finding) => finding.severity === 'warning');
  }

  /** How a value resolves. */
  public resolvability(value: unknown): Resolvability {
    return this.resolvabilityOf(value);
  }

  /** Whether a value (or, for a list, the list or one of its elements) is only known to Terraform. */
  public isUnresolved(value: unknown): boolean {
    if (this.resolvabilityOf(value) === 'unresolved') {
      return true;
    }
    return Array.isArray(value) && value.some((element) => this.resolvabilityOf(element) === 'unresolved');
  }

  /** Reports a finding. */
  public report(rule: Rule, path: string, message: string, hint?: string): void {
    this.findings.push(rule.finding(this.object, path, message, hint));
  }

  /**
   * Checks a requirement: evaluated now when every value it reads is a literal, deferred to Terraform otherwise (or,
   * when values only Terraform knows are not accepted, left to the `aws-input-unresolved` finding already made).
   */
  public require(requirement: AwsRequirement): void {
    const hint = requirement.hint ?? requirement.rule.definition.fix;
    if (valuesOf(requirement.condition).some((value) => this.isUnresolved(value))) {
      if (this.acceptUnresolved) {
        this.deferred.push({
          rule: requirement.rule, path: requirement.path, value: requirement.value, condition: requirement.condition,
          message: (shown) => requirement.message(shown, false), hint,
        });
      }
      return;
    }
    if (evaluateAwsExpr(requirement.condition) !== true) {
      this.report(requirement.rule, requirement.path, requirement.message(showValue(requirement.value), true), hint);
    }
  }
}

/**
 * A value quoted for a message, never throwing (bigints, symbols, cycles and objects without a prototype included):
 * strings in double quotes, everything else as compact JSON, cut to about 200 characters.
 */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing'
      : typeof value === 'bigint' ? `${value.toString()}n`
        : typeof value === 'symbol' || typeof value === 'function' ? describeType(value)
          : typeof value === 'number' && !Number.isFinite(value) ? String(value)
            : JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner.toString()}n` : inner)) ?? describeType(value);
  } catch {
    text = describeType(value);
  }
  return clip(text);
}

/** What a value is, for a type error: `a number`, `null`, `an array`, ... */
export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `the number ${String(value)}`;
  }
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'bigint': return 'a bigint';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    case 'undefined': return 'nothing';
    default: return isPlainObject(value) ? 'an object' : `an object of class ${className(value)}`;
  }
}

function className(value: object): string {
  try {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A plain `{...}` object (or one without prototype), not an array, a date, a map or a boxed primitive. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------------------------
// Types of the props: every wrong type is a finding, never a TypeError, never silently converted.
// ---------------------------------------------------------------------------------------------------------------

/** The type of one prop. */
export type AwsFieldType =
  | { readonly type: 'string'; readonly required?: boolean; readonly structural?: boolean }
  | { readonly type: 'number'; readonly required?: boolean }
  | { readonly type: 'boolean'; readonly required?: boolean }
  | { readonly type: 'stringMap'; readonly required?: boolean }
  | { readonly type: 'statements'; readonly required?: boolean }
  | { readonly type: 'object'; readonly required?: boolean; readonly fields: AwsFields }
  | { readonly type: 'bucket'; readonly required?: boolean };

/** The props of one construct, by name. */
export type AwsFields = { readonly [name: string]: AwsFieldType };

const str: AwsFieldType = { type: 'string' };
const structural: AwsFieldType = { type: 'string', structural: true };

/** The fields of {@link RegistryStorageInputs}. */
export const REGISTRY_STORAGE_INPUT_FIELDS: AwsFields = Object.freeze({
  region: { type: 'string', required: true },
  infrastructureName: str,
  bucketName: str,
  partition: str,
  accountId: str,
  encryption: structural,
  kmsKeyArn: str,
  credentialsMode: structural,
  oidcIssuer: str,
  oidcProviderArn: str,
  roleName: str,
  secretsManagerSecretName: str,
});

/** The fields of the bucket's own options (`RegistryBucketProps` beyond the shared inputs). */
const BUCKET_OPTION_FIELDS: AwsFields = {
  kmsKeyDeletionWindowInDays: { type: 'number' },
  objectOwnership: str,
  tags: { type: 'stringMap' },
  versioning: { type: 'boolean' },
  noncurrentVersionExpirationDays: { type: 'number' },
  accessLogging: { type: 'object', fields: { bucketName: { type: 'string', required: true }, prefix: str } },
  minimumTlsVersion: str,
};

/** The fields of `RegistryBucketProps`. */
export const REGISTRY_BUCKET_FIELDS: AwsFields = Object.freeze({
  region: { type: 'string', required: true },
  infrastructureName: str,
  bucketName: str,
  partition: str,
  encryption: structural,
  kmsKeyArn: str,
  accountId: str,
  ...BUCKET_OPTION_FIELDS,
});

const PRINCIPAL_FIELDS: AwsFields = {
  bucket: { type: 'bucket', required: true },
  permissionsBoundary: str,
  storageManagementState: structural,
  additionalStatements: { type: 'statements' },
  tags: { type: 'stringMap' },
};

/** The fields of `RegistryIamUserProps`. */
export const REGISTRY_IAM_USER_FIELDS: AwsFields = Object.freeze({
  ...PRINCIPAL_FIELDS,
  userName: str,
  path: str,
  secretsManagerSecretName: str,
  secretsManagerKmsKeyId: str,
});

/** The fields of `RegistryWebIdentityRoleProps`. */
export const REGISTRY_WEB_IDENTITY_ROLE_FIELDS: AwsFields = Object.freeze({
  ...PRINCIPAL_FIELDS,
  oidcIssuer: str,
  oidcProviderArn: str,
  accountId: str,
  roleName: str,
});

/** The fields of `RegistryAwsStorageProps`. */
export const REGISTRY_AWS_STORAGE_FIELDS: AwsFields = Object.freeze({
  ...REGISTRY_STORAGE_INPUT_FIELDS,
  ...BUCKET_OPTION_FIELDS,
  storageManagementState: structural,
  additionalStatements: { type: 'statements' },
  userName: str,
  secretsManagerKmsKeyId: str,
  permissionsBoundary: str,
  outputs: { type: 'boolean' },
  outputPrefix: structural,
});

const BUCKET_REFERENCE_FIELDS: AwsFields = {
  bucketName: { type: 'string', required: true },
  bucketArn: { type: 'string', required: true },
  partition: { type: 'string', required: true },
  region: { type: 'string', required: true },
  kmsKeyArn: str,
  infrastructureName: str,
};

/** Props that passed the type checks: only well-typed fields are kept (a wrong one is reported once, then absent). */
export interface CheckedProps<T> {
  readonly props: T;
  /** Paths of the fields that were reported (wrong type or missing), so later checks say nothing more about them. */
  readonly reported: ReadonlySet<string>;
}

/**
 * Checks the type of every declared prop (and of every field inside), reports what is wrong, and returns the props
 * with only the well-typed fields. Unknown props are left alone (they are not read).
 */
export function checkFieldTypes<T>(c: AwsChecks, props: unknown, fields: AwsFields, prefix: string = ''): CheckedProps<T> {
  const reported = new Set<string>();
  const at = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    c.report(AwsStorageRules.inputType, prefix, `The props are ${describeType(props)} ${showValue(props)}; expected an object.`, 'Pass an object with the props the construct documents.');
    reported.add(prefix);
    return { props: {} as T, reported };
  }
  const source = props as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const path = at(name);
    const value = readField(source, name);
    if (value === undefined) {
      if (field.required) {
        c.report(AwsStorageRules.inputMissing, path, `\`${path}\` is missing.`, `Give \`${path}\`.`);
        reported.add(path);
      }
      continue;
    }
    const ok = checkFieldType(c, path, value, field);
    if (ok === undefined) {
      reported.add(path);
    } else {
      clean[name] = ok;
    }
  }
  return { props: clean as T, reported };
}

/** Reads a prop without running anything but plain property access. */
function readField(source: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(source, name) || name in source ? source[name] : undefined;
}

/** The value when it has the type, `undefined` (and a finding) when not. */
function checkFieldType(c: AwsChecks, path: string, value: unknown, field: AwsFieldType): unknown {
  const wrong = (expected: string, hint?: string): undefined => {
    c.report(AwsStorageRules.inputType, path, `\`${path}\` is ${describeType(value)} ${showValue(value)}; expected ${expected}.`,
      hint ?? (value === null ? `Leave \`${path}\` out instead of giving null.` : undefined));
    return undefined;
  };
  const state = c.resolvability(value);
  if (state === 'invalid') {
    return wrong(`${expectedOf(field)}; it looks like a Terraform token, but no construct of this app created it`,
      'Pass the token itself (e.g. `variable.stringValue`), never a copy of its text.');
  }
  if (state === 'unresolved') {
    if ((field.type === 'string' && field.structural) || field.type === 'boolean') {
      c.report(AwsStorageRules.inputTokenStructural, path, `\`${path}\` is ${showValue(value)}, a value only Terraform knows; it decides which resources the stack has, so it must be known at synth.`);
      return undefined;
    }
    if (field.type === 'statements' || field.type === 'object' || field.type === 'bucket') {
      return wrong(`${expectedOf(field)} (the ${field.type === 'statements' ? 'list' : 'object'} itself must be known at synth; values inside it may come from Terraform)`);
    }
    // A token still has a kind: a list token is no string, a string or list token no number, a string token no map.
    // Terraform converts numbers to strings and strings of digits to numbers; those are left to it.
    const kindFits = field.type === 'string' ? !Array.isArray(value)
      : field.type === 'number' ? typeof value !== 'string' && !Array.isArray(value)
        : field.type === 'stringMap' ? typeof value === 'object' && !Array.isArray(value)
          : true;
    if (!kindFits) {
      return wrong(`${expectedOf(field)} (a Terraform ${Array.isArray(value) ? 'list' : 'string'} value is given)`,
        field.type === 'number' ? 'Pass a number token, e.g. `variable.numberValue` or `Token.asNumber(...)`.' : undefined);
    }
    if (!c.acceptUnresolved) {
      c.report(AwsStorageRules.inputUnresolved, path, `\`${path}\` is ${showValue(value)}, a value only Terraform knows, which this program cannot see.`);
      return undefined;
    }
    return value;
  }
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? value : wrong('a string', typeof value === 'number' ? `Write it as a string (in YAML, quote it: "${String(value)}").` : undefined);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : wrong('a finite number');
    case 'boolean':
      return typeof value === 'boolean' ? value : wrong('true or false');
    case 'stringMap': {
      if (!isPlainObject(value)) {
        return wrong('an object of strings, e.g. { team: "platform" }');
      }
      let ok = true;
      for (const [key, inner] of Object.entries(value)) {
        const innerState = c.resolvability(inner);
        if (innerState === 'unresolved' && !c.acceptUnresolved) {
          c.report(AwsStorageRules.inputUnresolved, `${path}[${JSON.stringify(key)}]`, `\`${path}[${JSON.stringify(key)}]\` is ${showValue(inner)}, a value only Terraform knows.`);
          ok = false;
        } else if (innerState === 'invalid' || (innerState === 'literal' && typeof inner !== 'string')) {
          c.report(AwsStorageRules.inputType, `${path}[${JSON.stringify(key)}]`, `\`${path}[${JSON.stringify(key)}]\` is ${describeType(inner)} ${showValue(inner)}; expected a string.`);
          ok = false;
        }
      }
      return ok ? value : undefined;
    }
    case 'statements':
      return Array.isArray(value) ? value : wrong('a list of policy statements');
    case 'object': {
      if (!isPlainObject(value)) {
        return wrong(expectedOf(field));
      }
      const checked = checkFieldTypes<Record<string, unknown>>(c, value, field.fields, path);
      return checked.reported.size === 0 ? checked.props : undefined;
    }
    case 'bucket': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return wrong('a RegistryBucket (or an object with bucketName, bucketArn, partition and region)');
      }
      const checked = checkFieldTypes<Record<string, unknown>>(c, value, BUCKET_REFERENCE_FIELDS, path);
      // The construct itself is kept (it carries the resources); its fields are known to be well-typed.
      return checked.reported.size === 0 ? value : undefined;
    }
  }
}

function expectedOf(field: AwsFieldType): string {
  switch (field.type) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'stringMap': return 'an object of strings';
    case 'statements': return 'a list of policy statements';
    case 'object': return `an object with ${Object.keys(field.fields).join(', ')}`;
    case 'bucket': return 'a RegistryBucket';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Field checks.
// ---------------------------------------------------------------------------------------------------------------

const v = x.value;

/** `partition`. */
export function checkPartition(c: AwsChecks, path: string, partition: string): void {
  c.require({
    rule: AwsStorageRules.partition, path, value: partition,
    condition: x.oneOf(v(partition), AWS_PARTITIONS),
    message: (shown) => `partition ${shown} is not one of "aws", "aws-cn", "aws-us-gov".`,
  });
}

/** `region` (at `path`), and that it lies in the partition (reported at `partition`, the field of every caller). */
export function checkRegion(c: AwsChecks, path: string, region: string, partition: string): void {
  c.require({
    rule: AwsStorageRules.region, path, value: region,
    condition: x.matches(v(region), AWS_PATTERNS.region),
    message: (shown) => `region ${shown} is not an AWS region code.`,
    hint: 'Use a code such as "us-east-1" or "eu-west-1".',
  });
  const regionLiteral = !c.isUnresolved(region);
  const partitionLiteral = !c.isUnresolved(partition);
  if ((regionLiteral && !new RegExp(AWS_PATTERNS.region).test(region)) || (partitionLiteral && !AWS_PARTITIONS.includes(partition as never))) {
    return; // Reported above; the pair says nothing more.
  }
  const hint = !regionLiteral ? undefined
    : region.startsWith('cn-') ? 'Set partition: "aws-cn".' : region.startsWith('us-gov-') ? 'Set partition: "aws-us-gov".' : 'Set partition: "aws" (or leave it out).';
  c.require({
    rule: AwsStorageRules.regionPartition, path: 'partition', value: partition,
    condition: x.and(
      x.eq(x.startsWith(v(region), v('cn-')), x.eq(v(partition), v('aws-cn'))),
      x.eq(x.startsWith(v(region), v('us-gov-')), x.eq(v(partition), v('aws-us-gov')))),
    message: (shown) => `region ${showInline(c, region)} is not in partition ${shown}.`,
    hint,
  });
}

/** `accountId`. */
export function checkAccountId(c: AwsChecks, path: string, accountId: string): void {
  c.require({
    rule: AwsStorageRules.accountId, path, value: accountId,
    condition: x.matches(v(accountId), AWS_PATTERNS.accountId),
    message: (shown) => `account id ${shown} is not 12 digits.`,
  });
}

/** `infrastructureName`. */
export function checkInfrastructureName(c: AwsChecks, path: string, name: string): void {
  c.require({
    rule: AwsStorageRules.infrastructureName, path, value: name,
    condition: x.matches(v(name), AWS_PATTERNS.infrastructureName),
    message: (shown) => `infrastructure name ${shown} is not a cluster infrastructure id.`,
  });
}

/** Every S3 naming rule of a general-purpose bucket name, each reported. */
export function checkBucketName(c: AwsChecks, path: string, name: string): void {
  const literal = !c.isUnresolved(name);
  const subject = v(name);
  c.require({
    rule: AwsStorageRules.bucketNameLength, path, value: name,
    condition: x.and(x.gte(x.length(subject), v(3)), x.lte(x.length(subject), v(63))),
    message: (shown, known) => `bucket name ${shown} ${known ? `is ${name.length} characters long` : 'is not 3 to 63 characters long'}; S3 allows 3 to 63.`,
    hint: literal && name.length > 63 ? 'Shorten it to at most 63 characters.' : literal ? 'Use at least 3 characters.' : undefined,
  });
  const bad = literal ? [...new Set(name.replace(/[a-z0-9.-]/g, ''))] : [];
  c.require({
    rule: AwsStorageRules.bucketNameCharacters, path, value: name,
    condition: x.matches(subject, AWS_PATTERNS.bucketCharacters),
    message: (shown, known) => `bucket name ${shown} contains ${known ? bad.map((ch) => JSON.stringify(ch)).join(', ') : 'characters other than lower-case letters, digits, dots and dashes'}; only lower-case letters, digits, dots and dashes are allowed.`,
    hint: literal && bad.some((ch) => /[A-Z]/.test(ch)) ? `Write it in lower case, e.g. ${JSON.stringify(name.toLowerCase().replace(/[^a-z0-9.-]/g, '-'))}.` : 'Replace those characters with dashes.',
  });
  c.require({
    rule: AwsStorageRules.bucketNameEdges, path, value: name,
    condition: x.not(x.matches(subject, AWS_PATTERNS.bucketEdges)),
    message: (shown) => `bucket name ${shown} begins or ends with a dot or a dash; it must begin and end with a letter or digit.`,
  });
  c.require({
    rule: AwsStorageRules.bucketNameAdjacentDots, path, value: name,
    condition: x.not(x.matches(subject, AWS_PATTERNS.bucketAdjacentDots)),
    message: (shown) => `bucket name ${shown} contains two adjacent dots.`,
  });
  c.require({
    rule: AwsStorageRules.bucketNameIpAddress, path, value: name,
    condition: x.not(x.matches(subject, AWS_PATTERNS.bucketIpAddress)),
    message: (shown) => `bucket name ${shown} is formatted as an IP address.`,
  });
  c.require({
    rule: AwsStorageRules.bucketNameReservedPrefix, path, value: name,
    condition: x.not(x.matches(subject, AWS_PATTERNS.bucketReservedPrefix)),
    message: (shown) => `bucket name ${shown} starts with a prefix S3 reserves (xn--, sthree-, amzn-s3-demo-).`,
  });
  c.require({
    rule: AwsStorageRules.bucketNameReservedSuffix, path, value: name,
    condition: x.not(x.matches(subject, AWS_PATTERNS.bucketReservedSuffix)),
    message: (shown) => `bucket name ${shown} ends with a suffix S3 reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3).`,
  });
}

/** The ROSA HCP naming warning; literal names only (Terraform has no warnings a precondition could give). */
export function checkRosaHcpBucketPattern(c: AwsChecks, path: string, name: string, region: string): void {
  if (c.isUnresolved(name) || c.isUnresolved(region) || !new RegExp(AWS_PATTERNS.region).test(region) || name === '') {
    return;
  }
  if (!matchesRosaHcpBucketPattern(name, region)) {
    c.report(AwsStorageRules.rosaHcpBucketPattern, path,
      `bucket name ${showValue(name)} does not match *-image-registry-${region}*, the only buckets the ROSA HCP managed policy ROSAImageRegistryOperatorPolicy grants access to.`,
      `On ROSA HCP, name it "<prefix>-image-registry-${region}" (or with a suffix after a dash), or attach a policy for this bucket to the operator role; elsewhere ignore this.`);
  }
}

/** A literal value from a fixed list (`encryption`, `credentialsMode`, ...), with a case hint. */
function checkOneOf(c: AwsChecks, rule: Rule, path: string, value: string, values: readonly string[], what: string): void {
  const close = c.isUnresolved(value) ? undefined : values.find((candidate) => candidate.toLowerCase() === value.toLowerCase() || candidate.toLowerCase().endsWith(`:${value.toLowerCase()}`));
  c.require({
    rule, path, value,
    condition: x.oneOf(v(value), values),
    message: (shown) => `${what} ${shown} is not one of ${values.map((candidate) => JSON.stringify(candidate)).join(', ')}.`,
    hint: close !== undefined ? `Write ${JSON.stringify(close)} exactly as spelled here; nothing is guessed.` : undefined,
  });
}

/** A KMS key ARN for a bucket in `region` and `partition`. */
export function checkKmsKeyArn(c: AwsChecks, path: string, arn: string, region: string, partition: string): void {
  const subject = v(arn);
  const wellFormed = x.matches(subject, AWS_PATTERNS.kmsKeyArn);
  const alias = x.matches(subject, AWS_PATTERNS.kmsAliasArn);
  c.require({
    rule: AwsStorageRules.kmsKeyArn, path, value: arn, condition: wellFormed,
    message: (shown) => `KMS key ARN ${shown} is not of the form arn:<partition>:kms:<region>:<account>:key/<id>.`,
  });
  c.require({
    rule: AwsStorageRules.kmsKeyArnAlias, path, value: arn, condition: x.or(x.not(wellFormed), x.not(alias)),
    message: (shown) => `KMS key ARN ${shown} names an alias; IAM grants KMS actions on the key ARN, never through an alias.`,
  });
  const applies = x.and(wellFormed, x.not(alias));
  c.require({
    rule: AwsStorageRules.kmsKeyArnPartition, path, value: arn,
    condition: x.or(x.not(applies), x.not(x.oneOf(v(partition), AWS_PARTITIONS)), x.eq(x.segment(subject, ':', 1), v(partition))),
    message: (shown) => `KMS key ARN ${shown} is not in the bucket's partition ${showInline(c, partition)}.`,
  });
  c.require({
    rule: AwsStorageRules.kmsKeyArnRegion, path, value: arn,
    condition: x.or(x.not(applies), x.not(x.matches(v(region), AWS_PATTERNS.region)), x.eq(x.segment(subject, ':', 3), v(region))),
    message: (shown) => `KMS key ARN ${shown} is not in the bucket's region ${showInline(c, region)}; S3 only encrypts with a key of the bucket's region.`,
    hint: `Use a key in ${showInline(c, region)}, or a multi-Region replica there.`,
  });
}

/** A value for a message: quoted when literal, the token itself (Terraform fills it in) when not. */
function showInline(c: AwsChecks, value: string): string {
  return c.isUnresolved(value) ? `"${value}"` : showValue(value);
}

/** An IAM user or role name. */
export function checkIamName(c: AwsChecks, path: string, name: string, what: 'user' | 'role'): void {
  const subject = v(name);
  c.require({
    rule: AwsStorageRules.iamNameLength, path, value: name,
    condition: x.and(x.gte(x.length(subject), v(1)), x.lte(x.length(subject), v(64))),
    message: (shown, known) => `${what} name ${shown} is ${known ? `${name.length} characters long` : 'not 1 to 64 characters long'}; IAM allows 1 to 64.`,
  });
  c.require({
    rule: AwsStorageRules.iamNameCharacters, path, value: name,
    condition: x.or(x.eq(x.length(subject), v(0)), x.matches(subject, AWS_PATTERNS.iamName)),
    message: (shown) => `${what} name ${shown} contains characters IAM does not allow.`,
  });
}

/** The web-identity inputs: issuer, provider ARN and account, each well-formed, present and in agreement. */
export function checkWebIdentity(c: AwsChecks, inputs: {
  readonly partition: string; readonly accountId?: string; readonly oidcIssuer?: string; readonly oidcProviderArn?: string;
}, reported: ReadonlySet<string> = new Set()): void {
  const { partition, accountId, oidcIssuer, oidcProviderArn } = inputs;
  if (accountId !== undefined) {
    checkAccountId(c, 'accountId', accountId);
  }
  if (oidcIssuer !== undefined) {
    c.require({
      rule: AwsStorageRules.oidcIssuerFormat, path: 'oidcIssuer', value: oidcIssuer,
      condition: x.matches(v(oidcIssuer), AWS_PATTERNS.oidcIssuer),
      message: (shown) => `OIDC issuer ${shown} is not of the form [https://]host[/path].`,
    });
  }
  if (oidcProviderArn !== undefined) {
    const arn = v(oidcProviderArn);
    const wellFormed = x.matches(arn, AWS_PATTERNS.oidcProviderArn);
    c.require({
      rule: AwsStorageRules.oidcProviderArn, path: 'oidcProviderArn', value: oidcProviderArn, condition: wellFormed,
      message: (shown) => `OIDC provider ARN ${shown} is not of the form arn:<partition>:iam::<account>:oidc-provider/<issuer>.`,
    });
    c.require({
      rule: AwsStorageRules.oidcProviderArnPartition, path: 'oidcProviderArn', value: oidcProviderArn,
      condition: x.or(x.not(wellFormed), x.eq(x.segment(arn, ':', 1), v(partition))),
      message: (shown) => `OIDC provider ARN ${shown} is not in the stack's partition ${showInline(c, partition)}.`,
    });
    if (accountId !== undefined) {
      c.require({
        rule: AwsStorageRules.oidcProviderArnAccount, path: 'oidcProviderArn', value: oidcProviderArn,
        condition: x.or(x.not(wellFormed), x.eq(x.segment(arn, ':', 4), v(accountId))),
        message: (shown) => `OIDC provider ARN ${shown} is not in account ${showInline(c, accountId)} (accountId).`,
      });
    }
    if (oidcIssuer !== undefined) {
      const issuer = c.names.oidcIssuer(oidcIssuer);
      c.require({
        rule: AwsStorageRules.oidcProviderArnIssuer, path: 'oidcProviderArn', value: oidcProviderArn,
        condition: x.or(x.not(wellFormed), x.eq(x.segment(arn, 'oidc-provider/', 1), v(issuer))),
        message: (shown) => `OIDC provider ARN ${shown} names another issuer than oidcIssuer ${showInline(c, oidcIssuer)}.`,
      });
    }
  }
  if (oidcIssuer === undefined && oidcProviderArn === undefined) {
    if (!reported.has('oidcIssuer') && !reported.has('oidcProviderArn')) {
      c.report(AwsStorageRules.oidcMissing, 'oidcIssuer', 'a web-identity role needs the cluster\'s OIDC issuer, and neither oidcIssuer nor oidcProviderArn is given.',
        'Give oidcIssuer (e.g. "oidc.op1.openshiftapps.com/<id>") and accountId, or oidcProviderArn.');
    }
  } else if (accountId === undefined && oidcProviderArn === undefined && !reported.has('accountId') && !reported.has('oidcProviderArn')) {
    c.report(AwsStorageRules.accountIdMissing, 'accountId', 'a web-identity role needs the account id for the role and OIDC provider ARNs, and accountId is not given.',
      'Give accountId (12 digits) or oidcProviderArn.');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The guard on additional policy statements.
// ---------------------------------------------------------------------------------------------------------------

/** What belongs to the registry, for the guard: the bucket (under any of its spellings) and its key. */
export interface RegistryResources {
  /** The bucket ARN, as the stack spells it (a literal, or with tokens inside), and any other reference to it. */
  readonly bucketArns: readonly string[];
  /** The ARN of the bucket's KMS key, when it has one (or a description of the key the stack creates). */
  readonly kmsKeyArns: readonly string[];
}

const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);
const UNSCOPED_FIELDS = ['NotAction', 'NotResource', 'Principal', 'NotPrincipal'];

/** One element of an `Action` or `Resource` list: a string, or a whole list only Terraform knows. */
interface ListElement {
  readonly path: string;
  /** The string, or the list token. */
  readonly value: unknown;
  /** Whether `value` is a whole list (then conditions hold for `every` element). */
  readonly list: boolean;
}

/**
 * Refuses additional statements that widen the registry's access: `NotAction`/`NotResource`/`Principal`, Allow
 * statements with a wildcard action or `Resource: "*"`, IAM and STS actions, KMS actions on anything but the registry
 * key, actions that remove the bucket's protection, and S3 actions outside the bucket. Deny statements narrow access:
 * only their shape is checked. Strings and lists only Terraform knows are checked by Terraform (preconditions).
 */
export function checkAdditionalStatements(c: AwsChecks, path: string, statements: readonly unknown[], registry: RegistryResources): void {
  statements.forEach((statement, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(statement)) {
      c.report(AwsStorageRules.inputType, at, `\`${at}\` is ${describeType(statement)} ${showValue(statement)}; expected a policy statement object.`);
      return;
    }
    let shapeOk = true;
    for (const key of Object.keys(statement)) {
      if (UNSCOPED_FIELDS.includes(key)) {
        c.report(AwsStorageRules.statementUnscoped, `${at}.${key}`, `\`${at}\` uses ${key}, which ${key.startsWith('Not') && key !== 'NotPrincipal' ? 'grants everything not listed' : 'does not belong in an identity policy'}.`,
          key.startsWith('Not') && key !== 'NotPrincipal' ? `Write explicit Action and Resource lists instead of ${key}.` : `Remove ${key}: the policy applies to the registry's own user or role.`);
        shapeOk = false;
      } else if (!STATEMENT_FIELDS.has(key)) {
        c.report(AwsStorageRules.statementShape, `${at}.${key}`, `\`${at}\` has the field ${JSON.stringify(key)}, which is not one of Sid, Effect, Action, Resource, Condition.`);
        shapeOk = false;
      }
    }
    const sid = statement.Sid;
    if (sid !== undefined) {
      if (typeof sid !== 'string') {
        c.report(AwsStorageRules.inputType, `${at}.Sid`, `\`${at}.Sid\` is ${describeType(sid)} ${showValue(sid)}; expected a string.`);
      } else if (!new RegExp(AWS_PATTERNS.statementSid).test(sid)) {
        c.report(AwsStorageRules.statementShape, `${at}.Sid`, `\`${at}.Sid\` is ${showValue(sid)}; IAM statement ids are letters and digits only.`);
      }
    }
    const effect = statement.Effect;
    const effectState = c.resolvability(effect);
    if (effectState !== 'literal') {
      c.report(AwsStorageRules.inputTokenStructural, `${at}.Effect`, `\`${at}.Effect\` is ${showValue(effect)}, a value only Terraform knows; whether a statement allows or denies decides how it is checked.`);
      shapeOk = false;
    } else if (effect !== 'Allow' && effect !== 'Deny') {
      c.report(AwsStorageRules.statementShape, `${at}.Effect`, `\`${at}.Effect\` is ${showValue(effect)}; expected "Allow" or "Deny".`);
      shapeOk = false;
    }
    const actions = listElements(c, `${at}.Action`, statement.Action);
    const resources = listElements(c, `${at}.Resource`, statement.Resource);
    checkCondition(c, `${at}.Condition`, statement.Condition);
    if (!shapeOk || actions === undefined || resources === undefined || effect !== 'Allow') {
      return;
    }
    checkAllowStatement(c, at, actions, resources, registry);
  });
}

/** The elements of an `Action` or `Resource` list, or `undefined` (after a finding) when it is not a list of strings. */
function listElements(c: AwsChecks, path: string, value: unknown): ListElement[] | undefined {
  if (!Array.isArray(value)) {
    c.report(AwsStorageRules.inputType, path, `\`${path}\` is ${describeType(value)} ${showValue(value)}; expected a list of strings.`,
      typeof value === 'string' ? `Write it as a list: [${JSON.stringify(value)}].` : undefined);
    return undefined;
  }
  const state = c.resolvability(value);
  if (state === 'invalid') {
    c.report(AwsStorageRules.inputType, path, `\`${path}\` is ${showValue(value)}, which looks like a Terraform list token that no construct of this app created.`);
    return undefined;
  }
  if (state === 'unresolved') {
    if (!c.acceptUnresolved) {
      c.report(AwsStorageRules.inputUnresolved, path, `\`${path}\` is ${showValue(value)}, a list only Terraform knows.`);
      return undefined;
    }
    return [{ path, value, list: true }];
  }
  if (value.length === 0) {
    c.report(AwsStorageRules.statementEmpty, path, `\`${path}\` is empty.`);
    return undefined;
  }
  const elements: ListElement[] = [];
  let ok = true;
  value.forEach((element: unknown, index: number) => {
    const at = `${path}[${index}]`;
    const elementState = c.resolvability(element);
    if (elementState === 'invalid' || (elementState === 'literal' && typeof element !== 'string')) {
      c.report(AwsStorageRules.inputType, at, `\`${at}\` is ${describeType(element)} ${showValue(element)}; expected a string.`);
      ok = false;
    } else if (elementState === 'unresolved' && !c.acceptUnresolved) {
      c.report(AwsStorageRules.inputUnresolved, at, `\`${at}\` is ${showValue(element)}, a value only Terraform knows.`);
      ok = false;
    } else {
      elements.push({ path: at, value: element, list: false });
    }
  });
  return ok ? elements : undefined;
}

/** A `Condition` block: operators, keys, and one string or a list of strings. */
function checkCondition(c: AwsChecks, path: string, condition: unknown): void {
  if (condition === undefined) {
    return;
  }
  if (!isPlainObject(condition)) {
    c.report(AwsStorageRules.inputType, path, `\`${path}\` is ${describeType(condition)} ${showValue(condition)}; expected { <operator>: { <key>: <value or values> } }.`);
    return;
  }
  for (const [operator, block] of Object.entries(condition)) {
    if (!isPlainObject(block)) {
      c.report(AwsStorageRules.inputType, `${path}.${operator}`, `\`${path}.${operator}\` is ${describeType(block)} ${showValue(block)}; expected { <key>: <value or values> }.`);
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const values = Array.isArray(value) && c.resolvability(value) === 'literal' ? value : [value];
      for (const single of values) {
        const state = c.resolvability(single);
        if (state === 'invalid' || (state === 'literal' && typeof single !== 'string')) {
          c.report(AwsStorageRules.inputType, `${path}.${operator}[${JSON.stringify(key)}]`, `\`${path}.${operator}[${JSON.stringify(key)}]\` holds ${describeType(single)} ${showValue(single)}; condition values are strings (write numbers and booleans in quotes, as IAM does).`);
        } else if (state === 'unresolved' && !c.acceptUnresolved) {
          c.report(AwsStorageRules.inputUnresolved, `${path}.${operator}[${JSON.stringify(key)}]`, `\`${path}.${operator}[${JSON.stringify(key)}]\` holds ${showValue(single)}, a value only Terraform knows.`);
        }
      }
    }
  }
}

/** A condition on one element, or on every element of a whole list. */
function onElement(element: ListElement, condition: (subject: AwsExpr) => AwsExpr): AwsExpr {
  return element.list ? x.every(v(element.value), condition(x.item)) : condition(v(element.value));
}

/** Whether some action of the statement matches (lower-cased) `pattern`. */
function someAction(actions: readonly ListElement[], pattern: string): AwsExpr {
  return x.or(...actions.map((action) => x.not(onElement(action, (a) => x.not(x.matches(x.lower(a), pattern))))));
}

function checkAllowStatement(c: AwsChecks, at: string, actions: readonly ListElement[], resources: readonly ListElement[], registry: RegistryResources): void {
  const every = (element: ListElement, text: string) => (element.list ? `an element of ${text}` : text);
  for (const action of actions) {
    c.require({
      rule: AwsStorageRules.wildcardAction, path: action.path, value: action.value,
      condition: onElement(action, (a) => x.not(x.matches(a, AWS_PATTERNS.wildcardAction))),
      message: (shown) => `\`${at}\` allows ${every(action, shown)}, a wildcard action.`,
    });
    c.require({
      rule: AwsStorageRules.identityAction, path: action.path, value: action.value,
      condition: onElement(action, (a) => x.not(x.matches(x.lower(a), AWS_PATTERNS.identityAction))),
      message: (shown) => `\`${at}\` allows ${every(action, shown)}, an IAM or STS action.`,
    });
    c.require({
      rule: AwsStorageRules.bucketControlAction, path: action.path, value: action.value,
      condition: onElement(action, (a) => x.not(x.matches(x.lower(a), AWS_PATTERNS.bucketControlAction))),
      message: (shown) => `\`${at}\` allows ${every(action, shown)}, which removes the bucket's protection or the bucket itself.`,
    });
  }
  // With literal actions, whether the statement has S3 or KMS actions is known now; only tokens defer it.
  const literalActions = actions.every((action) => !action.list && !c.isUnresolved(action.value));
  const has = (pattern: string): AwsExpr | boolean => (literalActions
    ? actions.some((action) => new RegExp(pattern).test(String(action.value).toLowerCase()))
    : someAction(actions, pattern));
  const hasS3 = has(AWS_PATTERNS.s3Action);
  const hasKms = has(AWS_PATTERNS.kmsAction);
  // Conditions compare with the stack's own spelling of the bucket ARN (from the inputs, known at synth or plan); the
  // other spellings (the bucket's resource attribute, known only after apply) serve to recognise a resource above.
  const bucketArns = registry.bucketArns.slice(0, 1);
  const literalArns = bucketArns.filter((arn) => !c.isUnresolved(arn));
  const relevant = (flag: AwsExpr | boolean, condition: AwsExpr): AwsExpr | undefined =>
    (flag === false ? undefined : flag === true ? condition : x.or(x.not(flag), condition));
  for (const resource of resources) {
    // A resource spelled from the registry bucket's own ARN (even one with tokens inside) is the bucket: no check left.
    if (!resource.list && typeof resource.value === 'string') {
      const spelled = c.spelling(resource.value);
      if (registry.bucketArns.some((arn) => spelled === c.spelling(arn) || spelled.startsWith(`${c.spelling(arn)}/`))) {
        continue;
      }
    }
    c.require({
      rule: AwsStorageRules.wildcardResource, path: resource.path, value: resource.value,
      condition: onElement(resource, (r) => x.not(x.eq(r, v('*')))),
      message: () => `\`${at}\` allows its actions on Resource "*".`,
      hint: literalArns.length > 0 ? `Name the resources, e.g. ${JSON.stringify(literalArns[0])} and ${JSON.stringify(`${literalArns[0]}/*`)}.` : undefined,
    });
    const outsideBucket = relevant(hasS3, onElement(resource, (r) => x.or(x.eq(r, v('*')),
      ...bucketArns.map((arn) => x.or(x.eq(r, v(arn)), x.startsWith(r, v(`${arn}/`)))))));
    if (outsideBucket !== undefined) {
      c.require({
        rule: AwsStorageRules.s3OutsideBucket, path: resource.path, value: resource.value, condition: outsideBucket,
        message: (shown) => `\`${at}\` allows S3 actions on ${every(resource, shown)}, outside the registry bucket.`,
        hint: literalArns.length > 0
          ? `Keep S3 actions on ${JSON.stringify(literalArns[0])} and ${JSON.stringify(`${literalArns[0]}/*`)}; grant other buckets with a separate policy.` : undefined,
      });
    }
    if (!resource.list && typeof resource.value === 'string' && registry.kmsKeyArns.some((arn) => c.spelling(arn) === c.spelling(resource.value as string))) {
      continue;
    }
    const outsideKey = relevant(hasKms, onElement(resource, (r) => x.or(x.eq(r, v('*')), ...registry.kmsKeyArns.map((arn) => x.eq(r, v(arn))))));
    if (outsideKey !== undefined) {
      c.require({
        rule: AwsStorageRules.kmsOutsideKey, path: resource.path, value: resource.value, condition: outsideKey,
        message: (shown) => (registry.kmsKeyArns.length === 0
          ? `\`${at}\` allows KMS actions, and the registry bucket has no KMS key.`
          : `\`${at}\` allows KMS actions on ${every(resource, shown)}, which is not the registry bucket's key${registry.kmsKeyArns.every((arn) => !c.isUnresolved(arn)) ? ` ${registry.kmsKeyArns.map((arn) => JSON.stringify(arn)).join(', ')}` : ''}.`),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Per construct.
// ---------------------------------------------------------------------------------------------------------------

/** The props of a bucket, as plain values (what `RegistryBucketProps` holds). */
export interface RegistryBucketInputs {
  readonly region: string;
  readonly infrastructureName?: string;
  readonly bucketName?: string;
  readonly partition?: string;
  readonly encryption?: string;
  readonly kmsKeyArn?: string;
  readonly accountId?: string;
  readonly kmsKeyDeletionWindowInDays?: number;
  readonly objectOwnership?: string;
  readonly tags?: { readonly [key: string]: string };
  readonly versioning?: boolean;
  readonly noncurrentVersionExpirationDays?: number;
  readonly accessLogging?: { readonly bucketName: string; readonly prefix?: string };
  readonly minimumTlsVersion?: string;
}

/** What a principal needs to know about its bucket (the fields of `IRegistryBucket`). */
export interface RegistryBucketFacts {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly partition: string;
  readonly region: string;
  readonly kmsKeyArn?: string;
  readonly infrastructureName?: string;
}

/** The props of a principal (user or role), as plain values. */
export interface RegistryPrincipalInputs<B extends RegistryBucketFacts = RegistryBucketFacts> {
  readonly bucket: B;
  readonly permissionsBoundary?: string;
  readonly storageManagementState?: string;
  readonly additionalStatements?: readonly IamPolicyStatement[];
  readonly tags?: { readonly [key: string]: string };
  // User only.
  readonly userName?: string;
  readonly path?: string;
  readonly secretsManagerSecretName?: string;
  readonly secretsManagerKmsKeyId?: string;
  // Role only.
  readonly oidcIssuer?: string;
  readonly oidcProviderArn?: string;
  readonly accountId?: string;
  readonly roleName?: string;
}

/**
 * The bucket's names, ARN and key id, derived from its inputs by the model's one derivation, `deriveRegistryStorage`:
 * a bucket is the storage without a principal (credentials `static`, whose only derived value is the bucket's), so
 * the construct and the handoff cannot drift apart. Best effort: `encryption` is passed on unjudged (a misspelling is
 * reported by the checks, never corrected), hence the cast.
 */
function deriveBucket(inputs: RegistryBucketInputs, names: RegistryNameFunctions): DerivedRegistryStorage {
  return deriveRegistryStorage({
    region: inputs.region,
    infrastructureName: inputs.infrastructureName,
    bucketName: inputs.bucketName,
    partition: inputs.partition,
    encryption: inputs.encryption as RegistryStorageEncryption | undefined,
    kmsKeyArn: inputs.kmsKeyArn,
    accountId: inputs.accountId,
  }, names);
}

/**
 * Checks the props of a `RegistryBucket`, and returns them with the derivation the checks judged, for the construct
 * to build from (derived once: with token inputs each derivation writes new Terraform expressions).
 */
export function checkRegistryBucket(c: AwsChecks, props: unknown): CheckedProps<RegistryBucketInputs> & { readonly derived: DerivedRegistryStorage } {
  const checked = checkFieldTypes<RegistryBucketInputs>(c, props, REGISTRY_BUCKET_FIELDS);
  const derived = deriveBucket(checked.props, c.names);
  checkBucketInputs(c, checked.props, derived, checked.reported);
  return { ...checked, derived };
}

/**
 * @param derived the derivation of `p` (see {@link deriveBucket})
 * @param checkedElsewhere fields whose own format another part of the same run checks (so it is said once)
 */
function checkBucketInputs(c: AwsChecks, p: RegistryBucketInputs, derived: DerivedRegistryStorage, reported: ReadonlySet<string>, checkedElsewhere: ReadonlySet<string> = new Set()): void {
  const { bucket: bucketName, partition, encryption } = derived.handoff;
  const createsKey = derived.kmsAliasName !== undefined;
  if (p.partition !== undefined) {
    checkPartition(c, 'partition', p.partition);
  }
  if (p.region !== undefined) {
    checkRegion(c, 'region', p.region, partition);
  }
  if (p.infrastructureName !== undefined) {
    checkInfrastructureName(c, 'infrastructureName', p.infrastructureName);
  }
  if (p.bucketName === undefined && p.infrastructureName === undefined) {
    if (!reported.has('bucketName') && !reported.has('infrastructureName')) {
      c.report(AwsStorageRules.bucketNameMissing, 'bucketName', 'neither bucketName nor infrastructureName is given, so the bucket has no name.');
    }
  } else if (p.region !== undefined || p.bucketName !== undefined) {
    const path = p.bucketName !== undefined ? 'bucketName' : 'infrastructureName';
    checkBucketName(c, path, bucketName);
    if (p.region !== undefined) {
      checkRosaHcpBucketPattern(c, path, bucketName, p.region);
    }
  }
  if (p.accountId !== undefined && !checkedElsewhere.has('accountId')) {
    checkAccountId(c, 'accountId', p.accountId);
  }
  if (p.encryption !== undefined) {
    checkOneOf(c, AwsStorageRules.encryption, 'encryption', p.encryption, REGISTRY_STORAGE_ENCRYPTIONS, 'encryption');
  }
  if (p.encryption === 'AES256' && p.kmsKeyArn !== undefined) {
    c.report(AwsStorageRules.encryptionKeyWithAes256, 'kmsKeyArn', `kmsKeyArn ${showValue(p.kmsKeyArn)} is given with encryption "AES256".`);
  } else if (p.kmsKeyArn !== undefined && encryption === 'aws:kms') {
    checkKmsKeyArn(c, 'kmsKeyArn', p.kmsKeyArn, p.region ?? '', partition);
  }
  if (createsKey && p.accountId === undefined && !reported.has('accountId')) {
    c.report(AwsStorageRules.kmsKeyAccountIdMissing, 'accountId', 'a KMS key is to be created (encryption "aws:kms" without kmsKeyArn), and its key policy and alias ARN need the account id, which is not given.');
  }
  if (p.kmsKeyDeletionWindowInDays !== undefined) {
    const days = p.kmsKeyDeletionWindowInDays;
    c.require({
      rule: AwsStorageRules.kmsDeletionWindow, path: 'kmsKeyDeletionWindowInDays', value: days,
      condition: x.and(x.isInteger(v(days)), x.gte(v(days), v(7)), x.lte(v(days), v(30))),
      message: (shown) => `deletion window ${shown} is not a whole number of days from 7 to 30.`,
    });
  }
  if (p.objectOwnership !== undefined) {
    checkOneOf(c, AwsStorageRules.objectOwnership, 'objectOwnership', p.objectOwnership, REGISTRY_BUCKET_OBJECT_OWNERSHIPS, 'object ownership');
  }
  if (p.noncurrentVersionExpirationDays !== undefined) {
    const days = p.noncurrentVersionExpirationDays;
    if (p.versioning !== true) {
      c.report(AwsStorageRules.noncurrentVersionDays, 'noncurrentVersionExpirationDays', `noncurrentVersionExpirationDays ${showValue(days)} is given, but versioning is ${p.versioning === false ? 'off' : 'not turned on'}, so there are no noncurrent versions to expire.`,
        'Set versioning: true, or leave noncurrentVersionExpirationDays out.');
    }
    c.require({
      rule: AwsStorageRules.noncurrentVersionDays, path: 'noncurrentVersionExpirationDays', value: days,
      condition: x.and(x.isInteger(v(days)), x.gte(v(days), v(1))),
      message: (shown) => `noncurrentVersionExpirationDays ${shown} is not a whole number of days of at least 1.`,
    });
  }
  if (p.accessLogging !== undefined) {
    const target = p.accessLogging.bucketName;
    checkBucketName(c, 'accessLogging.bucketName', target);
    if (bucketName !== '') {
      c.require({
        rule: AwsStorageRules.accessLogBucket, path: 'accessLogging.bucketName', value: target,
        condition: x.not(x.eq(v(target), v(bucketName))),
        message: (shown) => `access logs would go to ${shown}, the registry bucket itself.`,
      });
    }
  }
  if (p.minimumTlsVersion !== undefined) {
    checkOneOf(c, AwsStorageRules.minimumTlsVersion, 'minimumTlsVersion', p.minimumTlsVersion, REGISTRY_BUCKET_TLS_VERSIONS, 'minimum TLS version');
  }
}

/** The registry resources of a bucket, for the statement guard. */
export function registryResourcesOf(bucket: RegistryBucketFacts, extraBucketArns: readonly string[] = []): RegistryResources {
  return { bucketArns: [bucket.bucketArn, ...extraBucketArns], kmsKeyArns: bucket.kmsKeyArn !== undefined ? [bucket.kmsKeyArn] : [] };
}

/** Checks the props of a `RegistryIamUser`; `extraBucketArns` are other spellings of the bucket ARN (its resource attribute). */
export function checkRegistryIamUser(c: AwsChecks, props: unknown, extraBucketArns: readonly string[] = []): CheckedProps<RegistryPrincipalInputs> {
  const checked = checkFieldTypes<RegistryPrincipalInputs>(c, props, REGISTRY_IAM_USER_FIELDS);
  principalChecks(c, checked.props, checked.reported, 'user', extraBucketArns);
  return checked;
}

/** Checks the props of a `RegistryWebIdentityRole`. */
export function checkRegistryWebIdentityRole(c: AwsChecks, props: unknown, extraBucketArns: readonly string[] = []): CheckedProps<RegistryPrincipalInputs> {
  const checked = checkFieldTypes<RegistryPrincipalInputs>(c, props, REGISTRY_WEB_IDENTITY_ROLE_FIELDS);
  principalChecks(c, checked.props, checked.reported, 'role', extraBucketArns);
  return checked;
}

/** The checks of a user or a role, shared by their constructs and by `RegistryAwsStorage`. */
function principalChecks(c: AwsChecks, p: RegistryPrincipalInputs, reported: ReadonlySet<string>, kind: 'user' | 'role', extraBucketArns: readonly string[] = []): void {
  checkPrincipalInputs(c, p, extraBucketArns);
  if (p.bucket === undefined) {
    return;
  }
  const prefix = p.bucket.infrastructureName ?? p.bucket.bucketName;
  if (kind === 'role') {
    checkWebIdentity(c, { partition: p.bucket.partition, accountId: p.accountId, oidcIssuer: p.oidcIssuer, oidcProviderArn: p.oidcProviderArn }, reported);
    if (!reported.has('roleName')) {
      checkIamName(c, 'roleName', p.roleName ?? c.names.roleName(prefix), 'role');
    }
    return;
  }
  if (!reported.has('userName')) {
    checkIamName(c, 'userName', p.userName ?? c.names.userName(prefix), 'user');
  }
  if (p.path !== undefined) {
    c.require({
      rule: AwsStorageRules.iamPath, path: 'path', value: p.path,
      condition: x.and(x.lte(x.length(v(p.path)), v(512)), x.matches(v(p.path), AWS_PATTERNS.iamPath)),
      message: (shown) => `IAM path ${shown} is not "/" or "/<segments>/" of at most 512 printable ASCII characters.`,
    });
  }
  if (p.secretsManagerSecretName !== undefined) {
    c.require({
      rule: AwsStorageRules.secretsManagerName, path: 'secretsManagerSecretName', value: p.secretsManagerSecretName,
      condition: x.matches(v(p.secretsManagerSecretName), AWS_PATTERNS.secretsManagerName),
      message: (shown) => `secret name ${shown} is not a valid Secrets Manager name.`,
    });
  }
  if (p.secretsManagerKmsKeyId !== undefined) {
    c.require({
      rule: AwsStorageRules.secretsManagerKmsKeyId, path: 'secretsManagerKmsKeyId', value: p.secretsManagerKmsKeyId,
      condition: x.matches(v(p.secretsManagerKmsKeyId), AWS_PATTERNS.secretsManagerKmsKeyId),
      message: (shown) => `secretsManagerKmsKeyId ${shown} is not a KMS key id, key ARN, alias name or alias ARN.`,
    });
  }
}

function checkPrincipalInputs(c: AwsChecks, p: RegistryPrincipalInputs, extraBucketArns: readonly string[]): void {
  if (p.permissionsBoundary !== undefined) {
    c.require({
      rule: AwsStorageRules.permissionsBoundary, path: 'permissionsBoundary', value: p.permissionsBoundary,
      condition: x.matches(v(p.permissionsBoundary), AWS_PATTERNS.permissionsBoundary),
      message: (shown) => `permissions boundary ${shown} is not the ARN of a managed IAM policy.`,
    });
  }
  if (p.storageManagementState !== undefined) {
    checkOneOf(c, AwsStorageRules.storageManagementState, 'storageManagementState', p.storageManagementState, REGISTRY_STORAGE_MANAGEMENT_STATES, 'storage management state');
  }
  if (p.additionalStatements !== undefined && p.bucket !== undefined) {
    checkAdditionalStatements(c, 'additionalStatements', p.additionalStatements, registryResourcesOf(p.bucket, extraBucketArns));
  }
}

/** The props `RegistryAwsStorage` gives its bucket: the same values the checks judge. */
export function bucketInputsOf(props: RegistryAwsStorageInputs, derived: DerivedRegistryStorage): RegistryBucketInputs {
  return {
    region: props.region,
    infrastructureName: props.infrastructureName,
    bucketName: props.bucketName,
    partition: props.partition,
    encryption: props.encryption,
    kmsKeyArn: props.kmsKeyArn,
    accountId: derived.accountId,
    kmsKeyDeletionWindowInDays: props.kmsKeyDeletionWindowInDays,
    objectOwnership: props.objectOwnership,
    tags: props.tags,
    versioning: props.versioning,
    noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
    accessLogging: props.accessLogging,
    minimumTlsVersion: props.minimumTlsVersion,
  };
}

/** The props `RegistryAwsStorage` gives its user or role, with its bucket: the same values the checks judge. */
export function principalInputsOf<B extends RegistryBucketFacts>(props: RegistryAwsStorageInputs, bucket: B): RegistryPrincipalInputs<B> {
  const common = {
    bucket,
    permissionsBoundary: props.permissionsBoundary,
    storageManagementState: props.storageManagementState,
    additionalStatements: props.additionalStatements,
    tags: props.tags,
  };
  return (props.credentialsMode ?? 'static') === 'sts'
    ? { ...common, oidcIssuer: props.oidcIssuer, oidcProviderArn: props.oidcProviderArn, accountId: props.accountId, roleName: props.roleName }
    : { ...common, userName: props.userName, secretsManagerSecretName: props.secretsManagerSecretName, secretsManagerKmsKeyId: props.secretsManagerKmsKeyId };
}

/** The props of `RegistryAwsStorage`, as plain values. */
export interface RegistryAwsStorageInputs extends RegistryStorageInputs, Omit<RegistryBucketInputs, 'region' | 'infrastructureName' | 'bucketName' | 'partition' | 'encryption' | 'kmsKeyArn' | 'accountId'> {
  readonly storageManagementState?: string;
  readonly additionalStatements?: readonly IamPolicyStatement[];
  readonly userName?: string;
  readonly secretsManagerKmsKeyId?: string;
  readonly permissionsBoundary?: string;
  readonly outputs?: boolean;
  readonly outputPrefix?: string;
}

/** Stands for the key ARN of a key the stack has not created yet: no literal resource can equal it. */
const KEY_TO_CREATE = '(the key this stack creates)';

/**
 * Checks the inputs of one cluster's registry storage: the shared inputs ({@link REGISTRY_STORAGE_INPUT_FIELDS}) for
 * `registryStorageHandoff`, or every prop ({@link REGISTRY_AWS_STORAGE_FIELDS}) for `RegistryAwsStorage`. The bucket
 * and the principal are judged by the same functions their own constructs use, on the same values
 * ({@link bucketInputsOf}, {@link principalInputsOf}), so a construct made by `RegistryAwsStorage` finds nothing new.
 */
export function checkRegistryStorage(c: AwsChecks, props: unknown, fields: AwsFields = REGISTRY_AWS_STORAGE_FIELDS): CheckedProps<RegistryAwsStorageInputs> & { readonly derived: DerivedRegistryStorage } {
  const checked = checkFieldTypes<RegistryAwsStorageInputs>(c, props, fields);
  const p = checked.props;
  const reported = checked.reported;
  const mode = p.credentialsMode ?? 'static';
  if (p.credentialsMode !== undefined) {
    checkOneOf(c, AwsStorageRules.credentialsMode, 'credentialsMode', p.credentialsMode, REGISTRY_CREDENTIALS_MODES, 'credentials mode');
  }
  if (p.outputPrefix !== undefined && !new RegExp(AWS_PATTERNS.outputPrefix).test(p.outputPrefix)) {
    c.report(AwsStorageRules.outputPrefix, 'outputPrefix', `output prefix ${showValue(p.outputPrefix)} does not make valid Terraform output names.`);
  }
  const derived = deriveRegistryStorage(p, c.names);
  // The bucket's part of this derivation is the bucket's own (bucketInputsOf gives it the same inputs), so it is
  // reused, not derived again. With a role, the role's checks judge the account id (given, or read from the provider
  // ARN).
  checkBucketInputs(c, bucketInputsOf(p, derived), derived, reported, new Set(mode === 'sts' ? ['accountId'] : []));

  if (mode === 'sts') {
    for (const field of ['userName', 'secretsManagerSecretName', 'secretsManagerKmsKeyId'] as const) {
      if (p[field] !== undefined) {
        c.report(AwsStorageRules.staticInputWithSts, field, `${field} is set, but credentials mode is "sts", which has no IAM user and no access key.`,
          `Leave ${field} out, or use credentialsMode: "static".`);
      }
    }
  } else if (mode === 'static') {
    for (const field of ['oidcIssuer', 'oidcProviderArn', 'roleName'] as const) {
      if (p[field] !== undefined) {
        c.report(AwsStorageRules.stsInputWithStatic, field, `${field} is set, but credentials mode is "static", which uses an IAM user.`,
          'Set credentialsMode: "sts" to use a web-identity role, or leave the field out.');
      }
    }
  }
  if (mode === 'static' || mode === 'sts') {
    const bucket: RegistryBucketFacts = {
      bucketName: derived.handoff.bucket,
      bucketArn: derived.handoff.bucketArn,
      partition: derived.handoff.partition,
      region: derived.handoff.region,
      infrastructureName: p.infrastructureName,
      kmsKeyArn: derived.handoff.encryption !== 'aws:kms' ? undefined : p.kmsKeyArn ?? KEY_TO_CREATE,
    };
    principalChecks(c, principalInputsOf(p, bucket), reported, mode === 'sts' ? 'role' : 'user');
  }
  return { ...checked, derived };
}

/**
 * The handoff from the AWS stack to `ImageRegistryConfig`, computed from the inputs alone, so `cdk8s synth` agrees
 * with `cdktf deploy` without Terraform state. Every input must be a literal (this program has no Terraform).
 *
 * @throws ValidationError with every error in the inputs (object `RegistryStorageInputs`)
 * @example
 * const handoff = registryStorageHandoff({ infrastructureName: 'prod-x7k2p', region: 'eu-west-1' });
 * new ImageRegistryConfig(chart, 'registry', { replicas: 2, storage: RegistryStorage.fromAwsHandoff(handoff) });
 */
export function registryStorageHandoff(inputs: RegistryStorageInputs): RegistryStorageHandoff {
  const c = new AwsChecks({ object: INPUTS });
  const { derived } = checkRegistryStorage(c, inputs, REGISTRY_STORAGE_INPUT_FIELDS);
  const errors = c.errors;
  if (errors.length > 0) {
    throw new ValidationError(errors);
  }
  return derived.handoff;
}
