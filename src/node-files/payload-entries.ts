/**
 * The few `[[registry]]` entries of the payload check's temporary registries.conf that can matter for one
 * repository, built by the real edit on a restricted input instead of over the whole configuration.
 *
 * The MCO's `payloadRepoHasUnblockedMirror` builds a complete registries.conf (digest mirror sets, raw insecure and
 * blocked lists, no tag sets), lets containers/image load it, and then uses the single entry `FindRegistry` returns
 * for the payload repository. Every entry that can match the repository has one of a handful of scopes
 * ({@link prefixCandidates}), and each such entry depends only on the scopes that enclose it (its flags, the source
 * whose mirrors it inherits) and on the insecure scopes enclosing those sources' mirrors. {@link restrictedEdit} keeps
 * exactly those inputs, in their order, and `editRegistriesConfig` builds the candidates from them as it builds them
 * from everything. That holds only when nothing elsewhere in the configuration makes the build or the load fail, or
 * makes the load rewrite an entry ({@link fullPathReason}); otherwise the caller builds the whole configuration, which
 * raises the right error for the right entry.
 */
import { isWildcardScope } from '../model/registry-scope';
import { MergedMirrorSet } from './mirror-sets';
import { editRegistriesConfig, RegistriesEdit, RegistryEntry, scopeOf } from './registries-conf';
import { enclosingScopes, RankedScopes } from './scope-index';

/** The inputs of the temporary registries.conf: no tag sets, so every mirror is `digest-only`. */
export interface TemporaryRegistriesEdit {
  readonly insecure: readonly string[] | null;
  readonly blocked: readonly string[] | null;
  /** Merged digest mirror sets, in the order `editRegistriesConfig` processes them (sorted by source). */
  readonly digestSets: readonly MergedMirrorSet[];
}

/**
 * Why the whole temporary configuration must be built: something in it that `editRegistriesConfig` or the
 * containers/image load (`loadRegistries`) could reject or rewrite, anywhere, not only near the payload.
 * - `empty-scope`: an entry with neither prefix nor location (`both location and prefix are unset`).
 * - `scope-trailing-slash`: `parseLocation` trims it, which changes the entry's key and prefix, so two entries can
 *   collide (`defined multiple times with conflicting ...`, or only the first per prefix kept), and a wildcard prefix
 *   such as `*.example.com/` becomes a well-formed one.
 * - `scope-url-scheme`: a scope starting with `http:` or `https:` (`URI schemes are not supported`, possibly only
 *   after trimming); checked on the prefix, which is stricter than the message needs.
 * - `wildcard-prefix-format`: a `*.` scope holding `/`, `@` or `:`, which containers/image refuses once the entries
 *   are post-processed (`Wildcarded prefix should be in the format: *.example.com`), whichever entry matches the
 *   payload.
 * - `mirror-empty`, `mirror-trailing-slash`, `mirror-url-scheme`: the same for mirror locations. Propagated mirrors
 *   are a parent's mirror plus `/path` of a scope without a trailing slash, so they are never empty, never end in
 *   `/`, and can only start with `http:`/`https:` when the parent's mirror does; checking the sets' own mirrors covers
 *   them.
 * - `digest-source-without-mirrors`: an entry whose mirrors may be filled by propagation and then propagated
 *   further (`mergeMirrorRules` never yields one; only hand-made sets have it).
 * - `wildcard-source-encloses-entry`: a blocked or insecure scope strictly inside a wildcard digest source; if that
 *   source is the entry's first enclosing source, `editRegistriesConfig` fails with `mirrorsAdjustedForNestedScope
 *   for a wildcard scope`. (Digest sources inside it have their own mirrors and never take a parent's.)
 */
export type FullPathReason =
  | 'empty-scope'
  | 'scope-trailing-slash'
  | 'scope-url-scheme'
  | 'wildcard-prefix-format'
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

/**
 * containers/image's rule for wildcard prefixes, checked after post-processing (so on the trimmed prefix): a prefix
 * starting with `*.` must not hold `/`, `@` or `:`.
 */
export function isMalformedWildcardPrefix(prefix: string): boolean {
  return isWildcardScope(prefix) && /[/@:]/.test(prefix);
}

/** What post-processing could object to in an entry's scope. */
function scopeProblem(scope: string): FullPathReason | undefined {
  if (scope === '') {
    return 'empty-scope';
  }
  if (endsWithSlash(scope)) {
    return 'scope-trailing-slash';
  }
  if (startsWithScheme(scope)) {
    return 'scope-url-scheme';
  }
  return isMalformedWildcardPrefix(scope) ? 'wildcard-prefix-format' : undefined;
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
 * match the payload, built from {@link restrictedEdit}, are exactly those of the full configuration.
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


/** The scopes of `list` that are in `wanted`, in list order; `null` stays `null`. */
function restrictedTo(list: readonly string[] | null, wanted: ReadonlySet<string>): string[] | null {
  return list === null ? null : list.filter((scope) => wanted.has(scope));
}

/**
 * The part of the temporary configuration's inputs that the entries of `scopes` depend on, in the original order:
 * the digest sets whose source encloses one of `scopes` (flags come from them, and the first of them in order lends
 * its mirrors to a scope without its own), the blocked scopes enclosing one of `scopes`, and the insecure scopes
 * enclosing one of `scopes` or a mirror of those sets. `editRegistriesConfig` builds the entries of `scopes` from it
 * exactly as from the whole input (it also builds a few other entries, which the caller ignores), provided
 * {@link fullPathReason} finds nothing: then no entry of either input makes the build fail, and every set has
 * mirrors of its own. One pass over each list; the scopes tested are the few that can enclose `scopes`.
 */
export function restrictedEdit(scopes: readonly string[], edit: TemporaryRegistriesEdit): RegistriesEdit {
  const near = new Set(scopes.flatMap(enclosingScopes));
  const digestSets = edit.digestSets.filter((set) => near.has(set.source));
  // A mirror is insecure when an insecure scope encloses its location.
  const nearOrMirrors = new Set(near);
  for (const set of digestSets) {
    for (const location of set.mirrors) {
      enclosingScopes(location).forEach((scope) => nearOrMirrors.add(scope));
    }
  }
  return {
    insecure: restrictedTo(edit.insecure, nearOrMirrors),
    blocked: restrictedTo(edit.blocked, near),
    digestSets,
    tagSets: [],
  };
}

/**
 * The entries `editRegistriesConfig` creates in the temporary configuration for those of `scopes` that are entries
 * at all, built from {@link restrictedEdit}. Requires {@link fullPathReason} to find nothing.
 */
export function registryEntriesFor(scopes: readonly string[], edit: TemporaryRegistriesEdit): RegistryEntry[] {
  const wanted = new Set(scopes);
  return editRegistriesConfig(restrictedEdit(scopes, edit)).filter((entry) => wanted.has(scopeOf(entry)));
}
