/**
 * Property-based checks: the indexed implementation against the literal quadratic one, structural scope matching
 * against the pairwise predicate, order independence of the merge, and the renderer's contract (valid TOML/JSON out,
 * only the MCO error type thrown).
 */
import * as fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { isValidRegistriesConfScope, scopeIsNestedInsideScope } from '../../src/model/registry-scope';
import {
  editRegistriesConfig,
  enclosingScopes,
  MachineConfigOperatorError,
  mergeMirrorRules,
  mergedMirrorsOf,
  MirrorRule,
  RegistriesEditError,
  renderNodeFiles,
} from '../../src/node-files';
import { compareGoStrings, goJsonString, sortByGoKey, sortInGoOrder } from '../../src/node-files/go-format';
import { mergedMirrorsByGraph } from '../../src/node-files/mirror-sets';
import { RankedScopes, ScopeSet } from '../../src/node-files/scope-index';
import { naiveEditRegistriesConfig } from './naive-edit';
import { checkNodeFiles } from '../../src/node-files/render';

const HOSTS = ['a.io', 'b.a.io', 'c.b.a.io', 'a.io:5000', 'x.com', 'y.x.com'];
const WILDCARDS = ['*.a.io', '*.b.a.io', '*.io', '*.x.com'];
const PATHS = ['', '/ns', '/ns/app', '/ns/app/deep', '/team', '/team/app'];

/** Wildcards with what containers/image refuses after the domain: a path, a port, a digest. */
const MALFORMED_WILDCARDS = ['*.a.io/ns', '*.a.io:5000', '*.io@sha256', '*.x.com/ns/app', '*.b.a.io:5000/team'];

const concreteScope = fc.tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...PATHS)).map(([h, p]) => h + p);
const anyScope = fc.oneof({ weight: 4, arbitrary: concreteScope }, { weight: 1, arbitrary: fc.constantFrom(...WILDCARDS) });
const mirror = fc.tuple(fc.constantFrom('m1.io', 'm2.io', 'a.io', 'b.a.io'), fc.constantFrom(...PATHS)).map(([h, p]) => h + p);
const rule = (withWildcards: boolean): fc.Arbitrary<MirrorRule> =>
  fc.record({
    source: withWildcards ? anyScope : concreteScope,
    mirrors: fc.option(fc.array(mirror, { maxLength: 4 }), { nil: null }),
    mirrorSourcePolicy: fc.constantFrom('', '', 'NeverContactSource', 'AllowContactingSource'),
  });

