import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { IamPolicyStatement } from '../../model/aws-policy-documents';
import {
  REGISTRY_ACCESS_KEY_ID_KEY,
  REGISTRY_SECRET_ACCESS_KEY_KEY,
  RegistryStorageManagementState,
} from '../../model/registry-storage';
import { checkRegistryIamUser, REGISTRY_IAM_USER_FIELDS } from '../../validation/rules/aws-storage';
import { REGISTRY_ACCESS_POLICY_NAME, registryAccessPolicyJson } from './registry-access-policy';
import { IRegistryBucket, RegistryBucket } from './registry-bucket';
import {
  addPreconditions, awsChecks, mergeTags, normalizeTokens, reportWarnings, TERRAFORM_REGISTRY_NAMES, throwOnErrors,
} from './terraform-checks';

/** Properties of a {@link RegistryIamUser}. Every string may be a Terraform token. */
export interface RegistryIamUserProps {
  /** The bucket the user gets access to (and its KMS key, if any). */
  readonly bucket: IRegistryBucket;
  /**
   * IAM user name, 1 to 64 letters, digits and `+=,.@_-`.
   * @default - `<infrastructureName or bucket name>-openshift-image-registry`, cut to 64 characters
   */
  readonly userName?: string;
  /**
   * IAM path of the user: `/` or `/<segments>/`.
   * @default '/'
   */
  readonly path?: string;
  /**
   * ARN of a managed policy that bounds the user's permissions.
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Who manages the bucket's configuration. `Managed` grants the operator's wider set (create, delete, public access
   * block, encryption, lifecycle, tags), still scoped to this bucket.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the user's policy, refused when they widen access (see the `iam-policy-*` rules in
   * docs/rules.md): wildcard actions, `Resource: "*"`, IAM and STS actions, KMS outside the bucket's key, S3 outside
   * the bucket, actions that remove the bucket's protection, `NotAction`/`NotResource`. Strings and lists inside may be
   * Terraform tokens (checked by `terraform plan`).
   * @default - none
   */
  readonly additionalStatements?: readonly IamPolicyStatement[];
  /**
   * Store the access key in this Secrets Manager secret, as JSON with `REGISTRY_STORAGE_S3_ACCESSKEY` and
   * `REGISTRY_STORAGE_S3_SECRETKEY` (the keys of `image-registry-private-configuration-user`), for an ExternalSecret.
   * The secret key is still in Terraform state, as with any `aws_iam_access_key`: protect the state.
   * @default - no secret; read the key from the `secretAccessKey` token (a sensitive output)
   */
  readonly secretsManagerSecretName?: string;
  /**
   * KMS key for the Secrets Manager secret (key id, key ARN, alias name or alias ARN).
   * @default - the account's `aws/secretsmanager` key
   */
  readonly secretsManagerKmsKeyId?: string;
  /**
   * Tags of the user and the secret.
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * An IAM user with an access key for the registry of a classic (non-STS) cluster, with an inline least-privilege
 * policy on the bucket. The key reaches the cluster as the secret
 * `openshift-image-registry/image-registry-private-configuration-user`.
 *
 * Invalid props throw a `ValidationError` (every problem at once); checks on Terraform tokens become preconditions of
 * the user resource, reported by `terraform plan`.
 *
 * Child ids (stable): `Resource`, `Policy`, `AccessKey`, and with Secrets Manager `Secret` and `SecretVersion`.
 */
export class RegistryIamUser extends Construct {
  /** The `aws_iam_user`. */
  public readonly user: IamUser;
  /** The inline `aws_iam_user_policy`. */
  public readonly policy: IamUserPolicy;
  /** The `aws_iam_access_key`. */
  public readonly accessKey: IamAccessKey;
  /** The Secrets Manager secret, when asked for. */
  public readonly secret?: SecretsmanagerSecret;
  /** The user name. */
  public readonly userName: string;
  /** The access key id (a token). It identifies the credential: only put it into a `sensitive` output or a secret store. */
  public readonly accessKeyId: string;
  /** The secret access key (a token). Only ever put it into a `sensitive` output or a secret store. */
  public readonly secretAccessKey: string;

  constructor(scope: Construct, id: string, props: RegistryIamUserProps) {
    super(scope, id);
    const checks = awsChecks('RegistryIamUser', this);
    const bucketArnAttribute = props?.bucket instanceof RegistryBucket ? [props.bucket.bucket.arn] : [];
    const { props: p } = checkRegistryIamUser(checks, normalizeTokens(props, REGISTRY_IAM_USER_FIELDS), bucketArnAttribute);
    throwOnErrors(this, checks);
    reportWarnings(this, checks);
    const bucket = props.bucket;

    this.userName = p.userName ?? TERRAFORM_REGISTRY_NAMES.userName(bucket.infrastructureName ?? bucket.bucketName);
    this.user = new IamUser(this, 'Resource', {
      name: this.userName,
      path: p.path ?? '/',
      permissionsBoundary: p.permissionsBoundary,
      tags: p.tags !== undefined ? mergeTags(p.tags) : undefined,
    });
    addPreconditions(this.user, this, 'RegistryIamUser', checks.deferred);
    this.policy = new IamUserPolicy(this, 'Policy', {
      name: REGISTRY_ACCESS_POLICY_NAME,
      user: this.user.name,
      policy: registryAccessPolicyJson(bucket, p),
    });
    this.accessKey = new IamAccessKey(this, 'AccessKey', { user: this.user.name });
    this.accessKeyId = this.accessKey.id;
    this.secretAccessKey = this.accessKey.secret;

    if (p.secretsManagerSecretName !== undefined) {
      this.secret = new SecretsmanagerSecret(this, 'Secret', {
        name: p.secretsManagerSecretName,
        description: `Access key of ${this.userName} for the OpenShift image registry bucket ${bucket.bucketName}`,
        kmsKeyId: p.secretsManagerKmsKeyId,
        tags: p.tags !== undefined ? mergeTags(p.tags) : undefined,
      });
      new SecretsmanagerSecretVersion(this, 'SecretVersion', {
        secretId: this.secret.id,
        // jsonencode, not JSON.stringify: the values are only known at apply and must be escaped by Terraform.
        secretString: Fn.jsonencode({
          [REGISTRY_ACCESS_KEY_ID_KEY]: this.accessKey.id,
          [REGISTRY_SECRET_ACCESS_KEY_KEY]: this.accessKey.secret,
        }),
      });
    }
  }
}
