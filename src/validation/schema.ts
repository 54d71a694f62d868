/**
 * A small declarative encoding of the upstream CRD schemas (OpenAPI v3 plus the Kubernetes extensions the six kinds
 * use), and the walker that checks a plain object against it. It is our own restatement of the constraints, not the
 * CRD files: each node names the rule that reports its violations, so a finding always has a precise code.
 */
import { clip, Finding, quote } from './finding';
import { defineRule, Rule } from './rule';

/** Where the walker is: the object being checked, the field path, and the sink for findings. */
export interface WalkContext {
  /** `Kind/name` of the object being checked. */
  readonly object: string;
  /** Where findings go. */
  readonly findings: Finding[];
  /**
   * The value is the spec of a singleton, applied over the live object its operator created (and keeps complete): a
   * required field of the spec itself left out is kept from the cluster. Nested mappings are not relaxed: a block a
   * manifest writes (`cloudFront`, say) is usually new to the cluster, so it must be complete.
   * @default false
   */
  readonly mergedOverLiveObject?: boolean;
}

/** A custom check attached to a schema node (a CEL rule or a pattern with a precise diagnosis). */
export type NodeCheck = (value: any, path: string, ctx: WalkContext) => void;

interface NodeBase {
  /** Extra checks run on a present value of the right type. */
  readonly checks?: readonly NodeCheck[];
  /** Describes the field for messages, e.g. `a registry scope`. */
  readonly describe?: string;
}

export interface ObjectNode extends NodeBase {
  readonly type: 'object';
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  /** Schema of the values of a map (`additionalProperties`). */
  readonly values?: SchemaNode;
  /** `x-kubernetes-preserve-unknown-fields`: anything goes below. */
  readonly preserveUnknown?: boolean;
}

export interface StringNode extends NodeBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** Anchored, linear-time pattern. */
  readonly pattern?: RegExp;
  /** The rule that reports a pattern mismatch. @default schema-pattern */
  readonly patternRule?: Rule;
  /** What the pattern means, for the message. */
  readonly patternDescription?: string;
  /** The values a pattern that lists alternatives (`^(A|B)$`) allows, for a did-you-mean. @default - none */
  readonly suggestions?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface IntegerNode extends NodeBase {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
  /**
   * The CRD's `format`. The API server takes any 64-bit integer whatever the format (a number beyond 64 bits is not an
   * integer to it); `int32` fields are decoded by the operator as 32-bit integers, which fails on larger values.
   * @default 'int64' (Go `int` and `int64` fields, and fields without a format)
   */
  readonly format?: 'int32' | 'int64';
}

export interface BooleanNode extends NodeBase {
  readonly type: 'boolean';
}

export interface ArrayNode extends NodeBase {
  readonly type: 'array';
  readonly items: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `set` rejects duplicate items; `map` rejects duplicate keys. */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** Keys of a `map` list. */
  readonly mapKeys?: readonly string[];
}

/** `x-kubernetes-int-or-string` (quantities, intstr). */
export interface IntOrStringNode extends NodeBase {
  readonly type: 'int-or-string';
  readonly pattern?: RegExp;
  readonly patternDescription?: string;
}

/** Anything, unchecked (free-form or out of the schema's scope). */
export interface AnyNode extends NodeBase {
  readonly type: 'any';
}

export type SchemaNode = ObjectNode | StringNode | IntegerNode | BooleanNode | ArrayNode | IntOrStringNode | AnyNode;

const schemaRule = (code: string, summary: string, fix: string) =>
  defineRule({ code, severity: 'error', source: 'api-server', kinds: ['*'], summary, fix, schemaLevel: true });