describe('indexed EditRegistriesConfig', () => {
  test('GIVEN random nested scopes and mirror sets WHEN edited THEN entries (or the error) equal the quadratic transcription', () => {
    fc.assert(
      fc.property(
        fc.array(anyScope, { maxLength: 6 }),
        fc.array(anyScope, { maxLength: 6 }),
        fc.array(rule(true), { maxLength: 8 }),
        fc.array(rule(true), { maxLength: 6 }),
        (insecure, blocked, digestRules, tagRules) => {
          const digestSets = mergeMirrorRules(digestRules);
          const tagSets = mergeMirrorRules(tagRules);
          const expected = naiveEditRegistriesConfig(insecure, blocked, digestSets, tagSets);
          let actual: unknown;
          try {
            actual = editRegistriesConfig({ insecure, blocked, digestSets, tagSets });
          } catch (error) {
            expect(error).toBeInstanceOf(RegistriesEditError);
            actual = { error: (error as Error).message };
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('structural scope matching', () => {
  const piece = fc.string({ unit: fc.constantFrom('a', 'b', '.', '/', ':', '*', '-', '1'), maxLength: 10 });
  test('GIVEN arbitrary strings WHEN enclosingScopes is asked THEN it lists exactly the scopes scopeIsNestedInsideScope accepts', () => {
    fc.assert(
      fc.property(piece, piece, (sub, sup) => {
        expect(enclosingScopes(sub).includes(sup)).toBe(scopeIsNestedInsideScope(sub, sup));
      }),
      { numRuns: 3000 },
    );
  });
  test('GIVEN a set of scopes WHEN ScopeSet.encloses is asked THEN it agrees with a pairwise scan', () => {
    fc.assert(
      fc.property(piece, fc.array(piece, { maxLength: 6 }), (sub, scopes) => {
        expect(new ScopeSet(scopes).encloses(sub)).toBe(scopes.some((scope) => scopeIsNestedInsideScope(sub, scope)));
      }),
      { numRuns: 3000 },
    );
  });
  test('GIVEN many scopes below the same hosts WHEN ScopeSet.encloses is asked THEN it agrees with a pairwise scan', () => {
    // Up to 8 scopes below a host are compared in place, more are looked up by length: both ways are exercised here,
    // with strings inside, next to and above the scopes.
    const host = fc.constantFrom('a.io', 'b.io:5000', '*.a.io');
    const below = fc.tuple(host, piece).map(([h, path]) => `${h}/${path}`);
    const scopeList = fc.array(fc.oneof({ arbitrary: below, weight: 4 }, host, piece), { maxLength: 40 });
    const candidateFor = (scopes: string[]) =>
      fc.oneof(piece, below, host, scopes.length > 0 ? fc.tuple(fc.constantFrom(...scopes), piece).map(([scope, rest]) => `${scope}${rest}`) : piece);
    fc.assert(
      fc.property(scopeList.chain((scopes) => fc.tuple(fc.constant(scopes), candidateFor(scopes))), ([scopes, candidate]) => {
        expect(new ScopeSet(scopes).encloses(candidate)).toBe(scopes.some((scope) => scopeIsNestedInsideScope(candidate, scope)));
      }),
      { numRuns: 3000 },
    );
  });
  test('GIVEN more than eight scopes below one host WHEN a string below one of them is asked THEN it is enclosed', () => {
    // GIVEN nine scopes below a.io (looked up by length, not compared in place)
    const scopes = new ScopeSet(['a.io/t0', 'a.io/t1', 'a.io/t2', 'a.io/t3', 'a.io/t4', 'a.io/t5', 'a.io/t6', 'a.io/t7', 'a.io/team/app']);
    // WHEN / THEN only strings at or below a scope are enclosed
    expect(scopes.encloses('a.io/team/app/x')).toBe(true);
    expect(scopes.encloses('a.io/t3/x/y')).toBe(true);
    expect(scopes.encloses('a.io/team')).toBe(false);
    expect(scopes.encloses('a.io/team/apps')).toBe(false);
  });
  test('GIVEN ranked scopes WHEN the lowest strictly enclosing rank is asked THEN it agrees with a pairwise scan', () => {
    fc.assert(
      fc.property(piece, fc.array(piece, { maxLength: 6 }), (sub, scopes) => {
        const ranks = scopes.map((scope, rank) => ({ scope, rank })).filter(({ scope }) => scope !== sub && scopeIsNestedInsideScope(sub, scope));
        const expected = ranks.length > 0 ? Math.min(...ranks.map(({ rank }) => rank)) : undefined;
        expect(new RankedScopes(scopes).lowestEnclosing(sub)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
  test('GIVEN a scope WHEN every enumerated super scope is checked THEN each really encloses it', () => {
    fc.assert(
      fc.property(piece, (sub) => {
        for (const sup of enclosingScopes(sub)) {
          expect(scopeIsNestedInsideScope(sub, sup)).toBe(true);
        }
      }),
    );
  });
});

describe('mirror merge', () => {
  test('GIVEN the same rules in any order WHEN merged THEN the result is identical', () => {
    fc.assert(
      fc.property(
        fc.array(rule(false), { maxLength: 10 }).chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }))),
        ([rules, shuffled]) => {
          expect(mergeMirrorRules(shuffled)).toEqual(mergeMirrorRules(rules));
        },
      ),
    );
  });
});

describe('single-list fast path', () => {
  test('GIVEN one mirror list WHEN merged THEN the fast path equals the graph', () => {
    fc.assert(
      fc.property(fc.constantFrom('s.io', 'a.io'), fc.array(fc.constantFrom('a.io', 'b.io', 'c.io', 's.io', 'd.io'), { maxLength: 5 }), (source, list) => {
        fc.pre(list.length > 0);
        expect(mergedMirrorsOf(source, [list])).toEqual(mergedMirrorsByGraph(source, [list]));
      }),
    );
  });
});

describe('Go string order', () => {
  test('GIVEN two strings WHEN compared THEN the order is UTF-8 byte order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareGoStrings(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
      }),
    );
  });

  // Plain ASCII lists take the native-comparison path, lists with a character at or above U+D800 the careful one.
  const mixedStrings = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme-ascii' })), { maxLength: 12 });
  const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

  test('GIVEN a list of strings WHEN sorted in Go order THEN it is sorted by UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.oneof(mixedStrings, fc.array(fc.string({ unit: 'grapheme-ascii' }), { maxLength: 12 })), (values) => {
        expect(sortInGoOrder([...values])).toEqual([...values].sort(byUtf8));
      }),
    );
  });

  test('GIVEN records with distinct keys WHEN sorted by Go key THEN they are in UTF-8 byte order of their keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme' }), { maxLength: 12 }), (keys) => {
        const records = keys.map((key) => ({ key }));
        expect(sortByGoKey([...records], (record) => record.key).map((record) => record.key)).toEqual([...keys].sort(byUtf8));
      }),
    );
  });

  test('GIVEN any string WHEN JSON-encoded the Go way THEN it decodes back to itself, or to U+FFFD for a lone surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', '\\', '\u2028', '\ud800', '\x7f'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (value) => {
        const encoded = goJsonString(value);
        const wellFormed = Buffer.from(value, 'utf8').toString('utf8');
        expect(JSON.parse(encoded)).toBe(wellFormed);
        expect(encoded).not.toMatch(/[<>&\u2028\u2029]/);
      }),
    );
  });
});

