// The plain registry-storage model (names and the handoff, without cdktf) and the checks of its inputs in the rule
// module, as the Kubernetes app uses them through `registryStorageHandoff`.
import {
  defaultRegistryBucketName,
  defaultRegistryRoleName,
  deriveRegistryStorage,
  matchesRosaHcpBucketPattern,
  normalizeOidcIssuer,
  REGISTRY_SERVICE_ACCOUNT_SUBJECTS,
  RegistryStorageInputs,
} from '../../src/model/registry-storage';
import { AwsChecks, checkBucketName, checkRegistryStorage, REGISTRY_STORAGE_INPUT_FIELDS, registryStorageHandoff } from '../../src/validation/rules/aws-storage';
import { ValidationError } from '../../src/validation/validation-error';

const STS = {
  infrastructureName: 'prod-x7k2p',
  region: 'eu-west-1',
  accountId: '123456789012',
  credentialsMode: 'sts' as const,
  oidcIssuer: 'oidc.op1.openshiftapps.com/abc123',
};

/** The findings of the handoff's checks on `inputs`. */
function findingsOf(inputs: unknown): AwsChecks {
  const checks = new AwsChecks({ object: 'RegistryStorageInputs' });
  checkRegistryStorage(checks, inputs, REGISTRY_STORAGE_INPUT_FIELDS);
  return checks;
}

function errorCodes(inputs: unknown): string[] {
  return findingsOf(inputs).errors.map((finding) => finding.code);
}

/** The findings of the bucket-name check alone. */
function bucketNameProblems(name: string): Array<{ code: string; message: string; hint: string }> {
  const checks = new AwsChecks({ object: 'RegistryBucket' });
  checkBucketName(checks, 'bucketName', name);
  return checks.findings;
}

describe('defaultRegistryBucketName', () => {
  test.each([
    ['prod-x7k2p', 'eu-west-1', 'prod-x7k2p-image-registry-eu-west-1'],
    ['Prod--X7K2P', 'us-east-1', 'prod-x7k2p-image-registry-us-east-1'],
    // cut to 62 characters; a trailing dash after the cut becomes `s`
    ['a'.repeat(40), 'ap-southeast-1', `${'a'.repeat(40)}-image-registry-ap-sou`],
    ['a'.repeat(46), 'eu-west-1', `${'a'.repeat(46)}-image-registrys`],
  ])('GIVEN infrastructure name %j in %s THEN the operator names the bucket %j', (infra, region, expected) => {
    expect(defaultRegistryBucketName(infra, region)).toBe(expected);
    expect(bucketNameProblems(expected)).toEqual([]);
  });
});

describe('bucketNameProblems', () => {
  test.each([
    ['ab', ['s3-bucket-name-length']],
    ['a'.repeat(64), ['s3-bucket-name-length']],
    ['My_Bucket', ['s3-bucket-name-characters']],
    ['-bucket', ['s3-bucket-name-edges']],
    ['bucket.', ['s3-bucket-name-edges']],
    ['my..bucket', ['s3-bucket-name-adjacent-dots']],
    ['192.168.10.20', ['s3-bucket-name-ip-address']],
    ['xn--bucket', ['s3-bucket-name-reserved-prefix']],
    ['sthree-bucket', ['s3-bucket-name-reserved-prefix']],
    ['bucket-s3alias', ['s3-bucket-name-reserved-suffix']],
    ['bucket--ol-s3', ['s3-bucket-name-reserved-suffix']],
    ['-A', ['s3-bucket-name-length', 's3-bucket-name-characters', 's3-bucket-name-edges']],
  ])('GIVEN bucket name %j THEN the problems are %j', (name, codes) => {
    const problems = bucketNameProblems(name);
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const p of problems) {
      expect(p.message).toContain(JSON.stringify(name));
      expect(p.hint).not.toBe('');
    }
  });

  test.each(['abc', 'my-registry.example', 'a'.repeat(63), 'x1-image-registry-eu-west-1'])('GIVEN valid name %j THEN no problem', (name) => {
    expect(bucketNameProblems(name)).toEqual([]);
  });

  test('GIVEN an upper-case name THEN the hint proposes the lower-case spelling', () => {
    expect(bucketNameProblems('Prod-Registry')[0].hint).toContain('"prod-registry"');
  });
});

describe('matchesRosaHcpBucketPattern', () => {
  test.each([
    ['x-image-registry-eu-west-1', true],
    ['x-image-registry-eu-west-1a', true], // `?`: one more character
    ['x-image-registry-eu-west-1-backup', true], // `-*`
    ['x-image-registry-eu-west-1ab', false],
    ['x-image-registry-us-east-1', false], // another region
    ['registry-eu-west-1', false],
    ['image-registry-eu-west-1', false], // `*-` needs the dash before `image`
  ])('GIVEN bucket %j in eu-west-1 THEN the managed policy matches: %s', (name, matches) => {
    expect(matchesRosaHcpBucketPattern(name, 'eu-west-1')).toBe(matches);
  });
});

