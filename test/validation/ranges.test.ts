/**
 * Integer fields are checked against the API's ranges. The API server takes any 64-bit integer (a JSON number beyond
 * 64 bits decodes as a float, which is no integer to it: `must be of type integer`); fields the CRD marks
 * `format: int32` are decoded by the operators as 32-bit integers, which fails on the whole object for a larger value.
 * The formats are the CRDs' own: the restatement is compared with the CRD fixtures node by node.
 */
import fc from 'fast-check';
import { checkObjects, knownKinds } from '../../src/validation';
import { ObjectNode, SchemaNode } from '../../src/validation/schema';
import { crdKinds, JsonSchema, validateWithCrd } from '../support/crd-oracle';
import { parseText } from '../../src/cli/input';

/** Every integer node of a CRD spec schema with its format, and the restatement's node at the same place. */
function integerNodes(crd: JsonSchema, ours: SchemaNode | undefined, path: string, out: Array<{ path: string; crd: JsonSchema; ours?: SchemaNode }>): void {
  if (crd.type === 'integer') {
    out.push({ path, crd, ours });
  }
  const object = ours?.type === 'object' ? ours as ObjectNode : undefined;
  for (const [name, child] of Object.entries(crd.properties ?? {})) {
    const own = object?.properties && Object.prototype.hasOwnProperty.call(object.properties, name) ? object.properties[name] : undefined;
    integerNodes(child, own, `${path}.${name}`, out);
  }
  if (crd.items) {
    integerNodes(crd.items, ours?.type === 'array' ? ours.items : undefined, `${path}[]`, out);
  }
  if (typeof crd.additionalProperties === 'object') {
    integerNodes(crd.additionalProperties, object?.values, `${path}{}`, out);
  }
}

describe('GIVEN the integer fields of the CRDs', () => {
  const nodes: Array<{ kind: string; path: string; crd: JsonSchema; ours?: SchemaNode }> = [];
  for (const crd of crdKinds()) {
    const definition = knownKinds().find((kind) => kind.apiVersion === crd.apiVersion && kind.kind === crd.kind);
    const found: Array<{ path: string; crd: JsonSchema; ours?: SchemaNode }> = [];
    integerNodes(crd.schema.properties?.spec ?? {}, definition?.specSchema, 'spec', found);
    nodes.push(...found.map((node) => ({ kind: crd.kind, ...node })));
  }

  test('WHEN the restatement is compared with the CRDs THEN every integer has its type and format, int32 exactly where the CRD says so', () => {
    // status is not restated; everything the spec holds is
    const mismatches = nodes
      .filter((node) => node.ours?.type !== 'integer' || (node.crd.format === 'int32') !== (node.ours.format === 'int32') || node.ours.minimum !== node.crd.minimum || node.ours.maximum !== node.crd.maximum)
      .map((node) => `${node.kind} ${node.path}: CRD ${node.crd.format ?? 'no format'} [${node.crd.minimum ?? ''}, ${node.crd.maximum ?? ''}], ours ${JSON.stringify(node.ours)}`);
    expect(mismatches).toEqual([]);
    // The cases the issue names are among them.
    expect(nodes.filter((node) => node.crd.format === 'int32').map((node) => `${node.kind} ${node.path}`)).toEqual(expect.arrayContaining([
      'Config spec.replicas', 'ImagePruner spec.successfulJobsHistoryLimit', 'ImagePruner spec.failedJobsHistoryLimit',
    ]));
  });
});

