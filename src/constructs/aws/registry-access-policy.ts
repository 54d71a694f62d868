/**
 * The inline access policy of the registry's principal, written once for both kinds: the IAM user (`static`) and the
 * web-identity role (`sts`) must grant exactly the same access to the bucket and its key, so neither writes its own.
 * The document itself is the model's ({@link registryAccessPolicyDocument}); what is here is the cdktf side of it.
 */
import { registryAccessPolicyDocument } from '../../model/aws-policy-documents';
import { RegistryStorageManagementState } from '../../model/registry-storage';
import { RegistryPrincipalInputs } from '../../validation/rules/aws-storage';
import { IRegistryBucket } from './registry-bucket';
import { policyJson, TERRAFORM_REGISTRY_NAMES } from './terraform-checks';

/** Name of the inline policy on the user or the role. */
export const REGISTRY_ACCESS_POLICY_NAME = 'openshift-image-registry-storage';

/**
 * The access policy of a principal on `bucket`, as the `policy` attribute of an inline user or role policy.
 * @param principal the principal's checked props (the checks have judged the extra statements)
 */
export function registryAccessPolicyJson(
  bucket: IRegistryBucket,
  principal: Pick<RegistryPrincipalInputs, 'storageManagementState' | 'additionalStatements'>): string {
  return policyJson(registryAccessPolicyDocument({
    bucketArn: bucket.bucketArn,
    kmsKeyArn: bucket.kmsKeyArn,
    // Written from the bucket's region, not read from the key ARN: a created key's ARN is only known after apply.
    kmsViaService: TERRAFORM_REGISTRY_NAMES.s3ServiceHost(bucket.region, bucket.partition),
    // The checks refused any other value.
    storageManagementState: principal.storageManagementState as RegistryStorageManagementState | undefined,
    additionalStatements: principal.additionalStatements,
  }));
}
