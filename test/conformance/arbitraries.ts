/**
 * fast-check arbitraries for the upstream kinds, valid and invalid, for the conformance test.
 *
 * The shape comes from the upstream CRD schema itself (the repository's upstream fixtures, read through the oracle), so every field of every
 * kind is exercised, down to the pod affinity terms of the registry `Config`. The values come from domain generators:
 * registry scopes and mirrors written the way people write them, quantities, Go and kube-openapi durations, DNS
 * names, enum values, integers at their bounds; and from near-miss mutations of valid values (a tag on a scope, an
 * upper-case path, a trailing newline, one character too many, an enum in the wrong case, a wrong JSON type, a
 * missing required field, a duplicate in a set). The verdict is never decided here: the oracle and the rule engine
 * decide, and the test compares them.
 *
 * Three noise levels are mixed: `clean` draws only valid-looking values (most objects are then valid, and the test
 * proves we accept what the cluster accepts); `noisy` mixes in near misses at every node (most objects are then
 * invalid, and the test proves we reject what the cluster rejects); `subtle` mixes in a near miss rarely, so many
 * invalid objects have exactly one problem, and a rule we miss cannot hide behind another one that fires.
 */
import fc from 'fast-check';
import { CrdKind, JsonSchema } from '../support/crd-oracle';
import { SafeRegexes, safeRegexes as readSafeRegexes } from '../support/upstream-fixtures';

type Arb = fc.Arbitrary<unknown>;

/** How often a generator strays from valid-looking values. */
export type NoiseLevel = 'clean' | 'subtle' | 'noisy';

/** Odds per node of each kind of mistake: "one in N" (0 = never), and valid : near-miss weights for values. */
interface Noise {
  readonly validWeight: number;
  readonly nearMissWeight: number;
  readonly wrongTypeOneIn: number;
  readonly missingRequiredOneIn: number;
  readonly nullOneIn: number;
  readonly unknownFieldOneIn: number;
  readonly oddListOneIn: number;
}

const NOISE: Record<NoiseLevel, Noise> = {
  clean: { validWeight: 1, nearMissWeight: 0, wrongTypeOneIn: 0, missingRequiredOneIn: 0, nullOneIn: 0, unknownFieldOneIn: 0, oddListOneIn: 0 },
  subtle: { validWeight: 30, nearMissWeight: 1, wrongTypeOneIn: 300, missingRequiredOneIn: 60, nullOneIn: 60, unknownFieldOneIn: 60, oddListOneIn: 30 },
  noisy: { validWeight: 3, nearMissWeight: 2, wrongTypeOneIn: 40, missingRequiredOneIn: 12, nullOneIn: 25, unknownFieldOneIn: 15, oddListOneIn: 5 },
};

/** `arbitrary` most of the time, `rare` one time in `oneIn` (never when 0). */
function mostly<T, U>(arbitrary: fc.Arbitrary<T>, rare: fc.Arbitrary<U>, oneIn: number): fc.Arbitrary<T | U> {
  return oneIn > 0 ? fc.oneof({ weight: oneIn - 1, arbitrary }, { weight: 1, arbitrary: rare }) : arbitrary;
}

/** Objects of one CRD kind: a quarter clean, half subtle, a quarter noisy. */
export function objectArbitrary(crd: CrdKind): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { weight: 1, arbitrary: objectInMode(crd, 'clean') },
    { weight: 2, arbitrary: objectInMode(crd, 'subtle') },
    { weight: 1, arbitrary: objectInMode(crd, 'noisy') },
  );
}

const SINGLETONS = new Set(['Image', 'Config', 'ImagePruner', 'MachineConfiguration']);

