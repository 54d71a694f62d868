// Terraform inputs, for real: stacks whose AWS construct inputs are Terraform variables, data sources, resource
// attributes and `Fn` results (test/constructs/aws/token-stacks.ts) go through `terraform init` (local mirror), `validate` and
// `plan` with `-var` values. Valid values plan, and Terraform derives exactly the names this library derives from the
// same literals; invalid values fail the plan with the library's findings (construct path, object, field, value,
// code, fix), from the preconditions the constructs wrote.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultRegistryBucketName, defaultRegistryKmsAliasName, defaultRegistryRoleName, REGISTRY_SERVICE_ACCOUNT_SUBJECTS,
} from '../../../src/model/registry-storage';
import { registryStorageHandoff } from '../../../src/validation/rules/aws-storage';
import { locateTerraform, skipLoudly, terraformRunner, TerraformRunner } from '../../support/terraform-cli';
import { tokenStacksApp } from './token-stacks';

const setup = locateTerraform();

interface PlanJson {
  resource_changes: Array<{ type: string; name: string; change: { actions: string[]; after: Record<string, unknown> } }>;
  planned_values: { outputs?: Record<string, { value?: unknown; sensitive: boolean }> };
}

/** The codes of the library's findings in Terraform's output (`... (code) Fix: ...`). */
function findingCodes(output: string): string[] {
  return [...new Set([...output.replace(/\s+/g, ' ').matchAll(/\(([a-z0-9]+(?:-[a-z0-9]+)+)\) Fix:/g)].map((match) => match[1]))].sort();
}

