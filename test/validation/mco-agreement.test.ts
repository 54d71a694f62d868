/**
 * `validate` knows everything `preview` knows: for generated configurations (null items, empty and wildcard entries,
 * scopes with paths and ports, duplicates, payload-covering blocks, objects under wrong apiVersions, Images with other
 * names, every release from 4.13 to 5.0, with and without a release image), the rule engine and the node-file renderer
 * never disagree:
 * - when the renderer fails (the MCO would refuse the configuration), the engine reports an error on the object the
 *   failure is about (and `validate` exits 1);
 * - when the same object is given twice (`preview` refuses), the engine reports it;
 * - when the renderer succeeds, the engine reports no Machine Config Operator error at all;
 * - the engine never reports a Machine Config Operator finding on an object the MCO does not read.
 */
import * as fc from 'fast-check';
import { collectNodeFilesInput } from '../../src/node-files/collect';
import { MachineConfigOperatorError } from '../../src/node-files/errors';
import { renderNodeFiles } from '../../src/node-files/render';
import { checkObjects, LocatedFinding } from '../../src/validation';
import { runCli } from '../../src/cli/main';

const RUNS = Number(process.env.AGREEMENT_RUNS ?? 2500);
const SEED = Number(process.env.AGREEMENT_SEED ?? 20261126);
const PAYLOAD_DIGEST = `sha256:${'a'.repeat(64)}`;

// Scopes from a small alphabet, so that sources, blocked scopes and the release payload often overlap.
const host = fc.constantFrom('quay.io', 'example.com', 'a.example.com', 'registry.example.com:5000', 'mirror.local', 'io', 'exa:5000');
const path = fc.constantFrom('', '/openshift-release-dev', '/openshift-release-dev/ocp-release', '/ns', '/ns/', '/a__b/ubi9', '/Team', '@sha256:x', ':tag');
const scope = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(host, path).map(([h, p]) => `${h}${p}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('*.example.com', '*.io', '*.exa', '*.example.com.'), fc.constantFrom('', '/', '/ns', ':5000', '@x')).map(([h, p]) => `${h}${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '*', ' quay.io', 'https://quay.io') },
);
const item = fc.oneof({ weight: 12, arbitrary: scope }, { weight: 1, arbitrary: fc.constant(null) });
const list = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 4, arbitrary: fc.array(item, { maxLength: 4 }) });

const registrySources = fc.record({
  insecureRegistries: list,
  blockedRegistries: list,
  allowedRegistries: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: list }),
  containerRuntimeSearchRegistries: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(['registry.example.com']) }),
}, { requiredKeys: [] });

const imageObject = fc.record({
  name: fc.constantFrom('cluster', 'cluster', 'cluster', 'other'),
  sources: registrySources,
}).map(({ name, sources }) => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name }, spec: { registrySources: sources } }));

const entry = (withPolicy: boolean) => fc.record({
  source: scope,
  mirrors: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: fc.array(fc.oneof(scope, fc.constantFrom('mirror.local/ns', 'mirror.local/ns/')), { maxLength: 3 }) }),
  mirrorSourcePolicy: withPolicy ? fc.constantFrom(undefined, undefined, 'NeverContactSource', 'AllowContactingSource') : fc.constant(undefined),
}, { requiredKeys: ['source'] });

const mirrorObject = fc.tuple(
  fc.constantFrom(
    ['config.openshift.io/v1', 'ImageDigestMirrorSet', 'imageDigestMirrors', true],
    ['config.openshift.io/v1', 'ImageTagMirrorSet', 'imageTagMirrors', true],
    ['operator.openshift.io/v1alpha1', 'ImageContentSourcePolicy', 'repositoryDigestMirrors', false],
    // Not served: the MCO never sees it, and the engine says so.
    ['config.openshift.io/v1alpha1', 'ImageDigestMirrorSet', 'imageDigestMirrors', true],
  ),
  fc.constantFrom('one', 'two', 'three'),
).chain(([[apiVersion, kind, field, withPolicy], name]) => fc.array(entry(withPolicy as boolean), { maxLength: 3 }).map((entries) => ({
  apiVersion, kind, metadata: { name }, spec: { [field as string]: entries },
})));

