// The real Terraform CLI, offline, for the integration tests: find `terraform` and the local mirror of the
// hashicorp/aws provider the bindings pin, write a CLI configuration that installs only from that mirror, and run
// init/validate/plan in a clean environment (no real AWS credentials, no metadata service, no network).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the mirror usually is on these machines; searched first, the whole disk only when it is not there. */
const MIRROR_CANDIDATES = [process.env.TF_PROVIDER_MIRROR, '/opt/tf-plugins'].filter((p): p is string => !!p);
const TERRAFORM_CANDIDATES = [process.env.TERRAFORM_BIN, '/usr/local/bin/terraform'].filter((p): p is string => !!p);

/** What was found: the CLI and the mirror, or why the tests cannot run. */
export interface TerraformSetup {
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

/** Finds the CLI and the mirror. */
export function locateTerraform(): TerraformSetup {
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

/** Declares the one skipped test, loudly: a silently skipped integration test reads as a passing one. */
export function skipLoudly(missing: string, what: string): void {
  console.warn(`\n${'!'.repeat(100)}\n!!! TERRAFORM INTEGRATION TESTS SKIPPED: ${missing}\n${'!'.repeat(100)}\n`);
  test.skip(`SKIPPED - ${missing}: ${what}`, () => undefined);
}

/** Runs Terraform in a folder. */
export interface TerraformRunner {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  run(dir: string, args: string[]): { status: number; output: string; stdout: string };
  /** Copies a synthesized stack to `dir`, adds the offline provider override, and runs `terraform init`. */
  prepare(stackDir: string, dir: string): void;
}

/** A runner whose CLI configuration (in `work`) installs hashicorp/aws from the mirror only. */
export function terraformRunner(setup: TerraformSetup, work: string): TerraformRunner {
  const terraform = setup.terraform!;
  const cliConfig = path.join(work, 'terraform.tfrc');
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
  const run = (dir: string, args: string[]) => {
    const result = spawnSync(terraform, [...args, '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 150_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, stdout: result.stdout ?? '' };
  };
  return {
    terraform,
    env,
    run,
    prepare(stackDir: string, dir: string): void {
      fs.cpSync(stackDir, dir, { recursive: true });
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
      const init = run(dir, ['init', '-input=false', '-backend=true']);
      if (init.status !== 0) {
        throw new Error(`terraform init failed in ${dir}:\n${init.output}`);
      }
    },
  };
}
