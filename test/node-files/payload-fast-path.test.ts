/**
 * The payload check's fast path (only the entries that can match the payload repository) against the full path
 * (the whole temporary registries.conf, as the MCO builds it): whenever the pre-scan lets the fast path run, both give
 * the same entry, the same answer and the same error; every condition the pre-scan rejects has a case of its own,
 * most of them showing why the full path is needed there.
 */
import * as fc from 'fast-check';
import { ImageReference, parseNamed } from '../../src/model/image-reference';
import { MergedMirrorSet, mergeMirrorRules, MirrorRule } from '../../src/node-files/mirror-sets';
import {
  FullPathReason,
  fullPathReason,
  prefixCandidates,
  registryEntriesFor,
  TemporaryRegistriesEdit,
} from '../../src/node-files/payload-entries';
import {
  PAYLOAD_CHECK_REGISTRIES_CONF,
  PayloadCheckError,
  PayloadCheckPanic,
  PayloadInputs,
  payloadRegistryFast,
  payloadRegistryFull,
  payloadRepoHasUnblockedMirror,
  payloadRepoHasUnblockedMirrorFast,
  payloadRepoHasUnblockedMirrorFull,
  refMatchingPrefix,
} from '../../src/node-files/payload';
import { editRegistriesConfig, scopeOf } from '../../src/node-files/registries-conf';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** A failure to load the temporary registries.conf, as the MCO logs it (containers/image names the file). */
const loadFailure = (message: string): Outcome => ({
  error: 'PayloadCheckError',
  message: `loading registries configuration "${PAYLOAD_CHECK_REGISTRIES_CONF}": ${message}`,
});

/** What a call returned or threw, comparable with `toEqual` (error class, message and payload repository). */
type Outcome = { value: unknown } | { error: string; message: string; payloadRepository?: string };

function outcome(call: () => unknown): Outcome {
  try {
    return { value: call() };
  } catch (error) {
    // Anything but the two payload-check errors would be a bug in either path.
    if (!(error instanceof PayloadCheckError) && !(error instanceof PayloadCheckPanic)) {
      throw error;
    }
    const panic = error instanceof PayloadCheckPanic ? { payloadRepository: error.payloadRepository } : {};
    return { error: error.name, message: error.message, ...panic };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Generators: scopes around the release repositories (nesting, ports, wildcards), with now and then something that
// containers/image post-processing trims or rejects.

const HOSTS = ['a.io', 'b.a.io', 'c.b.a.io', 'a.io:5000', 'x.com', 'y.x.com'];
const WILDCARDS = ['*.a.io', '*.b.a.io', '*.io', '*.x.com', '*.c.b.a.io'];
/** Wildcards containers/image refuses to load (a `/`, `@` or `:` after the domain); `spoiled` adds trailing slashes. */
const MALFORMED_WILDCARDS = ['*.a.io/ns', '*.a.io:5000', '*.io@x', '*.x.com/ns/app', '*.b.a.io:5000/ns'];
const PATHS = ['', '', '/ns', '/ns/app', '/ns/app/deep', '/team', '/ns/other'];
const REPOS = ['/ns/app', '/ns/app/deep', '/team/app', '/ns'];

/** Rare, so that most generated configurations are clean and exercise the fast path. */
const spoiled = (clean: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 80, arbitrary: clean },
    { weight: 1, arbitrary: clean.map((s) => `${s}/`) },
    { weight: 1, arbitrary: clean.map((s) => `${s}//`) },
    { weight: 1, arbitrary: clean.map((s) => `http://${s}`) },
    { weight: 1, arbitrary: clean.map((s) => `https://${s}/`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'http:/', '/', 'http:') },
  );

const concreteScope = fc.tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...PATHS)).map(([h, p]) => h + p);
const scope = spoiled(
  fc.oneof(
    { weight: 12, arbitrary: concreteScope },
    { weight: 3, arbitrary: fc.constantFrom(...WILDCARDS) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_WILDCARDS) },
  ),
);
const mirror = spoiled(
  fc.oneof(
    fc.tuple(fc.constantFrom('m1.io', 'm2.io:5000', 'a.io', 'b.a.io', 'x.com'), fc.constantFrom(...PATHS)).map(([h, p]) => h + p),
    // A mirror the rewritten reference cannot be parsed on (upper-case path): `rewriting reference` errors.
    fc.constant('m3.io/UPPER'),
  ),
);
const mirrorList = fc.array(mirror, { minLength: 0, maxLength: 3 });

