/**
 * Constructs never throw a TypeError, and never coerce a value silently. JavaScript callers, `as any` and props loaded
 * from YAML give any value to any prop; every Kubernetes construct gets arbitrary values (wrong JSON types, values no
 * object can hold, objects with prototype-named keys, values of the right type, and the same one level down) at
 * every prop, and each run ends one of two ways:
 * - a `ValidationError` naming the prop (a finding at `spec.<prop>` or below, or at the prop's own name);
 * - the construct builds, and what it synthesizes holds the value as given (nothing dropped, nothing converted).
 * Anything else (a TypeError, another error, a value changed on the way) fails the test with the prop and the value.
 *
 * The spec props of each kind are read from the upstream CRD fixtures, so every field the API has is exercised.
 */
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import fc from 'fast-check';
import {
  ImageConfig, ImageContentSourcePolicy, ImageDigestMirrorSet, ImagePruner, ImageRegistryConfig, ImageTagMirrorSet,
  RegistryExternalSecretCredentials, RegistryWebIdentityCredentials, ruleCatalog, ValidationError, Warnings,
} from '../../../src';
import { OpenShiftCluster } from '../../../src/constructs/k8s/openshift-cluster';
import { crdKinds, JsonSchema } from '../../support/crd-oracle';

const RUNS = Number(process.env.CONSTRUCT_PROPERTY_RUNS ?? 1000);

/** One prop of one construct: where its findings may be, and how an accepted value must come out. */
interface PropUnderTest {
  readonly name: string;
  /** Field paths (or prop names) a finding about it may have, as prefixes. */
  readonly paths: readonly string[];
  /** Keys one level down, to put arbitrary values there too. */
  readonly childKeys: readonly string[];
  /** Whether it is a list (arbitrary items are then tried too). */
  readonly list: boolean;
  /** Checks an accepted value against what was synthesized; `undefined`: the value must appear verbatim at `spec.<name>`. */
  readonly accepted?: (value: unknown, synthesized: any[]) => void;
}

interface ConstructUnderTest {
  readonly name: string;
  readonly props: readonly PropUnderTest[];
  /** Props that must be present (set to a valid value unless the run tests them). */
  readonly base?: Record<string, unknown>;
  readonly build: (scope: Construct, props: unknown) => void;
  /** The object whose spec holds the props. */
  readonly kind?: string;
}

function specProps(kind: string): PropUnderTest[] {
  const crd = crdKinds().find((candidate) => candidate.kind === kind);
  if (!crd) {
    throw new Error(`no CRD fixture for ${kind}`);
  }
  const spec = crd.schema.properties?.spec ?? {};
  return Object.entries(spec.properties ?? {}).map(([name, schema]: [string, JsonSchema]) => {
    const inner = schema.type === 'array' ? schema.items ?? {} : schema;
    return { name, paths: [`spec.${name}`], childKeys: Object.keys(inner.properties ?? {}), list: schema.type === 'array' };
  });
}

const metadataProp = (named: boolean): PropUnderTest => ({
  name: 'metadata',
  paths: ['metadata'],
  childKeys: named ? ['name', 'labels', 'annotations'] : ['labels', 'annotations'],
  list: false,
  accepted: (value, synthesized) => {
    const main = synthesized[0];
    const given = (value ?? {}) as { labels?: unknown; annotations?: unknown; name?: unknown };
    // cdk8s leaves empty maps out of metadata.
    expect(main.metadata.labels ?? {}).toEqual(given.labels ?? {});
    expect(main.metadata.annotations ?? {}).toEqual(given.annotations ?? {});
    if (named && given.name !== undefined) {
      expect(main.metadata.name).toBe(given.name);
    }
  },
});

/** A prop whose accepted values are strings given as they are (a Go duration, a name). */
const stringProp = (name: string, check: (value: string | undefined, synthesized: any[]) => void): PropUnderTest => ({
  name, paths: [name], childKeys: [], list: false,
  accepted: (value, synthesized) => {
    expect(value === undefined || typeof value === 'string' || typeof value === 'boolean').toBe(true);
    check(value as string | undefined, synthesized);
  },
});