const registry = (spec: object) => ({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec });
const pruner = (spec: object) => ({ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' }, spec });

function errorsOf(object: object): Array<[string, string]> {
  return checkObjects([object]).findings.filter((finding) => finding.severity === 'error').map((finding) => [finding.code, finding.path]);
}

describe('GIVEN integers beyond what the API server reads', () => {
  test.each([
    ['replicas: 99999999999999999999', registry({ replicas: 99999999999999999999 }), 'spec.replicas'],
    ['keepTagRevisions: 1e308', pruner({ keepTagRevisions: 1e308 }), 'spec.keepTagRevisions'],
    ['keepYoungerThan: 2^63', pruner({ keepYoungerThan: 2 ** 63 }), 'spec.keepYoungerThan'],
    ['tolerationSeconds: -1e20', pruner({ tolerations: [{ tolerationSeconds: -1e20 }] }), 'spec.tolerations[0].tolerationSeconds'],
    ['a resource quantity of 1e21', registry({ replicas: 1, resources: { limits: { cpu: 1e21 } } }), 'spec.resources.limits.cpu'],
  ])('WHEN %s THEN one schema-type error there, as the API server refuses it', (_name, object, path) => {
    expect(errorsOf(object)).toEqual([['schema-type', path]]);
    expect(validateWithCrd(object).valid).toBe(false);
    const message = checkObjects([object]).findings[0].message;
    expect(message).toContain('beyond the 64-bit integers the API server accepts (-9223372036854775808 to 9223372036854775807)');
  });

  test('WHEN the value is at the 64-bit edge THEN the API server takes it', () => {
    expect(errorsOf(pruner({ keepYoungerThan: -(2 ** 63) }))).toEqual([]);
    expect(validateWithCrd(pruner({ keepYoungerThan: -(2 ** 63) })).valid).toBe(true);
    expect(errorsOf(pruner({ keepTagRevisions: 2 ** 62 }))).toEqual([]);
  });
});

describe('GIVEN int32 fields out of the 32-bit range', () => {
  test.each([
    ['replicas', registry({ replicas: 2147483648 }), 'spec.replicas'],
    ['successfulJobsHistoryLimit', pruner({ successfulJobsHistoryLimit: 3000000000 }), 'spec.successfulJobsHistoryLimit'],
    ['failedJobsHistoryLimit', pruner({ failedJobsHistoryLimit: 2 ** 40 }), 'spec.failedJobsHistoryLimit'],
    ['topologySpreadConstraints maxSkew', registry({ replicas: 2, topologySpreadConstraints: [{ maxSkew: 2 ** 31, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }), 'spec.topologySpreadConstraints[0].maxSkew'],
  ])('WHEN %s is beyond 2^31-1 THEN an int32-out-of-range error (the API server stores it, the operator cannot read it)', (_name, object, path) => {
    expect(errorsOf(object)).toEqual([['int32-out-of-range', path]]);
    expect(validateWithCrd(object).valid).toBe(true);
    expect(checkObjects([object]).findings[0]).toEqual(expect.objectContaining({ source: 'operator', message: expect.stringContaining('-2147483648 to 2147483647') }));
  });

  test('WHEN replicas is exactly 2147483647 THEN no range error', () => {
    expect(errorsOf(registry({ replicas: 2147483647 }))).toEqual([]);
  });

  test('WHEN the field has its own bounds (chunkSizeMiB 5..5120) THEN only the API server\'s maximum is reported', () => {
    expect(errorsOf(registry({ replicas: 1, storage: { s3: { bucket: 'b', region: 'eu-west-1', chunkSizeMiB: 2 ** 40 } } }))).toEqual([['schema-maximum', 'spec.storage.s3.chunkSizeMiB']]);
  });

  test('WHEN any integer is given to replicas THEN a range error exactly outside int32, a type error exactly outside int64', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -(2 ** 31) - 5, max: 2 ** 31 + 5 }), fc.double({ noNaN: true }).map(Math.trunc), fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 63 - 1024, 1e308)), (replicas) => {
      const codes = errorsOf(registry({ replicas })).map(([code]) => code).filter((code) => code !== 'registry-replicas-minimum');
      const int64 = replicas >= -(2 ** 63) && replicas < 2 ** 63;
      const int32 = replicas >= -(2 ** 31) && replicas <= 2 ** 31 - 1;
      expect(codes).toEqual(!Number.isFinite(replicas) ? ['schema-type'] : !int64 ? ['schema-type'] : !int32 ? ['int32-out-of-range'] : []);
    }), { numRuns: 500 });
  });
});

describe('GIVEN the YAML a user writes', () => {
  test('WHEN replicas is 99999999999999999999 THEN the finding is at its line', () => {
    const text = 'apiVersion: imageregistry.operator.openshift.io/v1\nkind: Config\nmetadata:\n  name: cluster\nspec:\n  replicas: 99999999999999999999\n';
    const [document] = parseText(text, 'config.yaml').documents;
    const [finding] = checkObjects([document.object]).findings;
    expect([finding.code, document.lineOf(finding.path)]).toEqual(['schema-type', 6]);
  });
});
