/**
 * The IAM and bucket policy documents of the registry storage, as plain JSON-ready objects. They are written with
 * literal ARNs wherever the names are known at synth (they are deterministic), so `terraform plan` shows the real
 * policy instead of "known after apply", and tests can read it.
 */
import { REGISTRY_SERVICE_ACCOUNT_SUBJECTS, RegistryStorageProblem } from '../../model/registry-storage';

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

/** Who may change the bucket's own configuration: Terraform (`Unmanaged`, the default) or the operator (`Managed`). */
export type RegistryStorageManagementState = 'Unmanaged' | 'Managed';

/**
 * Actions on the bucket ARN for a bucket Terraform owns: list and locate it (registry), list multipart uploads to
 * clean them up, and read and merge tags (the operator's AWS tag controller, OpenShift 4.18 and later).
 */
export const REGISTRY_BUCKET_ACTIONS: readonly string[] = Object.freeze([
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:ListBucketMultipartUploads',
  's3:GetBucketTagging',
  's3:PutBucketTagging',
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
 * (storage `Managed`): create and delete it, and re-apply its public access block, encryption and lifecycle.
 * @see https://github.com/openshift/cluster-image-registry-operator/blob/master/manifests/01-registry-credentials-request.yaml
 */
export const REGISTRY_MANAGED_BUCKET_ACTIONS: readonly string[] = Object.freeze([
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:PutBucketPublicAccessBlock',
  's3:GetBucketPublicAccessBlock',
  's3:PutEncryptionConfiguration',
  's3:GetEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:GetLifecycleConfiguration',
]);

/** KMS actions on the bucket's key: S3 generates data keys on writes and decrypts on reads and multipart uploads. */
export const REGISTRY_KMS_ACTIONS: readonly string[] = Object.freeze([
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
]);

/** What the access policy is scoped to. */
export interface RegistryAccessPolicyOptions {
  /** ARN of the bucket, `arn:<partition>:s3:::<name>`. */
  readonly bucketArn: string;
  /**
   * ARN of the bucket's KMS key; adds the KMS statement.
   * @default - no KMS statement
   */
  readonly kmsKeyArn?: string;
  /**
   * Whether the operator manages the bucket; `Managed` adds {@link REGISTRY_MANAGED_BUCKET_ACTIONS}, still on this
   * bucket only.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements. Checked by {@link additionalStatementProblems}: an Allow never uses `*` as a resource nor a
   * wildcard S3 action, and its S3 actions stay on this bucket.
   * @default - none
   */
  readonly additionalStatements?: readonly IamPolicyStatement[];
}

/** The least-privilege policy of the registry's principal (user or role) on its bucket. */
export function registryAccessPolicyDocument(options: RegistryAccessPolicyOptions): IamPolicyDocument {
  const bucketActions = options.storageManagementState === 'Managed'
    ? [...REGISTRY_BUCKET_ACTIONS, ...REGISTRY_MANAGED_BUCKET_ACTIONS]
    : [...REGISTRY_BUCKET_ACTIONS];
  const statements: IamPolicyStatement[] = [
    { Sid: 'RegistryBucket', Effect: 'Allow', Action: bucketActions, Resource: [options.bucketArn] },
    { Sid: 'RegistryObjects', Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${options.bucketArn}/*`] },
  ];
  if (options.kmsKeyArn !== undefined) {
    statements.push({ Sid: 'RegistryKms', Effect: 'Allow', Action: [...REGISTRY_KMS_ACTIONS], Resource: [options.kmsKeyArn] });
  }
  statements.push(...(options.additionalStatements ?? []));
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Refuses additional statements that would widen access beyond the bucket: `NotAction`/`NotResource`, an Allow on
 * `Resource: "*"`, an Allow of `*` or of a wildcard S3 action (`s3:*`, `s3:Put*`), and S3 actions on anything but
 * this bucket and its objects. Deny statements narrow access and pass.
 */
export function additionalStatementProblems(
  statements: readonly IamPolicyStatement[], bucketArn: string, field: string = 'additionalStatements'): RegistryStorageProblem[] {
  const problems: RegistryStorageProblem[] = [];
  statements.forEach((statement, index) => {
    const at = `${field}[${index}]`;
    const error = (code: string, message: string, hint: string) =>
      problems.push({ code, severity: 'error', field: at, message, hint });
    const raw = statement as unknown as Record<string, unknown>;
    for (const key of ['NotAction', 'NotResource', 'NotPrincipal', 'Principal']) {
      if (key in raw) {
        error('policy-statement-unscoped', `uses ${key}, which grants everything not listed`, `write explicit Action and Resource lists instead of ${key}`);
      }
    }
    if (statement.Effect === 'Deny') {
      return;
    }
    const actions = Array.isArray(statement.Action) ? statement.Action : [];
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [];
    if (actions.length === 0 || resources.length === 0) {
      error('policy-statement-empty', 'has no Action or no Resource list', 'give both as arrays of strings');
    }
    for (const action of actions) {
      if (action === '*' || /^s3:.*[*?]/i.test(action)) {
        error('policy-wildcard-action', `allows ${JSON.stringify(action)}, a wildcard over S3 actions`, 'list the exact S3 actions the registry needs');
      }
    }
    for (const resource of resources) {
      if (resource === '*') {
        error('policy-wildcard-resource', 'allows its actions on Resource "*"', `name the resources, e.g. ${JSON.stringify(bucketArn)} and ${JSON.stringify(`${bucketArn}/*`)}`);
      }
    }
    if (actions.some((a) => /^s3:/i.test(a))) {
      for (const resource of resources) {
        if (resource !== '*' && resource !== bucketArn && !resource.startsWith(`${bucketArn}/`)) {
          error('policy-s3-resource-outside-bucket', `allows S3 actions on ${JSON.stringify(resource)}, outside the registry bucket`,
            `keep S3 actions on ${JSON.stringify(bucketArn)} and ${JSON.stringify(`${bucketArn}/*`)}; grant other buckets with a separate policy`);
        }
      }
    }
  });
  return problems;
}

/**
 * The web-identity trust policy of the registry role: the cluster's OIDC provider, and exactly the two registry
 * service accounts as `sub` (StringEquals, the shape ROSA and ccoctl use).
 * @param oidcIssuer issuer host and path, without `https://`
 */
export function registryTrustPolicyDocument(oidcProviderArn: string, oidcIssuer: string): object {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${oidcIssuer}:sub`]: [...REGISTRY_SERVICE_ACCOUNT_SUBJECTS] } },
    }],
  };
}

/** The bucket policy that refuses any request made without TLS, on the bucket and on its objects. */
export function tlsOnlyBucketPolicyDocument(bucketArn: string): object {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  };
}