const CONSTRUCTS: ConstructUnderTest[] = [
  {
    name: 'ImageConfig',
    kind: 'Image',
    props: [
      ...specProps('Image').filter((prop) => prop.name !== 'additionalTrustedCA'),
      { name: 'additionalTrustedCA', paths: ['spec.additionalTrustedCA'], childKeys: ['name'], list: false },
      metadataProp(false),
      {
        name: 'trustedCAs', paths: ['trustedCAs', 'data'], childKeys: ['registry.example.com', 'toString', '__proto__'], list: false,
        accepted: (value, synthesized) => {
          const configMap = synthesized.find((object) => object.kind === 'ConfigMap');
          if (value === undefined) {
            expect(configMap).toBeUndefined();
          } else {
            expect(Object.values(configMap.data)).toEqual(Object.values(value as object));
          }
        },
      },
      {
        name: 'trustedCAConfigMapName', paths: ['trustedCAConfigMapName', 'spec.additionalTrustedCA'], childKeys: [], list: false,
        accepted: (value, synthesized) => {
          expect(typeof value === 'string' || value === undefined).toBe(true);
          expect(synthesized[0].spec.additionalTrustedCA).toBeUndefined();
        },
      },
    ],
    build: (scope, props) => new ImageConfig(scope, 'images', props as any),
  },
  ...(['ImageDigestMirrorSet', 'ImageTagMirrorSet'] as const).map((kind): ConstructUnderTest => ({
    name: kind,
    kind,
    props: [...specProps(kind), metadataProp(true)],
    build: (scope, props) => (kind === 'ImageDigestMirrorSet' ? new ImageDigestMirrorSet(scope, 'mirrors', props as any) : new ImageTagMirrorSet(scope, 'mirrors', props as any)),
  })),
  {
    name: 'ImageContentSourcePolicy',
    kind: 'ImageContentSourcePolicy',
    props: [...specProps('ImageContentSourcePolicy'), metadataProp(true)],
    build: (scope, props) => new ImageContentSourcePolicy(scope, 'icsp', props as any),
  },
  {
    name: 'ImageRegistryConfig',
    kind: 'Config',
    base: { replicas: 2 },
    props: [
      ...specProps('Config').filter((prop) => !['storage', 'requests', 'resources', 'rolloutStrategy'].includes(prop.name)),
      // Conveniences on top of the spec fields, which render their own way (a storage factory, Durations, quantity
      // objects, a default strategy for PVC storage): only shapes nothing converts are compared verbatim.
      ...['storage', 'requests', 'resources', 'rolloutStrategy'].map((name): PropUnderTest => ({
        ...specProps('Config').find((prop) => prop.name === name)!,
        accepted: (value, synthesized) => {
          if (name !== 'rolloutStrategy' || value !== undefined) {
            expect(synthesized[0].spec[name]).toEqual(asWritten(value));
          }
        },
      })),
      metadataProp(false),
    ],
    build: (scope, props) => new ImageRegistryConfig(scope, 'registry', props as any),
  },
  {
    name: 'ImagePruner',
    kind: 'ImagePruner',
    props: [
      ...specProps('ImagePruner').filter((prop) => prop.name !== 'ignoreInvalidImageReferences'),
      {
        name: 'ignoreInvalidImageReferences', paths: ['spec.ignoreInvalidImageReferences'], childKeys: [], list: false,
        accepted: (value, synthesized) => expect(synthesized[0].spec.ignoreInvalidImageReferences).toEqual(value === undefined || value === null ? true : value),
      },
      metadataProp(false),
    ],
    build: (scope, props) => new ImagePruner(scope, 'pruner', props as any),
  },
  {
    name: 'RegistryWebIdentityCredentials',
    base: { roleArn: 'arn:aws:iam::123456789012:role/registry' },
    props: [
      { ...stringProp('roleArn', (value, synthesized) => expect(synthesized[0].stringData.credentials).toContain(`role_arn = ${value}\n`)), paths: ['roleArn', 'stringData.credentials'] },
      {
        name: 'regionalStsEndpoints', paths: ['regionalStsEndpoints'], childKeys: [], list: false,
        accepted: (value, synthesized) => {
          expect(value === undefined || typeof value === 'boolean').toBe(true);
          expect(synthesized[0].stringData.credentials.includes('sts_regional_endpoints = regional')).toBe(value ?? true);
        },
      },
      metadataProp(false),
    ],
    build: (scope, props) => new RegistryWebIdentityCredentials(scope, 'sts', props as any),
  },
  {
    name: 'RegistryExternalSecretCredentials',
    base: { secretStoreRef: { name: 'aws' }, remoteSecretName: 'registry-keys' },
    props: [
      {
        name: 'secretStoreRef', paths: ['secretStoreRef', 'spec.secretStoreRef'], childKeys: ['name', 'kind'], list: false,
        accepted: (value, synthesized) => expect(synthesized[0].spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', ...(value as object) }),
      },
      { ...stringProp('remoteSecretName', (value, synthesized) => expect(synthesized[0].spec.data[0].remoteRef.key).toBe(value)), paths: ['remoteSecretName', 'spec.data'] },
      { ...stringProp('refreshInterval', (value, synthesized) => expect(synthesized[0].spec.refreshInterval).toBe(value ?? '1h')), paths: ['refreshInterval', 'spec.refreshInterval'] },
      stringProp('apiVersion', (value, synthesized) => expect(synthesized[0].apiVersion).toBe(value ?? 'external-secrets.io/v1')),
      metadataProp(false),
    ],
    build: (scope, props) => new RegistryExternalSecretCredentials(scope, 'keys', props as any),
  },
  {
    name: 'OpenShiftCluster',
    props: [
      { name: 'openshiftVersion', paths: ['openshiftVersion'], childKeys: [], list: false, accepted: (value) => expect(value === undefined || typeof value === 'string').toBe(true) },
      { name: 'releaseImage', paths: ['releaseImage'], childKeys: [], list: false, accepted: (value) => expect(value === undefined || typeof value === 'string').toBe(true) },
    ],
    build: (scope, props) => new OpenShiftCluster(scope, 'cluster', props as any),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Values

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { registry: 'quay.io' });


/** Values that have broken constructs (or could): wrong types, values JSON cannot hold, prototype-named keys. */
const odd: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  5, -1, 0, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 99999999999999999999, 1e308, '', ' ', 'x', 'quay.io', '60m', '4.19', true, false, null,
  [], {}, [5], [null], [{}], ['a', 'a'], { toString: 1 }, { valueOf: 'x' }, JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: 'c' },
  10n, Symbol('s'), () => 1, new Date(0), new Map([['a', 1]]), new Set([1]), /re/, new String('boxed'), cyclic, nullPrototype,
  [undefined], Object.assign([1, 2], { extra: 1 }), { value: '1Gi' }, { name: 5 }, { name: 'ok' }, { labels: { a: 5 } }, { labels: { a: 'b' } },
);

