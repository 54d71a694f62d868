/**
 * Structural scope matching, so the renderer never compares every scope with every entry.
 *
 * `scopeIsNestedInsideScope(sub, super)` holds for exactly the `super` strings this module enumerates from `sub`:
 * `sub` itself, `sub` cut at each `/`, and `*` followed by each `.`-suffix of `sub`'s host part (the part the
 * upstream wildcard rule looks at). A lookup of those few strings in a `Map` or `Set` of scopes therefore finds every
 * scope that encloses `sub`, in time proportional to `sub`'s length instead of the number of scopes.
 */
import { enclosingScopes, wildcardHostPart } from '../model/registry-scope';

// Enumerating the scopes that enclose a string is a fact about scopes, shared with the rule engine: it lives in the
// model, and this module builds its indexes on it.
export { enclosingScopes } from '../model/registry-scope';

/** {@link enclosingScopes} without `sub` itself: the scopes strictly enclosing it. */
export function strictlyEnclosingScopes(sub: string): string[] {
  return enclosingScopes(sub).filter((scope) => scope !== sub);
}

const SLASH = 0x2f;

/** What a {@link ScopeSet} says about every string with a given host part (the part before the first `/`). */
interface HostVerdict {
  /** The host part itself is a scope of the set, so it encloses every string with this host part. */
  readonly hostIsScope: boolean;
  /** A `*.domain` scope encloses the host, for strings whose wildcard host part is this host's. */
  readonly wildcardEncloses: boolean;
  /** The host part has a port, so a string's first `:` is inside it. */
  readonly hostHasColon: boolean;
  /**
   * The scopes with a path below this host when there are only a few (compared in place); `undefined` when there are
   * more, which are then looked up by cutting the string at each `/`.
   */
  readonly pathScopes: readonly string[] | undefined;
}

/** Up to this many scopes below one host are compared in place rather than looked up. */
const PATH_SCOPES_COMPARED_IN_PLACE = 8;

const NO_PATH_SCOPES: readonly string[] = [];

/**
 * A set of scopes prepared for {@link ScopeSet.encloses}. Registries.conf entries and mirror locations share few
 * hosts, so what the set says about a host (is it a scope, does a wildcard cover it, which scopes have a path below
 * it) is worked out once per host and remembered. Per string, only the scopes below its host are checked: compared
 * in place when they are few, otherwise looked up at the `/` positions where a scope of that length exists.
 */
export class ScopeSet {
  private readonly scopes: ReadonlySet<string>;
  /** Lengths of the scopes that hold a `/`, the only ones a lookup below the host part can find. */
  private readonly pathScopeLengths = new Set<number>();
  private readonly hasWildcard: boolean;
  private readonly hosts = new Map<string, HostVerdict>();
  /** Host part → the scopes with a path below it. */
  private readonly pathScopesByHost = new Map<string, string[]>();

  constructor(scopes: Iterable<string>) {
    this.scopes = new Set(scopes);
    let wildcard = false;
    for (const scope of this.scopes) {
      const slash = scope.indexOf('/');
      if (slash >= 0) {
        this.pathScopeLengths.add(scope.length);
        const host = scope.slice(0, slash);
        const below = this.pathScopesByHost.get(host);
        if (below) {
          below.push(scope);
        } else {
          this.pathScopesByHost.set(host, [scope]);
        }
      }
      wildcard = wildcard || scope.startsWith('*.');
    }
    this.hasWildcard = wildcard;
  }

  /** Whether some scope of the set encloses (or equals) `sub`: the strings of {@link enclosingScopes}, looked up. */
  public encloses(sub: string): boolean {
    if (this.scopes.size === 0) {
      return false;
    }
    const slash = sub.indexOf('/');
    const hostEnd = slash >= 0 ? slash : sub.length;
    const verdict = this.verdictFor(slash >= 0 ? sub.slice(0, slash) : sub);
    if (verdict.hostIsScope) {
      return true;
    }
    // With no `:` in the host part, a `:` further on makes the wildcard rule's host part hold a `/`: no match.
    if (verdict.wildcardEncloses && (verdict.hostHasColon || sub.indexOf(':', hostEnd) < 0)) {
      return true;
    }
    if (slash < 0) {
      return false;
    }
    if (verdict.pathScopes !== undefined) {
      for (const scope of verdict.pathScopes) {
        if (sub.startsWith(scope) && (sub.length === scope.length || sub.charCodeAt(scope.length) === SLASH)) {
          return true;
        }
      }
      return false;
    }
    for (let i = sub.indexOf('/', hostEnd + 1); i >= 0; i = sub.indexOf('/', i + 1)) {
      if (this.pathScopeLengths.has(i) && this.scopes.has(sub.slice(0, i))) {
        return true;
      }
    }
    return this.pathScopeLengths.has(sub.length) && this.scopes.has(sub);
  }

