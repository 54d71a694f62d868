import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { IamPolicyStatement } from '../../model/aws-policy-documents';
import {
  OneOfOrToken,
  RegistryBucketObjectOwnership,
  RegistryBucketTlsVersion,
  RegistryStorageHandoff,
  RegistryStorageInputs,
  RegistryStorageManagementState,
} from '../../model/registry-storage';
import { bucketInputsOf, checkRegistryStorage, principalInputsOf, REGISTRY_AWS_STORAGE_FIELDS } from '../../validation/rules/aws-storage';
import { RegistryBucket, RegistryBucketAccessLogging, RegistryBucketProps } from './registry-bucket';
import { RegistryIamUser, RegistryIamUserProps } from './registry-iam-user';
import { RegistryWebIdentityRole, RegistryWebIdentityRoleProps } from './registry-web-identity-role';
import { awsChecks, normalizeTokens, throwOnErrors } from './terraform-checks';

/**
 * Properties of a {@link RegistryAwsStorage}: the shared {@link RegistryStorageInputs} (the same object the Kubernetes
 * app passes to `registryStorageHandoff`), and options only the AWS side cares about. Every string, number and list
 * may be a Terraform token (a variable, a data source or resource attribute, an `Fn` result), except the props that
 * decide which resources exist: `credentialsMode`, `encryption`, `storageManagementState`, `versioning`, `outputs`,
 * `outputPrefix`.
 */
export interface RegistryAwsStorageProps extends RegistryStorageInputs {
  /**
   * Object ownership of the bucket (see {@link RegistryBucketProps.objectOwnership} for the ACL caveat).
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: OneOfOrToken<RegistryBucketObjectOwnership>;
  /**
   * Who manages the bucket's configuration. Keep `Unmanaged` (and set it in the registry Config, as the handoff
   * does): with `Managed` the operator re-applies its own tags and lifecycle over Terraform's, and deletes the bucket
   * with every image when the registry is set to `Removed`. `Managed` grants the operator's wider action set.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the principal's policy, refused when they widen access (see
   * {@link RegistryIamUserProps.additionalStatements}).
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
   * ARN of a managed policy that bounds the user's or role's permissions.
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Deletion window of a created KMS key, in days (7 to 30).
   * @default 30
   */
  readonly kmsKeyDeletionWindowInDays?: number;
  /**
   * Tags of every resource that takes tags.
   * @default - the bucket's own tags only
   */
  readonly tags?: { readonly [key: string]: string };
  /**
   * Keep overwritten and deleted images as noncurrent versions (see {@link RegistryBucketProps.versioning}).
   * @default false
   */
  readonly versioning?: boolean;
  /**
   * With `versioning`: days a noncurrent version is kept.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Write S3 server access logs to another bucket.
   * @default - no access logging
   */
  readonly accessLogging?: RegistryBucketAccessLogging;
  /**
   * The lowest TLS version the bucket accepts.
   * @default '1.2'
   */
  readonly minimumTlsVersion?: OneOfOrToken<RegistryBucketTlsVersion>;
  /**
   * Whether to add Terraform outputs: bucket name, region, KMS key id, and the role ARN or the access key id (the
   * access key id and the secret key only as `sensitive` outputs, and the secret key not at all when it goes to
   * Secrets Manager).
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
 * {@link RegistryAwsStorage.handoff} without Terraform state (when the inputs are literals; with Terraform tokens the
 * handoff holds the same tokens, for this Terraform program only).
 *
 * Invalid props throw one `ValidationError` listing every problem, with the construct path, the field, the value and
 * the fix. A check on a value only Terraform knows becomes a precondition of the bucket, user or role, so
 * `terraform plan` reports it with the same code and fix.
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
  /** The values the Kubernetes side needs; identical to `registryStorageHandoff(props)` for literal props. */
  public readonly handoff: RegistryStorageHandoff;

  constructor(scope: Construct, id: string, props: RegistryAwsStorageProps) {
    super(scope, id);
    // Every check of the bucket and of the user or role runs here, on exactly the props they will get, so all
    // problems are reported together; the children run the same checks again and find nothing new, but report their
    // own warnings and write their own preconditions.
    const checks = awsChecks('RegistryAwsStorage', this);
    const { props: p, derived } = checkRegistryStorage(checks, normalizeTokens(props, REGISTRY_AWS_STORAGE_FIELDS), REGISTRY_AWS_STORAGE_FIELDS);
    throwOnErrors(this, checks);
    this.handoff = derived.handoff;

    this.bucket = new RegistryBucket(this, 'Bucket', bucketInputsOf(p, derived) as RegistryBucketProps);
    const principal = principalInputsOf(p, this.bucket);
    if ((p.credentialsMode ?? 'static') === 'sts') {
      this.role = new RegistryWebIdentityRole(this, 'Role', principal as RegistryWebIdentityRoleProps);
    } else {
      this.user = new RegistryIamUser(this, 'User', principal as RegistryIamUserProps);
    }

    if (p.outputs ?? true) {
      this.addOutputs(p.outputPrefix ?? snakeCase(id));
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
      // Sensitive too: the key id names the credential, and it is half of what an attacker needs.
      output('AccessKeyIdOutput', 'access_key_id', this.user.accessKeyId, 'REGISTRY_STORAGE_S3_ACCESSKEY', true);
      if (this.user.secret) {
        output('SecretNameOutput', 'secret_name', this.user.secret.name, 'Secrets Manager secret holding the access key');
      } else {
        // Sensitive: Terraform hides it in plan/apply and prints it only on `terraform output -raw`.
        output('SecretAccessKeyOutput', 'secret_access_key', this.user.secretAccessKey, 'REGISTRY_STORAGE_S3_SECRETKEY', true);
      }
    }
  }
}

function snakeCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'registry';
}
