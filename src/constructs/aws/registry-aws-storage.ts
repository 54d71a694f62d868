import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  RegistryStorageHandoff,
  RegistryStorageInputs,
  RegistryStorageProblem,
  resolveRegistryStorage,
} from '../../model/registry-storage';
import { IamPolicyStatement, RegistryStorageManagementState } from './policy-documents';
import { reportProblems } from './problems';
import { RegistryBucket, RegistryBucketObjectOwnership } from './registry-bucket';
import { RegistryIamUser } from './registry-iam-user';
import { RegistryWebIdentityRole } from './registry-web-identity-role';

/**
 * Properties of a {@link RegistryAwsStorage}: the shared {@link RegistryStorageInputs} (the same object the Kubernetes
 * app passes to `registryStorageHandoff`), and options only the AWS side cares about.
 */
export interface RegistryAwsStorageProps extends RegistryStorageInputs {
  /**
   * Object ownership of the bucket (see {@link RegistryBucketProps.objectOwnership} for the ACL caveat).
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: RegistryBucketObjectOwnership;
  /**
   * Who manages the bucket's configuration. Keep `Unmanaged` (and set it in the registry Config, as the handoff
   * does): with `Managed` the operator re-applies its own tags and lifecycle over Terraform's, and deletes the bucket
   * with every image when the registry is set to `Removed`. `Managed` grants the operator's wider action set.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the principal's policy, refused at synth when they widen access without scope.
   * @default - none
   */
  readonly additionalStatements?: readonly IamPolicyStatement[];
  /**
   * IAM user name (`static` only).
   * @default - `<infrastructureName or bucket name>-openshift-image-registry`, cut to 64 characters
   */
  readonly userName?: string;
  /**
   * KMS key of the Secrets Manager secret (`static` with `secretsManagerSecretName`).
   * @default - the account's `aws/secretsmanager` key
   */
  readonly secretsManagerKmsKeyId?: string;
  /**
   * Permissions boundary of the role (`sts` only).
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Deletion window of a created KMS key, in days.
   * @default 30
   */
  readonly kmsKeyDeletionWindowInDays?: number;
  /**
   * Tags of every resource that takes tags.
   * @default - the bucket's own tags only
   */
  readonly tags?: { readonly [key: string]: string };
  /**
   * Whether to add Terraform outputs: bucket name, region, KMS key id, and the role ARN or the access key id (the
   * secret key only as a `sensitive` output, and not at all when it goes to Secrets Manager).
   * @default true
   */
  readonly outputs?: boolean;
  /**
   * Prefix of the output names, e.g. `registry` gives `registry_bucket_name`.
   * @default - the construct id in snake case
   */
  readonly outputPrefix?: string;
}

/**
 * Everything the OpenShift registry needs on AWS for one cluster: a hardened bucket ({@link RegistryBucket}) and
 * either an IAM user with an access key (`static`, {@link RegistryIamUser}) or a web-identity role (`sts`,
 * {@link RegistryWebIdentityRole}), with outputs, and the {@link RegistryStorageHandoff} for the Kubernetes side.
 *
 * Every name is derived from the inputs, so `registryStorageHandoff(inputs)` in the cdk8s app returns exactly
 * {@link RegistryAwsStorage.handoff} without Terraform state. Input problems are reported together at synth.
 *
 * Child ids (stable): `Bucket`, `User` or `Role`, and the outputs `BucketNameOutput`, `RegionOutput`,
 * `KmsKeyIdOutput`, `RoleArnOutput`, `AccessKeyIdOutput`, `SecretAccessKeyOutput`, `SecretNameOutput`.
 *
 * @example
 * const storage = new RegistryAwsStorage(stack, 'Registry', {
 *   infrastructureName: 'prod-x7k2p', region: 'eu-west-1', accountId: '123456789012',
 *   credentialsMode: 'sts', oidcIssuer: 'oidc.op1.openshiftapps.com/2abc',
 * });
 */
export class RegistryAwsStorage extends Construct {
  /** The bucket. */
  public readonly bucket: RegistryBucket;
  /** The IAM user, with `static` credentials. */
  public readonly user?: RegistryIamUser;
  /** The web-identity role, with `sts` credentials. */
  public readonly role?: RegistryWebIdentityRole;
  /** The values the Kubernetes side needs; identical to `registryStorageHandoff(props)`. */
  public readonly handoff: RegistryStorageHandoff;

