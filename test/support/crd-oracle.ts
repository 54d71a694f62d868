/**
 * The upstream CRDs as a test oracle: "would the API server accept this object?".
 *
 * The CRDs come from the repository's fixtures (`test/fixtures/upstream/crds/`, reduced to their schemas and CEL
 * rules; see SOURCE.md there). Each version's `openAPIV3Schema` is compiled with ajv and every
 * `x-kubernetes-validations` rule is evaluated with a CEL interpreter, emulating what the Kubernetes API server does
 * on create:
 *
 * 1. `status` is dropped (every one of these CRDs has the status subresource, so a create cannot set it);
 * 2. unknown fields are pruned and `null`s of non-nullable fields are dropped, then structural defaults are applied
 *    (only where the parent object exists), as `apiextensions-apiserver` does before validating;
 * 3. the schema is checked: types, `required`, `enum`, `pattern` (search semantics; the registry-scope pattern, which
 *    backtracks exponentially in JavaScript, is replaced by its linear-time equivalent from the fixture
 *    `safe-regex.json`), string lengths in code points, integer ranges, item counts, `anyOf`/`not`;
 *    integers as the API server decodes them (a JSON number beyond 64 bits becomes a float, which is no integer:
 *    `must be of type integer`); `format` as kube-openapi applies it (int32/int64 are not range-checked, `duration` is Go `time.ParseDuration`
 *    with kube-openapi's lenient fallback, formats on non-strings are ignored); list types `set` and `map` reject
 *    duplicates;
 * 4. every CEL rule runs with `self` bound to its node (transition rules with `oldSelf` are skipped: there is no old
 *    object on create);
 * 5. `metadata.name` must be present and a DNS-1123 subdomain (the generic object-meta validation of custom
 *    resources, which is not in the CRD schema).
 *
 * A missing fixture makes the first call throw (see upstream-fixtures.ts); the oracle never skips.
 */
import Ajv, { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadCel } from './cel';
import { readUpstreamFixture, safeRegexes, UPSTREAM_CRD_FILES } from './upstream-fixtures';

/** The oracle's verdict on one object. */
export interface CrdVerdict {
  /** Whether the API server would accept the object on create. */
  readonly valid: boolean;
  /** One line per violation: `path: message` (ajv instance paths are JSON pointers). */
  readonly errors: string[];
}

/** A CRD version the oracle knows. */
export interface CrdKind {
  readonly group: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly clusterScoped: boolean;
  /** The version's `openAPIV3Schema`, after the load-time rewrites (safe patterns), as a plain object. */
  readonly schema: JsonSchema;
}

/** An OpenAPI v3 schema node as the CRDs write it. */
export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly required?: string[];
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly anyOf?: JsonSchema[];
  readonly not?: JsonSchema;
  readonly enum?: unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: string[];
  readonly 'x-kubernetes-validations'?: Array<{ rule: string; message?: string }>;
  readonly [keyword: string]: unknown;
}

interface CompiledKind extends CrdKind {
  readonly validate: ValidateFunction;
  readonly hasStatusSubresource: boolean;
}

let compiled: Map<string, CompiledKind> | undefined;

/** Every CRD version the oracle knows, keyed `apiVersion/kind`. */
export function crdKinds(): CrdKind[] {
  return [...load().values()].map(({ group, version, apiVersion, kind, clusterScoped, schema }) => ({ group, version, apiVersion, kind, clusterScoped, schema }));
}

/** The CRD version for an apiVersion and kind, if the fixtures have one. */
export function findCrd(apiVersion: string, kind: string): CrdKind | undefined {
  return load().get(`${apiVersion}/${kind}`);
}

/** Whether the CRD of `kind` (any of the fixtures) is cluster-scoped. */
export function isClusterScoped(kind: string): boolean {
  const found = [...load().values()].find((candidate) => candidate.kind === kind);
  if (!found) {
    throw new Error(`no upstream CRD for kind ${kind}`);
  }
  return found.clusterScoped;
}

/**
 * The API server's verdict on creating `object`, picking the CRD by `apiVersion` and `kind`. Throws when no upstream
 * CRD matches (a test asking about another kind is a test bug). The input is not modified.
 */
export function validateWithCrd(object: unknown): CrdVerdict {
  const candidate = object as { apiVersion?: unknown; kind?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.apiVersion !== 'string' || typeof candidate.kind !== 'string') {
    return { valid: false, errors: ['object: not an object with string apiVersion and kind'] };
  }
  const crd = load().get(`${candidate.apiVersion}/${candidate.kind}`);
  if (!crd) {
    throw new Error(`no upstream CRD for ${candidate.apiVersion} ${candidate.kind}`);
  }
  const prepared = deepCopy(object) as Record<string, unknown>;
  if (crd.hasStatusSubresource) {
    delete prepared.status;
  }
  pruneAndDefault(crd.schema, prepared, true);
  const errors = [...metadataErrors(prepared.metadata)];
  if (!crd.validate(prepared)) {
    errors.push(...(crd.validate.errors ?? []).map(formatAjvError));
  }
  return { valid: errors.length === 0, errors };
}

