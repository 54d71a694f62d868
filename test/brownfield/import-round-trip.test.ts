/**
 * `ocp-images import` on the real-world corpus (test/fixtures/real-world, see corpus.json): the module it prints
 * type-checks, and compiled and synthesized in a cdk8s chart it yields the objects it was read from, compared as
 * parsed objects. The expected objects are derived here from the input, independently of the import's code: the
 * fields the API server writes removed, and nothing else unless the import reported leaving it out (those reports
 * are pinned below, so a new one fails the test).
 */
import * as fs from 'fs';
import * as path from 'path';
import { importObjects, ImportInputObject, ImportResult } from '../../src/brownfield/import-objects';
import { expandPaths, readInputs } from '../../src/cli/input';
import { ValidationError } from '../../src/validation';
import { loadBuild, synthesize, typeCheck } from './generated-module';

const CORPUS_DIR = path.resolve(__dirname, '../fixtures/real-world');
const corpus = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'corpus.json'), 'utf8')) as { entries: { id: string; input: string[]; expected: { exitCode: number } }[] };

const SUPPORTED = new Set([
  'config.openshift.io/v1/Image',
  'config.openshift.io/v1/ImageDigestMirrorSet',
  'config.openshift.io/v1/ImageTagMirrorSet',
  'operator.openshift.io/v1alpha1/ImageContentSourcePolicy',
  'imageregistry.operator.openshift.io/v1/Config',
  'imageregistry.operator.openshift.io/v1/ImagePruner',
]);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inputsOf(entry: { input: string[] }): ImportInputObject[] {
  const input = readInputs(expandPaths(entry.input.map((file) => path.join(CORPUS_DIR, file))));
  return input.documents.map((document) => ({ object: document.object, where: `${path.relative(CORPUS_DIR, document.file)}:${document.line}`, file: document.file }));
}

function isSupported(object: unknown): boolean {
  return isRecord(object) && SUPPORTED.has(`${String(object.apiVersion)}/${String(object.kind)}`);
}

/** Deletes a field path as the engine writes it (`spec.a[0].b`, `data["x"]`). */
function deletePath(object: Json, fieldPath: string): void {
  const segments = [...fieldPath.matchAll(/([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)]
    .map((match) => (match[1] ?? (match[2] !== undefined ? Number(match[2]) : JSON.parse(`"${match[3]}"`))) as string | number);
  let current: unknown = object;
  for (const segment of segments.slice(0, -1)) {
    current = (current as Record<string | number, unknown>)?.[segment];
  }
  if (current !== null && typeof current === 'object') {
    delete (current as Record<string | number, unknown>)[segments[segments.length - 1]];
  }
}

/** The manifest an object read from the corpus should synthesize to: server fields out, the reported drops out. */
function expectedObject(object: Json, dropped: readonly { path: string }[], ocMirror: boolean): Json {
  const copy = JSON.parse(JSON.stringify(object)) as Json;
  delete copy.status;
  const metadata = copy.metadata as Json;
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink']) {
    delete metadata[field];
  }
  if (isRecord(metadata.annotations)) {
    delete metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    if (ocMirror) {
      for (const annotation of ['createdBy', 'createdAt', 'oc-mirror_version']) {
        delete metadata.annotations[annotation];
      }
    }
    if (Object.keys(metadata.annotations).length === 0) {
      delete metadata.annotations;
    }
  }
  for (const drop of dropped) {
    deletePath(copy, drop.path);
  }
  if (ocMirror && isRecord(copy.spec)) {
    for (const field of ['imageDigestMirrors', 'imageTagMirrors']) {
      const list = copy.spec[field];
      if (Array.isArray(list)) {
        list.sort((a: Json, b: Json) => String(a.source).localeCompare(String(b.source)));
      }
    }
  }
  return copy;
}

/** Objects keyed for comparison regardless of their order in the chart. */
function byKindAndName(objects: readonly Json[]): Json[] {
  const key = (object: Json) => `${String(object.kind)}/${String((object.metadata as Json)?.name)}/${JSON.stringify(object)}`;
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What the module should synthesize to: every imported object, and the ConfigMap an Image took along. */
function expectedObjects(inputs: readonly ImportInputObject[], result: ImportResult): Json[] {
  const byWhere = new Map(inputs.map((input) => [input.where, input.object as Json]));
  return result.imported.flatMap((imported) => {
    const objects = [expectedObject(byWhere.get(imported.where)!, imported.dropped, imported.ocMirror)];
    if (imported.trustedCaConfigMap !== undefined) {
      objects.push(expectedObject(byWhere.get(imported.trustedCaConfigMap)!, [], false));
    }
    return objects;
  });
}

function errorCodes(result: ImportResult): string[] {
  return [...new Set(result.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.code))].sort();
}

/** Builds and synthesizes, or returns the codes of the ValidationError the constructs throw. */
function synthOrRefusal(module: string): { objects: Json[] } | { refused: string[] } {
  try {
    return { objects: synthesize(loadBuild(module)) };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { refused: [...new Set(error.findings.map((finding) => finding.code))].sort() };
    }
    throw error;
  }
}