const configuration = fc.record({
  images: fc.array(imageObject, { maxLength: 2 }),
  mirrors: fc.array(mirrorObject, { maxLength: 3 }),
  releaseImage: fc.constantFrom(undefined, `quay.io/openshift-release-dev/ocp-release@${PAYLOAD_DIGEST}`, `a.example.com/ns/repo@${PAYLOAD_DIGEST}`, 'quay.io/openshift-release-dev/ocp-release:4.19.0-x86_64'),
  openshiftVersion: fc.constantFrom('4.13', '4.15', '4.16', '4.18', '4.19', '5.0'),
}).map(({ images, mirrors, releaseImage, openshiftVersion }) => ({
  objects: JSON.parse(JSON.stringify([...images, ...mirrors])) as Record<string, unknown>[],
  releaseImage,
  openshiftVersion,
}));

/** The position (in the input) of the object a renderer failure is about, by the renderer's own attribution. */
function culpritIndex(error: MachineConfigOperatorError, collected: ReturnType<typeof collectNodeFilesInput>): number | undefined {
  const culprit = error.culprit;
  if (culprit?.kind === 'mirror-rule' && culprit.origin) {
    return collected.positions[culprit.origin.kind][culprit.origin.objectPosition];
  }
  return collected.imageIndex;
}

const mcoSourced = (finding: LocatedFinding) => finding.source === 'machine-config-operator';

describe('GIVEN generated configurations WHEN validated and previewed with the same options', () => {
  test('THEN validate and preview never disagree', () => {
    const counts = { renders: 0, mcoFailures: 0, duplicates: 0 };
    fc.assert(fc.property(configuration, ({ objects, releaseImage, openshiftVersion }) => {
      const options = { openshiftVersion, ...(releaseImage !== undefined ? { releaseImage } : {}) };
      const { findings } = checkObjects(objects, options);
      const errors = findings.filter((finding) => finding.severity === 'error');

      // Never an MCO finding on an object the MCO does not read.
      const collected = collectNodeFilesInput(objects);
      const read = new Set([collected.imageIndex, ...Object.values(collected.positions).flat()].filter((index) => index !== undefined));
      for (const finding of findings.filter(mcoSourced)) {
        expect({ finding, readByMco: read.has(finding.index) }).toEqual({ finding, readByMco: true });
      }

      if (collected.problems.length > 0) {
        counts.duplicates++;
        expect(errors.map((finding) => finding.code)).toContain('object-duplicate');
        return;
      }
      let failure: MachineConfigOperatorError | undefined;
      try {
        renderNodeFiles({ ...collected.input, ...options, assumeEmptyImage: true });
        counts.renders++;
      } catch (error) {
        if (!(error instanceof MachineConfigOperatorError)) {
          throw error;
        }
        failure = error;
        counts.mcoFailures++;
      }
      if (failure) {
        const index = culpritIndex(failure, collected);
        const onCulprit = errors.filter((finding) => index === undefined || finding.index === index);
        expect({ mco: failure.message, errorsOnThatObject: onCulprit.length > 0 }).toEqual({ mco: failure.message, errorsOnThatObject: true });
      } else {
        expect(errors.filter(mcoSourced)).toEqual([]);
      }
    }), { numRuns: RUNS, seed: SEED });
    // Both sides must be exercised, or agreement proves little.
    expect(counts.renders).toBeGreaterThan(RUNS / 10);
    expect(counts.mcoFailures).toBeGreaterThan(RUNS / 10);
    expect(counts.duplicates).toBeGreaterThan(0);
  });
});

