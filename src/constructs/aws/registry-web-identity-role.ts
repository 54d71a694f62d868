import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import {
  accountIdProblems,
  defaultRegistryRoleName,
  iamNameProblems,
  RegistryStorageProblem,
  resolveWebIdentity,
} from '../../model/registry-storage';
import {
  additionalStatementProblems,
  IamPolicyStatement,
  registryAccessPolicyDocument,
  RegistryStorageManagementState,
  registryTrustPolicyDocument,
} from './policy-documents';
import { reportProblems } from './problems';
import { IRegistryBucket } from './registry-bucket';

/** Properties of a {@link RegistryWebIdentityRole}. */
export interface RegistryWebIdentityRoleProps {
  /** The bucket the role gets access to (and its KMS key, if any). */
  readonly bucket: IRegistryBucket;
  /**
   * The cluster's service-account issuer, host and path. A leading `https://` and a trailing `/` are removed (every
   * tool prints it with them; IAM wants it without); any other scheme is refused.
   * @default - taken from `oidcProviderArn`; one of the two is required
   */
  readonly oidcIssuer?: string;
  /**
   * ARN of the cluster's IAM OIDC provider, `arn:<partition>:iam::<account>:oidc-provider/<issuer>`.
   * @default - built from the bucket's partition, `accountId` and `oidcIssuer`
   */
  readonly oidcProviderArn?: string;
  /**
   * The 12-digit account of the role and of the OIDC provider. An input, never looked up, so plans need no AWS call.
   * @default - taken from `oidcProviderArn`; required with `oidcIssuer` alone
   */
  readonly accountId?: string;
  /**
   * Role name, at most 64 characters.
   * @default - `<infrastructureName or bucket name>-openshift-image-registry-installer-cloud-credentials`, cut to 64
   * characters (ROSA's operator role name)
   */
  readonly roleName?: string;
  /**
   * ARN of a permissions boundary for the role.
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Who manages the bucket's configuration. `Managed` grants the operator's wider set, still on this bucket only.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the role's policy, refused at synth when they widen access without scope.
   * @default - none
   */
  readonly additionalStatements?: readonly IamPolicyStatement[];
  /**
   * Tags of the role.
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * An IAM role the registry operator and the registry pods assume with their projected service-account tokens
 * (STS clusters, ROSA): trust in the cluster's OIDC provider for exactly the two service accounts
 * `openshift-image-registry:cluster-image-registry-operator` and `openshift-image-registry:registry`, and an inline
 * least-privilege policy on the bucket. The cluster names it in `openshift-image-registry/installer-cloud-credentials`.
 *
 * Child ids (stable): `Resource`, `Policy`.
 */
export class RegistryWebIdentityRole extends Construct {
  /** The `aws_iam_role`. */
  public readonly role: IamRole;
  /** The inline `aws_iam_role_policy`. */
  public readonly policy: IamRolePolicy;
  /** The role name. */
  public readonly roleName: string;
  /** The role ARN, a literal built from the inputs (the same value the Kubernetes side computes). */
  public readonly roleArn: string;
  /** The issuer, without scheme, as the trust policy uses it. */
  public readonly oidcIssuer: string;
  /** The OIDC provider ARN the role trusts. */
  public readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, props: RegistryWebIdentityRoleProps) {
    super(scope, id);
    const bucket = props.bucket;
    const identity = resolveWebIdentity({
      partition: bucket.partition,
      accountId: props.accountId,
      oidcIssuer: props.oidcIssuer,
      oidcProviderArn: props.oidcProviderArn,
    });
    this.roleName = props.roleName ?? defaultRegistryRoleName(bucket.infrastructureName ?? bucket.bucketName);
    const problems: RegistryStorageProblem[] = [
      ...(props.accountId !== undefined ? accountIdProblems(props.accountId) : []),
      ...identity.problems,
      ...iamNameProblems(this.roleName, 'roleName', 'role'),
      ...additionalStatementProblems(props.additionalStatements ?? [], bucket.bucketArn),
    ];
    reportProblems(this, problems);

    // With missing inputs the documents carry placeholders; the validation above fails synthesis before they are used.
    this.oidcIssuer = identity.oidcIssuer ?? 'MISSING-OIDC-ISSUER';
    this.oidcProviderArn = identity.oidcProviderArn ?? `arn:${bucket.partition}:iam::MISSING-ACCOUNT:oidc-provider/${this.oidcIssuer}`;
    this.roleArn = `arn:${bucket.partition}:iam::${identity.accountId ?? 'MISSING-ACCOUNT'}:role/${this.roleName}`;

    this.role = new IamRole(this, 'Resource', {
      name: this.roleName,
      description: `OpenShift image registry storage (bucket ${bucket.bucketName}), assumed by web identity`,
      assumeRolePolicy: JSON.stringify(registryTrustPolicyDocument(this.oidcProviderArn, this.oidcIssuer)),
      permissionsBoundary: props.permissionsBoundary,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policy = new IamRolePolicy(this, 'Policy', {
      name: 'openshift-image-registry-storage',
      role: this.role.id,
      policy: JSON.stringify(registryAccessPolicyDocument({
        bucketArn: bucket.bucketArn,
        kmsKeyArn: bucket.kmsKeyArn,
        storageManagementState: props.storageManagementState,
        additionalStatements: props.additionalStatements,
      })),
    });
  }
}
