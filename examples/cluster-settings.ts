/**
 * Settings of the example clusters, shared by the cdktf app (`examples/aws/main.ts`, AWS storage and IAM) and the
 * cdk8s app (the registry Config). Plain TypeScript: loading it never loads cdktf.
 *
 * Both apps derive every name from these inputs with `registryStorageHandoff`, so `cdk8s synth` points the registry
 * at the bucket `cdktf deploy` creates without reading Terraform state.
 */
import { registryStorageHandoff, RegistryStorageHandoff, RegistryStorageInputs } from 'cdk-openshift-images';

/** A classic (non-STS) cluster: an IAM user with an access key, S3-managed encryption. */
export const classicCluster: RegistryStorageInputs = {
  infrastructureName: 'classic-7xk2p',
  region: 'eu-west-1',
  accountId: '111122223333',
  credentialsMode: 'static',
  encryption: 'AES256',
  // The access key goes to Secrets Manager, for an ExternalSecret; without this it is a sensitive output only.
  secretsManagerSecretName: 'openshift/classic-7xk2p/image-registry-s3',
};

/** An STS cluster (ROSA or ccoctl manual mode): a web-identity role, SSE-KMS with a key the stack creates. */
export const stsCluster: RegistryStorageInputs = {
  infrastructureName: 'rosa-prod-4mq9z',
  region: 'us-east-2',
  accountId: '111122223333',
  credentialsMode: 'sts',
  // As `rosa describe cluster` prints it; the https:// is dropped for IAM.
  oidcIssuer: 'https://oidc.op1.openshiftapps.com/2f4ab1c9d7e0example',
  encryption: 'aws:kms',
};

/** What the registry Config of each cluster consumes: `spec.storage` is `handoff.storage` (storage `Unmanaged`). */
export const classicRegistryStorage: RegistryStorageHandoff = registryStorageHandoff(classicCluster);
/** @see classicRegistryStorage */
export const stsRegistryStorage: RegistryStorageHandoff = registryStorageHandoff(stsCluster);
