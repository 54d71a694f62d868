// Stacks whose AWS construct inputs come from Terraform: variables, local data sources (aws_partition, aws_region,
// which need no AWS call), resource attributes and `Fn` results. The token integration test synthesizes them and
// runs `terraform validate` and `terraform plan` with `-var` values, valid and invalid.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { App, Fn, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { RegistryAwsStorage, RegistryBucket, RegistryIamUser, RegistryWebIdentityRole } from '../../../src/aws';

/** A stack with a local backend and an offline-friendly provider. */
class TokenStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
  }

  protected string(name: string): string {
    return new TerraformVariable(this, name, { type: 'string' }).stringValue;
  }

  protected number(name: string): number {
    return new TerraformVariable(this, name, { type: 'number' }).numberValue;
  }

  protected list(name: string): string[] {
    return new TerraformVariable(this, name, { type: 'list(string)' }).listValue;
  }
}

/** `RegistryAwsStorage` (STS, created KMS key, versioning, access logging, extra statements), every input a variable. */
export class StorageVariablesStack extends TokenStack {
  public readonly storage: RegistryAwsStorage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.storage = new RegistryAwsStorage(this, 'Registry', {
      region: this.string('region'),
      infrastructureName: this.string('infrastructure_name'),
      partition: this.string('partition'),
      accountId: this.string('account_id'),
      credentialsMode: 'sts',
      oidcIssuer: this.string('oidc_issuer'),
      encryption: 'aws:kms',
      kmsKeyDeletionWindowInDays: this.number('kms_key_deletion_window_in_days'),
      objectOwnership: this.string('object_ownership'),
      minimumTlsVersion: this.string('minimum_tls_version'),
      permissionsBoundary: this.string('permissions_boundary'),
      tags: new TerraformVariable(this, 'tags', { type: 'map(string)' }).value,
      versioning: true,
      noncurrentVersionExpirationDays: this.number('noncurrent_version_expiration_days'),
      accessLogging: { bucketName: this.string('access_log_bucket'), prefix: this.string('access_log_prefix') },
      additionalStatements: [{ Effect: 'Allow', Action: this.list('extra_actions'), Resource: this.list('extra_resources') }],
    });
  }
}

/**
 * The parts on their own: a bucket whose region and partition come from data sources and whose infrastructure name
 * is an `Fn` result, an IAM user and a role with variables, and extra statements on the bucket's resource attribute.
 */
export class PartsStack extends TokenStack {
  public readonly bucket: RegistryBucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new RegistryBucket(this, 'Bucket', {
      region: new DataAwsRegion(this, 'Region').name,
      partition: new DataAwsPartition(this, 'Partition').partition,
      infrastructureName: Fn.lower(this.string('infrastructure_name')),
      kmsKeyArn: this.string('kms_key_arn'),
    });
    new RegistryIamUser(this, 'User', {
      bucket: this.bucket,
      userName: this.string('user_name'),
      path: this.string('user_path'),
      permissionsBoundary: this.string('permissions_boundary'),
      secretsManagerSecretName: this.string('secret_name'),
      secretsManagerKmsKeyId: this.string('secret_kms_key_id'),
      additionalStatements: [
        { Effect: 'Allow', Action: ['s3:GetObjectVersion'], Resource: [`${this.bucket.bucket.arn}/*`] },
        { Effect: 'Allow', Action: [this.string('extra_action')], Resource: [this.string('extra_resource')] },
      ],
    });
    new RegistryWebIdentityRole(this, 'Role', {
      bucket: this.bucket,
      oidcProviderArn: this.string('oidc_provider_arn'),
      roleName: this.string('role_name'),
    });
  }
}

/**
 * The example of docs/aws.md: inputs from a variable and from data sources that ask AWS (the account, the cluster's
 * OIDC provider). Synthesized by the tests; not planned offline, since those data sources call AWS at plan.
 */
export class LookupsStack extends TerraformStack {
  public readonly storage: RegistryAwsStorage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const infrastructureName = new TerraformVariable(this, 'infrastructure_name', {
      type: 'string', description: "oc get infrastructure cluster -o jsonpath='{.status.infrastructureName}'",
    });
    const oidcIssuerUrl = new TerraformVariable(this, 'oidc_issuer_url', { type: 'string', description: 'rosa describe cluster: OIDC Endpoint URL' });
    const deletionWindow = new TerraformVariable(this, 'kms_key_deletion_window_in_days', { type: 'number', default: 30 });
    const tags = new TerraformVariable(this, 'tags', { type: 'map(string)', default: {} });

    this.storage = new RegistryAwsStorage(this, 'Registry', {
      infrastructureName: infrastructureName.stringValue,
      region: new DataAwsRegion(this, 'Region').name,
      partition: new DataAwsPartition(this, 'Partition').partition,
      accountId: new DataAwsCallerIdentity(this, 'Caller').accountId,
      credentialsMode: 'sts',
      // The provider's ARN carries the issuer; the role trusts exactly this provider.
      oidcProviderArn: new DataAwsIamOpenidConnectProvider(this, 'Oidc', { url: oidcIssuerUrl.stringValue }).arn,
      encryption: 'aws:kms',
      kmsKeyDeletionWindowInDays: deletionWindow.numberValue,
      tags: tags.value,
    });
  }
}

/** The ids of the token stacks. */
export const TOKEN_STACKS = ['tokens-storage', 'tokens-parts'] as const;

/** The app with both token stacks. */
export function tokenStacksApp(outdir: string): App {
  const app = new App({ outdir });
  new StorageVariablesStack(app, 'tokens-storage');
  new PartsStack(app, 'tokens-parts');
  return app;
}