/** The object as the API server would store it (status dropped, unknown fields pruned, defaults applied). */
export function defaultedWithCrd(object: Record<string, unknown>): Record<string, unknown> {
  const crd = load().get(`${String(object.apiVersion)}/${String(object.kind)}`);
  if (!crd) {
    throw new Error(`no upstream CRD for ${String(object.apiVersion)} ${String(object.kind)}`);
  }
  const prepared = deepCopy(object);
  if (crd.hasStatusSubresource) {
    delete prepared.status;
  }
  pruneAndDefault(crd.schema, prepared, true);
  return prepared;
}

function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '<root>' : error.instancePath;
  const params = error.keyword === 'enum' ? ` ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}` : '';
  return `${where}: ${error.keyword}: ${error.message ?? ''}${params}`;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Generic object-meta validation of a custom resource on create (not part of the CRD schema). */
function metadataErrors(metadata: unknown): string[] {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return ['/metadata/name: required: name or generateName is required'];
  }
  const name = (metadata as Record<string, unknown>).name;
  if (typeof name !== 'string' || name === '') {
    return ['/metadata/name: required: name or generateName is required'];
  }
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return [`/metadata/name: invalid: ${JSON.stringify(name)} is not a lowercase RFC 1123 subdomain`];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Pruning, null dropping and structural defaulting (what the API server does before validation)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks `value` along `schema`: drops fields the schema does not know (unless it preserves unknown fields), drops
 * `null` values of non-nullable fields, then fills `default`s of absent fields. `root` keeps `metadata` untouched
 * (object meta is not pruned by the CRD schema).
 */
function pruneAndDefault(schema: JsonSchema, value: unknown, root = false): void {
  if (Array.isArray(value)) {
    if (schema.items) {
      for (const item of value) {
        pruneAndDefault(schema.items, item);
      }
    }
    return;
  }
  if (!isPlainObject(value) || schema['x-kubernetes-preserve-unknown-fields'] === true) {
    return;
  }
  const properties = schema.properties;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const key of Object.keys(value)) {
    if (root && key === 'metadata') {
      continue;
    }
    const child = properties?.[key] ?? additional;
    if (!child) {
      if (schema.additionalProperties !== true) {
        delete value[key];
      }
      continue;
    }
    if (value[key] === null && child.nullable !== true) {
      delete value[key];
      continue;
    }
    pruneAndDefault(child, value[key]);
  }
  if (properties) {
    for (const [key, child] of Object.entries(properties)) {
      if (value[key] === undefined && child.default !== undefined) {
        value[key] = deepCopy(child.default);
        // A default object is itself defaulted, as the API server does.
        pruneAndDefault(child, value[key]);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and compiling

function load(): Map<string, CompiledKind> {
  if (compiled) {
    return compiled;
  }
  const safe = safeRegexes();
  const patternSubstitutes = new Map<string, string>([
    [safe.scopeOriginal, safe.scopeLinearSafe],
    [safe.mirrorOriginal, safe.mirrorLinearSafe],
  ]);
  const ajv = createAjv();
  const result = new Map<string, CompiledKind>();
  for (const file of UPSTREAM_CRD_FILES) {
    const crd = readUpstreamFixture<{
      spec: { group: string; scope: string; names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: JsonSchema }; subresources?: { status?: unknown } }> };
    }>(file);
    for (const version of crd.spec.versions) {
      const schema = rewriteSchema(version.schema.openAPIV3Schema, patternSubstitutes);
      const apiVersion = `${crd.spec.group}/${version.name}`;
      result.set(`${apiVersion}/${crd.spec.names.kind}`, {
        group: crd.spec.group,
        version: version.name,
        apiVersion,
        kind: crd.spec.names.kind,
        clusterScoped: crd.spec.scope === 'Cluster',
        schema,
        validate: ajv.compile(schema as AnySchemaObject),
        hasStatusSubresource: version.subresources?.status !== undefined,
      });
    }
  }
  compiled = result;
  return result;
}

/**
 * Load-time rewrites: linear-time equivalents of the exponential registry patterns, in `pattern` and inside the CEL
 * `matches()` literals; `x-kubernetes-int-or-string` without an explicit `anyOf` gets one. Fails if a CEL rule still
 * contains an original pattern afterwards (it would hang the test run on adversarial input).
 */
function rewriteSchema(node: JsonSchema, substitutes: ReadonlyMap<string, string>): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'description') {
      continue;
    }
    if (keyword === 'properties' && isPlainObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, rewriteSchema(child as JsonSchema, substitutes)]));
    } else if ((keyword === 'items' || keyword === 'not' || keyword === 'additionalProperties') && isPlainObject(value)) {
      out[keyword] = rewriteSchema(value as JsonSchema, substitutes);
    } else if ((keyword === 'anyOf' || keyword === 'allOf' || keyword === 'oneOf') && Array.isArray(value)) {
      out[keyword] = value.map((child) => rewriteSchema(child as JsonSchema, substitutes));
    } else if (keyword === 'pattern' && typeof value === 'string') {
      out.pattern = substitutes.get(value) ?? value;
    } else if (keyword === 'x-kubernetes-validations' && Array.isArray(value)) {
      out[keyword] = value.map((rule: { rule: string; message?: string }) => ({ ...rule, rule: rewriteCelRule(rule.rule, substitutes) }));
    } else {
      out[keyword] = value;
    }
  }
  if (out['x-kubernetes-int-or-string'] === true && out.anyOf === undefined) {
    out.anyOf = [{ type: 'integer', [INT64_KEYWORD]: true }, { type: 'string' }];
  }
  if (out.type === 'integer') {
    out[INT64_KEYWORD] = true;
  }
  return out as JsonSchema;
}