function objectInMode(crd: CrdKind, level: NoiseLevel): fc.Arbitrary<Record<string, unknown>> {
  const specSchema = crd.schema.properties?.spec ?? {};
  const noise = NOISE[level];
  const spec = new Builder(noise).node(specSchema, 'spec', 1);
  // Names are always valid: the CRD does not constrain them and the conformance is about the spec.
  const name = SINGLETONS.has(crd.kind) ? fc.constant('cluster') : fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/);
  const specOrMissing: Arb = mostly(spec, fc.constantFrom(undefined, null), noise.missingRequiredOneIn * 2);
  return fc.record({ name, spec: specOrMissing }).map(({ name: objectName, spec: objectSpec }) => {
    const object: Record<string, unknown> = { apiVersion: crd.apiVersion, kind: crd.kind, metadata: { name: objectName } };
    if (objectSpec !== undefined) {
      object.spec = objectSpec;
    }
    return object;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Domain generators

// Read once, on first use (the fixture is the same one the oracle rewrites its patterns with).
let safeRegexes: SafeRegexes | undefined;
function safe(): SafeRegexes {
  return (safeRegexes ??= readSafeRegexes());
}

/** A pattern as fast-check can generate from it, with the exponential registry patterns swapped for linear ones. */
function generatorRegex(pattern: string): RegExp {
  const regexes = safe();
  if (pattern === regexes.scopeOriginal) {
    return new RegExp(regexes.scopeLinearSafe);
  }
  if (pattern === regexes.mirrorOriginal) {
    return new RegExp(regexes.mirrorLinearSafe);
  }
  return new RegExp(pattern);
}

const label = fc.oneof(
  fc.constantFrom('quay', 'io', 'registry', 'redhat', 'example', 'com', 'corp', 'mirror', 'a', 'x1', 'eu-west-1', 'Docker', 'LOCALHOST', '192', '168', '0', '1'),
  fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?$/),
);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const port = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 65535 }).map((n) => `:${n}`), fc.constantFrom(':5000', ':443', ':0', ':99999999'));
const pathComponent = fc.oneof(
  fc.constantFrom('team', 'ubi9', 'openshift4', 'ose-cli', 'my_repo', 'a__b', 'x--y', 'v1.2', 'release'),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--', '---'), fc.stringMatching(/^[a-z0-9]{1,6}$/)), { maxLength: 2 }))
    .map(([first, rest]) => first + rest.map(([separator, part]) => separator + part).join('')),
);
const repoPath = fc.array(pathComponent, { maxLength: 3 }).map((parts) => parts.map((part) => `/${part}`).join(''));

/** Registry scopes and mirrors as people write them (valid by construction, except where a part is out of range). */
const mirrorValid: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(host, port, repoPath).map(([h, p, r]) => h + p + r) },
  { weight: 1, arbitrary: fc.constant(null).chain(() => fc.stringMatching(new RegExp(safe().mirrorLinearSafe), { size: 'xsmall' })) },
);
const wildcardValid: fc.Arbitrary<string> = host.map((h) => `*.${h}`);
const scopeValid: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: mirrorValid }, { weight: 1, arbitrary: wildcardValid });

const NEAR_MISS_CHARACTERS = [' ', '-', '.', '_', '__', 'A', '\u00e9', ':', '/', '//', '@', '*', '\n', '\t', '..', '[', '\ud83d\ude00'];

/** Near misses of a valid string: one edit that usually, but not always, breaks it. */
function nearMiss(valid: fc.Arbitrary<string>, extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(valid, fc.nat(), fc.constantFrom(...NEAR_MISS_CHARACTERS)).map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1))),
    fc.tuple(valid, fc.nat()).map(([s, at]) => s.slice(0, at % (s.length + 1)) + s.slice((at % (s.length + 1)) + 1)),
    valid.map((s) => s.toUpperCase()),
    valid.map((s) => `${s}\n`),
    valid.map((s) => `-${s}`),
    valid.map((s) => `${s}-`),
    valid.map((s) => `${s}${s}`),
    fc.constantFrom('', ' ', ...extra),
  );
}

const scopeNearMiss: fc.Arbitrary<string> = fc.oneof(
  nearMiss(scopeValid),
  scopeValid.map((s) => `${s}:latest`),
  scopeValid.map((s) => `${s}@sha256:${'a'.repeat(64)}`),
  fc.tuple(host, port, repoPath).map(([h, p, r]) => h + p + r.toUpperCase() + (r === '' ? '/Team' : '')),
  scopeValid.map((s) => `https://${s}`),
  wildcardValid.map((s) => `${s}:5000`),
  wildcardValid.map((s) => `${s}/repo`),
  host.map((h) => `*${h}`),
  fc.constantFrom('*', '*.', '**.example.com', 'a.*.example.com', '[::1]:5000', 'foo.com:/x', 'a.b/c..d', 'quay.io/', 'quay.io//x', 'quay.io:port', '-quay.io', 'quay-.io', 'qu_ay.io',
    `a/${'a'.repeat(40)}!`, `quay.io/${'a-'.repeat(30)}!`, `${'a'.repeat(63)}.${'b'.repeat(64)}`),
  // Length boundaries of the Image registry entries (maxLength 256, counted in code points).
  fc.constantFrom(255, 256, 257).map((n) => `r.io/${'a'.repeat(n - 5)}`),
);
const mirrorNearMiss: fc.Arbitrary<string> = fc.oneof(scopeNearMiss, wildcardValid);