describe('normalizeOidcIssuer', () => {
  test.each([
    ['https://oidc.op1.openshiftapps.com/abc', 'oidc.op1.openshiftapps.com/abc'],
    ['https://oidc.op1.openshiftapps.com/abc/', 'oidc.op1.openshiftapps.com/abc'],
    ['oidc.op1.openshiftapps.com/abc', 'oidc.op1.openshiftapps.com/abc'],
    ['my-bucket.s3.us-east-1.amazonaws.com', 'my-bucket.s3.us-east-1.amazonaws.com'],
  ])('GIVEN issuer %j THEN IAM gets %j, and the check accepts it', (issuer, expected) => {
    expect(normalizeOidcIssuer(issuer)).toBe(expected);
    expect(errorCodes({ ...STS, oidcIssuer: issuer })).toEqual([]);
  });

  test.each(['http://oidc.example.com/abc', '', 'https://', 'oidc.example.com/a b', 'oidc.example.com/?x=1'])(
    'GIVEN issuer %j THEN it is refused with a clear message', (issuer) => {
      const findings = findingsOf({ ...STS, oidcIssuer: issuer }).errors;
      expect(findings.map((finding) => finding.code)).toEqual(['oidc-issuer-format']);
      expect(findings[0].path).toBe('oidcIssuer');
      expect(findings[0].message).toContain(JSON.stringify(issuer));
    });
});

