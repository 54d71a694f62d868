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

/**
 * A JSON-string attribute (a policy) parsed: plain JSON, or the `${jsonencode({...})}` the constructs write when a
 * document holds a Terraform token. In the latter, every Terraform expression that is not a literal (a reference, a
 * function call) comes back as the string `${<expression>}`, as it would inside a JSON template.
 */
export function parsedPolicy(resource: Record<string, unknown>, attribute: string): {
  Statement: Array<Record<string, unknown> & { Action: string | string[]; Resource: string | string[] }>;
} {
  const text = resource[attribute] as string;
  const encoded = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(text);
  return encoded ? JSON.parse(hclToJson(encoded[1])) : JSON.parse(text);
}

/** The JSON of the HCL object syntax cdktf writes for `jsonencode` arguments (`{"k" = v}`, lists, strings, expressions). */
function hclToJson(hcl: string): string {
  let out = '';
  let i = 0;
  const readString = (): string => {
    let end = i + 1;
    while (hcl[end] !== '"') {
      end += hcl[end] === '\\' ? 2 : 1;
    }
    const literal = hcl.slice(i, end + 1);
    i = end + 1;
    return literal;
  };
  while (i < hcl.length) {
    const ch = hcl[i];
    if (ch === '"') {
      out += readString();
    } else if (ch === '=') {
      out += ':';
      i += 1;
    } else if ('{}[],: \n\t'.includes(ch)) {
      out += ch;
      i += 1;
    } else {
      // A bare expression: up to the next `,`, `]` or `}` outside brackets and strings.
      const start = i;
      let depth = 0;
      while (i < hcl.length && !(depth === 0 && ',]}'.includes(hcl[i]))) {
        if (hcl[i] === '"') {
          readString();
          continue;
        }
        depth += '([{'.includes(hcl[i]) ? 1 : ')]}'.includes(hcl[i]) ? -1 : 0;
        i += 1;
      }
      const expression = hcl.slice(start, i).trim();
      out += /^-?[0-9.]+$|^(true|false|null)$/.test(expression) ? expression : JSON.stringify(`\${${expression}}`);
    }
  }
  return out;
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

/** The preconditions of every resource of a type in the synthesized JSON. */
export function preconditionsOf(json: TerraformJson, type: string): Array<{ condition: string; error_message: string }> {
  return resourcesOf(json, type).flatMap((resource) =>
    ((resource.lifecycle as { precondition?: Array<{ condition: string; error_message: string }> } | undefined)?.precondition ?? []));
}
