/**
 * The few `[[registry]]` entries of the payload check's temporary registries.conf that can matter for one
 * repository, computed without building the whole configuration.
 *
 * The MCO's `payloadRepoHasUnblockedMirror` builds a complete registries.conf (digest mirror sets, raw insecure and
 * blocked lists, no tag sets), lets containers/image post-process every entry, and then uses the single entry
 * `FindRegistry` returns for the payload repository. That entry depends only on the entries whose prefix matches the
 * repository, and each of those only on the scopes that can enclose it. When no entry of the whole configuration can
 * fail or be changed by post-processing ({@link fullPathReason} finds nothing), those few entries are all the check
 * needs; otherwise the caller builds the full configuration, which raises the right error for the right entry.
 */
import { isWildcardScope } from '../model/registry-scope';
import { MergedMirrorSet } from './mirror-sets';
import { mirrorsAdjustedForNestedScope, RegistryEntry, RegistryMirror } from './registries-conf';
import { enclosingScopes, RankedScopes, ScopeSet, strictlyEnclosingScopes } from './scope-index';

/** The inputs of the temporary registries.conf: no tag sets, so every mirror is `digest-only`. */
export interface TemporaryRegistriesEdit {
  readonly insecure: readonly string[] | null;
  readonly blocked: readonly string[] | null;
  /** Merged digest mirror sets, in the order `editRegistriesConfig` processes them (sorted by source). */
  readonly digestSets: readonly MergedMirrorSet[];
}

/**
 * Why the whole temporary configuration must be built: something in it that containers/image post-processing
 * (`loadRegistries`) or `editRegistriesConfig` could reject or rewrite, anywhere, not only near the payload.
 * - `empty-scope`: an entry with neither prefix nor location (`both location and prefix are unset`).
 * - `scope-trailing-slash`: `parseLocation` trims it, which changes the entry's key and prefix, so two entries can
 *   collide (`defined multiple times with conflicting ...`, or only the first per prefix kept).
 * - `scope-url-scheme`: a scope starting with `http:` or `https:` (`URI schemes are not supported`, possibly only
 *   after trimming); checked on the prefix, which is stricter than the message needs.
 * - `mirror-empty`, `mirror-trailing-slash`, `mirror-url-scheme`: the same for mirror locations. Propagated mirrors
 *   are a parent's mirror plus `/path` of a scope without a trailing slash, so they are never empty, never end in
 *   `/`, and can only start with `http:`/`https:` when the parent's mirror does; checking the sets' own mirrors covers
 *   them.
 * - `digest-source-without-mirrors`: an entry whose mirrors may be filled by propagation and then propagated
 *   further, which the candidate computation does not model (`mergeMirrorRules` never yields one).
 * - `wildcard-source-encloses-entry`: a blocked or insecure scope strictly inside a wildcard digest source; if that
 *   source is the entry's first enclosing source, `editRegistriesConfig` fails with `mirrorsAdjustedForNestedScope
 *   for a wildcard scope`. (Digest sources inside it have their own mirrors and never take a parent's.)
 */
export type FullPathReason =
  | 'empty-scope'
  | 'scope-trailing-slash'
  | 'scope-url-scheme'
  | 'mirror-empty'
  | 'mirror-trailing-slash'
  | 'mirror-url-scheme'
  | 'digest-source-without-mirrors'
  | 'wildcard-source-encloses-entry';

const SLASH = 47; // '/'

function endsWithSlash(value: string): boolean {
  return value.charCodeAt(value.length - 1) === SLASH;
}

/** Starts like a URL that `parseLocation` rejects, now or once a path is appended (`http:/` + `/x`). */
function startsWithScheme(value: string): boolean {
  return value.startsWith('http:') || value.startsWith('https:');
}

/** What post-processing could object to in an entry's scope. */
function scopeProblem(scope: string): FullPathReason | undefined {
  if (scope === '') {
    return 'empty-scope';
  }
  if (endsWithSlash(scope)) {
    return 'scope-trailing-slash';
  }
  return startsWithScheme(scope) ? 'scope-url-scheme' : undefined;
}

/** What post-processing could object to in a mirror location (its own, or one propagated from it). */
function mirrorProblem(location: string): FullPathReason | undefined {
  if (location === '') {
    return 'mirror-empty';
  }
  if (endsWithSlash(location)) {
    return 'mirror-trailing-slash';
  }
  return startsWithScheme(location) ? 'mirror-url-scheme' : undefined;
}

/**
 * A cheap, conservative scan of the whole temporary configuration: `undefined` only when neither
 * `editRegistriesConfig` nor `loadRegistries` can throw for any entry, and post-processing leaves every entry as
 * built (no trimming, so keys and prefixes are the distinct scopes and no entry is dropped). Then the entries that
 * match the payload, computed by {@link registryEntriesFor}, are exactly those of the full configuration.
 */
export function fullPathReason(edit: TemporaryRegistriesEdit): FullPathReason | undefined {
  const wildcardSources: string[] = [];
  for (const set of edit.digestSets) {
    const problem = scopeProblem(set.source);
    if (problem !== undefined) {
      return problem;
    }
    if (set.mirrors.length === 0) {
      return 'digest-source-without-mirrors';
    }
    for (const location of set.mirrors) {
      const mirror = mirrorProblem(location);
      if (mirror !== undefined) {
        return mirror;
      }
    }
    if (isWildcardScope(set.source)) {
      wildcardSources.push(set.source);
    }
  }
  const listed = [...(edit.blocked ?? []), ...(edit.insecure ?? [])];
  for (const scope of listed) {
    const problem = scopeProblem(scope);
    if (problem !== undefined) {
      return problem;
    }
  }
  if (wildcardSources.length > 0) {
    const wildcards = new RankedScopes(wildcardSources);
    if (listed.some((scope) => wildcards.lowestEnclosing(scope) !== undefined)) {
      return 'wildcard-source-encloses-entry';
    }
  }
  return undefined;
}

