// The example stacks through the real Terraform CLI and the real hashicorp/aws provider, offline: `terraform init`
// against a local provider mirror, `terraform validate`, and `terraform plan` with fake credentials. This is what
// proves the synthesized JSON is what the provider accepts (attribute names, block shapes, the lifecycle filter
// without warnings) and that a plan needs no AWS API call.
//
// The AWS example needs only the plain registry-storage model and `registryStorageHandoff` from the main entry;
// mapping the main entry to those files keeps this test independent of the Kubernetes constructs.
jest.mock('cdk-openshift-images', () => ({
  ...jest.requireActual('../../../src/model/registry-storage'),
  registryStorageHandoff: jest.requireActual('../../../src/validation/rules/aws-storage').registryStorageHandoff,
}));

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_STACKS, exampleApp } from '../../../examples/aws/stacks';
import { locateTerraform, skipLoudly, terraformRunner, TerraformRunner } from '../../support/terraform-cli';

const setup = locateTerraform();

if (setup.missing) {
  skipLoudly(setup.missing, 'terraform init/validate/plan of the example stacks');
} else {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-tf-'));
  let terraform: TerraformRunner;
  const tf = (dir: string, args: string[]) => terraform.run(dir, args);

  beforeAll(() => {
    terraform = terraformRunner(setup, work);
    // A fresh synth of the example app, exactly as `npm run synth` runs it.
    exampleApp(path.join(work, 'cdktf.out')).synth();
  });

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  describe.each(EXAMPLE_STACKS)('example stack %s', (stackName) => {
    const dir = path.join(work, stackName);

    beforeAll(() => {
      // Once per stack: validate and plan reuse the initialized folder.
      terraform.prepare(path.join(work, 'cdktf.out', 'stacks', stackName), dir);
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

      const shown = JSON.parse(execFileSync(terraform.terraform, ['show', '-json', 'tfplan'], { cwd: dir, env: terraform.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
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
      // No credential in a plain output: the access key id and the secret key are sensitive outputs only.
      for (const [name, value] of Object.entries(shown.planned_values.outputs ?? {})) {
        if (/secret_access_key|access_key_id/.test(name)) {
          expect({ name, sensitive: value.sensitive }).toEqual({ name, sensitive: true });
        }
      }
    }, 150_000);
  });
}