/** CEL single-quoted string literal of a regex: every backslash doubled (the CRDs write them so). */
function celLiteral(regex: string): string {
  return regex.replace(/\\/g, '\\\\');
}

function rewriteCelRule(rule: string, substitutes: ReadonlyMap<string, string>): string {
  let rewritten = rule;
  for (const [original, safe] of substitutes) {
    rewritten = rewritten.split(celLiteral(original)).join(celLiteral(safe));
  }
  for (const original of substitutes.keys()) {
    if (rewritten.includes(celLiteral(original))) {
      throw new Error(`CEL rule still holds an exponential pattern after rewriting: ${rule}`);
    }
  }
  // A regex with the ambiguous `[-]*` inside a repeated group is the signature of the exponential pattern family;
  // refuse to evaluate an unknown variant rather than hang.
  if (rewritten.includes('matches(') && rewritten.includes('[-]*')) {
    throw new Error(`CEL rule holds a pattern with no linear-time equivalent in safe-regex.json: ${rule}`);
  }
  return rewritten;
}

/**
 * Marks integer nodes: the API server decodes a JSON number into an int64 when it fits and into a float64 otherwise,
 * and a float beyond 2^53 is no integer to its validator, so `type: integer` holds only 64-bit integers.
 */
const INT64_KEYWORD = 'x-oracle-int64';

/** A compiled custom keyword: ajv reads the errors it leaves on itself (and fills their paths). */
type KeywordCheck = ((data: unknown) => boolean) & { errors?: Array<Partial<ErrorObject>> };

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, useDefaults: false, coerceTypes: false });
  addFormats(ajv, ['date-time']);
  // kube-openapi validates formats only on strings and ignores the int formats entirely (no range check).
  ajv.addFormat('int32', { type: 'number', validate: () => true });
  ajv.addFormat('int64', { type: 'number', validate: () => true });
  ajv.addFormat('duration', { type: 'string', validate: isKubeOpenApiDuration });
  // Only ever placed on an array in these CRDs (see openshift-api.md §2.4), where the API server ignores it; a
  // permissive string check keeps the emulation honest if it ever lands on a string.
  ajv.addFormat('hostname', { type: 'string', validate: () => true });

  ajv.addKeyword({
    keyword: INT64_KEYWORD,
    type: 'number',
    errors: true,
    compile: () => {
      const check: KeywordCheck = (data) => {
        const fits = typeof data !== 'number' || !Number.isInteger(data) || (data >= -(2 ** 63) && data < 2 ** 63);
        check.errors = fits ? [] : [{ keyword: 'type', message: 'must be of type integer (beyond 64 bits it decodes as a float)', params: {} }];
        return fits;
      };
      return check;
    },
  });
  for (const keyword of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-map-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-embedded-resource']) {
    ajv.addKeyword({ keyword });
  }
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    errors: true,
    compile: (listType: string, parentSchema: AnySchemaObject) => {
      const keys = (parentSchema['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
      const check: KeywordCheck = (data) => {
        if ((listType !== 'set' && listType !== 'map') || !Array.isArray(data)) {
          return true;
        }
        const seen = new Set<string>();
        const failures: Array<Partial<ErrorObject>> = [];
        data.forEach((item, index) => {
          const identity = listType === 'set' ? canonicalJson(item) : canonicalJson(keys.map((key) => (isPlainObject(item) ? item[key] : undefined)));
          if (seen.has(identity)) {
            failures.push({ keyword: 'x-kubernetes-list-type', params: { index }, message: `Duplicate value at [${index}] (list type ${listType})` });
          }
          seen.add(identity);
        });
        check.errors = failures;
        return failures.length === 0;
      };
      return check;
    },
  });
  const cel = loadCel();
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    errors: true,
    compile: (rules: Array<{ rule: string; message?: string }>) => {
      const programs = rules
        // Transition rules need the old object; on create there is none and the API server skips them.
        .filter((rule) => !/\boldSelf\b/.test(rule.rule))
        .map((rule) => ({ rule, program: cel.parse(rule.rule) }));
      const check: KeywordCheck = (data) => {
        const failures: Array<Partial<ErrorObject>> = [];
        for (const { rule, program } of programs) {
          let outcome: unknown;
          try {
            outcome = program({ self: toCelValue(data) });
          } catch (error) {
            outcome = `evaluation error: ${(error as Error).message}`;
          }
          if (outcome !== true) {
            failures.push({
              keyword: 'x-kubernetes-validations', params: { rule: rule.rule },
              message: typeof outcome === 'string' ? `${rule.message ?? rule.rule} (${outcome})` : (rule.message ?? `failed rule: ${rule.rule}`),
            });
          }
        }
        check.errors = failures;
        return failures.length === 0;
      };
      return check;
    },
  });
  return ajv;
}

