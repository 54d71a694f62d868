/**
 * Every fact of `mco-predicates.json`, table-driven by function. Scope nesting is also checked against the
 * structural enumeration the renderer uses instead of pairwise comparison.
 */
import { isValidRegistriesConfScope, scopeIsNestedInsideScope } from '../../src/model/registry-scope';
import {
  enclosingScopes,
  mirrorsAdjustedForNestedScope,
  mirrorsContainsARealMirror,
  RegistriesEditError,
  topoSort,
} from '../../src/node-files';
import { loadReference } from './reference';

interface Predicate {
  readonly fn: string;
  readonly name?: string;
  readonly input: Record<string, unknown>;
  readonly expected: unknown;
}

const predicates = loadReference<Predicate[]>('mco-predicates.json');

function ofFn(fn: string): [string, Predicate][] {
  return predicates.filter((p) => p.fn === fn).map((p) => [p.name ?? JSON.stringify(p.input), p]);
}

/** Every rotation of a list: the topological order must not depend on edge insertion order. */
function rotations<T>(items: readonly T[]): T[][] {
  return items.length === 0 ? [[]] : items.map((_, i) => [...items.slice(i), ...items.slice(0, i)]);
}

test('GIVEN the golden predicates WHEN loaded THEN there are 51', () => {
  expect(predicates).toHaveLength(51);
});

test.each(ofFn('ScopeIsNestedInsideScope'))('GIVEN ScopeIsNestedInsideScope %s WHEN evaluated THEN both implementations agree with upstream', (_, p) => {
  const { subScope, superScope } = p.input as { subScope: string; superScope: string };
  expect(scopeIsNestedInsideScope(subScope, superScope)).toBe(p.expected);
  expect(enclosingScopes(subScope).includes(superScope)).toBe(p.expected);
});

test.each(ofFn('IsValidRegistriesConfScope'))('GIVEN IsValidRegistriesConfScope %s WHEN evaluated THEN it matches upstream', (_, p) => {
  expect(isValidRegistriesConfScope((p.input as { scope: string }).scope)).toBe(p.expected);
});

test.each(ofFn('mirrorsContainsARealMirror'))('GIVEN mirrorsContainsARealMirror %s WHEN evaluated THEN it matches upstream', (_, p) => {
  const { source, mirrors } = p.input as { source: string; mirrors: string[] };
  expect(mirrorsContainsARealMirror(source, mirrors)).toBe(p.expected);
});

test.each(ofFn('topoGraph.Sorted'))('GIVEN topoGraph %s WHEN sorted from every rotation of its edges THEN the order matches upstream', (_, p) => {
  const edges = (p.input as { edges: [string, string][] }).edges;
  for (const rotation of rotations(edges)) {
    expect(topoSort(rotation)).toEqual(p.expected);
  }
});

test.each(ofFn('mirrorsAdjustedForNestedScope'))('GIVEN mirrorsAdjustedForNestedScope %s WHEN adjusted THEN mirrors or error match', (_, p) => {
  const { mirroredScope, subScope, mirrors } = p.input as { mirroredScope: string; subScope: string; mirrors: string[] };
  const run = () =>
    mirrorsAdjustedForNestedScope(
      mirroredScope,
      subScope,
      mirrors.map((location) => ({ location, insecure: false, pullFromMirror: 'digest-only' as const })),
    ).map((mirror) => mirror.location);
  if (typeof p.expected === 'object' && p.expected !== null && !Array.isArray(p.expected)) {
    expect(run).toThrow(RegistriesEditError);
  } else {
    expect(run()).toEqual(p.expected);
  }
});

test('GIVEN every predicate WHEN grouped by function THEN none is left without a runner', () => {
  const known = new Set(['ScopeIsNestedInsideScope', 'IsValidRegistriesConfScope', 'mirrorsContainsARealMirror', 'topoGraph.Sorted', 'mirrorsAdjustedForNestedScope']);
  expect(predicates.filter((p) => !known.has(p.fn))).toEqual([]);
});
