// Helpers of the AWS tests: synthesize a stack and read the Terraform JSON back as plain objects.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
// The typings of cdktf's jest matchers (`toHaveResourceWithProperties`...), which `Testing.setupJest()` installs.
import type {} from 'cdktf/lib/testing/adapters/jest';

/** Synthesized Terraform JSON of a stack, as an object (metadata removed by `Testing.synth`). */
export interface TerraformJson {
  readonly resource?: { [type: string]: { [name: string]: Record<string, unknown> } };
  readonly output?: { [name: string]: { value: unknown; sensitive?: boolean; description?: string } };
  readonly data?: { [type: string]: { [name: string]: Record<string, unknown> } };
}

/** A fresh stack in a fresh testing app, with an AWS provider (synth validation requires one). */
export function newStack(region: string = 'eu-west-1'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

/** `Testing.synth` with validations on, parsed. */
export function synthObject(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** Every resource of one Terraform type, by name. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The single resource of one type; fails the test when there are zero or several. */
export function onlyResource(json: TerraformJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${all.length}`);
  }
  return all[0];
}

/** A JSON-string attribute (a policy) parsed. */
export function parsedPolicy(resource: Record<string, unknown>, attribute: string): {
  Statement: Array<Record<string, unknown> & { Action: string | string[]; Resource: string | string[] }>;
} {
  return JSON.parse(resource[attribute] as string);
}

/** Every statement of every identity policy (user and role inline policies) in the synthesized JSON. */
export function identityStatements(json: TerraformJson): Array<{ Effect: string; Action: string[]; Resource: string[] }> {
  const policies = [...resourcesOf(json, 'aws_iam_user_policy'), ...resourcesOf(json, 'aws_iam_role_policy'), ...resourcesOf(json, 'aws_iam_policy')];
  return policies.flatMap((p) => parsedPolicy(p, 'policy').Statement.map((s) => ({
    Effect: s.Effect as string,
    Action: ([] as string[]).concat(s.Action),
    Resource: ([] as string[]).concat(s.Resource),
  })));
}

/** The validation message synthesis fails with, or undefined when it succeeds. */
export function synthError(stack: TerraformStack): string | undefined {
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