/** The generic rules of the schema walker. Field-specific rules are defined next to their kind. */
export const SchemaRules = {
  type: schemaRule('schema-type', 'A field has the wrong JSON type (string, integer, boolean, object or list).', 'Give the field a value of the type the API expects.'),
  required: schemaRule('schema-required', 'A required field is missing.', 'Set the required field.'),
  enum: schemaRule('schema-enum', 'A field holds a value outside its allowed set.', 'Use one of the allowed values.'),
  pattern: schemaRule('schema-pattern', 'A string does not match the format the API server enforces.', 'Rewrite the value in the expected format.'),
  minLength: schemaRule('schema-min-length', 'A string is shorter than the API allows.', 'Lengthen the value or remove the field.'),
  maxLength: schemaRule('schema-max-length', 'A string is longer than the API allows.', 'Shorten the value.'),
  minimum: schemaRule('schema-minimum', 'A number is below the allowed minimum.', 'Raise the value to the minimum or above.'),
  maximum: schemaRule('schema-maximum', 'A number is above the allowed maximum.', 'Lower the value to the maximum or below.'),
  minItems: schemaRule('schema-min-items', 'A list has fewer items than the API allows.', 'Add items, or remove the field instead of leaving it empty.'),
  maxItems: schemaRule('schema-max-items', 'A list has more items than the API allows.', 'Remove items, or cover several entries with a broader scope.'),
  duplicate: schemaRule('schema-duplicate', 'A list with set or map semantics holds the same item (or key) twice.', 'Remove the duplicate.'),
  int32Range: defineRule({
    code: 'int32-out-of-range',
    severity: 'error',
    source: 'operator',
    kinds: ['*'],
    summary: 'An integer field that the operator reads as a 32-bit integer (`format: int32` in the CRD) holds a value outside -2147483648 to 2147483647: the API server stores it, but the operator cannot decode the object and stops reconciling it.',
    fix: 'Use a value from -2147483648 to 2147483647 (and within the range that makes sense for the field).',
  }),
  unknownField: defineRule({
    code: 'schema-unknown-field',
    severity: 'warning',
    source: 'api-server',
    kinds: ['*'],
    summary: 'A field that the API does not define; the API server silently drops it (often a typo).',
    fix: 'Check the spelling against the API reference, or remove the field.',
  }),
};

/** The 64-bit range the API server reads integers in (a JSON number beyond it is not an integer to it). */
export const INT64_MIN = -(2 ** 63);
/** Exclusive: 2^63 - 1 is not a JavaScript number, and the next one down is within range. */
export const INT64_MAX_EXCLUSIVE = 2 ** 63;
const INT64_RANGE = '-9223372036854775808 to 9223372036854775807';
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** Whether `value` is an integer the API server accepts: a whole number within 64 bits. */
export function isApiInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT64_MIN && value < INT64_MAX_EXCLUSIVE;
}

/** Whether `object` has `key` itself: a user key such as `toString` or `__proto__` must never find a prototype's member. */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** `record[key]` when the record has `key` itself, else `undefined`. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && hasOwn(record, key) ? record[key] : undefined;
}

/** `parent.child`, or `child` at the root. A very long key is cut (the path then names its start). */
export function fieldPath(parent: string, key: string): string {
  // The walker builds a path for every field it visits; the keys of an API are few, so their spelling is kept.
  let segment = pathSegments.get(key);
  if (segment === undefined) {
    // A path names its keys; a very long user key is cut as every quoted value is (`clip`).
    const shown = clip(key);
    segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(shown) ? { text: shown, dotted: true } : { text: JSON.stringify(shown), dotted: false };
    if (pathSegments.size < 10_000) {
      pathSegments.set(key, segment);
    }
  }
  if (!parent) {
    return segment.text;
  }
  return segment.dotted ? `${parent}.${segment.text}` : `${parent}[${segment.text}]`;
}

/** How each key seen so far is written in a path (bounded: user keys are unbounded). */
const pathSegments = new Map<string, { readonly text: string; readonly dotted: boolean }>();

/** `parent[index]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Reports a finding of `rule` at `path`. */
export function report(ctx: WalkContext, rule: Rule, path: string, message: string, hint?: string): void {
  ctx.findings.push(rule.finding(ctx.object, path, message, hint));
}

/** Unicode code points, as the API server counts string length. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) {
    count++;
  }
  return count;
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'an integer' : 'a number';
  }
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const expectedTypeName: Record<SchemaNode['type'], string> = {
  'object': 'an object',
  'string': 'a string',
  'integer': 'an integer',
  'boolean': 'a boolean',
  'array': 'a list',
  'int-or-string': 'an integer or a string',
  'any': 'any value',
};

function hasRightType(node: SchemaNode, value: unknown): boolean {
  switch (node.type) {
    case 'object':
      return isPlainObject(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return isApiInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'int-or-string':
      return typeof value === 'string' || isApiInteger(value);
    case 'any':
      return true;
  }
}

/** The fields of an object node, as a reader expects them: `{domainName, insecure}` (at most six named). */
function shapeOf(node: SchemaNode): string | undefined {
  if (node.type === 'object' && node.properties) {
    const keys = Object.keys(node.properties);
    if (keys.length > 0) {
      return `\`{${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}}\``;
    }
  }
  if (node.type === 'array' && node.items.type === 'object') {
    const item = node.items.describe ?? shapeOf(node.items);
    return item ? `a list of ${item}` : undefined;
  }
  return undefined;
}

