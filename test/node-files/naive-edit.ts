/**
 * A literal, quadratic transcription of runtime-utils `EditRegistriesConfig` as the research note states it: every
 * scope compared with every entry. Used only as an oracle for the indexed implementation.
 */
import { isWildcardScope, scopeIsNestedInsideScope } from '../../src/model/registry-scope';
import { MergedMirrorSet, RegistryEntry, RegistryMirror } from '../../src/node-files';

interface Draft {
  prefix: string;
  location: string;
  insecure: boolean;
  blocked: boolean;
  mirrors: RegistryMirror[];
}

const scope = (r: Draft) => (r.prefix !== '' ? r.prefix : r.location);

export function naiveEditRegistriesConfig(
  insecure: readonly string[],
  blocked: readonly string[],
  digestSets: readonly MergedMirrorSet[],
  tagSets: readonly MergedMirrorSet[],
): RegistryEntry[] | { error: string } {
  const regs: Draft[] = [];
  const get = (s: string): Draft => {
    let r = regs.find((x) => scope(x) === s);
    if (!r) {
      r = { prefix: s.startsWith('*.') ? s : '', location: s.startsWith('*.') ? '' : s, insecure: false, blocked: false, mirrors: [] };
      regs.push(r);
    }
    return r;
  };
  for (const [sets, pull] of [[digestSets, 'digest-only'], [tagSets, 'tag-only']] as const) {
    for (const set of sets) {
      const r = get(set.source);
      if (set.neverContactSource) r.blocked = true;
      for (const m of set.mirrors) r.mirrors.push({ location: m, insecure: false, pullFromMirror: pull });
    }
  }
  for (const s of blocked) get(s);
  for (const s of insecure) {
    get(s).insecure = true;
    for (const r of regs) {
      if (scopeIsNestedInsideScope(scope(r), s)) r.insecure = true;
      r.mirrors = r.mirrors.map((m) => (scopeIsNestedInsideScope(m.location, s) ? { ...m, insecure: true } : m));
    }
  }
  for (const s of blocked) {
    get(s).blocked = true;
    for (const r of regs) if (scopeIsNestedInsideScope(scope(r), s)) r.blocked = true;
  }
  for (const set of [...digestSets, ...tagSets]) {
    const parent = get(set.source);
    for (const r of regs) {
      if (scope(r) !== scope(parent) && scopeIsNestedInsideScope(scope(r), scope(parent)) && r.mirrors.length === 0) {
        if (isWildcardScope(scope(parent))) {
          return { error: `internal error: mirrorsAdjustedForNestedScope for a wildcard scope "${scope(parent)}"` };
        }
        r.mirrors = parent.mirrors.map((m) => ({ ...m, location: m.location + scope(r).slice(scope(parent).length) }));
      }
    }
  }
  return regs;
}
