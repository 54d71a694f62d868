import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import {
  defaultRegistryUserName,
  iamNameProblems,
  REGISTRY_ACCESS_KEY_ID_KEY,
  REGISTRY_SECRET_ACCESS_KEY_KEY,
  RegistryStorageProblem,
} from '../../model/registry-storage';
import {
  additionalStatementProblems,
  IamPolicyStatement,
  registryAccessPolicyDocument,
  RegistryStorageManagementState,
} from './policy-documents';
import { reportProblems } from './problems';
import { IRegistryBucket } from './registry-bucket';

/** Properties of a {@link RegistryIamUser}. */
export interface RegistryIamUserProps {
  /** The bucket the user gets access to (and its KMS key, if any). */
  readonly bucket: IRegistryBucket;
  /**
   * IAM user name, at most 64 characters.
   * @default - `<infrastructureName or bucket name>-openshift-image-registry`, cut to 64 characters
   */
  readonly userName?: string;
  /**
   * IAM path of the user.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Who manages the bucket's configuration. `Managed` grants the operator's wider set (create, delete, public access
   * block, encryption, lifecycle), still scoped to this bucket.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the user's policy. Refused at synth when they widen access without scope (`Resource: "*"`,
   * wildcard S3 actions, S3 actions on another bucket, `NotAction`/`NotResource`).
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
   * KMS key for the Secrets Manager secret.
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
  /** The access key id (a token). */
  public readonly accessKeyId: string;
  /** The secret access key (a token). Only ever put it into a `sensitive` output or a secret store. */
  public readonly secretAccessKey: string;

  constructor(scope: Construct, id: string, props: RegistryIamUserProps) {
    super(scope, id);
    const bucket = props.bucket;
    this.userName = props.userName ?? defaultRegistryUserName(bucket.infrastructureName ?? bucket.bucketName);
    const problems: RegistryStorageProblem[] = [
      ...iamNameProblems(this.userName, 'userName', 'user'),
      ...additionalStatementProblems(props.additionalStatements ?? [], bucket.bucketArn),
    ];
    if (props.secretsManagerSecretName !== undefined && !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(props.secretsManagerSecretName)) {
      problems.push({ code: 'secrets-manager-name', severity: 'error', field: 'secretsManagerSecretName',
        message: `secret name ${JSON.stringify(props.secretsManagerSecretName)} is not a valid Secrets Manager name`,
        hint: 'use 1 to 512 letters, digits and / _ + = . @ -' });
    }
    reportProblems(this, problems);

    this.user = new IamUser(this, 'Resource', {
      name: this.userName,
      path: props.path ?? '/',
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policy = new IamUserPolicy(this, 'Policy', {
      name: 'openshift-image-registry-storage',
      user: this.user.name,
      policy: JSON.stringify(registryAccessPolicyDocument({
        bucketArn: bucket.bucketArn,
        kmsKeyArn: bucket.kmsKeyArn,
        storageManagementState: props.storageManagementState,
        additionalStatements: props.additionalStatements,
      })),
    });
    this.accessKey = new IamAccessKey(this, 'AccessKey', { user: this.user.name });
    this.accessKeyId = this.accessKey.id;
    this.secretAccessKey = this.accessKey.secret;

    if (props.secretsManagerSecretName !== undefined) {
      this.secret = new SecretsmanagerSecret(this, 'Secret', {
        name: props.secretsManagerSecretName,
        description: `Access key of ${this.userName} for the OpenShift image registry bucket ${bucket.bucketName}`,
        kmsKeyId: props.secretsManagerKmsKeyId,
        tags: props.tags ? { ...props.tags } : undefined,
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