/**
 * Checks `value` against `node`, appending findings to `ctx`. `null` counts as absent, as the API server prunes
 * nulls of non-nullable fields before validating.
 */
export function walkSchema(node: SchemaNode, value: unknown, path: string, ctx: WalkContext): void {
  if (value === undefined || value === null) {
    return;
  }
  if (!hasRightType(node, value)) {
    if ((node.type === 'integer' || node.type === 'int-or-string') && typeof value === 'number' && Number.isInteger(value)) {
      report(ctx, SchemaRules.type, path, `\`${path}\` is ${quote(value)}, beyond the 64-bit integers the API server accepts (${INT64_RANGE}): to it the number is no integer.`,
        `Write \`${path}\` as an integer in that range${node.type === 'integer' && node.format === 'int32' ? ` (and within ${INT32_MIN} to ${INT32_MAX}: the operator reads it as a 32-bit integer)` : ''}.`);
      return;
    }
    const shape = node.describe ?? shapeOf(node);
    report(ctx, SchemaRules.type, path, `\`${path}\` is ${typeName(value)} (${quote(value)}); expected ${expectedTypeName[node.type]}${shape ? ` (${shape})` : ''}.`, `Write \`${path}\` as ${expectedTypeName[node.type]}${shape ? `, ${shape}` : ''}.`);
    return;
  }
  switch (node.type) {
    case 'object':
      walkObject(node, value as Record<string, unknown>, path, ctx);
      break;
    case 'string':
      walkString(node, value as string, path, ctx);
      break;
    case 'integer':
      walkInteger(node, value as number, path, ctx);
      break;
    case 'array':
      walkArray(node, value as unknown[], path, ctx);
      break;
    case 'int-or-string':
      if (typeof value === 'string' && node.pattern && !node.pattern.test(value)) {
        report(ctx, SchemaRules.pattern, path, `\`${path}\` is ${quote(value)}, which is not ${node.patternDescription ?? `a match for ${node.pattern.source}`}.`);
      }
      break;
    default:
      break;
  }
  for (const check of node.checks ?? []) {
    check(value, path, ctx);
  }
}

const declaredFields = new WeakMap<ObjectNode, { readonly declared: readonly string[]; readonly declaredSet: ReadonlySet<string> }>();

/** The fields a node declares, computed once per node. */
function declaredFieldsOf(node: ObjectNode): { readonly declared: readonly string[]; readonly declaredSet: ReadonlySet<string> } {
  let fields = declaredFields.get(node);
  if (!fields) {
    const declared = Object.keys(node.properties ?? {});
    fields = { declared, declaredSet: new Set(declared) };
    declaredFields.set(node, fields);
  }
  return fields;
}

