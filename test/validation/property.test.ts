import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  ImageConfig, ImageDigestMirrorSet, ImageTagMirrorSet, ValidationError, validateObjects,
} from 'cdk-openshift-images';
import { expectAcceptedByCluster, newChart } from '../support/constructs';
import type { ImageMirrorEntry } from '../../src/model/api/mirror-sets';
import { expectWellFormedReport } from '../support/report-invariants';

/** Registry entries: mostly near-valid scopes, with the slips users make (tags, digests, wildcards, case, spaces). */
const label = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?$/);
const component = fc.stringMatching(/^[a-zA-Z0-9]{1,4}([._-]{1,2}[a-z0-9]{1,3})?$/);
const entry = fc.tuple(
  fc.constantFrom('', '', '', '*.', '*', 'https://'),
  fc.array(label, { minLength: 1, maxLength: 3 }),
  fc.constantFrom('', '', ':5000', ':x'),
  fc.array(component, { maxLength: 3 }),
  fc.constantFrom('', '', '', ':latest', '@sha256:abc', ' ', '/'),
).map(([prefix, labels, port, path, suffix]) => `${prefix}${labels.join('.')}${port}${path.map((c) => `/${c}`).join('')}${suffix}`);
const validEntry = fc.tuple(
  fc.constantFrom('', '', '', '*.'),
  fc.array(label, { minLength: 1, maxLength: 3 }),
  fc.array(fc.stringMatching(/^[a-z0-9]{1,4}([._-]{1,2}[a-z0-9]{1,3})?$/), { maxLength: 3 }),
).map(([prefix, labels, path]) => (prefix === '*.' ? `*.${labels.join('.')}` : `${labels.join('.')}${path.map((c) => `/${c}`).join('')}`));
/** Mostly valid scopes, sometimes a near miss, rarely noise: both sides of every rule get exercised. */
const anyEntry = fc.oneof({ arbitrary: validEntry, weight: 12 }, { arbitrary: entry, weight: 2 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
const entries = fc.array(anyEntry, { maxLength: 3 });
const policy = fc.constantFrom(undefined, undefined, 'NeverContactSource', 'AllowContactingSource', 'Never', '');
const mirrorEntry = fc.record({ source: anyEntry, mirrors: fc.option(entries, { nil: undefined }), mirrorSourcePolicy: policy }, { requiredKeys: ['source'] });

describe('property: the rule engine and the constructs over random input', () => {
  // Random input trips every warning; they are printed at synth by design, which would only flood the test log here.
  let quiet: jest.SpyInstance;
  beforeAll(() => { quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterAll(() => quiet.mockRestore());

  test('GIVEN random registry lists and mirror sets WHEN validated as plain objects THEN the engine never throws, and every finding is a well-formed finding of the catalog', () => {
    fc.assert(fc.property(entries, entries, entries, fc.array(mirrorEntry, { maxLength: 3 }), fc.anything(), (allowed, blocked, insecure, mirrors, junk) => {
      const report = validateObjects([
        { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: allowed, blockedRegistries: blocked, insecureRegistries: insecure } } },
        { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'a' }, spec: { imageDigestMirrors: mirrors } },
        { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'b' }, spec: junk },
        junk,
      ]);
      expectWellFormedReport(report);
    }), { numRuns: 400 });
  });

  test('GIVEN random constructs WHEN the constructs accept them THEN the upstream CRDs accept what they emit; otherwise the error is a ValidationError', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.boolean(), entries, entries, fc.array(mirrorEntry, { maxLength: 3 }), fc.array(mirrorEntry, { maxLength: 2 }), (useAllowList, list, insecure, digest, tag) => {
      const chart = newChart();
      try {
        new ImageConfig(chart, 'images', { registrySources: { [useAllowList ? 'allowedRegistries' : 'blockedRegistries']: list, insecureRegistries: insecure } });
        new ImageDigestMirrorSet(chart, 'digest', { imageDigestMirrors: digest as ImageMirrorEntry[] });
        new ImageTagMirrorSet(chart, 'tag', { imageTagMirrors: tag as ImageMirrorEntry[] });
        const manifest = Testing.synth(chart);
        accepted++;
        expectAcceptedByCluster(manifest);
      } catch (error) {
        if (!(error instanceof ValidationError)) {
          throw error;
        }
      }
    // About one random configuration in sixteen is accepted: a fixed seed (and 800 runs) keeps the count below from
    // being a coin toss.
    }), { numRuns: 800, seed: Number(process.env.PROPERTY_SEED ?? 20261126) });
    // The generators must exercise the accepting side too, or the property proves nothing.
    expect(accepted).toBeGreaterThan(20);
  });
});