describe('registryStorageHandoff', () => {
  test('GIVEN a classic cluster with defaults THEN AES256, static credentials and storage Unmanaged', () => {
    // WHEN
    const handoff = registryStorageHandoff({ infrastructureName: 'prod-x7k2p', region: 'eu-west-1' });
    // THEN
    expect(handoff).toEqual({
      bucket: 'prod-x7k2p-image-registry-eu-west-1',
      bucketArn: 'arn:aws:s3:::prod-x7k2p-image-registry-eu-west-1',
      region: 'eu-west-1',
      partition: 'aws',
      encryption: 'AES256',
      credentialsMode: 'static',
      storage: {
        managementState: 'Unmanaged',
        s3: { bucket: 'prod-x7k2p-image-registry-eu-west-1', region: 'eu-west-1', encrypt: true },
      },
    });
  });

  test('GIVEN an STS cluster with a KMS key created by the stack THEN the role ARN and the alias ARN are literals', () => {
    // WHEN
    const handoff = registryStorageHandoff({ ...STS, oidcIssuer: `https://${STS.oidcIssuer}/`, encryption: 'aws:kms' });
    // THEN
    expect(handoff.credentialsMode).toBe('sts');
    expect(handoff.roleArn).toBe('arn:aws:iam::123456789012:role/prod-x7k2p-openshift-image-registry-installer-cloud-credentials');
    expect(handoff.kmsKeyId).toBe('arn:aws:kms:eu-west-1:123456789012:alias/prod-x7k2p-image-registry-eu-west-1');
    expect(handoff.storage.s3).toEqual({
      bucket: 'prod-x7k2p-image-registry-eu-west-1', region: 'eu-west-1', encrypt: true, keyID: handoff.kmsKeyId,
    });
  });

  test('GIVEN an existing key ARN THEN KMS is implied and the key ARN is the keyID', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const handoff = registryStorageHandoff({ infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn: keyArn });
    expect(handoff.encryption).toBe('aws:kms');
    expect(handoff.storage.s3.keyID).toBe(keyArn);
  });

  test('GIVEN the same inputs twice THEN the same handoff (deterministic, no state needed)', () => {
    expect(registryStorageHandoff(STS)).toEqual(registryStorageHandoff({ ...STS }));
  });

  test('GIVEN only the OIDC provider ARN THEN issuer and account come from it', () => {
    const inputs: RegistryStorageInputs = {
      infrastructureName: 'prod-x7k2p', region: 'eu-west-1', credentialsMode: 'sts',
      oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.op1.openshiftapps.com/abc123',
    };
    expect(findingsOf(inputs).findings).toEqual([]);
    const derived = deriveRegistryStorage(inputs);
    expect(derived.oidcIssuer).toBe('oidc.op1.openshiftapps.com/abc123');
    expect(derived.accountId).toBe('123456789012');
    expect(derived.handoff.roleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
  });

  test('GIVEN a long infrastructure name THEN the default role name is cut to 64 characters', () => {
    expect(defaultRegistryRoleName('a-very-long-infrastructure-name-x7k2p')).toHaveLength(64);
    const handoff = registryStorageHandoff({ ...STS, infrastructureName: 'a-very-long-infrastructure-name-x7k2p' });
    expect(handoff.roleArn!.split('/')[1]).toHaveLength(64);
  });

  test('GIVEN several bad inputs THEN one ValidationError lists them all', () => {
    // WHEN
    let thrown: unknown;
    try {
      registryStorageHandoff({ region: 'Europe', bucketName: 'Bad_Bucket', credentialsMode: 'sts', accountId: '42' });
    } catch (e) {
      thrown = e;
    }
    // THEN
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.findings.map((finding) => finding.code)).toEqual(expect.arrayContaining([
      'aws-region', 's3-bucket-name-characters', 'aws-account-id', 'oidc-missing',
    ]));
    expect(error.findings.every((finding) => finding.object === 'RegistryStorageInputs')).toBe(true);
    expect(error.message).toContain('"Europe"');
    expect(error.message).toContain('"Bad_Bucket"');
    expect(error.message).toContain('Fix:');
  });

  test.each<[string, RegistryStorageInputs, string]>([
    ['no name at all', { region: 'eu-west-1' }, 's3-bucket-name-missing'],
    ['sts without OIDC inputs', { ...STS, oidcIssuer: undefined }, 'oidc-missing'],
    ['sts with an issuer but no account', { ...STS, accountId: undefined }, 'aws-account-id-missing'],
    ['an http:// issuer', { ...STS, oidcIssuer: 'http://oidc.example.com/x' }, 'oidc-issuer-format'],
    ['a provider ARN of another account', { ...STS, oidcProviderArn: 'arn:aws:iam::999999999999:oidc-provider/oidc.op1.openshiftapps.com/abc123' }, 'oidc-provider-arn-account'],
    ['a provider ARN for another issuer', { ...STS, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/other.example.com/x' }, 'oidc-provider-arn-issuer'],
    ['a role name over 64 characters', { ...STS, roleName: 'r'.repeat(65) }, 'iam-name-length'],
    ['a role name with a space', { ...STS, roleName: 'my role' }, 'iam-name-characters'],
    ['a role name in static mode', { region: 'eu-west-1', infrastructureName: 'x', roleName: 'r' }, 'sts-input-with-static'],
    ['Secrets Manager with sts', { ...STS, secretsManagerSecretName: 's' }, 'static-input-with-sts'],
    ['a KMS key created without account id', { region: 'eu-west-1', infrastructureName: 'x', encryption: 'aws:kms' }, 'kms-key-account-id-missing'],
    ['a KMS key in another region', { region: 'eu-west-1', infrastructureName: 'x', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }, 'kms-key-arn-region'],
    ['a KMS alias instead of a key', { region: 'eu-west-1', infrastructureName: 'x', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/reg' }, 'kms-key-arn-alias'],
    ['a KMS key with AES256', { region: 'eu-west-1', infrastructureName: 'x', encryption: 'AES256', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }, 's3-encryption-key-with-aes256'],
    ['encryption "KMS"', { region: 'eu-west-1', infrastructureName: 'x', encryption: 'KMS' as never }, 's3-encryption'],
    ['encryption "aws:KMS"', { region: 'eu-west-1', infrastructureName: 'x', encryption: 'aws:KMS' as never }, 's3-encryption'],
    ['partition "azure"', { region: 'eu-west-1', infrastructureName: 'x', partition: 'azure' }, 'aws-partition'],
    ['account id "123"', { ...STS, accountId: '123' }, 'aws-account-id'],
    ['a China region in the aws partition', { region: 'cn-north-1', infrastructureName: 'x' }, 'aws-region-partition'],
    ['a Terraform expression as bucket name', { region: 'eu-west-1', bucketName: '${var.bucket}' }, 'aws-input-unresolved'],
    ['a number as role name (YAML without quotes)', { ...STS, roleName: 12345 as never }, 'aws-input-type'],
  ])('GIVEN %s THEN it is refused', (_, inputs, code) => {
    expect(errorCodes(inputs)).toContain(code);
    expect(() => registryStorageHandoff(inputs)).toThrow(ValidationError);
  });

  test('GIVEN an all-digit role name THEN it is accepted, as IAM accepts it (pattern [\\w+=,.@-]+, 1 to 64)', () => {
    expect(errorCodes({ ...STS, roleName: '1234567890' })).toEqual([]);
  });

  test('GIVEN a custom bucket name off the ROSA HCP pattern THEN a warning, not an error', () => {
    const findings = findingsOf({ region: 'eu-west-1', bucketName: 'corp-registry-blobs' }).findings;
    expect(findings).toEqual([expect.objectContaining({ code: 'rosa-hcp-bucket-pattern', severity: 'warning' })]);
    expect(() => registryStorageHandoff({ region: 'eu-west-1', bucketName: 'corp-registry-blobs' })).not.toThrow();
  });

  test('THEN the trusted subjects are exactly the operator and the registry service accounts', () => {
    expect(REGISTRY_SERVICE_ACCOUNT_SUBJECTS).toEqual([
      'system:serviceaccount:openshift-image-registry:cluster-image-registry-operator',
      'system:serviceaccount:openshift-image-registry:registry',
    ]);
  });
});
