// Arbitrary values for every prop of every AWS construct, as JavaScript callers, `as any` and props loaded from YAML
// give them: the construct either builds or throws a ValidationError (never a TypeError or anything else), and a value
// of the wrong type is never converted silently: it is a ValidationError that names the prop.
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import fc from 'fast-check';
import { RegistryAwsStorage, RegistryBucket, RegistryIamUser, RegistryWebIdentityRole } from '../../../src/aws';
import { ValidationError } from '../../../src/validation/validation-error';

/** Runs per prop; at least 1,000 in CI. */
const RUNS = Number(process.env.AWS_PROPERTY_RUNS ?? 1000);

type PropType = 'string' | 'structural' | 'number' | 'boolean' | 'stringMap' | 'statements' | 'accessLogging' | 'bucket';

/** The declared type of every prop, as the TypeScript interfaces say (the oracle of this test, written independently). */
const BUCKET_PROPS: Record<string, PropType> = {
  region: 'string', infrastructureName: 'string', bucketName: 'string', partition: 'string', encryption: 'structural',
  kmsKeyArn: 'string', accountId: 'string', kmsKeyDeletionWindowInDays: 'number', objectOwnership: 'string',
  tags: 'stringMap', versioning: 'boolean', noncurrentVersionExpirationDays: 'number', accessLogging: 'accessLogging',
  minimumTlsVersion: 'string',
};
const PRINCIPAL_PROPS: Record<string, PropType> = {
  bucket: 'bucket', permissionsBoundary: 'string', storageManagementState: 'structural', additionalStatements: 'statements', tags: 'stringMap',
};
const USER_PROPS: Record<string, PropType> = { ...PRINCIPAL_PROPS, userName: 'string', path: 'string', secretsManagerSecretName: 'string', secretsManagerKmsKeyId: 'string' };
const ROLE_PROPS: Record<string, PropType> = { ...PRINCIPAL_PROPS, oidcIssuer: 'string', oidcProviderArn: 'string', accountId: 'string', roleName: 'string' };
const STORAGE_PROPS: Record<string, PropType> = {
  region: 'string', infrastructureName: 'string', bucketName: 'string', partition: 'string', accountId: 'string',
  encryption: 'structural', kmsKeyArn: 'string', credentialsMode: 'structural', oidcIssuer: 'string', oidcProviderArn: 'string',
  roleName: 'string', secretsManagerSecretName: 'string', objectOwnership: 'string', storageManagementState: 'structural',
  additionalStatements: 'statements', userName: 'string', secretsManagerKmsKeyId: 'string', permissionsBoundary: 'string',
  kmsKeyDeletionWindowInDays: 'number', tags: 'stringMap', versioning: 'boolean', noncurrentVersionExpirationDays: 'number',
  accessLogging: 'accessLogging', minimumTlsVersion: 'string', outputs: 'boolean', outputPrefix: 'structural',
};

/** A value the generator asks to be a token of the run's stack. */
class TokenRequest {
  constructor(public readonly kind: 'string' | 'number' | 'list') {}
}