/** Go `time.ParseDuration` syntax, kube-openapi's lenient fallback, and strings neither accepts. */
const durationValid: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '60m', '1h30m', '300ms', '1.5h', '.5s', '-5s', '+2h', '2us', '2\u00b5s', '1h0m0s', '24h'),
  fc.array(fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('ns', 'us', 'ms', 's', 'm', 'h')), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.map(([n, unit]) => `${n}${unit}`).join('')),
);
const durationNearMiss: fc.Arbitrary<string> = fc.oneof(
  nearMiss(durationValid),
  fc.constantFrom('3d', '1 day', '2 weeks', '5 hours', '10 min', '1w', '1 fortnight', '1', '1.5', 'h', 'forever', '', '1h 30m', '1H', '99999999999999999999h', '1d2'),
);

/** Resource quantities (the CRD pattern) as people write them, and near misses. */
const quantityValid: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('100m', '256Mi', '1Gi', '0.5', '1', '2k', '1e3', '1E-3', '+1', '-1', '.5', '5.', '1Ki', '128974848', '129e6', '123Mi'),
  fc.integer({ min: -5, max: 100000 }),
  fc.stringMatching(/^(\+|-)?(([0-9]{1,4}(\.[0-9]{0,2})?)|(\.[0-9]{1,3}))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?[0-9]{1,2}))?$/),
);
const quantityNearMiss: fc.Arbitrary<unknown> = fc.oneof(
  nearMiss(quantityValid.map((value) => String(value))),
  fc.constantFrom('1KiB', '1ki', 'Mi', '1 Gi', '1.2.3', '1e', '--1', '0x10', 'one', '', 1.5, true),
);

/** Wrong JSON types for a node of the given schema type. */
function wrongType(type: string | undefined): Arb {
  switch (type) {
    case 'string':
      return fc.constantFrom(1, true, {}, [], 0.5);
    case 'integer':
      return fc.constantFrom('5', 1.5, true, {}, [], -0.25);
    case 'boolean':
      return fc.constantFrom('true', 1, 'yes', {}, []);
    case 'array':
      return fc.constantFrom('item', {}, 3, true);
    case 'object':
      return fc.constantFrom('x', [], 3, true, ['a']);
    default:
      // int-or-string and untyped nodes: only a structure is the wrong type.
      return fc.constantFrom(true, {}, []);
  }
}

/** Stretches or cuts `s` to exactly `length` code points, repeating a middle character (a length boundary probe). */
function stretchTo(s: string, length: number): string {
  const points = [...s];
  if (points.length === 0) {
    return 'a'.repeat(length);
  }
  if (points.length >= length) {
    return points.slice(0, Math.max(0, length)).join('');
  }
  const middle = Math.floor(points.length / 2);
  const fill = points[Math.min(middle, points.length - 1)];
  return [...points.slice(0, middle), ...Array<string>(length - points.length).fill(fill), ...points.slice(middle)].join('');
}

// ---------------------------------------------------------------------------------------------------------------
// The schema-driven builder

/** Field paths (with `[]` for items) whose values come from a registry-scope domain generator. */
const SCOPE_PATHS = /^spec\.(registrySources\.(allowedRegistries|blockedRegistries|insecureRegistries)\[\]|(imageDigestMirrors|imageTagMirrors)\[\]\.source)$/;
const MIRROR_PATHS = /^spec\.(imageDigestMirrors|imageTagMirrors)\[\]\.mirrors\[\]$/;
const ICSP_PATHS = /^spec\.repositoryDigestMirrors\[\]\.(source|mirrors\[\])$/;
const SEARCH_PATHS = /^spec\.registrySources\.containerRuntimeSearchRegistries\[\]$/;

class Builder {
  constructor(private readonly noise: Noise) {}

  /** The arbitrary for a schema node at `path` (dotted, `[]` for items, `{}` for map values), `depth` from 1. */
  public node(schema: JsonSchema, path: string, depth: number): Arb {
    return mostly(this.proper(schema, path, depth), wrongType(this.typeOf(schema)), this.noise.wrongTypeOneIn);
  }