/**
 * Every string containers/image `refMatchingPrefix` could accept as a prefix of `ref`, and a few more (the caller's
 * lookup rejects those): `ref` cut before each `:`, `/` or `@` and at its end, and `*` followed by each part of `ref`
 * that starts at a `.` and ends at such a cut. A wildcard prefix `*.d` matches at the first occurrence of `.d` in
 * `ref`, which must end at a cut, so it is one of these strings; a plain prefix must be `ref` up to a cut.
 */
export function prefixCandidates(ref: string): string[] {
  const cuts: number[] = [];
  for (let i = 0; i < ref.length; i++) {
    if (ref[i] === ':' || ref[i] === '/' || ref[i] === '@') {
      cuts.push(i);
    }
  }
  cuts.push(ref.length);
  const candidates = new Set<string>();
  for (const cut of cuts) {
    candidates.add(ref.slice(0, cut));
    for (let dot = ref.indexOf('.'); dot >= 0 && dot < cut; dot = ref.indexOf('.', dot + 1)) {
      candidates.add(`*${ref.slice(dot, cut)}`);
    }
  }
  return [...candidates];
}

/** The digest sets of one source, and the rank (index in processing order) of its first set. */
interface SourceSets {
  readonly rank: number;
  readonly sets: MergedMirrorSet[];
}

/** The sets whose source is in `wanted`, grouped by source, ranks as in the full list. */
function setsBySource(digestSets: readonly MergedMirrorSet[], wanted: ReadonlySet<string>): Map<string, SourceSets> {
  const bySource = new Map<string, SourceSets>();
  digestSets.forEach((set, rank) => {
    if (!wanted.has(set.source)) {
      return;
    }
    const found = bySource.get(set.source);
    if (found) {
      found.sets.push(set);
    } else {
      bySource.set(set.source, { rank, sets: [set] });
    }
  });
  return bySource;
}

/** The scopes of `list` that are in `wanted`: a small stand-in for the whole list when only those can match. */
function restrictedTo(list: readonly string[] | null, wanted: ReadonlySet<string>): string[] {
  return (list ?? []).filter((scope) => wanted.has(scope));
}

/** The mirrors `editRegistriesConfig` gives a source's own entry: every set's mirrors in order, `digest-only`. */
function ownMirrors(source: SourceSets | undefined, insecure: ScopeSet): RegistryMirror[] {
  const mirrors: RegistryMirror[] = [];
  for (const set of source?.sets ?? []) {
    for (const location of set.mirrors) {
      mirrors.push({ location, insecure: insecure.encloses(location), pullFromMirror: 'digest-only' });
    }
  }
  return mirrors;
}

/** The first digest source (lowest rank) strictly enclosing `scope`, as `propagateMirrors` picks it. */
function firstEnclosingSource(scope: string, bySource: ReadonlyMap<string, SourceSets>): string | undefined {
  let first: string | undefined;
  for (const candidate of strictlyEnclosingScopes(scope)) {
    const found = bySource.get(candidate);
    if (found && (first === undefined || found.rank < (bySource.get(first) as SourceSets).rank)) {
      first = candidate;
    }
  }
  return first;
}

/**
 * The entries `editRegistriesConfig` (insecure, blocked, digest sets, no tag sets) creates for those of `scopes`
 * that are entries at all, each exactly as the full build computes it: flags from the enclosing insecure and blocked
 * scopes, its own mirrors, or else the adjusted mirrors of the first digest source enclosing it. Only the scopes
 * that can enclose one of `scopes` (or one of their mirrors) are looked at, so the cost is one pass over each list.
 * Requires {@link fullPathReason} to find nothing (then no parent is a wildcard and every source has mirrors).
 */
export function registryEntriesFor(scopes: readonly string[], edit: TemporaryRegistriesEdit): RegistryEntry[] {
  const near = new Set(scopes.flatMap(enclosingScopes));
  const bySource = setsBySource(edit.digestSets, near);
  // Mirror flags depend on the insecure scopes enclosing the mirror locations of these sources.
  const nearMirrors = new Set(near);
  for (const { sets } of bySource.values()) {
    sets.forEach((set) => set.mirrors.forEach((location) => enclosingScopes(location).forEach((s) => nearMirrors.add(s))));
  }
  const insecureScopes = restrictedTo(edit.insecure, nearMirrors);
  const blockedScopes = restrictedTo(edit.blocked, near);
  const insecure = new ScopeSet(insecureScopes);
  const blocked = new ScopeSet(blockedScopes);
  const listed = new Set([...insecureScopes, ...blockedScopes]);

  const entries: RegistryEntry[] = [];
  for (const scope of new Set(scopes)) {
    const source = bySource.get(scope);
    if (!source && !listed.has(scope)) {
      continue; // not an entry of the temporary configuration
    }
    let mirrors = ownMirrors(source, insecure);
    if (mirrors.length === 0) {
      const parent = firstEnclosingSource(scope, bySource);
      if (parent !== undefined) {
        mirrors = mirrorsAdjustedForNestedScope(parent, scope, ownMirrors(bySource.get(parent), insecure));
      }
    }
    const wildcard = isWildcardScope(scope);
    entries.push({
      prefix: wildcard ? scope : '',
      location: wildcard ? '' : scope,
      insecure: insecure.encloses(scope),
      blocked: (source?.sets ?? []).some((set) => set.neverContactSource) || blocked.encloses(scope),
      mirrors,
    });
  }
  return entries;
}
