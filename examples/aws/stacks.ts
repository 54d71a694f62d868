/**
 * The stacks of the example cdktf app: one per cluster, each with a hardened registry bucket and the registry's
 * access. `terraform plan` on them needs no AWS API call: account, region and OIDC details are inputs.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { RegistryAwsStorage, RegistryStorageInputs } from 'cdk-openshift-images/aws';
import { classicCluster, stsCluster } from '../cluster-settings';

/** One cluster's registry storage, with its own AWS provider in the bucket's region. */
export class RegistryStorageStack extends TerraformStack {
  public readonly storage: RegistryAwsStorage;

  constructor(scope: Construct, id: string, cluster: RegistryStorageInputs) {
    super(scope, id);
    // A relative state path: cdktf's default is an absolute path of the machine that synthesized, which would make
    // the output differ between machines. Use a remote backend (S3 with locking) for real clusters.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new AwsProvider(this, 'aws', {
      region: cluster.region,
      // Tags on everything the stack creates; the bucket adds its own Name and cluster ownership tags.
      defaultTags: [{ tags: { 'app.kubernetes.io/part-of': 'openshift-image-registry', 'managed-by': 'cdktf' } }],
    });
    this.storage = new RegistryAwsStorage(this, 'Registry', {
      ...cluster,
      // Static keys can leak: with versioning, images an attacker deletes stay recoverable for 30 days.
      versioning: (cluster.credentialsMode ?? 'static') === 'static',
    });
  }
}

/** The ids of the example stacks: the folders under `cdktf.out/stacks/`. */
export const EXAMPLE_STACKS = ['registry-classic', 'registry-sts'] as const;

/** Builds the example app: a classic cluster (IAM user, AES256) and an STS cluster (web-identity role, KMS key). */
export function exampleApp(outdir: string): App {
  const app = new App({ outdir });
  new RegistryStorageStack(app, 'registry-classic', classicCluster);
  new RegistryStorageStack(app, 'registry-sts', stsCluster);
  return app;
}