  constructor(scope: Construct, id: string, props: RegistryAwsStorageProps) {
    super(scope, id);
    const resolved = resolveRegistryStorage(props);
    const mode = resolved.handoff.credentialsMode;
    this.handoff = resolved.handoff;
    // The children check their own inputs with the same functions; report only the rest here, so nothing is said twice.
    reportProblems(this, resolved.problems.filter((p) => !reportedByChild(p, mode)));

    this.bucket = new RegistryBucket(this, 'Bucket', {
      region: props.region,
      infrastructureName: props.infrastructureName,
      bucketName: resolved.handoff.bucket === '' ? undefined : resolved.handoff.bucket,
      partition: resolved.handoff.partition,
      encryption: props.encryption,
      kmsKeyArn: props.kmsKeyArn,
      accountId: resolved.accountId,
      kmsKeyDeletionWindowInDays: props.kmsKeyDeletionWindowInDays,
      objectOwnership: props.objectOwnership,
      tags: props.tags,
    });

    if (mode === 'sts') {
      this.role = new RegistryWebIdentityRole(this, 'Role', {
        bucket: this.bucket,
        oidcIssuer: props.oidcIssuer,
        oidcProviderArn: props.oidcProviderArn,
        accountId: props.accountId,
        roleName: props.roleName,
        permissionsBoundary: props.permissionsBoundary,
        storageManagementState: props.storageManagementState,
        additionalStatements: props.additionalStatements,
        tags: props.tags,
      });
    } else if (mode === 'static') {
      this.user = new RegistryIamUser(this, 'User', {
        bucket: this.bucket,
        userName: props.userName,
        storageManagementState: props.storageManagementState,
        additionalStatements: props.additionalStatements,
        secretsManagerSecretName: props.secretsManagerSecretName,
        secretsManagerKmsKeyId: props.secretsManagerKmsKeyId,
        tags: props.tags,
      });
    }

    if (props.outputs ?? true) {
      this.addOutputs(props.outputPrefix ?? snakeCase(id));
    }
  }

  private addOutputs(prefix: string): void {
    const output = (id: string, name: string, value: string, description: string, sensitive = false) =>
      new TerraformOutput(this, id, { value, description, sensitive }).overrideLogicalId(`${prefix}_${name}`);
    output('BucketNameOutput', 'bucket_name', this.bucket.bucket.bucket, 'Registry bucket: spec.storage.s3.bucket');
    output('RegionOutput', 'region', this.bucket.region, 'Registry bucket region: spec.storage.s3.region');
    if (this.bucket.registryKeyId !== undefined) {
      output('KmsKeyIdOutput', 'kms_key_id', this.bucket.registryKeyId, 'KMS key for spec.storage.s3.keyID');
    }
    if (this.role) {
      output('RoleArnOutput', 'role_arn', this.role.role.arn, 'Role the registry assumes by web identity (installer-cloud-credentials)');
    }
    if (this.user) {
      output('AccessKeyIdOutput', 'access_key_id', this.user.accessKeyId, 'REGISTRY_STORAGE_S3_ACCESSKEY');
      if (this.user.secret) {
        output('SecretNameOutput', 'secret_name', this.user.secret.name, 'Secrets Manager secret holding the access key');
      } else {
        // Sensitive: Terraform hides it in plan/apply and prints it only on `terraform output -raw`.
        output('SecretAccessKeyOutput', 'secret_access_key', this.user.secretAccessKey, 'REGISTRY_STORAGE_S3_SECRETKEY', true);
      }
    }
  }
}

const BUCKET_CODES = new Set(['aws-region', 'bucket-name-missing', 'encryption-key-with-aes256', 'rosa-hcp-bucket-pattern']);
const ROLE_CODES = new Set(['aws-account-id', 'account-id-missing', 'oidc-missing']);

function reportedByChild(problem: RegistryStorageProblem, mode: string): boolean {
  const code = problem.code;
  if (BUCKET_CODES.has(code) || code.startsWith('s3-bucket-name') || code.startsWith('kms-key-arn')) {
    return true;
  }
  if (code === 'storage-input-unresolved' && problem.field === 'bucketName') {
    return true;
  }
  return mode === 'sts' && (ROLE_CODES.has(code) || code.startsWith('oidc-') || code.startsWith('iam-name'));
}

function snakeCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'registry';
}