const rule: fc.Arbitrary<MirrorRule> = fc.record({
  source: scope,
  mirrors: fc.option(mirrorList, { nil: null }),
  mirrorSourcePolicy: fc.constantFrom('', '', 'NeverContactSource', 'AllowContactingSource'),
});

/** Digest sets as the renderer makes them (merged, sorted), or raw: any order, duplicate sources, empty lists. */
const digestSets: fc.Arbitrary<readonly MergedMirrorSet[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(rule, { maxLength: 7 }).map(mergeMirrorRules) },
  {
    weight: 1,
    arbitrary: fc.array(fc.record({ source: scope, mirrors: mirrorList, neverContactSource: fc.boolean() }), { maxLength: 6 }),
  },
);

const release: fc.Arbitrary<ImageReference> = fc
  .tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...REPOS), fc.constantFrom(':4.16.0', ':latest', `@${DIGEST}`, `@${DIGEST}`))
  .map(([h, r, t]) => parseNamed(h + r + t));

/** Blocked lists that often cover the release repository (the only case the MCO checks), sometimes not. */
const blockedFor = (ref: ImageReference): fc.Arbitrary<string[] | null> => {
  const covering = fc.constantFrom(...new Set([ref.name, ref.name.split('/')[0], `${ref.name.split('/')[0]}/ns`]));
  return fc.option(fc.array(fc.oneof(scope, covering), { maxLength: 5 }), { nil: null });
};

const payloadCase = release.chain((ref) =>
  fc.record({
    release: fc.constant(ref),
    insecure: fc.option(fc.array(scope, { maxLength: 5 }), { nil: null }),
    blocked: blockedFor(ref),
    digestSets,
  }),
);

function inputsOf(c: { insecure: string[] | null; blocked: string[] | null; digestSets: readonly MergedMirrorSet[] }): PayloadInputs {
  return { insecure: c.insecure, blocked: c.blocked, allowed: null, digestRules: [], digestSets: c.digestSets };
}

// ---------------------------------------------------------------------------------------------------------------