describe('renderNodeFiles contract', () => {
  const messy = fc.oneof(
    anyScope,
    fc.constantFrom('', ' ', '*.a.io/x', 'https://a.io', 'A.io/Team', 'quay.io/x:tag', 'a.io/'),
    // Wildcards containers/image refuses to load (`/`, `@`, `:`), with and without the trailing slash it trims first.
    fc.constantFrom(...MALFORMED_WILDCARDS, '*.a.io/', '*.io/ns/', '*.x.com:5000//'),
  );
  const list = fc.option(fc.array(messy, { maxLength: 4 }), { nil: undefined });
  const messyRule = fc.record({
    source: messy,
    mirrors: fc.option(fc.array(fc.oneof(mirror, messy), { maxLength: 3 }), { nil: undefined }),
    mirrorSourcePolicy: fc.constantFrom(undefined, 'NeverContactSource', 'AllowContactingSource'),
  });
  const input = fc.record({
    imageConfig: fc.option(
      fc.record({
        spec: fc.record({
          registrySources: fc.record({
            insecureRegistries: list,
            blockedRegistries: list,
            allowedRegistries: list,
            containerRuntimeSearchRegistries: fc.option(fc.array(fc.constantFrom('a.io', 'x.com'), { maxLength: 2 }), { nil: undefined }),
          }),
        }),
      }),
      { nil: undefined },
    ),
    idms: fc.array(fc.record({ imageDigestMirrors: fc.array(messyRule, { maxLength: 3 }) }), { maxLength: 2 }),
    itms: fc.array(fc.record({ imageTagMirrors: fc.array(messyRule, { maxLength: 3 }) }), { maxLength: 2 }),
    icsp: fc.array(fc.record({ repositoryDigestMirrors: fc.array(messyRule, { maxLength: 2 }) }), { maxLength: 1 }),
    releaseImage: fc.option(fc.constantFrom('a.io/ns/app@sha256:' + 'a'.repeat(64), 'b.a.io/ns/app:4.19', 'busybox', 'x.com/team/app'), { nil: undefined }),
    openshiftVersion: fc.constantFrom('4.15', '4.17', '4.19', '5.0'),
    bootstrap: fc.boolean(),
  });

  test('GIVEN arbitrary (also invalid) input WHEN rendered THEN files parse as TOML/JSON or the MCO error type is thrown', () => {
    fc.assert(
      fc.property(input, (value) => {
        let result;
        try {
          result = renderNodeFiles(value);
        } catch (error) {
          expect(error).toBeInstanceOf(MachineConfigOperatorError);
          return;
        }
        for (const file of result.files) {
          if (file.path.endsWith('.json')) {
            expect(() => JSON.parse(file.content)).not.toThrow();
          } else {
            expect(() => parseToml(file.content)).not.toThrow();
          }
        }
        expect(result.summary.files).toBe(result.files.length);
      }),
      { numRuns: 1500 },
    );
  });

  test('GIVEN any input WHEN only checked (what validation runs) THEN it fails exactly when rendering fails, with the same message, the same files, warnings and log', () => {
    fc.assert(
      fc.property(input, (value) => {
        const outcome = (run: typeof renderNodeFiles) => {
          try {
            const result = run(value);
            return { paths: result.files.map((file) => file.path), warnings: result.warnings, log: result.controllerLog, notes: result.notes };
          } catch (error) {
            if (!(error instanceof MachineConfigOperatorError)) {
              throw error;
            }
            return { failure: error.message, check: error.check, culprit: error.culprit };
          }
        };
        expect(outcome(checkNodeFiles)).toEqual(outcome(renderNodeFiles));
      }),
      { numRuns: 3000 },
    );
  });

  test('GIVEN the same objects in another order WHEN rendered THEN the same files, or a failure both times (the MCO lists objects in no set order)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 1_000 }), (value, seed) => {
        // GIVEN the mirror objects of each kind reversed and rotated, as another listing order would give them
        const reorder = <T>(list: readonly T[]): T[] => {
          const turned = [...list].reverse();
          return turned.map((_, i) => turned[(i + seed) % turned.length]);
        };
        const shuffled = { ...value, idms: reorder(value.idms), itms: reorder(value.itms), icsp: reorder(value.icsp) };
        const outcome = (of: typeof value) => {
          try {
            return { files: renderNodeFiles(of).files };
          } catch (error) {
            if (!(error instanceof MachineConfigOperatorError)) {
              throw error;
            }
            return { failed: true };
          }
        };
        // WHEN / THEN: bytes depend on the configuration, never on the order it is listed in
        expect(outcome(shuffled)).toEqual(outcome(value));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('payload check: wildcard prefixes containers/image refuses', () => {
  const RELEASES = ['a.io/ns/app@sha256:' + 'a'.repeat(64), 'b.a.io/team/app@sha256:' + 'b'.repeat(64)];
  const malformed = fc.constantFrom(...MALFORMED_WILDCARDS);
  const cleanRule = fc.record({ source: concreteScope, mirrors: fc.array(mirror, { minLength: 1, maxLength: 3 }) });
  const scenario = fc.constantFrom(...RELEASES).chain((releaseImage) => {
    const payloadRepo = releaseImage.split('@')[0];
    // At least one blocked scope covers the payload, so the MCO runs the check; the lists mix in well-formed scopes.
    const covering = fc.constantFrom(...enclosingScopes(payloadRepo).filter((scope) => !scope.includes('@')));
    return fc.record({
      releaseImage: fc.constant(releaseImage),
      blocked: fc.tuple(fc.array(fc.oneof(anyScope, malformed), { maxLength: 4 }), covering, fc.array(fc.oneof(anyScope, malformed), { maxLength: 3 })),
      insecure: fc.array(fc.oneof({ weight: 3, arbitrary: anyScope }, { weight: 1, arbitrary: malformed }), { maxLength: 4 }),
      rules: fc.array(cleanRule, { maxLength: 4 }),
      openshiftVersion: fc.constantFrom('4.15', '4.19', '5.0'),
    });
  });

  test('GIVEN a blocked payload registry and a malformed wildcard anywhere WHEN rendered THEN the MCO logs the refused prefix, drops every blocked and allowed scope, and checks only the insecure list', () => {
    let refused = 0;
    let rendered = 0;
    fc.assert(
      fc.property(scenario, ({ releaseImage, blocked: [before, covering, after], insecure, rules, openshiftVersion }) => {
        const blocked = [...before, covering, ...after];
        const offenders = [...blocked, ...insecure].filter((scope) => MALFORMED_WILDCARDS.includes(scope));
        fc.pre(offenders.length > 0);
        refused++;
        // containers/image names the first malformed prefix in byte order (all ASCII here, so JavaScript's order).
        const named = [...offenders].sort()[0];
        const input = {
          imageConfig: { spec: { registrySources: { blockedRegistries: blocked, insecureRegistries: insecure } } },
          idms: [{ imageDigestMirrors: rules }],
          releaseImage,
          openshiftVersion,
        };
        const invalidInsecure = insecure.find((scope) => !isValidRegistriesConfScope(scope));
        if (invalidInsecure !== undefined) {
          // The blocked list is gone, so the first insecure scope the MCO refuses is what fails the sync.
          expect(() => renderNodeFiles(input)).toThrow(
            new MachineConfigOperatorError('registries.conf', `invalid entry for insecure registries "${invalidInsecure}"`),
          );
          return;
        }
        const result = renderNodeFiles(input);
        rendered++;
        expect(result.controllerLog).toEqual([
          `loading registries configuration "/tmp/regtemp<random>": Wildcarded prefix should be in the format: *.example.com. Current prefix "${named}" is incorrectly formatted, skipping....`,
        ]);
        expect(result.intermediate).toEqual({ registriesBlocked: null, policyBlocked: null, allowed: null });
        expect(result.files.map((file) => file.path)).toEqual(['/etc/containers/registries.conf']);
        const entries = (parseToml(result.files[0].content).registry ?? []) as { blocked?: boolean }[];
        expect(entries.every((entry) => entry.blocked !== true)).toBe(true);
      }),
      { numRuns: 400 },
    );
    // Both outcomes are met: a render without blocked entries, and the insecure list refused.
    expect(refused).toBeGreaterThan(100);
    expect(rendered).toBeGreaterThan(refused / 4);
    expect(rendered).toBeLessThan(refused);
  });
});