describe('GIVEN the disagreements found before validate ran the renderer', () => {
  const image = (registrySources: Record<string, unknown>, name = 'cluster') => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name }, spec: { registrySources } });
  const idms = (apiVersion: string, entries: unknown[]) => ({ apiVersion, kind: 'ImageDigestMirrorSet', metadata: { name: 'payload' }, spec: { imageDigestMirrors: entries } });
  const RELEASE = `quay.io/openshift-release-dev/ocp-release@${PAYLOAD_DIGEST}`;
  const errorsOf = (objects: unknown[], options = {}) => checkObjects(objects, options).findings
    .filter((finding) => finding.severity === 'error')
    .map((finding) => [finding.code, finding.object, finding.path]);

  test('WHEN blockedRegistries holds a null item THEN an error on that item', () => {
    expect(errorsOf([image({ blockedRegistries: ['docker.io', null] })])).toEqual([['schema-type', 'Image/cluster', 'spec.registrySources.blockedRegistries[1]']]);
  });

  test('WHEN a blocked entry covering the payload is given twice next to a payload mirror THEN the MCO\'s policy.json refusal is reported on the second', () => {
    const objects = [
      image({ blockedRegistries: ['quay.io/openshift-release-dev', 'quay.io/openshift-release-dev'] }),
      idms('config.openshift.io/v1', [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.local/release'] }]),
    ];
    expect(errorsOf(objects, { releaseImage: RELEASE })).toEqual([['mco-policy-json-refused', 'Image/cluster', 'spec.registrySources.blockedRegistries[1]']]);
    expect(errorsOf(objects)).toEqual([]);
  });

  test('WHEN an IDMS is given as config.openshift.io/v1alpha1 THEN an apiVersion error, and the MCO rules leave it alone', () => {
    expect(errorsOf([idms('config.openshift.io/v1alpha1', [{ source: 'quay.io', mirrors: ['*.bad'] }])])).toEqual([['api-version-unknown', 'ImageDigestMirrorSet/payload', 'apiVersion']]);
  });

  test('WHEN a wildcard source meets a 4.15 cluster THEN the release\'s own refusal; on 4.16 nothing', () => {
    const objects = [idms('config.openshift.io/v1', [{ source: '*.example.com', mirrors: ['mirror.local/example'] }])];
    expect(errorsOf(objects, { openshiftVersion: '4.15' })).toEqual([['mco-mirror-rule-refused', 'ImageDigestMirrorSet/payload', 'spec.imageDigestMirrors[0].source']]);
    expect(errorsOf(objects, { openshiftVersion: '4.16' })).toEqual([]);
  });

  test('WHEN an Image not named cluster nests an insecure scope in a wildcard source THEN nothing is reported on it by the MCO rules', () => {
    const objects = [image({ insecureRegistries: ['foo.example.com'] }, 'other'), idms('config.openshift.io/v1', [{ source: '*.example.com', mirrors: ['mirror.local/example'] }])];
    expect(errorsOf(objects)).toEqual([['singleton-name', 'Image/other', 'metadata.name']]);
  });
});

describe('GIVEN a release image that is no image reference WHEN validate and preview run', () => {
  test('THEN both refuse it as a usage error (exit 2), before reading anything', async () => {
    const quiet = { write: () => true };
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await runCli(['validate', '-f', '/nonexistent', '--release-image', 'not a reference'], { stdout: quiet, stderr: quiet })).toBe(2);
      expect(await runCli(['preview', '-f', '/nonexistent', '--release-image', 'not a reference', '--out', '/tmp/x'], { stdout: quiet, stderr: quiet })).toBe(2);
      expect(() => checkObjects([], { releaseImage: 'not a reference' })).toThrow('is not a fully qualified image reference');
    } finally {
      process.stderr.write = stderr;
    }
  });
});

describe('GIVEN a configuration the MCO refuses WHEN validate and preview run through the CLI with the same flags', () => {
  test('THEN both exit 1', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const nodePath = await import('node:path');
    const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'agreement-'));
    try {
      const file = nodePath.join(dir, 'in.yaml');
      fs.writeFileSync(file, [
        'apiVersion: config.openshift.io/v1\nkind: Image\nmetadata: {name: cluster}\nspec:\n  registrySources:\n    blockedRegistries: ["quay.io", "*.example.com/ns"]\n    insecureRegistries: ["*.exa:5000"]\n',
      ].join('---\n'));
      const quiet = { write: () => true };
      const stdout = process.stdout.write;
      process.stdout.write = (() => true) as typeof process.stdout.write;
      const stderr = process.stderr.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        const flags = ['--release-image', `quay.io/openshift-release-dev/ocp-release@${PAYLOAD_DIGEST}`, '--openshift-version', '4.19'];
        expect(await runCli(['preview', '-f', file, '--out', nodePath.join(dir, 'out'), ...flags], { stdout: quiet, stderr: quiet })).toBe(1);
        expect(await runCli(['validate', '-f', file, ...flags], { stdout: quiet, stderr: quiet })).toBe(1);
      } finally {
        process.stdout.write = stdout;
        process.stderr.write = stderr;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