function walkObject(node: ObjectNode, value: Record<string, unknown>, path: string, ctx: WalkContext): void {
  for (const key of node.required ?? []) {
    // Over a live object only an explicit null is missing: applied, a null deletes the field.
    const given = hasOwn(value, key) ? value[key] : undefined;
    const missing = ctx.mergedOverLiveObject ? given === null : given === undefined || given === null;
    if (missing) {
      const at = fieldPath(path, key);
      report(ctx, SchemaRules.required, at, `\`${at}\` is required${path ? ` when \`${path}\` is set` : ''}, but it is missing.`, `Set \`${at}\`.`);
    }
  }
  // Declared fields in the schema's order (which follows the API), then any others sorted: deterministic and natural.
  const { declared, declaredSet } = declaredFieldsOf(node);
  const keys: string[] = [];
  for (const key of declared) {
    if (hasOwn(value, key)) {
      keys.push(key);
    }
  }
  const all = Object.keys(value);
  if (all.length > keys.length) {
    const others = all.filter((key) => !declaredSet.has(key)).sort();
    for (const key of others) {
      keys.push(key);
    }
  }
  const childCtx: WalkContext = ctx.mergedOverLiveObject ? { ...ctx, mergedOverLiveObject: false } : ctx;
  for (const key of keys) {
    const child = value[key];
    const at = fieldPath(path, key);
    const childNode = ownValue(node.properties, key) ?? node.values;
    if (childNode) {
      walkSchema(childNode, child, at, childCtx);
    } else if (!node.preserveUnknown) {
      const suggestion = closest(key, declared);
      report(ctx, SchemaRules.unknownField, at, `\`${at}\` is not a field of this API; the API server drops it without an error.`,
        suggestion ? `Did you mean \`${fieldPath(path, suggestion)}\`?` : `Remove it; the known fields here are ${declared.map((k) => `\`${k}\``).join(', ') || 'none'}.`);
    }
  }
}

function walkString(node: StringNode, value: string, path: string, ctx: WalkContext): void {
  if (node.enum && !node.enum.includes(value)) {
    report(ctx, SchemaRules.enum, path, `\`${path}\` is ${quote(value)}; expected one of ${node.enum.map((v) => quote(v)).join(', ')}.`,
      `Set \`${path}\` to one of ${node.enum.map((v) => quote(v)).join(', ')}${closest(value, node.enum) ? ` (did you mean ${quote(closest(value, node.enum))}?)` : ''}.`);
    return;
  }
  // Counting code points walks the string: only when a bound could be broken (a code point is 1 or 2 UTF-16 units).
  const mayBreakBounds = (node.minLength !== undefined && value.length < node.minLength * 2) || (node.maxLength !== undefined && value.length > node.maxLength);
  const length = mayBreakBounds ? codePointLength(value) : value.length;
  if (node.minLength !== undefined && length < node.minLength) {
    report(ctx, SchemaRules.minLength, path, `\`${path}\` is ${quote(value)} (${length} characters); it must have at least ${node.minLength}.`);
    return;
  }
  if (node.maxLength !== undefined && length > node.maxLength) {
    report(ctx, SchemaRules.maxLength, path, `\`${path}\` has ${length} characters (${quote(value)}); at most ${node.maxLength} are allowed.`);
    return;
  }
  if (node.pattern && !node.pattern.test(value)) {
    const suggestion = node.suggestions ? closest(value, node.suggestions) : undefined;
    report(ctx, node.patternRule ?? SchemaRules.pattern, path,
      `\`${path}\` is ${quote(value)}, which is not ${node.patternDescription ?? `a match for ${node.pattern.source}`}.`,
      node.suggestions ? `Set \`${path}\` to one of ${node.suggestions.map((v) => quote(v)).join(', ')}${suggestion ? ` (did you mean ${quote(suggestion)}?)` : ''}.` : undefined);
  }
}

function walkInteger(node: IntegerNode, value: number, path: string, ctx: WalkContext): void {
  const withinBounds = (node.minimum === undefined || value >= node.minimum) && (node.maximum === undefined || value <= node.maximum);
  // Out of the field's own bounds, the API server already refuses it (reported below): one finding is enough.
  if (node.format === 'int32' && withinBounds && (value < INT32_MIN || value > INT32_MAX)) {
    report(ctx, SchemaRules.int32Range, path,
      `\`${path}\` is ${value}, outside the 32-bit integers (${INT32_MIN} to ${INT32_MAX}) the operator reads it as: the API server stores it, but the operator cannot decode the object and stops reconciling it.`,
      `Set \`${path}\` to a value from ${node.minimum ?? INT32_MIN} to ${node.maximum ?? INT32_MAX}.`);
  }
  if (node.minimum !== undefined && value < node.minimum) {
    report(ctx, SchemaRules.minimum, path, `\`${path}\` is ${value}; the minimum is ${node.minimum}${node.maximum !== undefined ? ` (allowed: ${node.minimum} to ${node.maximum})` : ''}.`);
  }
  if (node.maximum !== undefined && value > node.maximum) {
    report(ctx, SchemaRules.maximum, path, `\`${path}\` is ${value}; the maximum is ${node.maximum}${node.minimum !== undefined ? ` (allowed: ${node.minimum} to ${node.maximum})` : ''}.`);
  }
}

