import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Testing } from 'cdktf';
import {
  REGISTRY_BUCKET_ACTIONS,
  REGISTRY_KMS_ACTIONS,
  REGISTRY_MANAGED_BUCKET_ACTIONS,
  REGISTRY_OBJECT_ACTIONS,
  RegistryBucket,
  RegistryIamUser,
  RegistryWebIdentityRole,
} from '../../src/aws';
import { identityStatements, newStack, onlyResource, parsedPolicy, synthError, synthObject } from './helpers';

Testing.setupJest();

const ISSUER = 'oidc.op1.openshiftapps.com/2abc';
const BUCKET_ARN = 'arn:aws:s3:::prod-x7k2p-image-registry-eu-west-1';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function bucketIn(stack: ReturnType<typeof newStack>, kmsKeyArn?: string): RegistryBucket {
  return new RegistryBucket(stack, 'Bucket', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn });
}

describe('RegistryWebIdentityRole', () => {
  test('GIVEN an issuer with https:// WHEN synthesized THEN the trust names the provider and exactly the two service accounts', () => {
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
    expect(Object.keys((trust.Statement[0].Condition as { StringEquals: object }).StringEquals)).toEqual([`${ISSUER}:sub`]);
  });

  test('THEN the role policy is scoped to the bucket ARN and its objects, with the Unmanaged action set', () => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', { bucket: bucketIn(stack), oidcIssuer: ISSUER, accountId: '123456789012' });
    expect(identityStatements(synthObject(stack))).toEqual([
      { Effect: 'Allow', Action: [...REGISTRY_BUCKET_ACTIONS], Resource: [BUCKET_ARN] },
      { Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${BUCKET_ARN}/*`] },
    ]);
  });

  test('GIVEN a KMS key and storage Managed THEN KMS actions on the key and the operator actions, still on the bucket only', () => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', {
      bucket: bucketIn(stack, KEY_ARN), oidcIssuer: ISSUER, accountId: '123456789012', storageManagementState: 'Managed',
    });
    expect(identityStatements(synthObject(stack))).toEqual([
      { Effect: 'Allow', Action: [...REGISTRY_BUCKET_ACTIONS, ...REGISTRY_MANAGED_BUCKET_ACTIONS], Resource: [BUCKET_ARN] },
      { Effect: 'Allow', Action: [...REGISTRY_OBJECT_ACTIONS], Resource: [`${BUCKET_ARN}/*`] },
      { Effect: 'Allow', Action: [...REGISTRY_KMS_ACTIONS], Resource: [KEY_ARN] },
    ]);
  });

  test.each([
    ['no OIDC input at all', {}, 'oidc-missing'],
    ['an issuer without an account', { oidcIssuer: ISSUER }, 'account-id-missing'],
    ['an http:// issuer', { oidcIssuer: `http://${ISSUER}`, accountId: '123456789012' }, 'oidc-issuer-format'],
    ['a malformed provider ARN', { oidcProviderArn: 'oidc.op1.openshiftapps.com/2abc' }, 'oidc-provider-arn'],
    ['a role name over 64 characters', { oidcIssuer: ISSUER, accountId: '123456789012', roleName: 'r'.repeat(65) }, 'iam-name-length'],
    ['an account id of 11 digits', { oidcIssuer: ISSUER, accountId: '12345678901' }, 'aws-account-id'],
  ])('GIVEN %s WHEN synthesized THEN it is refused with a clear error', (_, props, code) => {
    const stack = newStack();
    new RegistryWebIdentityRole(stack, 'Role', { bucket: bucketIn(stack), ...props });
    const message = synthError(stack);
    expect(message).toContain('[stack/Role]');
    expect(message).toContain(code);
    expect(message).toContain('Fix:');
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

  test('GIVEN extra statements scoped to the bucket, or denying THEN they are accepted', () => {
    const stack = newStack();
    new RegistryIamUser(stack, 'User', {
      bucket: bucketIn(stack),
      additionalStatements: [
        { Effect: 'Allow', Action: ['s3:GetObjectVersion'], Resource: [`${BUCKET_ARN}/docker/*`] },
        { Effect: 'Deny', Action: ['s3:*'], Resource: ['*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    expect(synthError(stack)).toBeUndefined();
    expect(identityStatements(synthObject(stack))).toHaveLength(4);
  });

  test.each([
    ['s3:* on the bucket', { Effect: 'Allow' as const, Action: ['s3:*'], Resource: [BUCKET_ARN] }, 'policy-wildcard-action'],
    ['s3:Put* on the bucket', { Effect: 'Allow' as const, Action: ['s3:Put*'], Resource: [BUCKET_ARN] }, 'policy-wildcard-action'],
    ['GetObject on every resource', { Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['*'] }, 'policy-wildcard-resource'],
    ['GetObject on another bucket', { Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::other/*'] }, 'policy-s3-resource-outside-bucket'],
    ['GetObject on a look-alike bucket', { Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: [`${BUCKET_ARN}-copy/*`] }, 'policy-s3-resource-outside-bucket'],
    ['kms:Decrypt on every key', { Effect: 'Allow' as const, Action: ['kms:Decrypt'], Resource: ['*'] }, 'policy-wildcard-resource'],
    ['everything', { Effect: 'Allow' as const, Action: ['*'], Resource: [BUCKET_ARN] }, 'policy-wildcard-action'],
  ])('GIVEN an extra statement allowing %s WHEN synthesized THEN it is refused', (_, statement, code) => {
    const stack = newStack();
    new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack), additionalStatements: [statement] });
    const message = synthError(stack);
    expect(message).toContain('[stack/User]');
    expect(message).toContain(code);
    expect(message).toContain('additionalStatements[0]');
  });

  test('GIVEN an extra statement with NotAction THEN it is refused', () => {
    const stack = newStack();
    const statement = { Effect: 'Allow', NotAction: ['iam:*'], Action: [], Resource: [BUCKET_ARN] } as unknown as
      { Effect: 'Allow'; Action: string[]; Resource: string[] };
    new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack), additionalStatements: [statement] });
    expect(synthError(stack)).toContain('policy-statement-unscoped');
  });

  test('GIVEN an invalid user name THEN it is refused', () => {
    const stack = newStack();
    new RegistryIamUser(stack, 'User', { bucket: bucketIn(stack), userName: 'registry user' });
    expect(synthError(stack)).toContain('iam-name-characters');
  });
});