const anything = fc.anything({
  withBigInt: true, withBoxedValues: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true,
  withTypedArray: true, withSparseArray: true, withObjectString: true, maxDepth: 2,
});
/** Values of every kind, weighted towards the ones that reach deep into the construct. */
const value = fc.oneof(
  { arbitrary: anything, weight: 4 },
  { arbitrary: fc.constantFrom('', 'eu-west-1', 'prod-x7k2p', 'aws', 'aws:kms', 'KMS', '/', 'x', '${var.x}', '${TfToken[TOKEN.99999]}', '#{TfToken[TOKEN.99998]}'), weight: 2 },
  { arbitrary: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -8.1e298, 1e308)), weight: 1 },
  { arbitrary: fc.constantFrom(new TokenRequest('string'), new TokenRequest('number'), new TokenRequest('list')), weight: 1 },
  { arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }), weight: 1 },
  {
    arbitrary: fc.array(fc.record({
      Effect: fc.constantFrom('Allow', 'Deny', 'allow', 3),
      Action: fc.oneof(fc.array(fc.constantFrom('s3:GetObject', 'iam:*', '*', 'kms:Decrypt', 3), { maxLength: 2 }), fc.string()),
      Resource: fc.oneof(fc.array(fc.constantFrom('*', 'arn:aws:s3:::other', 4), { maxLength: 2 }), fc.constant(null)),
    }, { requiredKeys: [] }), { maxLength: 2 }),
    weight: 1,
  },
  { arbitrary: fc.record({ bucketName: fc.oneof(fc.string(), fc.integer()), prefix: fc.oneof(fc.string(), fc.boolean()) }, { requiredKeys: [] }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** Whether a value has the declared type (tokens count as strings, numbers and lists where the prop takes them). */
function hasType(type: PropType, candidate: unknown): boolean {
  const isToken = candidate instanceof TokenRequest;
  switch (type) {
    case 'string': return typeof candidate === 'string' || (isToken && (candidate as TokenRequest).kind !== 'list');
    case 'structural': return typeof candidate === 'string';
    case 'number': return (typeof candidate === 'number' && Number.isFinite(candidate)) || (isToken && (candidate as TokenRequest).kind === 'number');
    case 'boolean': return typeof candidate === 'boolean';
    case 'stringMap': return isPlain(candidate) && Object.values(candidate).every((inner) => typeof inner === 'string');
    case 'statements': return Array.isArray(candidate);
    case 'accessLogging': return isPlain(candidate);
    case 'bucket': return false; // Only the valid bucket is of type IRegistryBucket; arbitrary values are not.
  }
}

function isPlain(candidate: unknown): candidate is Record<string, unknown> {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return false;
  }
  const proto = Object.getPrototypeOf(candidate) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A string token, a number token or a list token of the stack. */
function materialize(stack: TerraformStack, candidate: unknown): unknown {
  if (!(candidate instanceof TokenRequest)) {
    return candidate;
  }
  const variable = new TerraformVariable(stack, `Variable${stack.node.children.length}`, {});
  return candidate.kind === 'string' ? variable.stringValue : candidate.kind === 'number' ? variable.numberValue : variable.listValue;
}

interface Subject {
  readonly name: string;
  readonly props: Record<string, PropType>;
  /** Builds the construct as `id` in `stack`, with `bucket` (built once per stack) where it needs one. */
  build(stack: TerraformStack, id: string, bucket: RegistryBucket, override: Record<string, unknown>): void;
}

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SUBJECTS: Subject[] = [
  {
    name: 'RegistryBucket',
    props: BUCKET_PROPS,
    build: (stack, id, _, override) => new RegistryBucket(stack, id, { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', ...override } as never),
  },
  {
    name: 'RegistryIamUser',
    props: USER_PROPS,
    build: (stack, id, bucket, override) => new RegistryIamUser(stack, id, { bucket, ...override } as never),
  },
  {
    name: 'RegistryWebIdentityRole',
    props: ROLE_PROPS,
    build: (stack, id, bucket, override) => new RegistryWebIdentityRole(stack, id, {
      bucket, oidcIssuer: 'oidc.op1.openshiftapps.com/2abc', accountId: '111122223333', ...override,
    } as never),
  },
  {
    name: 'RegistryAwsStorage',
    props: STORAGE_PROPS,
    build: (stack, id, _, override) => new RegistryAwsStorage(stack, id, { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', ...override } as never),
  },
];

describe.each(SUBJECTS.map((subject) => [subject.name, subject] as const))('GIVEN %s', (_, subject) => {
  test.each(Object.entries(subject.props))('WHEN prop %s gets arbitrary values THEN it builds or throws a ValidationError, and a wrong type is always refused, naming the prop', (prop, type) => {
    // One stack for the runs (a construct that throws leaves nothing in it), with one valid bucket for users and roles.
    const stack = new TerraformStack(Testing.app(), 'stack');
    const bucket = new RegistryBucket(stack, 'Bucket', { infrastructureName: 'prod-x7k2p', region: 'eu-west-1', kmsKeyArn: KEY_ARN });
    let runs = 0;
    fc.assert(fc.property(value, (candidate) => {
      const id = `Subject${runs++}`;
      const given = materialize(stack, candidate);
      let thrown: unknown;
      try {
        subject.build(stack, id, bucket, { [prop]: given });
      } catch (error) {
        thrown = error;
      }
      if (thrown !== undefined && !(thrown instanceof ValidationError)) {
        throw new Error(`${subject.name} ${prop}=${shown(candidate)} threw ${String((thrown as Error)?.stack ?? thrown)}`);
      }
      if (thrown !== undefined && stack.node.tryFindChild(id) !== undefined) {
        throw new Error(`${subject.name} ${prop}=${shown(candidate)} threw, but left the construct in the tree`);
      }
      if (candidate !== undefined && !hasType(type, candidate)) {
        if (!(thrown instanceof ValidationError)) {
          throw new Error(`${subject.name} accepted ${prop}=${shown(candidate)}, a value of the wrong type (silently converted)`);
        }
        const named = thrown.findings.some((finding) => finding.path === prop || finding.path.startsWith(`${prop}.`) || finding.path.startsWith(`${prop}[`));
        if (!named) {
          throw new Error(`${subject.name} ${prop}=${shown(candidate)}: the ValidationError does not name the prop:\n${thrown.message}`);
        }
      }
    }), { numRuns: RUNS });
  });
});

function shown(candidate: unknown): string {
  try {
    return candidate instanceof TokenRequest ? `<${candidate.kind} token>` : fc.stringify(candidate);
  } catch {
    return String(typeof candidate);
  }
}
