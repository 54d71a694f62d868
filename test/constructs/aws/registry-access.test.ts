import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Fn, Testing } from 'cdktf';
import {
  REGISTRY_BUCKET_ACTIONS,
  REGISTRY_KMS_ACTIONS,
  REGISTRY_MANAGED_BUCKET_ACTIONS,
  REGISTRY_OBJECT_ACTIONS,
  registryAccessPolicyDocument,
  RegistryBucket,
  RegistryIamUser,
  RegistryWebIdentityRole,
} from '../../../src/aws';
import { identityStatements, newStack, onlyResource, parsedPolicy, synthObject } from '../../support/terraform-json';
import { codesOf, expectValidationError } from '../../support/findings';

Testing.setupJest();

const ISSUER = 'oidc.op1.openshiftapps.com/2abc';
const BUCKET_ARN = 'arn:aws:s3:::prod-x7k2p-image-registry-eu-west-1';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function bucketIn(stack: ReturnType<typeof newStack>, kmsKeyArn?: string): RegistryBucket {
  return new RegistryBucket(stack, 'Bucket', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn });
}

describe('RegistryWebIdentityRole', () => {
  test('GIVEN an issuer with https:// WHEN synthesized THEN the trust names the provider, exactly the two service accounts and the audience openshift', () => {
    // GIVEN
    const stack = newStack();
    const role = new RegistryWebIdentityRole(stack, 'Role', {
      bucket: bucketIn(stack), oidcIssuer: `https://${ISSUER}/`, accountId: '123456789012',
    });
    // WHEN
    const trust = parsedPolicy(onlyResource(synthObject(stack), 'aws_iam_role'), 'assume_role_policy');
    // THEN
    expect(trust.Statement).toEqual([{
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${ISSUER}:sub`]: [
            'system:serviceaccount:openshift-image-registry:cluster-image-registry-operator',
            'system:serviceaccount:openshift-image-registry:registry',
          ],
          [`${ISSUER}:aud`]: 'openshift',
        },
      },
    }]);
    expect(role.roleArn).toBe('arn:aws:iam::123456789012:role/prod-x7k2p-openshift-image-registry-installer-cloud-credentials');
  });

  test('GIVEN a provider ARN only THEN the issuer for the condition key comes from it', () => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', {
      bucket: bucketIn(stack), oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`, roleName: 'registry-role',
    });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'registry-role' });
    const trust = parsedPolicy(onlyResource(JSON.parse(synthesized), 'aws_iam_role'), 'assume_role_policy');
    expect(Object.keys((trust.Statement[0].Condition as { StringEquals: object }).StringEquals)).toEqual([`${ISSUER}:sub`, `${ISSUER}:aud`]);
  });

  test('THEN the role policy is scoped to the bucket ARN and its objects, with the Unmanaged action set (no PutBucketTagging)', () => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', { bucket: bucketIn(stack), oidcIssuer: ISSUER, accountId: '123456789012' });
    const statements = identityStatements(synthObject(stack));
    expect(statements).toEqual([
      { Effect: 'Allow', Action: [...REGISTRY_BUCKET_ACTIONS], Resource: [BUCKET_ARN] },
      { Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${BUCKET_ARN}/*`] },
    ]);
    expect(statements.flatMap((statement) => statement.Action)).not.toContain('s3:PutBucketTagging');
  });

  test('GIVEN a KMS key and storage Managed THEN exactly GenerateDataKey and Decrypt on the key through S3 of its region, and the operator actions on the bucket only', () => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', {
      bucket: bucketIn(stack, KEY_ARN), oidcIssuer: ISSUER, accountId: '123456789012', storageManagementState: 'Managed',
    });
    const json = synthObject(stack);
    expect(identityStatements(json)).toEqual([
      { Effect: 'Allow', Action: [...REGISTRY_BUCKET_ACTIONS, ...REGISTRY_MANAGED_BUCKET_ACTIONS], Resource: [BUCKET_ARN] },
      { Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${BUCKET_ARN}/*`] },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [KEY_ARN] },
    ]);
    expect(REGISTRY_KMS_ACTIONS).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(REGISTRY_MANAGED_BUCKET_ACTIONS).toContain('s3:PutBucketTagging');
    const kms = parsedPolicy(onlyResource(json, 'aws_iam_role_policy'), 'policy').Statement[2];
    expect(kms.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
  });

  test.each([
    ['no OIDC input at all', {}, 'oidc-missing', 'oidcIssuer'],
    ['an issuer without an account', { oidcIssuer: ISSUER }, 'aws-account-id-missing', 'accountId'],
    ['an http:// issuer', { oidcIssuer: `http://${ISSUER}`, accountId: '123456789012' }, 'oidc-issuer-format', 'oidcIssuer'],
    ['a malformed provider ARN', { oidcProviderArn: 'oidc.op1.openshiftapps.com/2abc' }, 'oidc-provider-arn', 'oidcProviderArn'],
    ['a role name over 64 characters', { oidcIssuer: ISSUER, accountId: '123456789012', roleName: 'r'.repeat(65) }, 'iam-name-length', 'roleName'],
    ['an account id of 11 digits', { oidcIssuer: ISSUER, accountId: '12345678901' }, 'aws-account-id', 'accountId'],
    ['an account id "123"', { oidcIssuer: ISSUER, accountId: '123' }, 'aws-account-id', 'accountId'],
    ['a permissions boundary that is not an ARN', { oidcIssuer: ISSUER, accountId: '123456789012', permissionsBoundary: 'not-an-arn' }, 'iam-permissions-boundary-arn', 'permissionsBoundary'],
    ['a role name given as a number', { oidcIssuer: ISSUER, accountId: '123456789012', roleName: 42 as never }, 'aws-input-type', 'roleName'],
  ])('GIVEN %s WHEN constructed THEN it is refused with a clear error naming the field', (_, props, code, path) => {
    const stack = newStack();
    const bucket = bucketIn(stack);
    const error = expectValidationError(() => new RegistryWebIdentityRole(stack, 'Role', { bucket, ...props }));
    expect(codesOf(error)).toEqual([code]);
    expect(error.findings[0].path).toBe(path);
    expect(error.message).toContain(`[stack/Role] RegistryWebIdentityRole ${path}:`);
    expect(error.message).toContain('Fix:');
  });

  test('GIVEN a valid permissions boundary THEN the role carries it', () => {
    const stack = newStack();
    const boundary = 'arn:aws:iam::123456789012:policy/boundaries/registry';
    new RegistryWebIdentityRole(stack, 'Role', { bucket: bucketIn(stack), oidcIssuer: ISSUER, accountId: '123456789012', permissionsBoundary: boundary });
    expect(onlyResource(synthObject(stack), 'aws_iam_role').permissions_boundary).toBe(boundary);
  });
});

describe('RegistryIamUser', () => {
  test('GIVEN defaults THEN a user, an access key and the scoped inline policy', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const user = new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack) });
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamUser, { name: 'prod-x7k2p-openshift-image-registry' });
    expect(synthesized).toHaveResource(IamAccessKey);
    expect(synthesized).not.toHaveResource(SecretsmanagerSecret);
    expect(identityStatements(JSON.parse(synthesized))).toEqual([
      { Effect: 'Allow', Action: [...REGISTRY_BUCKET_ACTIONS], Resource: [BUCKET_ARN] },
      { Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${BUCKET_ARN}/*`] },
    ]);
    expect(user.node.children.map((c) => c.node.id)).toEqual(['Resource', 'Policy', 'AccessKey']);
  });

  test('GIVEN a Secrets Manager secret name THEN the key is stored there as the JSON the operator secret uses', () => {
    const stack = newStack();
    new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack), secretsManagerSecretName: 'openshift/prod/registry-s3' });
    const json = synthObject(stack);
    expect(onlyResource(json, 'aws_secretsmanager_secret')).toMatchObject({ name: 'openshift/prod/registry-s3' });
    const version = onlyResource(json, 'aws_secretsmanager_secret_version');
    expect(version.secret_string).toMatch(/^\$\{jsonencode\(\{"REGISTRY_STORAGE_S3_ACCESSKEY" = aws_iam_access_key\.[^.]+\.id, "REGISTRY_STORAGE_S3_SECRETKEY" = aws_iam_access_key\.[^.]+\.secret\}\)\}$/);
  });

  test('GIVEN extra statements scoped to the bucket (also through its resource attribute), or denying THEN they are accepted', () => {
    const stack = newStack();
    const bucket = bucketIn(stack, KEY_ARN);
    new RegistryIamUser(stack, 'User', {
      bucket,
      additionalStatements: [
        { Effect: 'Allow', Action: ['s3:GetObjectVersion'], Resource: [`${BUCKET_ARN}/docker/*`] },
        { Effect: 'Allow', Action: ['s3:GetObjectVersion'], Resource: [`${bucket.bucket.arn}/*`, bucket.bucketArn] },
        { Effect: 'Allow', Action: ['kms:DescribeKey'], Resource: [KEY_ARN] },
        { Effect: 'Deny', Action: ['s3:*'], Resource: ['*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    const json = synthObject(stack);
    // The resource attribute makes the document a Terraform expression; it still holds all seven statements.
    const policy = onlyResource(json, 'aws_iam_user_policy').policy as string;
    expect(policy).toMatch(/^\$\{jsonencode\(/);
    expect(policy.match(/"Effect" = /g)).toHaveLength(7);
    // Accepted at synth: nothing is left for Terraform to check.
    expect(onlyResource(json, 'aws_iam_user').lifecycle).toBeUndefined();
  });

  const allow = (Action: string[], Resource: string[]) => ({ Effect: 'Allow' as const, Action, Resource });
  test.each([
    ['s3:* on the bucket', allow(['s3:*'], [BUCKET_ARN]), 'iam-policy-wildcard-action', 'Action[0]'],
    ['s3:Put* on the bucket', allow(['s3:Put*'], [BUCKET_ARN]), 'iam-policy-wildcard-action', 'Action[0]'],
    ['ec2:Describe* on an instance', allow(['ec2:Describe*'], ['arn:aws:ec2:eu-west-1:123456789012:instance/i-1']), 'iam-policy-wildcard-action', 'Action[0]'],
    ['GetObject on every resource', allow(['s3:GetObject'], ['*']), 'iam-policy-wildcard-resource', 'Resource[0]'],
    ['GetObject on another bucket', allow(['s3:GetObject'], ['arn:aws:s3:::other/*']), 'iam-policy-s3-outside-bucket', 'Resource[0]'],
    ['GetObject on a look-alike bucket', allow(['s3:GetObject'], [`${BUCKET_ARN}-copy/*`]), 'iam-policy-s3-outside-bucket', 'Resource[0]'],
    ['kms:Decrypt on every key', allow(['kms:Decrypt'], ['*']), 'iam-policy-wildcard-resource', 'Resource[0]'],
    ['kms:Decrypt on another key', allow(['kms:Decrypt'], [KEY_ARN.replace('1234abcd', 'ffffffff')]), 'iam-policy-kms-outside-key', 'Resource[0]'],
    ['kms:* on the key', allow(['kms:*'], [KEY_ARN]), 'iam-policy-wildcard-action', 'Action[0]'],
    ['everything', allow(['*'], [BUCKET_ARN]), 'iam-policy-wildcard-action', 'Action[0]'],
    ['iam:* on every role', allow(['iam:*'], ['arn:aws:iam::*:role/*']), 'iam-policy-identity-action', 'Action[0]'],
    ['iam:PassRole on a role', allow(['iam:PassRole'], ['arn:aws:iam::123456789012:role/admin']), 'iam-policy-identity-action', 'Action[0]'],
    ['sts:AssumeRole on a role', allow(['sts:AssumeRole'], ['arn:aws:iam::123456789012:role/admin']), 'iam-policy-identity-action', 'Action[0]'],
    ['s3:PutBucketPolicy on the bucket', allow(['s3:PutBucketPolicy'], [BUCKET_ARN]), 'iam-policy-bucket-control-action', 'Action[0]'],
    ['s3:PutBucketPublicAccessBlock on the bucket', allow(['s3:PutBucketPublicAccessBlock'], [BUCKET_ARN]), 'iam-policy-bucket-control-action', 'Action[0]'],
    ['s3:DeleteBucket on the bucket', allow(['s3:DeleteBucket'], [BUCKET_ARN]), 'iam-policy-bucket-control-action', 'Action[0]'],
  ])('GIVEN an extra statement allowing %s WHEN constructed THEN it is refused, naming the element', (_, statement, code, element) => {
    const stack = newStack();
    const bucket = bucketIn(stack, KEY_ARN);
    const error = expectValidationError(() => new RegistryIamUser(stack, 'User', { bucket, additionalStatements: [statement] }));
    expect(codesOf(error)).toContain(code);
    expect(error.findings.find((finding) => finding.code === code)!.path).toBe(`additionalStatements[0].${element}`);
    expect(error.message).toContain('[stack/User] RegistryIamUser additionalStatements[0]');
  });

  test('GIVEN KMS actions while the bucket has no key THEN refused, saying so', () => {
    const stack = newStack();
    const bucket = bucketIn(stack);
    const error = expectValidationError(() => new RegistryIamUser(stack, 'User', { bucket, additionalStatements: [allow(['kms:Decrypt'], [KEY_ARN])] }));
    expect(error.findings).toEqual([expect.objectContaining({ code: 'iam-policy-kms-outside-key', message: expect.stringContaining('has no KMS key') })]);
  });

  test.each([
    ['NotAction', { Effect: 'Allow', NotAction: ['iam:*'], Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }, 'iam-policy-statement-unscoped'],
    ['Principal', { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }, 'iam-policy-statement-unscoped'],
    ['an empty action list', { Effect: 'Allow', Action: [], Resource: [BUCKET_ARN] }, 'iam-policy-statement-empty'],
    ['a single action string', { Effect: 'Allow', Action: 's3:GetObject', Resource: [BUCKET_ARN] }, 'aws-input-type'],
    ['Effect "allow"', { Effect: 'allow', Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }, 'iam-policy-statement-shape'],
    ['an unknown field', { Effect: 'Allow', Actions: ['s3:GetObject'], Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }, 'iam-policy-statement-shape'],
    ['a number as action', { Effect: 'Allow', Action: [42], Resource: [BUCKET_ARN] }, 'aws-input-type'],
  ])('GIVEN an extra statement with %s THEN it is refused', (_, statement, code) => {
    const stack = newStack();
    const bucket = bucketIn(stack);
    const error = expectValidationError(() => new RegistryIamUser(stack, 'User', { bucket, additionalStatements: [statement as never] }));
    expect(codesOf(error)).toContain(code);
  });

  test.each([
    ['a user name with a space', { userName: 'registry user' }, 'iam-name-characters', 'userName'],
    ['a user name given as a number', { userName: 12345 as never }, 'aws-input-type', 'userName'],
    ['IAM path "x"', { path: 'x' }, 'iam-path', 'path'],
    ['IAM path "/a"', { path: '/a' }, 'iam-path', 'path'],
    ['a permissions boundary that is not an ARN', { permissionsBoundary: 'not-an-arn' }, 'iam-permissions-boundary-arn', 'permissionsBoundary'],
    ['a Secrets Manager name with a space', { secretsManagerSecretName: 'my secret' }, 'secrets-manager-name', 'secretsManagerSecretName'],
    ['a Secrets Manager key id that is no key', { secretsManagerSecretName: 's', secretsManagerKmsKeyId: 'my key' }, 'secrets-manager-kms-key-id', 'secretsManagerKmsKeyId'],
    ['storage management state "managed"', { storageManagementState: 'managed' as never }, 'aws-storage-management-state', 'storageManagementState'],
  ])('GIVEN %s THEN it is refused, naming the field', (_, props, code, path) => {
    const stack = newStack();
    const bucket = bucketIn(stack);
    const error = expectValidationError(() => new RegistryIamUser(stack, 'User', { bucket, ...props }));
    expect(codesOf(error)).toEqual([code]);
    expect(error.findings[0].path).toBe(path);
  });

  test('GIVEN an all-digit user name, a path and a boundary THEN IAM gets them as given', () => {
    const stack = newStack();
    new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack), userName: '123456', path: '/openshift/registry/', permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(onlyResource(synthObject(stack), 'aws_iam_user')).toMatchObject({ name: '123456', path: '/openshift/registry/', permissions_boundary: 'arn:aws:iam::aws:policy/PowerUserAccess' });
  });
});

describe('registryAccessPolicyDocument for a role ROSA created (docs/aws.md)', () => {
  test('GIVEN a bucket with a created key WHEN its policy is attached to the existing operator role THEN bucket, objects and key through S3 only', () => {
    // GIVEN
    const stack = newStack('us-east-2');
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'rosa-prod-4mq9z', region: 'us-east-2', encryption: 'aws:kms', accountId: '111122223333' });
    // WHEN
    new IamRolePolicy(stack, 'RegistryAccess', {
      role: 'rosa-prod-4mq9z-openshift-image-registry-installer-cloud-credentials',
      policy: Fn.jsonencode(registryAccessPolicyDocument({ bucketArn: bucket.bucketArn, kmsKeyArn: bucket.kmsKeyArn, kmsViaService: bucket.s3ServiceHost })),
    });
    // THEN
    const statements = parsedPolicy(onlyResource(synthObject(stack), 'aws_iam_role_policy'), 'policy').Statement;
    expect(statements.map((statement) => statement.Sid)).toEqual(['RegistryBucket', 'RegistryObjects', 'RegistryKms']);
    expect(statements[2]).toMatchObject({
      Resource: [expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/)],
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-2.amazonaws.com' } },
    });
  });
});