function walkArray(node: ArrayNode, value: unknown[], path: string, ctx: WalkContext): void {
  if (node.minItems !== undefined && value.length < node.minItems) {
    report(ctx, SchemaRules.minItems, path, `\`${path}\` has ${value.length} item(s); at least ${node.minItems} required.`,
      value.length === 0 ? `Remove \`${path}\` instead of leaving it empty, or add an item.` : undefined);
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    report(ctx, SchemaRules.maxItems, path, `\`${path}\` has ${value.length} items; at most ${node.maxItems} are allowed.`);
  }
  value.forEach((item, index) => {
    const at = indexPath(path, index);
    if ((item === null || item === undefined) && node.items.type !== 'any') {
      // Only mapping fields drop nulls before validation; a null list item stays and fails its type.
      report(ctx, SchemaRules.type, at, `\`${at}\` is null; expected ${expectedTypeName[node.items.type]}${node.items.describe ? ` (${node.items.describe})` : ''}.`, `Remove the empty item \`${at}\` (a \`-\` with nothing after it).`);
      return;
    }
    walkSchema(node.items, item, at, ctx);
  });
  if (node.listType === 'set') {
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const key = identityKey(item, index);
      const first = seen.get(key);
      if (first !== undefined) {
        report(ctx, SchemaRules.duplicate, indexPath(path, index), `\`${indexPath(path, index)}\` repeats ${quote(item)}, already at \`${indexPath(path, first)}\`; this list is a set (Duplicate value).`, `Remove \`${indexPath(path, index)}\`.`);
      } else {
        seen.set(key, index);
      }
    });
  }
  if (node.listType === 'map' && node.mapKeys) {
    const keys = node.mapKeys;
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      if (!isPlainObject(item)) {
        return;
      }
      const key = identityKey(keys.map((k) => ownValue(item, k)), index);
      const first = seen.get(key);
      if (first !== undefined) {
        report(ctx, SchemaRules.duplicate, indexPath(path, index), `\`${indexPath(path, index)}\` has the same ${keys.join('/')} as \`${indexPath(path, first)}\` (${key}); keys must be unique.`, `Merge or rename \`${indexPath(path, index)}\`.`);
      } else {
        seen.set(key, index);
      }
    });
  }
}

/**
 * What makes two list items the same (their JSON); an item JSON cannot write (a bigint from a JavaScript caller) is
 * equal to no other.
 */
function identityKey(item: unknown, index: number): string {
  try {
    const json = JSON.stringify(item);
    return json === undefined ? `\u0000${index}` : json;
  } catch {
    return `\u0000${index}`;
  }
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 256) {
    return undefined; // no typo of a field name or enum value is this long
  }
  // A truncated or extended value (`NeverContact`, `Managed2`) is the most likely slip of all.
  const lower = word.toLowerCase();
  const byPrefix = word.length >= 3 ? candidates.find((candidate) => candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase())) : undefined;
  if (byPrefix && byPrefix !== word) {
    return byPrefix;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) {
    return Infinity;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Builders, so kind schemas read like the CRD they restate. */
export const s = {
  object: (properties: Record<string, SchemaNode>, options: Omit<ObjectNode, 'type' | 'properties'> = {}): ObjectNode => ({ type: 'object', properties, ...options }),
  map: (values: SchemaNode, options: Omit<ObjectNode, 'type' | 'values'> = {}): ObjectNode => ({ type: 'object', values, ...options }),
  string: (options: Omit<StringNode, 'type'> = {}): StringNode => ({ type: 'string', ...options }),
  integer: (options: Omit<IntegerNode, 'type'> = {}): IntegerNode => ({ type: 'integer', ...options }),
  boolean: (options: Omit<BooleanNode, 'type'> = {}): BooleanNode => ({ type: 'boolean', ...options }),
  array: (items: SchemaNode, options: Omit<ArrayNode, 'type' | 'items'> = {}): ArrayNode => ({ type: 'array', items, ...options }),
  intOrString: (options: Omit<IntOrStringNode, 'type'> = {}): IntOrStringNode => ({ type: 'int-or-string', ...options }),
  any: (options: Omit<AnyNode, 'type'> = {}): AnyNode => ({ type: 'any', ...options }),
};