if (setup.missing) {
  skipLoudly(setup.missing, 'terraform validate/plan of the stacks fed from Terraform variables');
} else {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-tf-tokens-'));
  let terraform: TerraformRunner;

  beforeAll(() => {
    terraform = terraformRunner(setup, work);
    tokenStacksApp(path.join(work, 'cdktf.out')).synth();
  });

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Writes `values` as a var file and runs `terraform plan` with it; `-out` when the plan should succeed. */
  const plan = (dir: string, name: string, values: object, out?: string) => {
    const varFile = path.join(dir, `${name}.tfvars.json`);
    fs.writeFileSync(varFile, JSON.stringify(values));
    return terraform.run(dir, ['plan', '-input=false', '-refresh=false', `-var-file=${varFile}`, ...(out ? [`-out=${out}`] : [])]);
  };
  const show = (dir: string, planFile: string): PlanJson =>
    JSON.parse(execFileSync(terraform.terraform, ['show', '-json', planFile], { cwd: dir, env: terraform.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as PlanJson;
  const after = (json: PlanJson, type: string): Record<string, unknown> => {
    const changes = json.resource_changes.filter((change) => change.type === type);
    expect(changes).toHaveLength(1);
    return changes[0].change.after;
  };

  describe('GIVEN RegistryAwsStorage with every input a Terraform variable', () => {
    const dir = path.join(work, 'tokens-storage');
    // A mixed-case infrastructure name with a double dash, long enough to be cut: Terraform must lower-case,
    // collapse and cut exactly as the library does.
    const infrastructureName = `Rosa--Prod-${'a'.repeat(40)}`;
    const region = 'eu-west-1';
    const bucket = defaultRegistryBucketName(infrastructureName, region);
    const valid = {
      region,
      infrastructure_name: infrastructureName,
      partition: 'aws',
      account_id: '111122223333',
      oidc_issuer: 'https://oidc.op1.openshiftapps.com/2f4ab1c9d7e0example/',
      kms_key_deletion_window_in_days: 14,
      object_ownership: 'BucketOwnerEnforced',
      minimum_tls_version: '1.3',
      permissions_boundary: 'arn:aws:iam::111122223333:policy/boundaries/registry',
      tags: { team: 'platform' },
      noncurrent_version_expiration_days: 30,
      access_log_bucket: 'corp-access-logs',
      access_log_prefix: 'registry/',
      extra_actions: ['s3:GetObjectVersion'],
      extra_resources: [`arn:aws:s3:::${bucket}/*`],
    };

    beforeAll(() => {
      terraform.prepare(path.join(work, 'cdktf.out', 'stacks', 'tokens-storage'), dir);
    }, 180_000);

    test('WHEN terraform validate (variables unknown) THEN valid, without warnings', () => {
      const report = JSON.parse(terraform.run(dir, ['validate', '-json']).stdout) as { valid: boolean; warning_count: number };
      expect(report).toMatchObject({ valid: true, warning_count: 0 });
    }, 120_000);

    test('WHEN planned with valid values THEN it plans, and Terraform derives the names and the handoff the library derives from the same literals', () => {
      // WHEN
      const result = plan(dir, 'valid', valid, 'valid.tfplan');
      // THEN
      expect({ status: result.status, output: result.output }).toMatchObject({ status: 0 });
      expect(result.output).not.toMatch(/Warning:/);
      const json = show(dir, 'valid.tfplan');
      expect(after(json, 'aws_s3_bucket').bucket).toBe(bucket);
      expect(after(json, 'aws_kms_alias').name).toBe(defaultRegistryKmsAliasName(bucket));
      expect(after(json, 'aws_iam_role').name).toBe(defaultRegistryRoleName(infrastructureName));
      const handoff = registryStorageHandoff({
        region, infrastructureName, partition: 'aws', accountId: valid.account_id, credentialsMode: 'sts', oidcIssuer: valid.oidc_issuer, encryption: 'aws:kms',
      });
      expect(json.planned_values.outputs?.registry_bucket_name.value).toBe(handoff.bucket);
      expect(json.planned_values.outputs?.registry_kms_key_id.value).toBe(handoff.kmsKeyId);
      // The trust: the normalized issuer, exactly the two service accounts, the audience openshift.
      const trust = JSON.parse(after(json, 'aws_iam_role').assume_role_policy as string) as { Statement: Array<{ Principal: unknown; Condition: unknown }> };
      expect(trust.Statement[0].Principal).toEqual({ Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2f4ab1c9d7e0example' });
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: {
          'oidc.op1.openshiftapps.com/2f4ab1c9d7e0example:sub': [...REGISTRY_SERVICE_ACCOUNT_SUBJECTS],
          'oidc.op1.openshiftapps.com/2f4ab1c9d7e0example:aud': 'openshift',
        },
      });
      // The key: a policy of its own, data use only through S3 in the region.
      const keyPolicy = JSON.parse(after(json, 'aws_kms_key').policy as string) as { Statement: Array<{ Sid: string; Condition?: unknown }> };
      expect(keyPolicy.Statement.find((statement) => statement.Sid === 'RegistryUseThroughS3')?.Condition).toEqual({
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' },
      });
      expect(after(json, 'aws_kms_key').deletion_window_in_days).toBe(14);
      // The bucket: TLS floor, versioning, access logs, tags with the ownership tag.
      const bucketPolicy = JSON.parse(after(json, 'aws_s3_bucket_policy').policy as string) as { Statement: Array<{ Condition: unknown }> };
      expect(bucketPolicy.Statement[1].Condition).toEqual({ NumericLessThan: { 's3:TlsVersion': '1.3' } });
      expect(after(json, 'aws_s3_bucket_logging')).toMatchObject({ target_bucket: 'corp-access-logs', target_prefix: 'registry/' });
      expect(after(json, 'aws_s3_bucket').tags).toEqual({
        'Name': `${infrastructureName}-image-registry`, 'team': 'platform', [`kubernetes.io/cluster/${infrastructureName}`]: 'owned',
      });
      expect(after(json, 'aws_iam_role').permissions_boundary).toBe(valid.permissions_boundary);
    }, 150_000);

    test('WHEN planned with invalid bucket values THEN the plan fails with every bucket finding, each naming the construct, the field and the value', () => {
      // WHEN
      const result = plan(dir, 'invalid-bucket', {
        ...valid,
        region: 'Europe',
        partition: 'azure',
        infrastructure_name: 'prod_x',
        object_ownership: 'Owner',
        minimum_tls_version: '1.1',
        noncurrent_version_expiration_days: 0,
        access_log_bucket: 'Bad_Logs',
        // Still in the (now differently named) registry bucket: the guard follows the name Terraform derives.
        extra_resources: [`arn:azure:s3:::${defaultRegistryBucketName('prod_x', 'Europe')}/*`],
      });
      // THEN
      expect(result.status).not.toBe(0);
      expect(findingCodes(result.output)).toEqual([
        'aws-infrastructure-name', 'aws-partition', 'aws-region', 's3-bucket-name-characters', 's3-minimum-tls-version',
        's3-noncurrent-version-days', 's3-object-ownership',
      ]);
      const output = result.output.replace(/\s+/g, ' ');
      expect(output).toContain('[tokens-storage/Registry/Bucket] RegistryBucket region: region "Europe" is not an AWS region code. (aws-region) Fix:');
      expect(output).toContain('RegistryBucket accessLogging.bucketName: bucket name "Bad_Logs"');
      expect(output).toContain('RegistryBucket partition: partition "azure" is not one of "aws", "aws-cn", "aws-us-gov". (aws-partition)');
    }, 150_000);

    test('WHEN planned with invalid account, issuer, boundary, deletion window and extra statements THEN the plan fails with those findings', () => {
      // WHEN: the key's own values stay valid here, so the role that depends on the key is planned too.
      const keyResult = plan(dir, 'invalid-key', { ...valid, account_id: '123', kms_key_deletion_window_in_days: 7.5 });
      const roleResult = plan(dir, 'invalid-role', {
        ...valid,
        oidc_issuer: 'http://oidc.example.com/x',
        permissions_boundary: 'not-an-arn',
        extra_actions: ['iam:PassRole', 's3:*'],
        extra_resources: ['arn:aws:s3:::other/*'],
      });
      // THEN
      expect(findingCodes(keyResult.output)).toEqual(['aws-account-id', 'kms-deletion-window']);
      expect(keyResult.output.replace(/\s+/g, ' ')).toContain('RegistryBucket kmsKeyDeletionWindowInDays: deletion window 7.5 is not a whole number of days from 7 to 30.');
      expect(findingCodes(roleResult.output)).toEqual([
        'iam-permissions-boundary-arn', 'iam-policy-identity-action', 'iam-policy-s3-outside-bucket', 'iam-policy-wildcard-action', 'oidc-issuer-format',
      ]);
      expect(roleResult.output.replace(/\s+/g, ' ')).toContain('[tokens-storage/Registry/Role] RegistryWebIdentityRole permissionsBoundary: permissions boundary "not-an-arn"');
    }, 200_000);
  });

  describe('GIVEN the parts fed from data sources, an Fn result, variables and the bucket\'s resource attribute', () => {
    const dir = path.join(work, 'tokens-parts');
    const valid = {
      infrastructure_name: 'Classic-7XK2P',
      kms_key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      user_name: 'registry-123',
      user_path: '/openshift/',
      permissions_boundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      secret_name: 'openshift/classic/registry',
      secret_kms_key_id: 'alias/secrets',
      extra_action: 'ecr:GetAuthorizationToken',
      extra_resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/mirror',
      oidc_provider_arn: 'arn:aws:iam::111122223333:oidc-provider/oidc.example.com/cluster',
      role_name: 'registry-role',
    };

    beforeAll(() => {
      terraform.prepare(path.join(work, 'cdktf.out', 'stacks', 'tokens-parts'), dir);
    }, 180_000);

    test('WHEN planned with valid values THEN it plans, with the names from the data sources and the lower-cased variable', () => {
      const result = plan(dir, 'valid', valid, 'valid.tfplan');
      expect({ status: result.status, output: result.output }).toMatchObject({ status: 0 });
      expect(result.output).not.toMatch(/Warning:/);
      const json = show(dir, 'valid.tfplan');
      // aws_region and aws_partition are known at plan without an AWS call; the bucket name follows from them.
      expect(after(json, 'aws_s3_bucket').bucket).toBe(defaultRegistryBucketName('classic-7xk2p', 'eu-west-1'));
      expect(after(json, 'aws_iam_user')).toMatchObject({ name: 'registry-123', path: '/openshift/', permissions_boundary: valid.permissions_boundary });
      const trust = JSON.parse(after(json, 'aws_iam_role').assume_role_policy as string) as { Statement: Array<{ Condition: { StringEquals: object } }> };
      expect(Object.keys(trust.Statement[0].Condition.StringEquals).sort()).toEqual(['oidc.example.com/cluster:aud', 'oidc.example.com/cluster:sub']);
      // The role's policy is known at plan (the user's waits for the bucket's ARN attribute, which one statement uses).
      const rolePolicy = JSON.parse(after(json, 'aws_iam_role_policy').policy as string) as { Statement: Array<{ Sid?: string; Resource: unknown; Condition?: unknown }> };
      expect(rolePolicy.Statement.find((statement) => statement.Sid === 'RegistryKms')).toMatchObject({
        Resource: [valid.kms_key_arn], Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      });
      expect(rolePolicy.Statement.find((statement) => statement.Sid === 'RegistryObjects')?.Resource)
        .toEqual([`arn:aws:s3:::${defaultRegistryBucketName('classic-7xk2p', 'eu-west-1')}/*`]);
    }, 150_000);

    test('WHEN planned with invalid values THEN the plan fails with the user\'s and the role\'s findings', () => {
      const result = plan(dir, 'invalid', {
        ...valid,
        kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/registry',
        user_name: 'registry user',
        user_path: 'x',
        secret_name: 'my secret',
        extra_action: 'sts:AssumeRole',
        extra_resource: '*',
        oidc_provider_arn: 'oidc.example.com/cluster',
      });
      expect(result.status).not.toBe(0);
      expect(findingCodes(result.output)).toEqual(expect.arrayContaining([
        'iam-name-characters', 'iam-path', 'iam-policy-identity-action', 'iam-policy-wildcard-resource', 'kms-key-arn-alias',
        'oidc-provider-arn', 'secrets-manager-name',
      ]));
    }, 150_000);
  });
}