const anything = fc.anything({ maxDepth: 2, maxKeys: 3, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withSet: true, withSparseArray: true, withTypedArray: true });

const leaf = fc.oneof({ weight: 3, arbitrary: odd }, { weight: 2, arbitrary: anything });

/** A value for `prop`: odd values at the prop, in its items, or one key down. */
function valueFor(prop: PropUnderTest): fc.Arbitrary<unknown> {
  const options: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 4, arbitrary: leaf }];
  if (prop.childKeys.length > 0) {
    const child = fc.tuple(fc.constantFrom(...prop.childKeys), leaf).map(([key, value]) => {
      const object: Record<string, unknown> = {};
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      return object;
    });
    options.push({ weight: 3, arbitrary: prop.list ? child.map((item) => [item]) : child });
  }
  if (prop.list) {
    options.push({ weight: 2, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }) });
  }
  return fc.oneof(...options);
}

/**
 * What cdk8s writes for a value: object fields that are null or undefined are left out (so a null prop means absent,
 * as for the API server); list items are kept.
 */
function asWritten(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(asWritten);
  }
  if (typeof value === 'object' && value !== null) {
    const written: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && item !== undefined) {
        Object.defineProperty(written, key, { value: asWritten(item), enumerable: true, writable: true, configurable: true });
      }
    }
    return written;
  }
  return value === null ? undefined : value;
}

function show(value: unknown): string {
  try {
    return require('util').inspect(value, { depth: 3, breakLength: Infinity }).slice(0, 300);
  } catch {
    return String(typeof value);
  }
}

/** Runs one construct with `props` and checks the outcome, as the file comment says. */
function check(construct: ConstructUnderTest, prop: PropUnderTest | undefined, props: unknown, value: unknown): void {
  const app: App = Testing.app();
  const chart = new Chart(app, 'chart');
  // Warnings (an unknown field, say) are not what this test is about: acknowledged, so synth prints nothing.
  for (const rule of ruleCatalog().filter((candidate) => candidate.severity === 'warning')) {
    Warnings.acknowledge(chart, rule.code, 'arbitrary values');
  }
  const where = `${construct.name}${prop ? `.${prop.name}` : ' props'} = ${show(value)}`;
  let synthesized: any[];
  try {
    construct.build(chart, props);
    synthesized = construct.name === 'OpenShiftCluster' ? [] : Testing.synth(chart);
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw new Error(`${where}: threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    }
    const paths = prop ? prop.paths : [''];
    const named = error.findings.some((finding) => paths.some((at) => at === '' || finding.path === at || finding.path.startsWith(`${at}.`) || finding.path.startsWith(`${at}[`)));
    if (!named) {
      throw new Error(`${where}: the ValidationError names no finding at ${paths.join(' or ')}:\n${error.message}`);
    }
    return;
  }
  if (!prop) {
    return; // props as a whole, accepted: only an object (or nothing) may be
  }
  try {
    if (prop.accepted) {
      prop.accepted(value, synthesized);
    } else {
      const main = synthesized.find((object) => object.kind === construct.kind);
      expect(main.spec[prop.name]).toEqual(asWritten(value));
    }
  } catch (error) {
    throw new Error(`${where}: accepted, but synthesized differently (a silent coercion):\n${(error as Error).message}`);
  }
}

describe('GIVEN arbitrary values at every prop of every Kubernetes construct', () => {
  test.each(CONSTRUCTS.map((construct) => [construct.name, construct] as const))('WHEN %s is built THEN a ValidationError naming the prop, or the value as given', (_name, construct) => {
    const run = fc.oneof(
      ...construct.props.map((prop) => valueFor(prop).map((value) => ({ prop, value }))),
    );
    fc.assert(fc.property(run, ({ prop, value }) => {
      check(construct, prop, { ...construct.base, [prop.name]: value }, value);
    }), { numRuns: RUNS, seed: 20261126 });
  });

  test.each(CONSTRUCTS.map((construct) => [construct.name, construct] as const))('WHEN %s is given props that are no object THEN a ValidationError', (_name, construct) => {
    for (const props of [5, 'props', true, [], [1], 10n, Symbol('p'), () => ({})]) {
      check(construct, undefined, props, props);
    }
  });
});