/** Numbers that are integers become CEL `int`s (BigInt); everything else maps one to one. */
function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    // Built with a literal, not `value.map`: an array from another realm (Jest's `structuredClone` is the host's)
    // would keep its foreign `Array` species, and the evaluator rejects foreign arrays ("Unsupported type: Array").
    const list: unknown[] = [];
    for (const item of value) {
      list.push(toCelValue(item));
    }
    return list;
  }
  if (isPlainObject(value)) {
    const map: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      map[key] = toCelValue(child);
    }
    return map;
  }
  return value;
}

/** A deep copy of JSON-like data made in this realm (see {@link toCelValue} for why not `structuredClone`). */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    for (const item of value) {
      list.push(deepCopy(item));
    }
    return list as T;
  }
  if (isPlainObject(value)) {
    const map: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      map[key] = deepCopy(child);
    }
    return map as T;
  }
  return value;
}

/** JSON with sorted keys, so equal objects give equal strings whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (isPlainObject(value)) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------------------
// format: duration (kube-openapi strfmt.ParseDuration)

/** Go `time.ParseDuration` syntax: an optional sign, then `0` or a sequence of decimal numbers with units. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;
/** kube-openapi's fallback: any `<digits><space*><letters>` run whose unit is known. */
const FALLBACK_DURATION = /(\d+)\s*([A-Za-z\u00b5]+)/g;
const FALLBACK_UNITS: ReadonlyArray<readonly string[]> = [
  ['ns', 'nano'], ['us', '\u00b5s', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week'],
];

/**
 * Whether kube-openapi accepts `value` as `format: duration`: Go `time.ParseDuration` first (including its overflow
 * check), then the lenient fallback (units `d`, `day(s)`, `w`, `week(s)` and long names; the last variant of each unit
 * matches as a prefix, so `hours`, `days`, `weeks` pass).
 */
export function isKubeOpenApiDuration(value: string): boolean {
  if (GO_DURATION.test(value) && goDurationInRange(value)) {
    return true;
  }
  let ok = false;
  for (const match of value.matchAll(FALLBACK_DURATION)) {
    if (BigInt(match[1]) > 2n ** 63n - 1n) {
      // strconv.Atoi fails on overflow, which fails the whole parse.
      return false;
    }
    const unit = match[2].toLowerCase().trim();
    for (const variants of FALLBACK_UNITS) {
      variants.forEach((variant, index) => {
        if (unit === variant || (index === variants.length - 1 && unit.startsWith(variant))) {
          ok = true;
        }
      });
    }
  }
  return ok;
}

const NANOS: Record<string, number> = { 'ns': 1, 'us': 1e3, '\u00b5s': 1e3, '\u03bcs': 1e3, 'ms': 1e6, 's': 1e9, 'm': 60e9, 'h': 3600e9 };

/** Go rejects durations beyond ±(2^63-1) ns; an approximate sum is enough to find those. */
function goDurationInRange(value: string): boolean {
  let total = 0;
  for (const match of value.matchAll(/([0-9]*\.?[0-9]*)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) {
    total += Number(match[1] || '0') * NANOS[match[2]];
  }
  return total <= 9.223372036854775e18;
}