  private typeOf(schema: JsonSchema): string | undefined {
    if (schema['x-kubernetes-int-or-string'] === true) {
      return undefined;
    }
    return schema.type;
  }

  /** Valid-looking values, mixed with near misses by the noise level. */
  private choose<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> {
    return this.noise.nearMissWeight > 0
      ? fc.oneof({ weight: this.noise.validWeight, arbitrary: valid }, { weight: this.noise.nearMissWeight, arbitrary: invalid })
      : valid;
  }

  private proper(schema: JsonSchema, path: string, depth: number): Arb {
    if (SCOPE_PATHS.test(path)) {
      return this.choose(scopeValid, scopeNearMiss);
    }
    if (MIRROR_PATHS.test(path)) {
      return this.choose(mirrorValid, mirrorNearMiss);
    }
    if (ICSP_PATHS.test(path)) {
      // No pattern in the ICSP CRD: anything goes for the API server (the MCO checks later, not schema-level).
      return this.choose(scopeValid, fc.oneof(scopeNearMiss, fc.string({ maxLength: 12 })));
    }
    if (SEARCH_PATHS.test(path)) {
      return this.choose(host.map((h) => h.toLowerCase()), fc.oneof(nearMiss(host), scopeNearMiss));
    }
    if (schema['x-kubernetes-int-or-string'] === true) {
      return schema.pattern ? this.choose(quantityValid, quantityNearMiss) : fc.oneof(fc.integer(), fc.string({ maxLength: 6 }));
    }
    switch (schema.type) {
      case 'string':
        return this.string(schema);
      case 'integer':
        return this.integer(schema);
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return this.array(schema, path, depth);
      case 'object':
        return this.object(schema, path, depth);
      default:
        return fc.constant({});
    }
  }

  private string(schema: JsonSchema): Arb {
    if (schema.enum) {
      const values = schema.enum.filter((value): value is string => typeof value === 'string');
      const misses = fc.oneof(
        fc.constantFrom(...values).map((value) => value.toLowerCase()),
        fc.constantFrom(...values).map((value) => value.toUpperCase()),
        fc.constantFrom(...values).map((value) => ` ${value}`),
        fc.constantFrom('', 'Unknown', 'default', 'Managed', 'Never', 'Always', 'Normal'),
      );
      return this.choose(fc.constantFrom(...values), misses);
    }
    if (schema.format === 'duration') {
      return this.choose(durationValid, durationNearMiss);
    }
    if (schema.pattern) {
      const valid = fc.stringMatching(generatorRegex(schema.pattern), { size: 'xsmall' }).filter((s) => s.length <= (schema.maxLength as number | undefined ?? Infinity));
      return this.choose(valid, fc.oneof(nearMiss(valid), this.lengthProbes(schema, valid)));
    }
    const minLength = schema.minLength as number | undefined;
    const maxLength = schema.maxLength as number | undefined;
    const plain = fc.oneof(
      fc.constantFrom('a', 'cluster', 'image-registry', 'kubernetes.io/os', 'x y', '\u00e9t\u00e9'),
      fc.string({ minLength: minLength ?? 0, maxLength: Math.min(maxLength ?? 12, 12) }),
    ).filter((s) => [...s].length >= (minLength ?? 0) && [...s].length <= (maxLength ?? Infinity));
    return this.choose(plain, fc.oneof(plain, this.lengthProbes(schema, plain)));
  }

  /** Strings at and just past the length bounds, including in code points that are two UTF-16 units. */
  private lengthProbes(schema: JsonSchema, valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
    const bounds: number[] = [];
    const minLength = schema.minLength as number | undefined;
    const maxLength = schema.maxLength as number | undefined;
    if (minLength !== undefined) {
      bounds.push(Math.max(0, minLength - 1), minLength);
    }
    if (maxLength !== undefined) {
      bounds.push(maxLength, maxLength + 1);
    }
    if (bounds.length === 0) {
      return valid;
    }
    return fc.oneof(
      fc.tuple(valid, fc.constantFrom(...bounds)).map(([s, length]) => stretchTo(s, length)),
      fc.constantFrom(...bounds).map((length) => '\ud83d\ude00'.repeat(length)),
    );
  }

