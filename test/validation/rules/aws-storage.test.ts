// The rule module `aws-storage` at its own level, without cdktf: for every rule, an input that breaks it and the
// nearest input that does not (as eslint's RuleTester does), and the machinery the constructs rely on (literal
// checks, checks deferred to Terraform, patterns that mean the same in JavaScript and in Terraform).
import fc from 'fast-check';
import {
  AWS_PATTERNS,
  AwsChecks,
  AwsStorageRules,
  awsStorageRulesModule,
  checkRegistryBucket,
  checkRegistryIamUser,
  checkRegistryStorage,
  checkRegistryWebIdentityRole,
  evaluateAwsExpr,
  REGISTRY_AWS_STORAGE_FIELDS,
  REGISTRY_STORAGE_INPUT_FIELDS,
  showValue,
} from '../../../src/validation/rules/aws-storage';
import { DEFAULT_RULE_MODULES } from '../../../src/validation/rules';
import { ruleCatalog } from '../../../src/validation';

type Target = 'storage' | 'inputs' | 'bucket' | 'user' | 'role';

const BUCKET_ARN = 'arn:aws:s3:::prod-x7k2p-image-registry-eu-west-1';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FACTS = { bucketName: 'prod-x7k2p-image-registry-eu-west-1', bucketArn: BUCKET_ARN, partition: 'aws', region: 'eu-west-1', infrastructureName: 'prod-x7k2p', kmsKeyArn: KEY_ARN };
const BASE: Record<Target, object> = {
  storage: { infrastructureName: 'prod-x7k2p', region: 'eu-west-1' },
  inputs: { infrastructureName: 'prod-x7k2p', region: 'eu-west-1' },
  bucket: { infrastructureName: 'prod-x7k2p', region: 'eu-west-1' },
  user: { bucket: FACTS },
  role: { bucket: FACTS, oidcIssuer: 'oidc.op1.openshiftapps.com/2abc', accountId: '111122223333' },
};
const STS = { credentialsMode: 'sts', accountId: '111122223333', oidcIssuer: 'oidc.op1.openshiftapps.com/2abc' };
const allow = (Action: unknown, Resource: unknown) => [{ Effect: 'Allow', Action, Resource }];

/** Runs the checks of one target with values only Terraform knows accepted (as the constructs run them). */
function run(target: Target, props: object, acceptUnresolved = true): AwsChecks {
  const checks = new AwsChecks({ object: 'Test', acceptUnresolved: target === 'inputs' ? false : acceptUnresolved });
  const input = { ...BASE[target], ...props };
  switch (target) {
    case 'storage': checkRegistryStorage(checks, input, REGISTRY_AWS_STORAGE_FIELDS); break;
    case 'inputs': checkRegistryStorage(checks, input, REGISTRY_STORAGE_INPUT_FIELDS); break;
    case 'bucket': checkRegistryBucket(checks, input); break;
    case 'user': checkRegistryIamUser(checks, input); break;
    case 'role': checkRegistryWebIdentityRole(checks, input); break;
  }
  return checks;
}

