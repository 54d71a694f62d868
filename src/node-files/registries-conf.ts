/**
 * The `[[registry]]` entries of registries.conf (runtime-utils `EditRegistriesConfig`), computed in near-linear time.
 *
 * Entry order: digest sources (sorted), tag sources (sorted), then blocked scopes and insecure scopes in input order,
 * each entry created once per scope. Flags: an entry inside an insecure scope is insecure, and so is every mirror
 * whose location is inside one; an entry inside a blocked scope is blocked (its mirrors are not). Finally an entry
 * without mirrors that sits inside a mirrored source inherits that source's mirrors, with the extra path appended,
 * from the first such source in processing order (digest sources, then tag sources, each sorted). The upstream code
 * finds all this by comparing every scope with every entry; here each entry looks up the few scopes that can enclose
 * it (see `scope-index.ts`), with the same result.
 */
import { isWildcardScope, scopeIsNestedInsideScope } from '../model/registry-scope';
import { goQuote } from './go-format';
import { MergedMirrorSet } from './mirror-sets';
import { lowestStrictlyEnclosingRank, RankIndex, ScopeSet } from './scope-index';

/** `pull-from-mirror` of a mirror: digest mirrors (IDMS, ICSP) and tag mirrors (ITMS). */
export type PullFromMirror = '' | 'digest-only' | 'tag-only';

/** A `[[registry.mirror]]` table. */
export interface RegistryMirror {
  readonly location: string;
  readonly insecure: boolean;
  readonly pullFromMirror: PullFromMirror;
}

/** A `[[registry]]` table. `prefix` is set (and `location` empty) only for `*.host` wildcard scopes. */
export interface RegistryEntry {
  readonly prefix: string;
  readonly location: string;
  readonly insecure: boolean;
  readonly blocked: boolean;
  readonly mirrors: readonly RegistryMirror[];
}

/** The part of `sysregistriesv2.V2RegistriesConf` the MCO fills. */
export interface RegistriesConf {
  /** `unqualified-search-registries`; `null` leaves the key out. */
  readonly unqualifiedSearchRegistries: readonly string[] | null;
  readonly registries: readonly RegistryEntry[];
}

/** The search list of the MCO's base registries.conf template, which registries.conf keeps. */
export const TEMPLATE_SEARCH_REGISTRIES: readonly string[] = ['registry.access.redhat.com', 'docker.io'];

/** An `internal error` of `EditRegistriesConfig`. */
export class RegistriesEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistriesEditError';
  }
}

/** The scope an entry stands for: its prefix when set, its location otherwise. */
export function scopeOf(entry: Pick<RegistryEntry, 'prefix' | 'location'>): string {
  return entry.prefix !== '' ? entry.prefix : entry.location;
}

function wildcardScopeError(scope: string): RegistriesEditError {
  return new RegistriesEditError(`internal error: mirrorsAdjustedForNestedScope for a wildcard scope ${goQuote(scope)}`);
}

/**
 * The mirrors of `mirroredScope`, rewritten for `subScope` nested inside it: the extra path of `subScope` is appended
 * to every mirror location; the other mirror fields are copied as they are.
 * @throws RegistriesEditError for a wildcard `mirroredScope`, or a `subScope` that is not nested inside it
 */
export function mirrorsAdjustedForNestedScope(
  mirroredScope: string,
  subScope: string,
  mirrors: readonly RegistryMirror[],
): RegistryMirror[] {
  if (isWildcardScope(mirroredScope)) {
    throw wildcardScopeError(mirroredScope);
  }
  if (!scopeIsNestedInsideScope(subScope, mirroredScope) || subScope === mirroredScope) {
    throw new RegistriesEditError(
      `internal error: mirrorsAdjustedForNestedScope(${goQuote(mirroredScope)}, ${goQuote(subScope)}): ${goQuote(subScope)} is not nested inside ${goQuote(mirroredScope)}`,
    );
  }
  const suffix = subScope.slice(mirroredScope.length);
  // A literal of the three fields (in RegistryMirror order) rather than a spread: this runs once per nested mirror.
  return mirrors.map((mirror) => ({ location: mirror.location + suffix, insecure: mirror.insecure, pullFromMirror: mirror.pullFromMirror }));
}

/** Inputs of {@link editRegistriesConfig}. */
export interface RegistriesEdit {
  /** Insecure scopes; `null` or empty for none. */
  readonly insecure: readonly string[] | null;
  /** Blocked scopes; `null` or empty for none. */
  readonly blocked: readonly string[] | null;
  /** Merged digest mirror sets (IDMS and ICSP), sorted by source. */
  readonly digestSets: readonly MergedMirrorSet[];
  /** Merged tag mirror sets (ITMS), sorted by source. */
  readonly tagSets: readonly MergedMirrorSet[];
}

/**
 * A mutable entry while the edit runs. It has the fields (and field order) of {@link RegistryEntry}, so the finished
 * table is returned as it is instead of copied entry by entry; its scope is {@link scopeOf}.
 */
interface DraftEntry {
  readonly prefix: string;
  readonly location: string;
  insecure: boolean;
  blocked: boolean;
  mirrors: RegistryMirror[];
}

/**
 * The entries in creation order, a scope → entry index, and the rank of every entry that is a mirrored source (so
 * the table itself answers which source encloses a scope first). An entry's insecure and blocked flags depend only
 * on its scope, so they are set when the entry is created: upstream flags every entry in a later pass, but visiting
 * each scope once is cheaper when there are many.
 */
