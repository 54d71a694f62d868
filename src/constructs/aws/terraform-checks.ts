/**
 * How the AWS constructs report: the checks of the rule module `aws-storage` run on the props at construction;
 * errors throw one `ValidationError` (every problem, with the construct path, the field, the value and the fix),
 * warnings become cdktf warning annotations, and the checks on values only Terraform knows become lifecycle
 * preconditions of the construct's main resource, so `terraform plan` reports them with the same code and fix.
 *
 * Also here: the cdktf side of the derivation (names built with Terraform functions when an input is a token) and of
 * the policy documents (`jsonencode` when a document holds a token).
 */
import {
  Annotations, DefaultTokenResolver, Fn, forExpression, Op, propertyAccess, ref, StringConcat, TerraformResource, Token, Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import {
  arnSegment, defaultRegistryBucketName, defaultRegistryKmsAliasName, defaultRegistryRoleName, defaultRegistryUserName,
  normalizeOidcIssuer, REGISTRY_ROLE_NAME_SUFFIX, REGISTRY_USER_NAME_SUFFIX, RegistryNameFunctions, s3ServiceHost,
} from '../../model/registry-storage';
import { AwsChecks, AwsExpr, AwsFields, DeferredAwsCheck, Resolvability, showValue, terraformExpressionResolvability } from '../../validation/rules/aws-storage';
import { ValidationError } from '../../validation/validation-error';

/**
 * Tells literals from values only Terraform knows: cdktf tokens (strings, numbers, lists, maps, `IResolvable`s) and
 * raw `${...}` interpolations. A string that imitates a token no construct created is `invalid` (cdktf would fail on
 * it at synth with "Unrecognized Token Key").
 */
export function cdktfResolvability(value: unknown): Resolvability {
  let unresolved: boolean;
  try {
    unresolved = Token.isUnresolved(value);
  } catch {
    return 'invalid';
  }
  if (unresolved) {
    try {
      Tokenization.reverse(value);
      return 'unresolved';
    } catch {
      return 'invalid';
    }
  }
  // A raw `${...}` interpolation is Terraform's when it is well formed (the rule module's own test of it).
  return terraformExpressionResolvability(value);
}

function isToken(value: unknown): boolean {
  return cdktfResolvability(value) === 'unresolved';
}

/**
 * The derivation's string functions: the model's literal functions for literals, and the same functions written with
 * Terraform functions when an argument is a token, so a name derived from a variable keeps the variable.
 */
export const TERRAFORM_REGISTRY_NAMES: RegistryNameFunctions = Object.freeze({
  bucketName: (infrastructureName: string, region: string) => (isToken(infrastructureName) || isToken(region)
    // Same steps as defaultRegistryBucketName: lower case, collapse dashes, cut to 62, a final dash becomes `s`.
    ? Fn.replace(Fn.substr(Fn.replace(Fn.lower(Fn.format('%s-image-registry-%s', [infrastructureName, region])), '/-{2,}/', '-'), 0, 62), '/-$/', 's')
    : defaultRegistryBucketName(infrastructureName, region)),
  roleName: (prefix: string) => (isToken(prefix)
    ? Fn.substr(Fn.format(`%s${REGISTRY_ROLE_NAME_SUFFIX}`, [prefix]), 0, 64)
    : defaultRegistryRoleName(prefix)),
  userName: (prefix: string) => (isToken(prefix)
    ? Fn.substr(Fn.format(`%s${REGISTRY_USER_NAME_SUFFIX}`, [prefix]), 0, 64)
    : defaultRegistryUserName(prefix)),
  kmsAliasName: (bucketName: string) => (isToken(bucketName)
    ? Fn.format('alias/%s', [Fn.replace(bucketName, '.', '-')])
    : defaultRegistryKmsAliasName(bucketName)),
  oidcIssuer: (issuer: string) => (isToken(issuer)
    // `//+$/` is the regular expression `/+$`: Terraform's replace takes a pattern between slashes.
    ? Fn.replace(Fn.trimprefix(issuer, 'https://'), '//+$/', '')
    : normalizeOidcIssuer(issuer)),
  arnSegment: (arn: string, separator: string, index: number) => (isToken(arn)
    ? Token.asString(Fn.try([propertyAccess(Fn.split(separator, arn), [index]), '']))
    : arnSegment(arn, separator, index)),
  s3ServiceHost: (region: string, partition: string) => (isToken(region) || isToken(partition)
    ? Fn.format('s3.%s.%s', [region, Fn.lookup({ 'aws-cn': 'amazonaws.com.cn' }, partition, 'amazonaws.com')])
    : s3ServiceHost(region, partition)),
});

/**
 * A check run for a construct: tokens accepted, names built with Terraform functions when needed, and strings with
 * tokens compared by the text Terraform gets (so `${bucket.bucket.arn}/*` is recognised as the registry bucket).
 */
export function awsChecks(object: string, scope: IConstruct): AwsChecks {
  const spelling = (value: string): string => {
    if (cdktfResolvability(value) !== 'unresolved') {
      return value;
    }
    try {
      const resolved: unknown = Tokenization.resolve(value, { scope, preparing: true, resolver: new DefaultTokenResolver(new StringConcat()) });
      return typeof resolved === 'string' ? resolved : value;
    } catch {
      return value;
    }
  };
  return new AwsChecks({ object, resolvability: cdktfResolvability, names: TERRAFORM_REGISTRY_NAMES, acceptUnresolved: true, spelling });
}

/**
 * Throws the errors of a check run as one `ValidationError` located at the construct, after removing the construct
 * from the tree (nothing half-built stays behind for a caller who catches the error).
 */
export function throwOnErrors(construct: IConstruct, checks: AwsChecks): void {
  const errors = checks.errors;
  if (errors.length === 0) {
    return;
  }
  const path = construct.node.path;
  construct.node.scope?.node.tryRemoveChild(construct.node.id);
  throw new ValidationError(errors, () => path);
}

/** Reports the warnings of a check run as cdktf warning annotations (the cdktf CLI prints them at synth). */
export function reportWarnings(construct: IConstruct, checks: AwsChecks): void {
  for (const warning of checks.warnings) {
    Annotations.of(construct).addWarning(`${warning.object} ${warning.path}: ${warning.message} (${warning.code}) Fix: ${warning.hint}`);
  }
}

/** Compiles a condition of the rule module to a Terraform expression. */
export function compileAwsExpr(expr: AwsExpr): any {
  switch (expr.op) {
    case 'value': return typeof expr.value === 'string' ? joinedString(expr.value) : expr.value;
    case 'item': return ref('val');
    case 'matches': return Fn.can(Fn.regex(expr.pattern, compileAwsExpr(expr.subject)));
    case 'length': return Fn.lengthOf(compileAwsExpr(expr.subject));
    case 'lower': return Fn.lower(compileAwsExpr(expr.subject));
    case 'startsWith': return Fn.startswith(compileAwsExpr(expr.subject), compileAwsExpr(expr.prefix));
    case 'eq': case 'lte': case 'gte': return comparison(expr.op, compileAwsExpr(expr.left), compileAwsExpr(expr.right));
    case 'and': return expr.args.map(compileAwsExpr).reduce((left, right) => Op.and(left, right));
    case 'or': return expr.args.length === 0 ? false : expr.args.map(compileAwsExpr).reduce((left, right) => Op.or(left, right));
    case 'not': return Op.not(compileAwsExpr(expr.subject));
    case 'oneOf': return Fn.contains([...expr.values], compileAwsExpr(expr.subject));
    case 'isInteger': {
      const subject = compileAwsExpr(expr.subject);
      return Op.eq(Fn.floor(subject), subject);
    }
    // `alltrue` takes any list expression; the for expression is one, though its TypeScript type is IResolvable.
    case 'every': return Fn.alltrue(forExpression(compileAwsExpr(expr.list), compileAwsExpr(expr.body)) as unknown as unknown[]);
    case 'segment': return Fn.try([propertyAccess(Fn.split(expr.separator, compileAwsExpr(expr.subject)), [expr.index]), '']);
  }
}

/**
 * A string mixing literal text and tokens, as `join("", [...])`: cdktf writes such strings as templates inside
 * expressions correctly but warns about them on every synth.
 */
function joinedString(value: string): unknown {
  const parts = value.split(/(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/).filter((part) => part !== '');
  return parts.length > 1 && parts.some((part) => part.startsWith('${TfToken[')) ? Fn.join('', parts) : value;
}

/**
 * A comparison. cdktf's operator expressions drop a falsy right operand (`x == 0` comes out as `x == undefined`), so
 * a falsy literal goes to the left, with the operator mirrored.
 */
function comparison(op: 'eq' | 'lte' | 'gte', left: unknown, right: unknown): unknown {
  if (!right && right !== undefined) {
    const mirrored = op === 'lte' ? 'gte' : op === 'gte' ? 'lte' : 'eq';
    return comparison(mirrored, right, left === 0 || left === '' || left === false ? Fn.tostring(left) : left);
  }
  return op === 'eq' ? Op.eq(left, right) : op === 'lte' ? Op.lte(left, right) : Op.gte(left, right);
}

/** Escapes a literal for a Terraform template string (the error message is one). */
function templateLiteral(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/**
 * Writes the deferred checks as preconditions of `resource`, each failing with the construct path, the object and
 * field, the message with the value as Terraform sees it, the code and the fix.
 */
export function addPreconditions(resource: TerraformResource, construct: IConstruct, object: string, checks: readonly DeferredAwsCheck[]): void {
  if (checks.length === 0) {
    return;
  }
  const preconditions = checks.map((check) => {
    const shown = isToken(check.value) || (Array.isArray(check.value) && check.value.some(isToken))
      ? Token.asString(Fn.jsonencode(check.value))
      : templateLiteral(showValue(check.value));
    return {
      condition: compileAwsExpr(check.condition),
      errorMessage: `[${construct.node.path}] ${object} ${check.path}: ${check.message(shown)} (${check.rule.code}) Fix: ${templateLiteral(check.hint)}`,
    };
  });
  const lifecycle = resource.lifecycle ?? {};
  resource.lifecycle = { ...lifecycle, precondition: [...(lifecycle.precondition ?? []), ...preconditions] };
}

/** Whether a JSON-ready value holds a token anywhere (keys included). */
function holdsToken(value: unknown): boolean {
  if (isToken(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsToken);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => isToken(key) || holdsToken(inner));
  }
  return false;
}

/**
 * A policy document as the string attribute Terraform wants: literal JSON when every value is known (readable in the
 * synthesized stack and in tests), `jsonencode(...)` when a value is a token (so lists, numbers and quotes inside come
 * out right).
 */
export function policyJson(document: object): string {
  return holdsToken(document) ? Fn.jsonencode(expressionSafe(document)) : JSON.stringify(document);
}

/**
 * A JSON-ready value cdktf can write inside an expression: an object key holding a token (the trust policy's
 * `<issuer>:sub`) becomes a one-entry `zipmap`, merged with the rest, since cdktf cannot write such a key itself.
 */
function expressionSafe(value: unknown): unknown {
  if (Array.isArray(value)) {
    return isToken(value) ? value : value.map(expressionSafe);
  }
  if (typeof value !== 'object' || value === null || isToken(value)) {
    return value;
  }
  const entries = Object.entries(value);
  if (!entries.some(([key]) => isToken(key))) {
    return Object.fromEntries(entries.map(([key, inner]) => [key, expressionSafe(inner)]));
  }
  const plain = Object.fromEntries(entries.filter(([key]) => !isToken(key)).map(([key, inner]) => [key, expressionSafe(inner)]));
  const keyed = entries.filter(([key]) => isToken(key)).map(([key, inner]) => Fn.zipmap([joinedString(key) as string], [expressionSafe(inner)]));
  return Fn.merge([plain, ...keyed]);
}

/** A map of tags, merged with Terraform's `merge` when one of the parts is a map token (later parts win). */
export function mergeTags(...parts: Array<{ readonly [key: string]: string } | undefined>): { [key: string]: string } {
  const present = parts.filter((part): part is { readonly [key: string]: string } => part !== undefined);
  if (present.some((part) => isToken(part))) {
    // Inside an expression cdktf cannot write a key holding a token; `zipmap` takes the keys as a list instead.
    return Token.asStringMap(Fn.merge(present.map(expressionSafe)));
  }
  return Object.assign({}, ...present) as { [key: string]: string };
}

/**
 * The props with every token of another kind turned into the kind the field has (an `IResolvable` or a number token
 * given for a string field becomes a string token, ...), so checks and names see strings and numbers only. Anything
 * else is left as it is, for the type checks to judge.
 */
export function normalizeTokens(props: unknown, fields: AwsFields): unknown {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return props;
  }
  const source = props as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(fields)) {
    const value = source[name];
    if (value === undefined || cdktfResolvability(value) !== 'unresolved') {
      continue;
    }
    // Lists and strings keep their kind, for the type checks to judge; only a token of another scalar kind (a number
    // token for a string, an `IResolvable` object) is converted.
    let converted: unknown = value;
    if (field.type === 'string' && typeof value !== 'string' && !Array.isArray(value)) {
      converted = Token.asString(value);
    } else if (field.type === 'number' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      converted = Token.asNumber(value);
    }
    if (converted !== value) {
      copy ??= Object.assign(Object.create(Object.getPrototypeOf(source) as object | null) as Record<string, unknown>, source);
      copy[name] = converted;
    }
  }
  return copy ?? props;
}