  private verdictFor(host: string): HostVerdict {
    let verdict = this.hosts.get(host);
    if (verdict === undefined) {
      verdict = {
        hostIsScope: this.scopes.has(host),
        wildcardEncloses: this.hasWildcard && this.wildcardEnclosesHost(host),
        hostHasColon: host.includes(':'),
        pathScopes: this.pathScopesOf(host),
      };
      this.hosts.set(host, verdict);
    }
    return verdict;
  }

  private pathScopesOf(host: string): readonly string[] | undefined {
    const below = this.pathScopesByHost.get(host) ?? NO_PATH_SCOPES;
    return below.length <= PATH_SCOPES_COMPARED_IN_PLACE ? below : undefined;
  }

  /** Whether `*` + a `.`-suffix of the host part (up to a port) is a scope of the set. */
  private wildcardEnclosesHost(host: string): boolean {
    const hostPart = wildcardHostPart(host);
    if (hostPart === undefined) {
      return false;
    }
    for (let i = hostPart.indexOf('.'); i >= 0; i = hostPart.indexOf('.', i + 1)) {
      if (this.scopes.has(`*${hostPart.slice(i)}`)) {
        return true;
      }
    }
    return false;
  }
}

/** Ranked scopes as {@link lowestStrictlyEnclosingRank} reads them. */
export interface RankIndex {
  /** Lengths of the ranked scopes: a candidate of another length is not cut out of the string at all. */
  readonly rankedLengths: ReadonlySet<number>;
  /** Whether some ranked scope is a `*.` wildcard. */
  readonly hasRankedWildcard: boolean;
  /** The rank of `scope`, `undefined` when it is not a ranked scope. */
  rankOf(scope: string): number | undefined;
}

function rankOfPart(index: RankIndex, sub: string, start: number, end: number, wildcard: boolean): number {
  const length = end - start + (wildcard ? 1 : 0);
  if (!index.rankedLengths.has(length)) {
    return Infinity;
  }
  return index.rankOf(wildcard ? `*${sub.slice(start, end)}` : sub.slice(start, end)) ?? Infinity;
}

/** The lowest rank of a scope that strictly encloses `sub` (the strings of {@link strictlyEnclosingScopes}). */
export function lowestStrictlyEnclosingRank(sub: string, index: RankIndex): number | undefined {
  // Runs once per registries.conf entry: plain loops and a running minimum, no closures or candidate lists.
  let lowest = Infinity;
  for (let i = sub.indexOf('/'); i >= 0; i = sub.indexOf('/', i + 1)) {
    lowest = Math.min(lowest, rankOfPart(index, sub, 0, i, false));
  }
  const host = index.hasRankedWildcard ? wildcardHostPart(sub) : undefined;
  if (host !== undefined) {
    for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
      // `*` + host[i:] equals `sub` only when `sub` is itself that wildcard; a scope never strictly encloses itself.
      const candidateIsSub = i === 1 && host.length === sub.length && sub[0] === '*';
      if (!candidateIsSub) {
        lowest = Math.min(lowest, rankOfPart(index, host, i, host.length, true));
      }
    }
  }
  return lowest === Infinity ? undefined : lowest;
}

/**
 * Scopes with a rank each (the first rank given to a scope counts), prepared for {@link RankedScopes.lowestEnclosing}:
 * the lowest rank among the scopes strictly enclosing a string, found without listing or scanning them.
 */
export class RankedScopes implements RankIndex {
  public readonly rankedLengths = new Set<number>();
  public readonly hasRankedWildcard: boolean;
  private readonly ranks = new Map<string, number>();

  constructor(scopes: readonly string[]) {
    let wildcard = false;
    scopes.forEach((scope, rank) => {
      if (!this.ranks.has(scope)) {
        this.ranks.set(scope, rank);
        this.rankedLengths.add(scope.length);
        wildcard = wildcard || scope.startsWith('*.');
      }
    });
    this.hasRankedWildcard = wildcard;
  }

  public rankOf(scope: string): number | undefined {
    return this.ranks.get(scope);
  }

  /** The lowest rank of a scope that strictly encloses `sub` (the strings of {@link strictlyEnclosingScopes}). */
  public lowestEnclosing(sub: string): number | undefined {
    return lowestStrictlyEnclosingRank(sub, this);
  }
}