class EntryTable implements RankIndex {
  public readonly entries: DraftEntry[] = [];
  public readonly rankedLengths = new Set<number>();
  public hasRankedWildcard = false;
  private readonly indexByScope = new Map<string, number>();
  /** Per entry, its rank among the mirrored sources (processing order), `-1` when it is none. */
  private readonly sourceRanks: number[] = [];

  constructor(
    private readonly insecure: ScopeSet,
    private readonly blocked: ScopeSet,
  ) {}

  /** The entry of `scope`, created (at the end) when missing. */
  public entry(scope: string): DraftEntry {
    return this.entries[this.indexOf(scope)];
  }

  /** The entry of the mirrored source `scope` with the given rank (kept when the source already has one). */
  public sourceEntry(scope: string, rank: number): DraftEntry {
    const index = this.indexOf(scope);
    if (this.sourceRanks[index] < 0) {
      this.sourceRanks[index] = rank;
      this.rankedLengths.add(scope.length);
      this.hasRankedWildcard = this.hasRankedWildcard || isWildcardScope(scope);
    }
    return this.entries[index];
  }

  /** The rank of the mirrored source `scope`, `undefined` when `scope` is not one. */
  public rankOf(scope: string): number | undefined {
    const index = this.indexByScope.get(scope);
    const rank = index === undefined ? -1 : this.sourceRanks[index];
    return rank < 0 ? undefined : rank;
  }

  private indexOf(scope: string): number {
    let index = this.indexByScope.get(scope);
    if (index === undefined) {
      const wildcard = isWildcardScope(scope);
      index = this.entries.length;
      this.entries.push({
        prefix: wildcard ? scope : '',
        location: wildcard ? '' : scope,
        insecure: this.insecure.encloses(scope),
        blocked: this.blocked.encloses(scope),
        mirrors: [],
      });
      this.sourceRanks.push(-1);
      this.indexByScope.set(scope, index);
    }
    return index;
  }
}

/**
 * Adds the mirrors of `sets` to their sources' entries. A mirror is insecure when its location lies inside an
 * insecure scope; deciding that here (upstream flags mirrors in a later pass, before any propagation) creates each
 * mirror object once.
 */
function addMirrorSets(
  table: EntryTable,
  sets: readonly MergedMirrorSet[],
  firstRank: number,
  pullFromMirror: PullFromMirror,
  insecure: ScopeSet,
): void {
  for (let i = 0; i < sets.length; i++) {
    const set = sets[i];
    const entry = table.sourceEntry(set.source, firstRank + i);
    if (set.neverContactSource) {
      entry.blocked = true;
    }
    for (const location of set.mirrors) {
      entry.mirrors.push({ location, insecure: insecure.encloses(location), pullFromMirror });
    }
  }
}

/**
 * Gives every entry without mirrors the adjusted mirrors of the first mirrored source (in processing order) that
 * strictly encloses it. Upstream walks the sources in order and fills each nested entry that is still empty; the
 * first enclosing source therefore wins, and a wildcard source that would be first for any entry is an error, which
 * upstream raises for the earliest such source.
 */
function propagateMirrors(table: EntryTable, sets: readonly MergedMirrorSet[]): void {
  if (sets.length === 0) {
    return;
  }
  const assignments: { entry: DraftEntry; parentIndex: number }[] = [];
  let firstWildcardError: number | undefined;
  for (const entry of table.entries) {
    if (entry.mirrors.length > 0) {
      continue;
    }
    const parentIndex = lowestStrictlyEnclosingRank(scopeOf(entry), table);
    if (parentIndex === undefined) {
      continue;
    }
    if (isWildcardScope(sets[parentIndex].source)) {
      firstWildcardError = firstWildcardError === undefined ? parentIndex : Math.min(firstWildcardError, parentIndex);
    }
    assignments.push({ entry, parentIndex });
  }
  if (firstWildcardError !== undefined) {
    throw wildcardScopeError(sets[firstWildcardError].source);
  }
  for (const { entry, parentIndex } of assignments) {
    const parentScope = sets[parentIndex].source;
    entry.mirrors = mirrorsAdjustedForNestedScope(parentScope, scopeOf(entry), table.entry(parentScope).mirrors);
  }
}

/**
 * The `[[registry]]` entries runtime-utils `EditRegistriesConfig` writes into an empty configuration.
 * @throws RegistriesEditError for a wildcard mirror source with another entry nested inside it
 */
export function editRegistriesConfig(edit: RegistriesEdit): RegistryEntry[] {
  const insecure = new ScopeSet(edit.insecure ?? []);
  const table = new EntryTable(insecure, new ScopeSet(edit.blocked ?? []));
  addMirrorSets(table, edit.digestSets, 0, 'digest-only', insecure);
  addMirrorSets(table, edit.tagSets, edit.digestSets.length, 'tag-only', insecure);
  for (const scope of edit.blocked ?? []) {
    table.entry(scope);
  }
  for (const scope of edit.insecure ?? []) {
    table.entry(scope);
  }
  propagateMirrors(table, [...edit.digestSets, ...edit.tagSets]);
  return table.entries;
}

/** Number of `[[registry.mirror]]` tables across the entries. */
export function countMirrors(entries: readonly RegistryEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.mirrors.length, 0);
}
