import * as fc from 'fast-check';
import { diagnoseScope, isValidMirror, isValidScope } from '../../src/model/registry-scope';
import { safeRegexes } from '../support/upstream-fixtures';

/** Strings built from the characters that matter to the scope grammar, short enough for the backtracking original. */
const scopeLike = fc.stringMatching(/^[*a-zA-Z0-9.:/_@-]{0,14}$/);
const structuredScope = fc.tuple(
  fc.constantFrom('', '*.'),
  fc.array(fc.stringMatching(/^[a-zA-Z0-9-]{1,5}$/), { minLength: 1, maxLength: 3 }),
  fc.option(fc.stringMatching(/^:[0-9]{1,4}$/), { nil: undefined }),
  fc.array(fc.stringMatching(/^[a-z0-9._-]{1,6}$/), { maxLength: 3 }),
).map(([prefix, labels, port, components]) => `${prefix}${labels.join('.')}${port ?? ''}${components.map((c) => `/${c}`).join('')}`);

describe('registry scope grammar', () => {
  describe('equals the upstream patterns (compared on inputs short enough for their backtracking)', () => {
    test('GIVEN random scope-like strings WHEN checked THEN our verdict equals the upstream regex, for scopes and mirrors', () => {
      const reference = safeRegexes();
      const upstreamScope = new RegExp(reference.scopeOriginal);
      const upstreamMirror = new RegExp(reference.mirrorOriginal);
      fc.assert(fc.property(fc.oneof(scopeLike, structuredScope), (value) => {
        expect(isValidScope(value)).toBe(upstreamScope.test(value));
        expect(isValidMirror(value)).toBe(upstreamMirror.test(value));
      }), { numRuns: 20000 });
    });
  });

  test('GIVEN any string WHEN diagnosed THEN there is a problem exactly when the scope is invalid', () => {
    fc.assert(fc.property(fc.oneof(scopeLike, structuredScope, fc.string()), (value) => {
      expect(diagnoseScope(value, true) === undefined).toBe(isValidScope(value));
      expect(diagnoseScope(value, false) === undefined).toBe(isValidMirror(value));
    }), { numRuns: 5000 });
  });

  test.each([
    ['registry.example.com/MyRepo', true, 'uppercase-path'],
    ['registry.example.com/repo:tag', true, 'tag'],
    ['registry.example.com/repo@sha256:abc', true, 'digest'],
    ['*.example.com', false, 'wildcard-in-mirror'],
    ['*example.com', true, 'wildcard-misplaced'],
    ['*.example.com:443', true, 'wildcard-with-port-or-path'],
    ['a.b/c..d', true, 'format'],
    ['foo.com:/x', true, 'format'],
  ] as const)('GIVEN %p (wildcards allowed: %p) WHEN diagnosed THEN %p', (value, allowWildcard, problem) => {
    expect(diagnoseScope(value, allowWildcard)).toBe(problem);
  });
});