  private integer(schema: JsonSchema): Arb {
    const minimum = schema.minimum as number | undefined;
    const maximum = schema.maximum as number | undefined;
    const inRange = fc.integer({ min: minimum ?? -3, max: maximum ?? 1000 });
    // Int32 bounds (the operators decode `format: int32` fields as 32-bit integers), int64 bounds (beyond them the API
    // server reads a float, which is no integer), and numbers written far out of range.
    const edges = [0, 1, -1, 2147483647, 2147483648, -2147483648, -2147483649, Number.MAX_SAFE_INTEGER, -(2 ** 63), 2 ** 63, 99999999999999999999, 1e308, -1e308];
    if (minimum !== undefined) {
      edges.push(minimum - 1, minimum);
    }
    if (maximum !== undefined) {
      edges.push(maximum, maximum + 1);
    }
    const cleanEdges = edges.filter((value) => (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum) && value >= -(2 ** 63) && value < 2 ** 63);
    return this.choose(cleanEdges.length > 0 ? fc.oneof(inRange, fc.constantFrom(...cleanEdges)) : inRange, fc.constantFrom(...edges));
  }

  private array(schema: JsonSchema, path: string, depth: number): Arb {
    const items = this.node(schema.items ?? {}, `${path}[]`, depth + 1);
    const minItems = (schema.minItems as number | undefined) ?? 0;
    const maxItems = schema.maxItems as number | undefined;
    const maxLength = Math.max(minItems, depth > 3 ? 1 : 3);
    const listType = schema['x-kubernetes-list-type'];
    const keys = schema['x-kubernetes-list-map-keys'];
    const distinct = listType === 'set'
      ? fc.uniqueArray(items, { minLength: minItems, maxLength, selector: (item) => JSON.stringify(item) })
      : listType === 'map' && keys
        ? fc.uniqueArray(items, { minLength: minItems, maxLength, selector: (item) => JSON.stringify(keys.map((key) => (item as Record<string, unknown> | null)?.[key])) })
        : fc.array(items, { minLength: minItems, maxLength });
    const odd: Array<fc.Arbitrary<unknown>> = [
      // A repeated item: rejected in a set or map list, harmless in an atomic one.
      fc.array(items, { minLength: 1, maxLength: 2 }).map((list) => [...list, list[0]]),
      fc.constant([]),
    ];
    if (maxItems !== undefined) {
      odd.push(fc.constantFrom(maxItems, maxItems + 1).chain((count) => fc.array(items, { minLength: 1, maxLength: 3 }).map((seed) => Array.from({ length: count }, (_, i) => seed[i % seed.length]))));
    }
    return mostly(distinct, fc.oneof(...odd), this.noise.oddListOneIn);
  }

  private object(schema: JsonSchema, path: string, depth: number): Arb {
    if (schema['x-kubernetes-preserve-unknown-fields'] === true && !schema.properties) {
      return fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean()), { maxKeys: 2 });
    }
    const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    if (additional && !schema.properties) {
      const key = fc.oneof(fc.constantFrom('kubernetes.io/os', 'node-role.kubernetes.io/infra', 'cpu', 'memory', 'a'), fc.stringMatching(/^[a-z]{1,8}$/));
      return fc.dictionary(key, this.node(additional, `${path}{}`, depth + 1), { maxKeys: depth > 3 ? 1 : 3 });
    }
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const presence = depth <= 2 ? 0.5 : depth <= 4 ? 0.3 : 0.15;
    const fields: Record<string, Arb> = {};
    for (const [name, child] of Object.entries(properties)) {
      const value = this.node(child, `${path}.${name}`, depth + 1);
      if (required.has(name)) {
        fields[name] = mostly(value, fc.constantFrom(undefined, null), this.noise.missingRequiredOneIn);
      } else {
        const presentOrAbsent = fc.oneof({ weight: Math.round(presence * 100), arbitrary: value }, { weight: Math.round((1 - presence) * 100), arbitrary: fc.constant(undefined) });
        // `null` is pruned by the API server for non-nullable fields: the same as absent, unless required.
        fields[name] = mostly(presentOrAbsent, fc.constant(null), this.noise.nullOneIn);
      }
    }
    const record = fc.record(fields);
    // Unknown fields are pruned by the API server (and only a warning for us).
    const withUnknown = fc.tuple(record, mostly(fc.constant(undefined), fc.constantFrom('registrySource', 'replica', 'unknownField', 'Spec'), this.noise.unknownFieldOneIn))
      .map(([object, extra]) => (extra === undefined ? object : { ...object, [extra]: 'x' }));
    return withUnknown.map((object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)));
  }
}
