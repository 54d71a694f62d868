import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { IamPolicyStatement, registryTrustPolicyDocument } from '../../model/aws-policy-documents';
import { deriveWebIdentity, RegistryStorageManagementState } from '../../model/registry-storage';
import { checkRegistryWebIdentityRole, REGISTRY_WEB_IDENTITY_ROLE_FIELDS } from '../../validation/rules/aws-storage';
import { REGISTRY_ACCESS_POLICY_NAME, registryAccessPolicyJson } from './registry-access-policy';
import { IRegistryBucket, RegistryBucket } from './registry-bucket';
import {
  addPreconditions, awsChecks, mergeTags, normalizeTokens, policyJson, reportWarnings, TERRAFORM_REGISTRY_NAMES, throwOnErrors,
} from './terraform-checks';

/** Properties of a {@link RegistryWebIdentityRole}. Every string may be a Terraform token. */
export interface RegistryWebIdentityRoleProps {
  /** The bucket the role gets access to (and its KMS key, if any). */
  readonly bucket: IRegistryBucket;
  /**
   * The cluster's service-account issuer, host and path. A leading `https://` and trailing `/` are removed (every
   * tool prints it with them; IAM wants it without); any other scheme is refused.
   * @default - taken from `oidcProviderArn`; one of the two is required
   */
  readonly oidcIssuer?: string;
  /**
   * ARN of the cluster's IAM OIDC provider, `arn:<partition>:iam::<account>:oidc-provider/<issuer>`. Its client ids
   * must include `openshift`, the audience of the registry's token (ccoctl and ROSA register it).
   * @default - built from the bucket's partition, `accountId` and `oidcIssuer`
   */
  readonly oidcProviderArn?: string;
  /**
   * The 12-digit account of the role and of the OIDC provider. An input, never looked up, so plans need no AWS call.
   * @default - taken from `oidcProviderArn`; required with `oidcIssuer` alone
   */
  readonly accountId?: string;
  /**
   * Role name, 1 to 64 letters, digits and `+=,.@_-`.
   * @default - `<infrastructureName or bucket name>-openshift-image-registry-installer-cloud-credentials`, cut to 64
   * characters (ROSA's operator role name)
   */
  readonly roleName?: string;
  /**
   * ARN of a managed policy that bounds the role's permissions.
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Who manages the bucket's configuration. `Managed` grants the operator's wider set, still on this bucket only.
   * @default 'Unmanaged'
   */
  readonly storageManagementState?: RegistryStorageManagementState;
  /**
   * More statements for the role's policy, refused when they widen access (see {@link RegistryIamUserProps.additionalStatements}).
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
 * `openshift-image-registry:cluster-image-registry-operator` and `openshift-image-registry:registry`, with the token
 * audience `openshift`, and an inline least-privilege policy on the bucket. The cluster names it in
 * `openshift-image-registry/installer-cloud-credentials`.
 *
 * Invalid props throw a `ValidationError` (every problem at once); checks on Terraform tokens become preconditions of
 * the role resource, reported by `terraform plan`.
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
  /** The role ARN, written from the inputs (the same value the Kubernetes side computes). */
  public readonly roleArn: string;
  /** The issuer, without scheme, as the trust policy uses it. */
  public readonly oidcIssuer: string;
  /** The OIDC provider ARN the role trusts. */
  public readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, props: RegistryWebIdentityRoleProps) {
    super(scope, id);
    const checks = awsChecks('RegistryWebIdentityRole', this);
    const bucketArnAttribute = props?.bucket instanceof RegistryBucket ? [props.bucket.bucket.arn] : [];
    const { props: p } = checkRegistryWebIdentityRole(checks, normalizeTokens(props, REGISTRY_WEB_IDENTITY_ROLE_FIELDS), bucketArnAttribute);
    throwOnErrors(this, checks);
    reportWarnings(this, checks);
    const bucket = props.bucket;

    const identity = deriveWebIdentity({
      partition: bucket.partition,
      accountId: p.accountId,
      oidcIssuer: p.oidcIssuer,
      oidcProviderArn: p.oidcProviderArn,
    }, TERRAFORM_REGISTRY_NAMES);
    // The checks above refused inputs without an issuer or an account, so these are all known.
    this.oidcIssuer = identity.oidcIssuer!;
    this.oidcProviderArn = identity.oidcProviderArn!;
    this.roleName = p.roleName ?? TERRAFORM_REGISTRY_NAMES.roleName(bucket.infrastructureName ?? bucket.bucketName);
    this.roleArn = `arn:${bucket.partition}:iam::${identity.accountId!}:role/${this.roleName}`;

    this.role = new IamRole(this, 'Resource', {
      name: this.roleName,
      description: `OpenShift image registry storage (bucket ${bucket.bucketName}), assumed by web identity`,
      assumeRolePolicy: policyJson(registryTrustPolicyDocument(this.oidcProviderArn, this.oidcIssuer)),
      permissionsBoundary: p.permissionsBoundary,
      tags: p.tags !== undefined ? mergeTags(p.tags) : undefined,
    });
    addPreconditions(this.role, this, 'RegistryWebIdentityRole', checks.deferred);
    this.policy = new IamRolePolicy(this, 'Policy', {
      name: REGISTRY_ACCESS_POLICY_NAME,
      role: this.role.id,
      policy: registryAccessPolicyJson(bucket, p),
    });
  }
}
