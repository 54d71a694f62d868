// The example stacks through the real Terraform CLI and the real hashicorp/aws provider, offline: `terraform init`
// against a local provider mirror, `terraform validate`, and `terraform plan` with fake credentials. This is what
// proves the synthesized JSON is what the provider accepts (attribute names, block shapes, the lifecycle filter
// without warnings) and that a plan needs no AWS API call.
//
// The AWS example needs only the plain registry-storage model and `registryStorageHandoff` from the main entry;
// mapping the main entry to those files keeps this test independent of the Kubernetes constructs.
jest.mock('cdk-openshift-images', () => ({
  ...jest.requireActual('../../src/model/registry-storage'),
  registryStorageHandoff: jest.requireActual('../../src/validation/rules/aws-storage').registryStorageHandoff,
}));

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_STACKS, exampleApp } from '../../examples/aws/stacks';

/** Where the mirror usually is on these machines; searched first, the whole disk only when it is not there. */
const MIRROR_CANDIDATES = [process.env.TF_PROVIDER_MIRROR, '/opt/tf-plugins'].filter((p): p is string => !!p);
const TERRAFORM_CANDIDATES = [process.env.TERRAFORM_BIN, '/usr/local/bin/terraform'].filter((p): p is string => !!p);

interface TerraformSetup {
  readonly terraform?: string;
  readonly mirrorRoot?: string;
  readonly missing?: string;
}

function findTerraform(): string | undefined {
  const candidate = TERRAFORM_CANDIDATES.find((p) => fs.existsSync(p));
  if (candidate) {
    return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** The provider version the bindings pin, read from the package rather than written here a second time. */
function pinnedAwsProviderVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as { cdktf?: { provider?: { version?: string } } };
  return pkg.cdktf?.provider?.version?.replace(/^[^0-9]*/, '') ?? '5.100.0';
}

/** The folder above `registry.terraform.io` that holds the pinned hashicorp/aws binary. */
function findMirrorRoot(version: string): string | undefined {
  const binary = `terraform-provider-aws_v${version}`;
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  for (const root of MIRROR_CANDIDATES) {
    const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
    if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith(binary))) {
      return root;
    }
  }
  const found = spawnSync('find', ['/', '-path', '/proc', '-prune', '-o', '-name', `${binary}*`, '-print'], { encoding: 'utf8', timeout: 120_000 });
  const hit = (found.stdout ?? '').split('\n').find((line) => line.includes(`${path.sep}registry.terraform.io${path.sep}`));
  return hit ? hit.slice(0, hit.indexOf(`${path.sep}registry.terraform.io${path.sep}`)) : undefined;
}

function locate(): TerraformSetup {
  const terraform = findTerraform();
  if (!terraform) {
    return { missing: 'no terraform CLI (looked at $TERRAFORM_BIN, /usr/local/bin/terraform and $PATH)' };
  }
  const version = pinnedAwsProviderVersion();
  const mirrorRoot = findMirrorRoot(version);
  if (!mirrorRoot) {
    return { terraform, missing: `no local mirror of hashicorp/aws ${version} (looked in ${MIRROR_CANDIDATES.join(', ')} and with find /)` };
  }
  return { terraform, mirrorRoot };
}

const setup = locate();

if (setup.missing) {
  // Loud on purpose: a silently skipped integration test reads as a passing one.
  console.warn(`\n${'!'.repeat(100)}\n!!! TERRAFORM INTEGRATION TESTS SKIPPED: ${setup.missing}\n${'!'.repeat(100)}\n`);
  test.skip(`SKIPPED - ${setup.missing}: terraform init/validate/plan of the example stacks`, () => undefined);
} else {
  const terraform = setup.terraform!;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-tf-'));
  const cliConfig = path.join(work, 'terraform.tfrc');
  // A clean environment: no real AWS credentials or profiles can leak in, and no network (no checkpoint call, no
  // metadata service, providers only from the mirror).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const tf = (dir: string, args: string[]): { status: number; output: string } => {
    const result = spawnSync(terraform, [...args, '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 150_000 });
    return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  };

  beforeAll(() => {
    fs.writeFileSync(cliConfig, [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(setup.mirrorRoot)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      '',
    ].join('\n'));
    // A fresh synth of the example app, exactly as `npm run synth` runs it.
    exampleApp(path.join(work, 'cdktf.out')).synth();
  });

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  describe.each(EXAMPLE_STACKS)('example stack %s', (stackName) => {
    const dir = path.join(work, stackName);

    beforeAll(() => {
      fs.cpSync(path.join(work, 'cdktf.out', 'stacks', stackName), dir, { recursive: true });
      // Fake credentials and the skip flags: the provider configures without calling STS, IAM or the metadata API.
      fs.writeFileSync(path.join(dir, 'zz_offline_override.tf.json'), JSON.stringify({
        provider: {
          aws: {
            access_key: 'AKIAIOSFODNN7EXAMPLE',
            secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: true,
            skip_region_validation: true,
          },
        },
      }, null, 2));
      // Once per stack: validate and plan reuse the initialized folder.
      const init = tf(dir, ['init', '-input=false', '-backend=true']);
      if (init.status !== 0) {
        throw new Error(`terraform init failed for ${stackName}:\n${init.output}`);
      }
    }, 180_000);

    test('GIVEN the synthesized stack WHEN terraform validate THEN valid, without warnings', () => {
      const result = tf(dir, ['validate', '-json']);
      const report = JSON.parse(result.output) as { valid: boolean; warning_count: number; diagnostics: unknown[] };
      expect(report).toMatchObject({ valid: true, warning_count: 0 });
    }, 120_000);

    test('GIVEN fake credentials WHEN terraform plan offline THEN it plans every resource, without warnings', () => {
      // WHEN
      const plan = tf(dir, ['plan', '-input=false', '-refresh=false', '-out=tfplan']);
      // THEN
      expect({ status: plan.status, output: plan.output }).toMatchObject({ status: 0 });
      expect(plan.output).not.toMatch(/Warning:/);
      expect(plan.output).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);

      const shown = JSON.parse(execFileSync(terraform, ['show', '-json', 'tfplan'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
        resource_changes: Array<{ type: string; change: { actions: string[]; after: Record<string, unknown> } }>;
        output_changes: Record<string, { after_sensitive: boolean }>;
        planned_values: { outputs: Record<string, { sensitive: boolean }> };
      };
      const types = shown.resource_changes.map((r) => r.type);
      expect(types).toEqual(expect.arrayContaining([
        'aws_s3_bucket', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy',
      ]));
      expect(shown.resource_changes.every((r) => r.change.actions.join() === 'create')).toBe(true);
      const bucket = shown.resource_changes.find((r) => r.type === 'aws_s3_bucket')!;
      expect(bucket.change.after.force_destroy).toBe(false);
      // No secret in a plain output: only a sensitive output may carry the secret key.
      for (const [name, value] of Object.entries(shown.planned_values.outputs ?? {})) {
        if (/secret_access_key/.test(name)) {
          expect(value.sensitive).toBe(true);
        }
      }
    }, 150_000);
  });
}
