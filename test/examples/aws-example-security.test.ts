// Security assertions over the synthesized example stacks (the ones `npm run synth` writes to cdktf.out/), and the
// architecture rules that keep cdktf out of the main entry.
//
// The AWS example needs only the plain registry-storage model and `registryStorageHandoff` from the main entry;
// mapping the main entry to those files keeps this test independent of the Kubernetes constructs.
jest.mock('cdk-openshift-images', () => ({
  ...jest.requireActual('../../src/model/registry-storage'),
  registryStorageHandoff: jest.requireActual('../../src/validation/rules/aws-storage').registryStorageHandoff,
}));

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { classicCluster, classicRegistryStorage, stsCluster, stsRegistryStorage } from '../../examples/cluster-settings';
import { EXAMPLE_STACKS, exampleApp, RegistryStorageStack } from '../../examples/aws/stacks';
import { REGISTRY_SERVICE_ACCOUNT_SUBJECTS } from '../../src/model/registry-storage';
import { identityStatements, onlyResource, parsedPolicy, resourcesOf, synthObject, TerraformJson } from '../support/terraform-json';

const app = exampleApp(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-example-')));
const stacks = new Map(app.node.children
  .filter((c): c is RegistryStorageStack => c instanceof RegistryStorageStack)
  .map((s) => [s.node.id, s]));
const synthesized = new Map<string, TerraformJson>([...stacks].map(([id, s]) => [id, synthObject(s as TerraformStack)]));

describe.each(EXAMPLE_STACKS)('example stack %s', (stackName) => {
  const json = (): TerraformJson => synthesized.get(stackName)!;

  test('THEN the bucket is hardened: public access blocked, encrypted, multipart cleanup, TLS only, no force_destroy', () => {
    const bucket = onlyResource(json(), 'aws_s3_bucket');
    expect(bucket.force_destroy).toBe(false);
    expect(Object.keys(bucket.tags as object).length).toBeGreaterThan(0);
    expect(onlyResource(json(), 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    const sse = onlyResource(json(), 'aws_s3_bucket_server_side_encryption_configuration').rule as Array<{ apply_server_side_encryption_by_default: { sse_algorithm: string } }>;
    expect(['AES256', 'aws:kms']).toContain(sse[0].apply_server_side_encryption_by_default.sse_algorithm);
    expect(onlyResource(json(), 'aws_s3_bucket_lifecycle_configuration').rule).toEqual(expect.arrayContaining([expect.objectContaining({
      status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
    })]));
    const tls = parsedPolicy(onlyResource(json(), 'aws_s3_bucket_policy'), 'policy').Statement;
    expect(tls).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
    ]);
  });

  test('THEN no identity policy allows a wildcard S3 action or an S3 action on "*" or on another bucket', () => {
    const bucketArn = `arn:aws:s3:::${onlyResource(json(), 'aws_s3_bucket').bucket as string}`;
    const allows = identityStatements(json()).filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const statement of allows) {
      expect(statement.Resource).not.toContain('*');
      for (const action of statement.Action.filter((a) => a.startsWith('s3:'))) {
        expect(action).not.toMatch(/[*?]/);
      }
      if (statement.Action.some((a) => a.startsWith('s3:'))) {
        for (const resource of statement.Resource) {
          expect([bucketArn, `${bucketArn}/*`]).toContain(resource);
        }
      }
    }
  });

  test('THEN no plain output carries a secret', () => {
    const outputs = json().output ?? {};
    for (const [name, output] of Object.entries(outputs)) {
      const carriesSecret = /\.secret\}/.test(String(output.value)) || /secret_access_key/.test(name);
      if (carriesSecret) {
        expect({ name, sensitive: output.sensitive }).toEqual({ name, sensitive: true });
      }
    }
  });
});