/**
 * Fields the import leaves out of corpus objects (`<entry>: <Kind/name> <path>`), each a documented decision (see
 * docs/import.md). None today: every field of every corpus object is reproduced.
 */
const EXPECTED_DROPS: readonly string[] = [];

const entries = corpus.entries.map((entry) => ({ entry, inputs: inputsOf(entry) }));
const generated: Record<string, string> = {};
const roundTripped: string[] = [];
const refused: string[] = [];

describe('GIVEN the real-world corpus', () => {
  describe.each(entries.map(({ entry, inputs }) => [entry.id, entry, inputs] as const))('AND the input of %s', (id, entry, inputs) => {
    const supported = inputs.filter((input) => isSupported(input.object));

    test('WHEN imported as a whole THEN the module synthesizes to the objects it was read from, or the constructs refuse what the import reported', () => {
      if (supported.length === 0) {
        expect(importObjects(inputs).imported).toEqual([]);
        return;
      }
      const result = importObjects(inputs);
      generated[id.replace(/[^A-Za-z0-9]/g, '_')] = result.module;
      for (const imported of result.imported) {
        for (const drop of imported.dropped) {
          expect(EXPECTED_DROPS).toContain(`${id}: ${imported.ref} ${drop.path}`);
        }
      }
      const outcome = synthOrRefusal(result.module);
      if ('refused' in outcome) {
        expect(errorCodes(result).length).toBeGreaterThan(0);
        expect(errorCodes(result)).toEqual(expect.arrayContaining(outcome.refused));
      } else {
        expect(errorCodes(result)).toEqual([]);
        expect(byKindAndName(outcome.objects)).toEqual(byKindAndName(expectedObjects(inputs, result)));
      }
    });

    const eachObject = supported.length > 0 ? test.each(supported.map((input) => [input.where, input] as const)) : undefined;
    eachObject?.('WHEN %s is imported on its own THEN it round-trips unless a rule refuses it', (_where, input) => {
      // An Image takes the ConfigMaps of its input along (its trusted CAs).
      const configMaps = inputs.filter((candidate) => isRecord(candidate.object) && candidate.object.kind === 'ConfigMap');
      const result = importObjects([input, ...configMaps]);
      expect(result.imported.map((imported) => imported.where)).toEqual(
        result.skipped.some((skipped) => skipped.where === input.where) ? [] : [input.where],
      );
      if (result.imported.length === 0) {
        return;
      }
      const outcome = synthOrRefusal(result.module);
      if ('refused' in outcome) {
        expect(errorCodes(result)).toEqual(expect.arrayContaining(outcome.refused));
        expect(outcome.refused.length).toBeGreaterThan(0);
        // Only objects the corpus judges invalid are refused.
        expect(entry.expected.exitCode).toBe(1);
        refused.push(input.where);
      } else {
        expect(errorCodes(result)).toEqual([]);
        expect(byKindAndName(outcome.objects)).toEqual(byKindAndName(expectedObjects([input, ...configMaps], result)));
        roundTripped.push(input.where);
      }
    });
  });

  test('WHEN the objects were imported one by one THEN most round-trip and only invalid ones are refused', () => {
    // Set by the tests above (jest runs a file's tests in order).
    expect(new Set(roundTripped).size).toBeGreaterThanOrEqual(30);
    expect([...new Set(refused)].sort()).toEqual([
      'demo-ai-gitops-catalog/base-imageregistry-config.yaml:1',
      'openshift-docs/images-configuration-allowed.yaml:1',
      'openshift-docs/images-configuration-blocked.yaml:1',
      'openshift-docs/images-configuration-file.yaml:1',
      'openshift-docs/images-configuration-insecure.yaml:1',
      'telco-reference/hub-registry/idms-operator.yaml:6',
      'telco-reference/hub-registry/idms-release.yaml:6',
      'telco-reference/hub-registry/image-config.yaml:2',
      'telco-reference/hub-registry/itms-generic.yaml:6',
      'telco-reference/hub-registry/itms-release.yaml:6',
      'telco-reference/ran-DisconnectedIDMS.yaml:1',
    ]);
  });

  test('WHEN every module is type-checked with the repository\'s strict settings THEN none has a diagnostic', () => {
    expect(Object.keys(generated).length).toBeGreaterThan(20);
    expect(typeCheck(generated)).toEqual([]);
  });
});