describe('payload check fast path: equivalence with the full temporary registries.conf', () => {
  const RUNS = 4000;

  test('GIVEN random configurations WHEN the pre-scan admits the fast path THEN entry, answer and errors equal the full path', () => {
    let fast = 0;
    let wildcardFailures = 0;
    const outcomes = new Map<string, number>();
    const reasons = new Set<FullPathReason>();
    fc.assert(
      fc.property(payloadCase, (c) => {
        const inputs = inputsOf(c);
        const full = outcome(() => payloadRepoHasUnblockedMirrorFull(c.release, inputs));
        // The dispatcher always agrees with the full path, whichever path it takes.
        expect(outcome(() => payloadRepoHasUnblockedMirror(c.release, inputs))).toEqual(full);
        const fastAnswer = outcome(() => payloadRepoHasUnblockedMirrorFast(c.release, inputs));
        if ('value' in fastAnswer && fastAnswer.value === undefined) {
          const reason = fullPathReason(c);
          expect(reason).toBeDefined();
          reasons.add(reason as FullPathReason);
          if ('error' in full && full.message.includes('Wildcarded prefix')) {
            wildcardFailures++;
          }
          return;
        }
        fast++;
        const kind = 'value' in full ? String(full.value) : full.error;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        expect(fastAnswer).toEqual(full);
        // The entry itself (flags, mirrors and their insecure flags included), not only the answer drawn from it.
        expect(outcome(() => payloadRegistryFast(c.release, c))).toEqual(outcome(() => payloadRegistryFull(c.release, c)));
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: the fast path ran on a good share of the cases and met every kind of result.
    expect(fast).toBeGreaterThan(RUNS * 0.3);
    expect([...outcomes.keys()].sort()).toEqual(['PayloadCheckError', 'PayloadCheckPanic', 'false', 'true']);
    expect(Math.min(...outcomes.values())).toBeGreaterThan(RUNS * 0.01);
    // The generated configurations reach the full path for the reasons that matter most, malformed wildcards included,
    // and containers/image's refusal of them is met there.
    expect([...reasons]).toEqual(expect.arrayContaining(['wildcard-prefix-format', 'scope-trailing-slash', 'scope-url-scheme', 'mirror-trailing-slash']));
    expect(wildcardFailures).toBeGreaterThan(RUNS * 0.01);
  });

  test('GIVEN random configurations and scopes WHEN no full-path reason THEN registryEntriesFor equals the full build restricted to them', () => {
    const wanted = fc.array(fc.oneof(scope, release.map((r) => r.name)), { maxLength: 8 });
    let checked = 0;
    fc.assert(
      fc.property(payloadCase, wanted, (c, scopes) => {
        if (fullPathReason(c) !== undefined) {
          return;
        }
        checked++;
        const full = editRegistriesConfig({ ...c, tagSets: [] });
        const byScope = (a: { prefix: string; location: string }, b: { prefix: string; location: string }): number =>
          scopeOf(a) < scopeOf(b) ? -1 : scopeOf(a) > scopeOf(b) ? 1 : 0;
        const expected = full.filter((entry) => scopes.includes(scopeOf(entry))).sort(byScope);
        expect(registryEntriesFor(scopes, c).sort(byScope)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    expect(checked).toBeGreaterThan(600);
  });

  test('GIVEN a reference and any prefix refMatchingPrefix accepts THEN prefixCandidates lists it', () => {
    const refChars = fc.constantFrom('a', 'b', '.', '.', ':', '/', '/', '@', '5');
    const ref = fc.array(refChars, { minLength: 1, maxLength: 14 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(ref, fc.nat(), fc.nat(), fc.array(refChars, { maxLength: 6 }), (r, i, j, extra) => {
        const [from, to] = [i % (r.length + 1), j % (r.length + 1)].sort((x, y) => x - y);
        const candidates = new Set(prefixCandidates(r));
        // Prefixes cut out of the reference (the ones that can match) and arbitrary ones.
        for (const prefix of [r.slice(0, to), `*${r.slice(from, to)}`, `*.${extra.join('')}`, extra.join('')]) {
          if (refMatchingPrefix(r, prefix) !== -1) {
            expect(candidates).toContain(prefix);
          }
        }
      }),
      { numRuns: 5000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('payload check fast path: conditions that force the full path', () => {
  const RELEASE = parseNamed(`a.io/ns/app@${DIGEST}`);
  const set = (source: string, mirrors: string[], neverContactSource = false): MergedMirrorSet => ({ source, mirrors, neverContactSource });
  const edit = (parts: Partial<TemporaryRegistriesEdit>): TemporaryRegistriesEdit => ({ insecure: null, blocked: ['a.io'], digestSets: [], ...parts });
  const inputs = (e: TemporaryRegistriesEdit): PayloadInputs => ({ ...e, allowed: null, digestRules: [] });

  interface ForcedCase {
    readonly name: string;
    readonly edit: TemporaryRegistriesEdit;
    readonly reason: FullPathReason;
    /** What the full path gives (the MCO's answer). */
    readonly full: Outcome;
  }

  const cases: ForcedCase[] = [
    {
      name: 'an empty blocked scope (entry without prefix and location)',
      edit: edit({ blocked: ['a.io', ''] }),
      reason: 'empty-scope',
      full: loadFailure('invalid condition: both location and prefix are unset'),
    },
    {
      name: 'a blocked scope with a trailing slash: trimmed to the payload host, which it then blocks',
      edit: edit({ blocked: ['a.io/'] }),
      reason: 'scope-trailing-slash',
      // The entry loads as prefix `a.io` and matches; the raw scope `a.io/` does not cover the pull source.
      full: { value: true },
    },
    {
      name: 'a trailing slash that makes two entries one key with conflicting flags (`a.io/` is blocked and, inside `a.io`, insecure)',
      edit: edit({ blocked: ['a.io/'], insecure: ['a.io'] }),
      reason: 'scope-trailing-slash',
      full: loadFailure("registry 'a.io' is defined multiple times with conflicting 'blocked' setting"),
    },
    {
      name: 'an insecure scope with a URL scheme',
      edit: edit({ insecure: ['https://x.com'] }),
      reason: 'scope-url-scheme',
      full: loadFailure("invalid location 'https://x.com': URI schemes are not supported"),
    },
    {
      name: 'a digest source with a URL scheme',
      edit: edit({ digestSets: [set('http://x.com', ['m.io'])] }),
      reason: 'scope-url-scheme',
      full: loadFailure("invalid location 'http://x.com': URI schemes are not supported"),
    },
    {
      name: 'a blocked wildcard with a path, far from the payload: containers/image refuses the whole file',
      edit: edit({ blocked: ['a.io', '*.x.com/ns'] }),
      reason: 'wildcard-prefix-format',
      full: loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.x.com/ns" is incorrectly formatted'),
    },
    {
      name: 'an insecure wildcard with a port that the payload entry does not even match (the load fails before any lookup)',
      edit: edit({ insecure: ['*.a.io:5000'] }),
      reason: 'wildcard-prefix-format',
      full: loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.a.io:5000" is incorrectly formatted'),
    },
    {
      name: 'two malformed wildcards: the first in prefix order is named, not the first in the file',
      edit: edit({ blocked: ['a.io', '*.x.com@x'], insecure: ['*.b.io/ns'] }),
      reason: 'wildcard-prefix-format',
      full: loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.b.io/ns" is incorrectly formatted'),
    },
    {
      name: 'a malformed wildcard digest source',
      edit: edit({ digestSets: [set('*.x.com/ns', ['m.io/ns'])] }),
      reason: 'wildcard-prefix-format',
      full: loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.x.com/ns" is incorrectly formatted'),
    },
    {
      name: 'a wildcard with a trailing slash: trimmed before the check, so it loads',
      edit: edit({ blocked: ['a.io', '*.x.com/'] }),
      reason: 'scope-trailing-slash',
      full: { value: false },
    },
    {
      name: 'a wildcard with a path and a trailing slash: only the slash is trimmed',
      edit: edit({ blocked: ['a.io', '*.x.com:5000//'] }),
      reason: 'scope-trailing-slash',
      full: loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.x.com:5000" is incorrectly formatted'),
    },
    {
      name: 'a malformed wildcard that is also defined with conflicting flags: post-processing errors come first',
      // `*.x.com/ns/` is blocked and, inside the insecure `*.x.com/ns`, insecure; both trim to one key. A wildcard
      // entry has no location, so the message names ''.
      edit: edit({ blocked: ['a.io', '*.x.com/ns/'], insecure: ['*.x.com/ns'] }),
      reason: 'scope-trailing-slash',
      full: loadFailure("registry '' is defined multiple times with conflicting 'blocked' setting"),
    },
    {
      name: 'an empty mirror location',
      edit: edit({ digestSets: [set('x.com', ['m.io', ''])] }),
      reason: 'mirror-empty',
      full: loadFailure('invalid condition: mirror location is unset'),
    },
    {
      name: 'a mirror with a trailing slash (trimmed)',
      edit: edit({ digestSets: [set('a.io/ns/app', ['m.io/app/'])] }),
      reason: 'mirror-trailing-slash',
      full: { value: true },
    },
    {
      name: 'a mirror with a URL scheme elsewhere in the configuration',
      edit: edit({ digestSets: [set('x.com', ['https://m.io'])] }),
      reason: 'mirror-url-scheme',
      full: loadFailure("invalid location 'https://m.io': URI schemes are not supported"),
    },
    {
      name: 'a mirror `http:/`, trimmed to a harmless `http:` itself, but `http://ns` once propagated to a nested entry',
      edit: edit({ blocked: ['a.io', 'x.com/ns'], digestSets: [set('x.com', ['http:/'])] }),
      reason: 'mirror-trailing-slash',
      full: loadFailure("invalid location 'http://ns': URI schemes are not supported"),
    },
    {
      name: 'a digest source without mirrors (its entry could take and pass on propagated mirrors)',
      edit: edit({ digestSets: [set('a.io', []), set('a.io/ns/app', ['m.io/app'])] }),
      reason: 'digest-source-without-mirrors',
      full: { value: true },
    },
    {
      name: 'an insecure host inside a wildcard digest source, anywhere in the configuration',
      edit: edit({ insecure: ['y.x.com'], digestSets: [set('*.x.com', ['m.io'])] }),
      reason: 'wildcard-source-encloses-entry',
      full: { error: 'PayloadCheckError', message: 'internal error: mirrorsAdjustedForNestedScope for a wildcard scope "*.x.com"' },
    },
    {
      name: 'a blocked scope inside a wildcard digest source that is not its first enclosing source (no error, still full)',
      edit: edit({ blocked: ['a.io', 'b.a.io/ns'], digestSets: [set('*.a.io', ['m.io']), set('b.a.io', ['n.io'])].reverse() }),
      reason: 'wildcard-source-encloses-entry',
      full: { value: false },
    },
  ];

  test.each(cases)('$name → $reason', (c) => {
    expect(fullPathReason(c.edit)).toBe(c.reason);
    expect(outcome(() => payloadRepoHasUnblockedMirrorFast(RELEASE, inputs(c.edit)))).toEqual({ value: undefined });
    expect(outcome(() => payloadRepoHasUnblockedMirrorFull(RELEASE, inputs(c.edit)))).toEqual(c.full);
    expect(outcome(() => payloadRepoHasUnblockedMirror(RELEASE, inputs(c.edit)))).toEqual(c.full);
  });

  test('GIVEN a trailing-slash scope WHEN the fast path were used anyway THEN it would be wrong (why the guard exists)', () => {
    const e = edit({ blocked: ['a.io/'] });
    // Without trimming, no candidate entry matches `a.io/ns/app`; the MCO's post-processing makes `a.io` of it.
    expect(outcome(() => payloadRegistryFast(RELEASE, e))).toEqual({ value: undefined });
    expect(outcome(() => payloadRegistryFull(RELEASE, e))).toEqual({
      value: { prefix: 'a.io', location: 'a.io', insecure: false, blocked: true, mirrors: [] },
    });
  });

  test('GIVEN a malformed wildcard elsewhere WHEN the fast path were used anyway THEN it would miss the load failure (why the guard exists)', () => {
    const e = edit({ blocked: ['a.io', '*.x.com:5000'] });
    expect(outcome(() => payloadRegistryFast(RELEASE, e))).toEqual({
      value: { prefix: 'a.io', location: 'a.io', insecure: false, blocked: true, mirrors: [] },
    });
    expect(outcome(() => payloadRegistryFull(RELEASE, e))).toEqual(
      loadFailure('Wildcarded prefix should be in the format: *.example.com. Current prefix "*.x.com:5000" is incorrectly formatted'),
    );
  });

  test('GIVEN the disconnected pattern WHEN checked THEN the fast path runs and keeps the blocked registry', () => {
    const e = edit({
      blocked: ['quay.io', 'docker.io'],
      insecure: ['mirror.local'],
      digestSets: mergeMirrorRules([{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.local/ocp'], mirrorSourcePolicy: '' }]),
    });
    const payload = parseNamed(`quay.io/openshift-release-dev/ocp-release@${DIGEST}`);
    expect(fullPathReason(e)).toBeUndefined();
    expect(payloadRegistryFast(payload, e)).toEqual(payloadRegistryFull(payload, e));
    expect(payloadRegistryFast(payload, e)).toEqual({
      prefix: 'quay.io/openshift-release-dev',
      location: 'quay.io/openshift-release-dev',
      insecure: false,
      blocked: true,
      mirrors: [{ location: 'mirror.local/ocp', insecure: true, pullFromMirror: 'digest-only' }],
    });
    expect(payloadRepoHasUnblockedMirrorFast(payload, inputs(e))).toBe(true);
  });

  test('GIVEN no entry matching the payload WHEN checked on the fast path THEN it panics like the full path', () => {
    const e = edit({ blocked: ['x.com'] });
    expect(fullPathReason(e)).toBeUndefined();
    const panic = { error: 'PayloadCheckPanic', message: 'runtime error: invalid memory address or nil pointer dereference', payloadRepository: 'a.io/ns/app' };
    expect(outcome(() => payloadRepoHasUnblockedMirrorFast(RELEASE, inputs(e)))).toEqual(panic);
    expect(outcome(() => payloadRepoHasUnblockedMirrorFull(RELEASE, inputs(e)))).toEqual(panic);
  });
});