describe('example: classic cluster', () => {
  test('THEN an IAM user whose key goes to Secrets Manager, and no secret output at all', () => {
    const json = synthesized.get('registry-classic')!;
    expect(resourcesOf(json, 'aws_iam_user')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    expect(onlyResource(json, 'aws_secretsmanager_secret').name).toBe(classicCluster.secretsManagerSecretName);
    expect(Object.keys(json.output ?? {}).filter((n) => /secret_access_key/.test(n))).toEqual([]);
  });

  test('THEN the bucket keeps deleted and overwritten images for 30 days, since a static key can leak', () => {
    const json = synthesized.get('registry-classic')!;
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual(expect.arrayContaining([
      expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
    ]));
    expect(resourcesOf(synthesized.get('registry-sts')!, 'aws_s3_bucket_versioning')).toEqual([]);
  });

  test('THEN the stack builds exactly the handoff the Kubernetes app computes from the shared settings', () => {
    expect(stacks.get('registry-classic')!.storage.handoff).toEqual(classicRegistryStorage);
    expect(onlyResource(synthesized.get('registry-classic')!, 'aws_s3_bucket').bucket).toBe(classicRegistryStorage.bucket);
  });
});

describe('example: STS cluster', () => {
  test('THEN a web-identity role trusting exactly the two registry service accounts, and no IAM user', () => {
    const json = synthesized.get('registry-sts')!;
    expect(resourcesOf(json, 'aws_iam_user')).toHaveLength(0);
    const trust = parsedPolicy(onlyResource(json, 'aws_iam_role'), 'assume_role_policy').Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
    const conditions = trust[0].Condition as { StringEquals: Record<string, string[]> };
    expect(Object.keys(conditions)).toEqual(['StringEquals']);
    expect(Object.entries(conditions.StringEquals)).toEqual([
      ['oidc.op1.openshiftapps.com/2f4ab1c9d7e0example:sub', [...REGISTRY_SERVICE_ACCOUNT_SUBJECTS]],
      ['oidc.op1.openshiftapps.com/2f4ab1c9d7e0example:aud', 'openshift'],
    ]);
    expect(trust[0].Principal).toEqual({ Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.op1.openshiftapps.com/2f4ab1c9d7e0example' });
  });

  test('THEN SSE-KMS with a created key, and KMS actions only on that key', () => {
    const json = synthesized.get('registry-sts')!;
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    const kms = identityStatements(json).filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(kms).toEqual([{ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [expect.stringMatching(/^\$\{aws_kms_key\.[^.]+\.arn\}$/)] }]);
  });

  test('THEN the stack builds exactly the handoff the Kubernetes app computes from the shared settings', () => {
    expect(stacks.get('registry-sts')!.storage.handoff).toEqual(stsRegistryStorage);
    expect(stsRegistryStorage.storage).toEqual({
      managementState: 'Unmanaged',
      s3: { bucket: 'rosa-prod-4mq9z-image-registry-us-east-2', region: 'us-east-2', encrypt: true, keyID: stsRegistryStorage.kmsKeyId },
    });
    expect(stsCluster.credentialsMode).toBe('sts');
  });
});

describe('architecture', () => {
  const root = path.resolve(__dirname, '../..');
  const sourceFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
  const importsOf = (file: string): string[] =>
    [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

  test('THEN cdktf and the provider bindings are imported only under src/constructs/aws/ (a move to CDK Terrain stays a rename there)', () => {
    const offenders = sourceFiles(path.join(root, 'src'))
      .filter((f) => !f.startsWith(path.join(root, 'src', 'constructs', 'aws') + path.sep))
      .filter((f) => importsOf(f).some((m) => m === 'cdktf' || m.startsWith('cdktf/') || m.startsWith('@cdktf/')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  test('THEN the provider bindings are deep imports, never the package index', () => {
    const offenders = sourceFiles(path.join(root, 'src', 'constructs', 'aws'))
      .filter((f) => importsOf(f).some((m) => m === '@cdktf/provider-aws' || m === '@cdktf/provider-aws/lib'))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  test('THEN the registry storage model and the shared cluster settings import no cdktf', () => {
    expect(importsOf(path.join(root, 'src', 'model', 'registry-storage.ts'))).toEqual([]);
    expect(importsOf(path.join(root, 'examples', 'cluster-settings.ts'))).toEqual(['cdk-openshift-images']);
  });
});