/** code, target, an input that breaks the rule, the nearest input that does not. */
const CASES: Array<[string, Target, object, object]> = [
  ['aws-input-type', 'bucket', { region: 42 }, { region: 'eu-west-1' }],
  ['aws-input-missing', 'user', { bucket: undefined, ...{} }, {}],
  ['aws-input-unresolved', 'inputs', { bucketName: '${var.bucket}' }, { bucketName: 'corp-image-registry-eu-west-1' }],
  ['aws-input-token-structural', 'bucket', { encryption: '${var.encryption}' }, { encryption: 'aws:kms', accountId: '111122223333' }],
  ['aws-partition', 'bucket', { partition: 'azure' }, { partition: 'aws' }],
  ['aws-region', 'bucket', { region: 'Europe' }, { region: 'eu-central-1' }],
  ['aws-region-partition', 'bucket', { region: 'cn-north-1' }, { region: 'cn-north-1', partition: 'aws-cn' }],
  ['aws-account-id', 'role', { accountId: '123' }, { accountId: '000011112222' }],
  ['aws-account-id-missing', 'role', { accountId: undefined }, { accountId: '111122223333' }],
  ['aws-infrastructure-name', 'bucket', { infrastructureName: 'prod_x', bucketName: 'prod-image-registry-eu-west-1' }, { infrastructureName: 'prod-x', bucketName: 'prod-image-registry-eu-west-1' }],
  ['aws-credentials-mode', 'storage', { credentialsMode: 'STS' }, { credentialsMode: 'static' }],
  ['aws-storage-management-state', 'user', { storageManagementState: 'managed' }, { storageManagementState: 'Managed' }],
  ['sts-input-with-static', 'storage', { roleName: 'r' }, { ...STS, roleName: 'r' }],
  ['static-input-with-sts', 'storage', { ...STS, userName: 'u' }, { userName: 'u' }],
  ['s3-bucket-name-missing', 'bucket', { infrastructureName: undefined }, { infrastructureName: undefined, bucketName: 'corp-image-registry-eu-west-1' }],
  ['s3-bucket-name-length', 'bucket', { bucketName: 'ab' }, { bucketName: 'abc-image-registry-eu-west-1' }],
  ['s3-bucket-name-characters', 'bucket', { bucketName: 'Corp-image-registry-eu-west-1' }, { bucketName: 'corp-image-registry-eu-west-1' }],
  ['s3-bucket-name-edges', 'bucket', { bucketName: 'corp-image-registry-eu-west-1-' }, { bucketName: 'corp-image-registry-eu-west-1-a' }],
  ['s3-bucket-name-adjacent-dots', 'bucket', { bucketName: 'corp..x-image-registry-eu-west-1' }, { bucketName: 'corp.x-image-registry-eu-west-1' }],
  ['s3-bucket-name-ip-address', 'bucket', { bucketName: '192.168.10.20' }, { bucketName: '192.168.10.20a-image-registry-eu-west-1' }],
  ['s3-bucket-name-reserved-prefix', 'bucket', { bucketName: 'xn--image-registry-eu-west-1' }, { bucketName: 'xn-image-registry-eu-west-1' }],
  ['s3-bucket-name-reserved-suffix', 'bucket', { bucketName: 'corp-image-registry-eu-west-1-s3alias' }, { bucketName: 'corp-image-registry-eu-west-1-alias' }],
  ['rosa-hcp-bucket-pattern', 'bucket', { bucketName: 'corp-registry-blobs' }, { bucketName: 'corp-image-registry-eu-west-1' }],
  ['s3-encryption', 'bucket', { encryption: 'aws:KMS', accountId: '111122223333' }, { encryption: 'aws:kms', accountId: '111122223333' }],
  ['s3-encryption-key-with-aes256', 'bucket', { encryption: 'AES256', kmsKeyArn: KEY_ARN }, { encryption: 'aws:kms', kmsKeyArn: KEY_ARN }],
  ['s3-object-ownership', 'bucket', { objectOwnership: 'bucketownerenforced' }, { objectOwnership: 'BucketOwnerEnforced' }],
  ['s3-noncurrent-version-days', 'bucket', { versioning: true, noncurrentVersionExpirationDays: 0 }, { versioning: true, noncurrentVersionExpirationDays: 1 }],
  ['s3-access-log-bucket', 'bucket', { accessLogging: { bucketName: 'prod-x7k2p-image-registry-eu-west-1' } }, { accessLogging: { bucketName: 'prod-x7k2p-access-logs' } }],
  ['s3-minimum-tls-version', 'bucket', { minimumTlsVersion: '1.1' }, { minimumTlsVersion: '1.3' }],
  ['kms-key-arn', 'bucket', { kmsKeyArn: 'key/1234' }, { kmsKeyArn: KEY_ARN }],
  ['kms-key-arn-alias', 'bucket', { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/registry' }, { kmsKeyArn: KEY_ARN }],
  ['kms-key-arn-partition', 'bucket', { kmsKeyArn: KEY_ARN.replace('arn:aws:', 'arn:aws-us-gov:') }, { kmsKeyArn: KEY_ARN }],
  ['kms-key-arn-region', 'bucket', { kmsKeyArn: KEY_ARN.replace('eu-west-1', 'eu-west-2') }, { kmsKeyArn: KEY_ARN }],
  ['kms-key-account-id-missing', 'bucket', { encryption: 'aws:kms' }, { encryption: 'aws:kms', accountId: '111122223333' }],
  ['kms-deletion-window', 'bucket', { kmsKeyDeletionWindowInDays: 6 }, { kmsKeyDeletionWindowInDays: 7 }],
  ['oidc-missing', 'role', { oidcIssuer: undefined }, { oidcIssuer: undefined, oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }],
  ['oidc-issuer-format', 'role', { oidcIssuer: 'http://oidc.op1.openshiftapps.com/2abc' }, { oidcIssuer: 'https://oidc.op1.openshiftapps.com/2abc/' }],
  ['oidc-provider-arn', 'role', { oidcProviderArn: 'oidc.op1.openshiftapps.com/2abc' }, { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }],
  ['oidc-provider-arn-partition', 'role', { oidcProviderArn: 'arn:aws-cn:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }, { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }],
  ['oidc-provider-arn-account', 'role', { oidcProviderArn: 'arn:aws:iam::999999999999:oidc-provider/oidc.op1.openshiftapps.com/2abc' }, { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }],
  ['oidc-provider-arn-issuer', 'role', { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.example.com/other' }, { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2abc' }],
  ['iam-name-length', 'role', { roleName: 'r'.repeat(65) }, { roleName: 'r'.repeat(64) }],
  ['iam-name-characters', 'user', { userName: 'registry user' }, { userName: 'registry_user+1=a,b.c@d-e' }],
  ['iam-path', 'user', { path: 'x' }, { path: '/x/' }],
  ['iam-permissions-boundary-arn', 'user', { permissionsBoundary: 'not-an-arn' }, { permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }],
  ['secrets-manager-name', 'user', { secretsManagerSecretName: 'a b' }, { secretsManagerSecretName: 'a/b' }],
  ['secrets-manager-kms-key-id', 'user', { secretsManagerKmsKeyId: 'my key' }, { secretsManagerKmsKeyId: 'alias/my-key' }],
  ['aws-output-prefix', 'storage', { outputPrefix: 'registry output' }, { outputPrefix: 'registry_output' }],
  ['iam-policy-statement-shape', 'user', { additionalStatements: [{ Effect: 'Permit', Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }] }, { additionalStatements: allow(['s3:GetObject'], [BUCKET_ARN]) }],
  ['iam-policy-statement-unscoped', 'user', { additionalStatements: [{ Effect: 'Allow', NotAction: ['iam:*'], Action: ['s3:GetObject'], Resource: [BUCKET_ARN] }] }, { additionalStatements: allow(['s3:GetObject'], [BUCKET_ARN]) }],
  ['iam-policy-statement-empty', 'user', { additionalStatements: allow([], [BUCKET_ARN]) }, { additionalStatements: allow(['s3:GetObject'], [BUCKET_ARN]) }],
  ['iam-policy-wildcard-action', 'user', { additionalStatements: allow(['s3:Get*'], [BUCKET_ARN]) }, { additionalStatements: allow(['s3:GetObject'], [BUCKET_ARN]) }],
  ['iam-policy-wildcard-resource', 'user', { additionalStatements: allow(['ecr:GetAuthorizationToken'], ['*']) }, { additionalStatements: allow(['ecr:GetAuthorizationToken'], ['arn:aws:ecr:eu-west-1:111122223333:repository/x']) }],
  ['iam-policy-identity-action', 'user', { additionalStatements: allow(['IAM:PassRole'], ['arn:aws:iam::111122223333:role/x']) }, { additionalStatements: allow(['ecr:DescribeImages'], ['arn:aws:ecr:eu-west-1:111122223333:repository/x']) }],
  ['iam-policy-kms-outside-key', 'user', { additionalStatements: allow(['kms:Decrypt'], ['arn:aws:kms:eu-west-1:111122223333:key/other']) }, { additionalStatements: allow(['kms:Decrypt'], [KEY_ARN]) }],
  ['iam-policy-bucket-control-action', 'user', { additionalStatements: allow(['s3:deletebucket'], [BUCKET_ARN]) }, { additionalStatements: allow(['s3:GetBucketVersioning'], [BUCKET_ARN]) }],
  ['iam-policy-s3-outside-bucket', 'user', { additionalStatements: allow(['s3:GetObject'], [`${BUCKET_ARN}2/*`]) }, { additionalStatements: allow(['s3:GetObject'], [`${BUCKET_ARN}/x/*`]) }],
];

describe('rule module aws-storage', () => {
  test.each(CASES)('GIVEN an input breaking %s (%s) THEN that rule is reported; GIVEN the nearest valid input THEN nothing is', (code, target, invalid, valid) => {
    const broken = run(target, invalid);
    expect(broken.findings.map((finding) => finding.code)).toContain(code);
    const finding = broken.findings.find((candidate) => candidate.code === code)!;
    expect(finding).toMatchObject({ object: 'Test', severity: AwsStorageRules[Object.keys(AwsStorageRules).find((key) => AwsStorageRules[key as keyof typeof AwsStorageRules].code === code) as keyof typeof AwsStorageRules].definition.severity });
    expect(finding.path).not.toBe('');
    expect(finding.hint.length).toBeGreaterThan(5);
    expect(run(target, valid).findings).toEqual([]);
  });

  test('THEN every rule of the module has a case above, and every rule is in the catalog', () => {
    const covered = new Set(CASES.map(([code]) => code));
    expect(awsStorageRulesModule.rules.map((rule) => rule.code).filter((code) => !covered.has(code))).toEqual([]);
    expect(DEFAULT_RULE_MODULES[DEFAULT_RULE_MODULES.length - 1]).toBe(awsStorageRulesModule);
    const catalog = new Set(ruleCatalog().map((rule) => rule.code));
    expect(awsStorageRulesModule.rules.every((rule) => catalog.has(rule.code))).toBe(true);
    expect(awsStorageRulesModule.kinds).toBeUndefined();
  });

  test('GIVEN values only Terraform knows WHEN checked for a construct THEN the checks are deferred, not reported, and a literal check still runs', () => {
    // GIVEN
    const checks = new AwsChecks({ object: 'RegistryBucket', acceptUnresolved: true });
    // WHEN
    checkRegistryBucket(checks, { region: '${var.region}', infrastructureName: '${var.infra}', kmsKeyDeletionWindowInDays: 3 });
    // THEN
    expect(checks.findings.map((finding) => finding.code)).toEqual(['kms-deletion-window']);
    const deferred = checks.deferred.map((check) => `${check.rule.code} ${check.path}`);
    expect(deferred).toEqual(expect.arrayContaining([
      'aws-region region', 'aws-region-partition partition', 'aws-infrastructure-name infrastructureName',
      's3-bucket-name-length infrastructureName', 's3-bucket-name-characters infrastructureName',
    ]));
    expect(checks.deferred.find((check) => check.rule.code === 'aws-region')!.message('"x"')).toBe('region "x" is not an AWS region code.');
  });

  test('GIVEN a statement whose resource is spelled from the bucket ARN with a token inside THEN it is the bucket, with nothing deferred', () => {
    const checks = new AwsChecks({ object: 'RegistryIamUser', acceptUnresolved: true });
    const tokenArn = 'arn:aws:s3:::${var.bucket}';
    checkRegistryIamUser(checks, { bucket: { ...FACTS, bucketArn: tokenArn }, additionalStatements: allow(['s3:GetObjectVersion'], [`${tokenArn}/*`]) });
    expect(checks.findings).toEqual([]);
    expect(checks.deferred.filter((check) => check.path.startsWith('additionalStatements'))).toEqual([]);
  });

  test('GIVEN a list only Terraform knows as Action THEN each rule on actions is deferred over every element', () => {
    const checks = new AwsChecks({ object: 'RegistryIamUser', acceptUnresolved: true, resolvability: (value) => (Array.isArray(value) && value[0] === 'LIST' ? 'unresolved' : 'literal') });
    checkRegistryIamUser(checks, { bucket: FACTS, additionalStatements: allow(['LIST'], [BUCKET_ARN]) });
    const onActions = checks.deferred.filter((check) => check.path === 'additionalStatements[0].Action');
    expect(onActions.map((check) => check.rule.code).sort()).toEqual(['iam-policy-bucket-control-action', 'iam-policy-identity-action', 'iam-policy-wildcard-action']);
    expect(onActions.every((check) => check.condition.op === 'every')).toBe(true);
    // The same condition, evaluated on the list Terraform will see, refuses iam:* and accepts s3:GetObject.
    const identity = onActions.find((check) => check.rule.code === 'iam-policy-identity-action')!.condition;
    const withList = (list: string[]) => evaluateAwsExpr({ ...identity, list: { op: 'value', value: list } } as typeof identity);
    expect(withList(['s3:GetObject'])).toBe(true);
    expect(withList(['s3:GetObject', 'iam:*'])).toBe(false);
  });

  test('THEN every pattern can be written into a Terraform string as it is, and compiles in JavaScript', () => {
    for (const [name, pattern] of Object.entries(AWS_PATTERNS)) {
      expect({ name, unsafe: /[\\"\u0000-\u001f]|\$\{|%\{/.test(pattern) }).toEqual({ name, unsafe: false });
      expect(() => new RegExp(pattern)).not.toThrow();
    }
  });

  test('GIVEN any value THEN showValue quotes it without throwing, in at most about 200 characters', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }), (value) => {
      const shown = showValue(value);
      return typeof shown === 'string' && shown.length <= 200;
    }), { numRuns: 1000 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(showValue(cyclic)).toBe('an object');
    expect(showValue(Symbol('s'))).toBe('a symbol');
    expect(showValue(10n)).toBe('10n');
  });
});
