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

/**
 * A set of scopes prepared for {@link ScopeSet.encloses}: besides the scopes, the lengths that occur, so a candidate
 * enclosing scope is only cut out of the string (an allocation) when a scope of that length exists.
 */
export class ScopeSet {
  private readonly scopes: ReadonlySet<string>;
  private readonly lengths = new Set<number>();
  private readonly hasWildcard: boolean;

  constructor(scopes: Iterable<string>) {
    this.scopes = new Set(scopes);
    let wildcard = false;
    for (const scope of this.scopes) {
      this.lengths.add(scope.length);
      wildcard = wildcard || scope.startsWith('*.');
    }
    this.hasWildcard = wildcard;
  }

  /** Number of distinct scopes. */
  public get size(): number {
    return this.scopes.size;
  }

  /** Whether some scope of the set encloses (or equals) `sub`: the strings of {@link enclosingScopes}, looked up. */
  public encloses(sub: string): boolean {
    if (this.scopes.size === 0) {
      return false;
    }
    if (this.scopes.has(sub)) {
      return true;
    }
    for (let i = sub.indexOf('/'); i >= 0; i = sub.indexOf('/', i + 1)) {
      if (this.lengths.has(i) && this.scopes.has(sub.slice(0, i))) {
        return true;
      }
    }
    if (!this.hasWildcard) {
      return false;
    }
    const host = wildcardHostPart(sub);
    if (host !== undefined) {
      for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
        if (this.lengths.has(host.length - i + 1) && this.scopes.has(`*${host.slice(i)}`)) {
          return true;
        }
      }
    }
    return false;
  }
}

/**
 * Scopes with a rank each (the first rank given to a scope counts), prepared for {@link RankedScopes.lowestEnclosing}:
 * the lowest rank among the scopes strictly enclosing a string, found without listing or scanning them.
 */
export class RankedScopes {
  private readonly ranks = new Map<string, number>();
  private readonly lengths = new Set<number>();
  private hasWildcard = false;

  constructor(scopes: readonly string[]) {
    scopes.forEach((scope, rank) => {
      if (!this.ranks.has(scope)) {
        this.ranks.set(scope, rank);
        this.lengths.add(scope.length);
        this.hasWildcard = this.hasWildcard || scope.startsWith('*.');
      }
    });
  }

  /** Number of distinct scopes. */
  public get size(): number {
    return this.ranks.size;
  }

  private rankOf(sub: string, start: number, end: number, wildcard: boolean): number | undefined {
    const length = end - start + (wildcard ? 1 : 0);
    if (!this.lengths.has(length)) {
      return undefined;
    }
    return this.ranks.get(wildcard ? `*${sub.slice(start, end)}` : sub.slice(start, end));
  }

  /** The lowest rank of a scope that strictly encloses `sub` (the strings of {@link strictlyEnclosingScopes}). */
  public lowestEnclosing(sub: string): number | undefined {
    let lowest: number | undefined;
    const consider = (rank: number | undefined): void => {
      if (rank !== undefined && (lowest === undefined || rank < lowest)) {
        lowest = rank;
      }
    };
    for (let i = sub.indexOf('/'); i >= 0; i = sub.indexOf('/', i + 1)) {
      consider(this.rankOf(sub, 0, i, false));
    }
    const host = this.hasWildcard ? wildcardHostPart(sub) : undefined;
    if (host !== undefined) {
      for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
        // `*` + host[i:] equals `sub` only when `sub` is itself that wildcard; a scope never strictly encloses itself.
        const candidateIsSub = i === 1 && host.length === sub.length && sub[0] === '*';
        if (!candidateIsSub) {
          consider(this.rankOf(host, i, host.length, true));
        }
      }
    }
    return lowest;
  }
}
