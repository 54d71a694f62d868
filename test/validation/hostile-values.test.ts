/**
 * The rule engine and the node-file renderer take anything and never throw on it: values a YAML file gives (mappings
 * with keys named like Object.prototype members, a mapping where a string belongs, huge strings and numbers) and
 * values only a JavaScript caller gives (a bigint, a symbol, a function, an object without a prototype, a cycle). Every
 * message quotes at most ~200 characters of a value.
 */
import fc from 'fast-check';
import { checkObjects } from '../../src/validation';
import { collectNodeFilesInput, MachineConfigOperatorError, renderNodeFiles } from '../../src/node-files';
import { crdKinds, JsonSchema } from '../support/crd-oracle';

const RUNS = Number(process.env.HOSTILE_VALUE_RUNS ?? 300);

const PROTOTYPE_KEYS = ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

function withKey(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    10n, Symbol('s'), () => 1, NaN, Infinity, 1e308, 2 ** 63, -0, '', 'x'.repeat(100_000), cyclic, Object.create(null), new Date(0), [undefined],
    Object.assign(Object.create(null) as object, { toString: 'not a function' }),
  ),
  fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.oneof(fc.constant(1), fc.constant('quay.io'), fc.constant({}))).map(([key, value]) => withKey(key, value)),
  fc.anything({ maxDepth: 2, maxKeys: 3, withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
);

/** Values shaped after a CRD schema node, with hostile values (and prototype-named keys) anywhere in them. */
function shaped(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const hostile = fc.oneof({ weight: 2, arbitrary: hostileLeaf }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  if (depth > 5) {
    return hostile;
  }
  if (schema.items) {
    return fc.oneof({ weight: 4, arbitrary: fc.array(shaped(schema.items, depth + 1), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: hostile });
  }
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length > 0) {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, child] of properties) {
      fields[name] = fc.option(shaped(child, depth + 1), { nil: undefined, freq: 2 });
    }
    const record = fc.record(fields, { requiredKeys: [] });
    const withPrototypeKey = fc.tuple(record, fc.option(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), hostileLeaf), { nil: undefined, freq: 2 }))
      .map(([object, extra]) => (extra === undefined ? object : Object.defineProperty({ ...object }, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true })));
    return fc.oneof({ weight: 5, arbitrary: withPrototypeKey }, { weight: 1, arbitrary: hostile });
  }
  return hostile;
}

describe('GIVEN objects of every kind with hostile values anywhere', () => {
  test.each(crdKinds().map((crd) => [crd.kind, crd] as const))('WHEN a %s is checked and rendered THEN nothing throws, and messages stay short', (_kind, crd) => {
    const object = shaped(crd.schema.properties?.spec ?? {}, 0).map((spec) => ({
      apiVersion: crd.apiVersion, kind: crd.kind, metadata: { name: ['Image', 'Config', 'ImagePruner'].includes(crd.kind) ? 'cluster' : 'x' }, spec,
    }));
    fc.assert(fc.property(object, (candidate) => {
      const { findings } = checkObjects([candidate]);
      for (const finding of findings) {
        expect(finding.message.length).toBeLessThan(3_000);
        expect(finding.path.length).toBeLessThan(3_000);
      }
      try {
        const collected = collectNodeFilesInput([candidate]);
        renderNodeFiles({ ...collected.input, assumeEmptyImage: true, releaseImage: `quay.io/openshift-release-dev/ocp-release@sha256:${'a'.repeat(64)}` });
      } catch (error) {
        if (!(error instanceof MachineConfigOperatorError)) {
          throw error;
        }
      }
      // Nothing reached Object.prototype.
      expect(Object.keys(Object.prototype)).toEqual([]);
    }), { numRuns: RUNS, seed: 77 });
  });
});
