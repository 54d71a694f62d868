import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AnnotationMetadataEntryType, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { registryStorageHandoff, RegistryAwsStorage, RegistryAwsStorageProps, RegistryStorageInputs } from '../../../src/aws';
import { newStack, onlyResource, parsedPolicy, preconditionsOf, synthObject } from '../../support/terraform-json';
import { LookupsStack } from './token-stacks';
import { codesOf, expectValidationError } from '../../support/findings';

Testing.setupJest();

const STS: RegistryStorageInputs = {
  infrastructureName: 'prod-x7k2p',
  region: 'eu-west-1',
  accountId: '123456789012',
  credentialsMode: 'sts',
  oidcIssuer: 'https://oidc.op1.openshiftapps.com/2abc',
  encryption: 'aws:kms',
};

describe('RegistryAwsStorage', () => {
  test('GIVEN STS inputs WHEN synthesized THEN a bucket, a role, outputs, and a handoff equal to the plain function', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const storage = new RegistryAwsStorage(stack, 'Registry', STS);
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'prod-x7k2p-image-registry-eu-west-1' });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'prod-x7k2p-openshift-image-registry-installer-cloud-credentials' });
    expect(synthesized).not.toHaveResource(IamUser);
    expect(storage.handoff).toEqual(registryStorageHandoff(STS));
    expect(storage.handoff.roleArn).toBe(storage.role!.roleArn);
    expect(storage.handoff.kmsKeyId).toBe(storage.bucket.registryKeyId);
    const outputs = synthObject(stack).output!;
    expect(Object.keys(outputs).sort()).toEqual(['registry_bucket_name', 'registry_kms_key_id', 'registry_region', 'registry_role_arn']);
    expect(outputs.registry_kms_key_id.value).toBe(storage.handoff.kmsKeyId);
    expect(outputs.registry_region.value).toBe('eu-west-1');
  });

  test('GIVEN static credentials without Secrets Manager THEN the secret key is only a sensitive output', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryAwsStorage(stack, 'ClusterA', { infrastructureName: 'classic-1abcd', region: 'eu-west-1' });
    const outputs = synthObject(stack).output!;
    // THEN
    expect(Object.keys(outputs).sort()).toEqual([
      'cluster_a_access_key_id', 'cluster_a_bucket_name', 'cluster_a_region', 'cluster_a_secret_access_key',
    ]);
    expect(outputs.cluster_a_secret_access_key).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.secret\}$/) });
    // The key id names the credential: sensitive too.
    expect(outputs.cluster_a_access_key_id).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.id\}$/) });
  });

  test('GIVEN static credentials with Secrets Manager THEN no output carries the secret key', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', {
      infrastructureName: 'classic-1abcd', region: 'eu-west-1', secretsManagerSecretName: 'openshift/classic/registry',
    });
    const outputs = synthObject(stack).output!;
    expect(Object.keys(outputs).sort()).toEqual(['registry_access_key_id', 'registry_bucket_name', 'registry_region', 'registry_secret_name']);
    expect(storage.handoff.secretsManagerSecretName).toBe('openshift/classic/registry');
  });

  test('GIVEN outputs: false THEN no output', () => {
    const stack = newStack();
    new RegistryAwsStorage(stack, 'Registry', { infrastructureName: 'classic-1abcd', region: 'eu-west-1', outputs: false });
    expect(synthObject(stack).output).toBeUndefined();
  });

  test('GIVEN several bad inputs WHEN constructed THEN one ValidationError reports each once, at the storage construct', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const error = expectValidationError(() => new RegistryAwsStorage(stack, 'Registry', {
      region: 'eu-west-1',
      bucketName: 'Registry_Bucket',
      credentialsMode: 'sts',
      accountId: '123456789012',
      roleName: 'r'.repeat(70),
      secretsManagerSecretName: 'not-with-sts',
      encryption: 'KMS' as never,
      partition: 'azure',
    }));
    // THEN
    expect(error.message).toContain('[stack/Registry] RegistryAwsStorage bucketName: bucket name "Registry_Bucket"');
    expect(error.message).toContain('[stack/Registry] RegistryAwsStorage oidcIssuer:');
    expect(error.message).toContain('[stack/Registry] RegistryAwsStorage roleName:');
    expect(error.message).toContain('[stack/Registry] RegistryAwsStorage secretsManagerSecretName:');
    expect(codesOf(error).sort()).toEqual([
      'aws-partition', 'iam-name-length', 'oidc-missing', 's3-bucket-name-characters', 's3-encryption', 'static-input-with-sts',
    ]);
    // Nothing half-built stays in the tree.
    expect(stack.node.tryFindChild('Registry')).toBeUndefined();
  });

  test('GIVEN a bad account id for a role and a created key THEN it is reported once, though the bucket and the role both use it', () => {
    const error = expectValidationError(() => new RegistryAwsStorage(newStack(), 'Registry', { ...STS, accountId: '123' }));
    expect(error.findings.map((finding) => `${finding.code} ${finding.path}`)).toEqual(['aws-account-id accountId']);
  });

  test('GIVEN a KMS key to create but no account id THEN refused, because the key policy and the Kubernetes side need it', () => {
    const error = expectValidationError(() => new RegistryAwsStorage(newStack(), 'Registry', { infrastructureName: 'x', region: 'eu-west-1', encryption: 'aws:kms' }));
    expect(codesOf(error)).toEqual(['kms-key-account-id-missing']);
  });

  test.each([
    ['userName with sts', { ...STS, userName: 'u' }, 'static-input-with-sts', 'userName'],
    ['roleName with static', { infrastructureName: 'x', region: 'eu-west-1', roleName: 'r' }, 'sts-input-with-static', 'roleName'],
    ['outputPrefix "1bad"', { infrastructureName: 'x', region: 'eu-west-1', outputPrefix: '1bad' }, 'aws-output-prefix', 'outputPrefix'],
    ['credentialsMode "STS"', { infrastructureName: 'x', region: 'eu-west-1', credentialsMode: 'STS' as never }, 'aws-credentials-mode', 'credentialsMode'],
    ['additional statement with iam:*', { ...STS, additionalStatements: [{ Effect: 'Allow' as const, Action: ['iam:*'], Resource: ['arn:aws:iam::*:role/*'] }] }, 'iam-policy-identity-action', 'additionalStatements[0].Action[0]'],
    ['a KMS statement on a literal key while the stack creates the key', { ...STS, additionalStatements: [{ Effect: 'Allow' as const, Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:eu-west-1:123456789012:key/abc'] }] }, 'iam-policy-kms-outside-key', 'additionalStatements[0].Resource[0]'],
  ])('GIVEN %s THEN refused, naming the field', (_, props, code, path) => {
    const error = expectValidationError(() => new RegistryAwsStorage(newStack(), 'Registry', props));
    expect(codesOf(error)).toContain(code);
    expect(error.findings.find((finding) => finding.code === code)).toMatchObject({ object: 'RegistryAwsStorage', path });
  });

  test('GIVEN a bucket name off the ROSA HCP pattern THEN the warning is reported once, by the bucket', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', { bucketName: 'corp-registry-blobs', region: 'eu-west-1' });
    const warnings = storage.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
    expect(warnings).toEqual([expect.stringContaining('RegistryBucket bucketName:')]);
    expect(warnings[0]).toContain('(rosa-hcp-bucket-pattern)');
  });

  test('THEN the construct ids are stable', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', STS);
    expect(storage.node.children.map((c) => c.node.id)).toEqual([
      'Bucket', 'Role', 'BucketNameOutput', 'RegionOutput', 'KmsKeyIdOutput', 'RoleArnOutput',
    ]);
  });

  test('GIVEN the docs example fed from a variable and data sources WHEN synthesized THEN the names and trust are Terraform expressions of them', () => {
    // GIVEN
    const stack = new LookupsStack(Testing.app(), 'lookups');
    // WHEN
    const json = synthObject(stack);
    // THEN
    const bucket = onlyResource(json, 'aws_s3_bucket');
    expect(bucket.bucket).toMatch(/^\$\{replace\(substr\(replace\(lower\(format\("%s-image-registry-%s", var\.infrastructure_name, data\.aws_region\.Region\.name\)\)/);
    const trust = parsedPolicy(onlyResource(json, 'aws_iam_role'), 'assume_role_policy').Statement[0];
    expect(trust.Principal).toEqual({ Federated: '${data.aws_iam_openid_connect_provider.Oidc.arn}' });
    expect(JSON.stringify(trust.Condition)).toContain('try(split(\\"oidc-provider/\\", data.aws_iam_openid_connect_provider.Oidc.arn).1, \\"\\")');
    expect(onlyResource(json, 'aws_kms_key').deletion_window_in_days).toBe('${var.kms_key_deletion_window_in_days}');
    // Checks on values only Terraform knows are preconditions of the resources.
    expect(preconditionsOf(json, 'aws_s3_bucket').map((precondition) => precondition.error_message)).toEqual(expect.arrayContaining([
      expect.stringContaining('[lookups/Registry/Bucket] RegistryBucket region: region ${jsonencode(data.aws_region.Region.name)} is not an AWS region code. (aws-region)'),
    ]));
    expect(preconditionsOf(json, 'aws_iam_role').map((precondition) => precondition.error_message)).toEqual(expect.arrayContaining([
      expect.stringContaining('RegistryWebIdentityRole oidcProviderArn: OIDC provider ARN ${jsonencode(data.aws_iam_openid_connect_provider.Oidc.arn)} is not of the form'),
    ]));
  });
});

describe('RegistryAwsStorage fed from Terraform variables', () => {
  const variable = (stack: TerraformStack, name: string, type = 'string') => new TerraformVariable(stack, name, { type });

  test.each<[string, string, (stack: TerraformStack) => Partial<RegistryAwsStorageProps>]>([
    ['region', 'aws-region', (stack) => ({ region: variable(stack, 'region').stringValue })],
    ['userName', 'iam-name-characters', (stack) => ({ userName: variable(stack, 'user').stringValue })],
    ['roleName', 'iam-name-characters', (stack) => ({ ...STS, encryption: undefined, roleName: variable(stack, 'role').stringValue })],
    ['accountId', 'aws-account-id', (stack) => ({ ...STS, accountId: variable(stack, 'account').stringValue })],
    ['oidcIssuer', 'oidc-issuer-format', (stack) => ({ ...STS, oidcIssuer: variable(stack, 'issuer').stringValue })],
    ['oidcProviderArn', 'oidc-provider-arn', (stack) => ({ ...STS, oidcIssuer: undefined, oidcProviderArn: variable(stack, 'provider').stringValue })],
    ['secretsManagerSecretName', 'secrets-manager-name', (stack) => ({ secretsManagerSecretName: variable(stack, 'secret').stringValue })],
    ['kmsKeyDeletionWindowInDays', 'kms-deletion-window', (stack) => ({ ...STS, kmsKeyDeletionWindowInDays: variable(stack, 'window', 'number').numberValue })],
    ['infrastructureName', 'aws-infrastructure-name', (stack) => ({ infrastructureName: variable(stack, 'infra').stringValue })],
    ['partition', 'aws-partition', (stack) => ({ partition: variable(stack, 'partition').stringValue })],
  ])('GIVEN %s from a variable WHEN constructed THEN accepted, and its check is a precondition with the same rule', (field, code, props) => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RegistryAwsStorage(stack, 'Registry', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', ...props(stack) } as RegistryAwsStorageProps);
    const json = synthObject(stack);
    // THEN
    const messages = [...preconditionsOf(json, 'aws_s3_bucket'), ...preconditionsOf(json, 'aws_iam_user'), ...preconditionsOf(json, 'aws_iam_role')]
      .map((precondition) => precondition.error_message);
    expect(messages.filter((message) => message.includes(` ${field}: `) && message.includes(`(${code})`))).not.toEqual([]);
    // Numbers stay numbers: the variable, never a number read out of the token's encoding.
    expect(JSON.stringify(json)).not.toMatch(/e\+2[0-9]{2}|e\+3[0-9]{2}/);
  });

  test('GIVEN a bucket name from a variable and a key to create THEN the alias is a Terraform expression of the variable (no broken token)', () => {
    const stack = newStack();
    const storage = new RegistryAwsStorage(stack, 'Registry', { region: 'eu-west-1', bucketName: variable(stack, 'bucket').stringValue, accountId: '111122223333', encryption: 'aws:kms' });
    const json = synthObject(stack);
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('${format("alias/%s", replace(var.bucket, ".", "-"))}');
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('${var.bucket}');
    expect(storage.handoff.bucket).toBe(storage.bucket.bucketName);
  });

  test('GIVEN an infrastructure name from a variable THEN the bucket name lower-cases it in Terraform, never in JavaScript', () => {
    const stack = newStack();
    new RegistryAwsStorage(stack, 'Registry', { region: 'eu-west-1', infrastructureName: variable(stack, 'infra').stringValue });
    const json = synthObject(stack);
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('${replace(substr(replace(lower(format("%s-image-registry-%s", var.infra, "eu-west-1")), "/-{2,}/", "-"), 0, 62), "/-$/", "s")}');
    expect(JSON.stringify(json)).not.toMatch(/tftoken/);
  });
});
