/**
 * Structural scope matching, so the renderer never compares every scope with every entry.
 *
 * `scopeIsNestedInsideScope(sub, super)` holds for exactly the `super` strings this module enumerates from `sub`:
 * `sub` itself, `sub` cut at each `/`, and `*` followed by each `.`-suffix of `sub`'s host part (the part the
 * upstream wildcard rule looks at). A lookup of those few strings in a `Map` or `Set` of scopes therefore finds every
 * scope that encloses `sub`, in time proportional to `sub`'s length instead of the number of scopes.
 */

/** The host part the wildcard rule compares, or `undefined` when the rule can never match. */
function wildcardHostPart(sub: string): string | undefined {
  const colon = sub.indexOf(':');
  if (colon >= 0) {
    // With a colon the rule takes everything before the first colon, and rejects it if it contains a slash.
    const beforeColon = sub.slice(0, colon);
    return beforeColon.includes('/') ? undefined : beforeColon;
  }
  const slash = sub.indexOf('/');
  return slash >= 0 ? sub.slice(0, slash) : sub;
}

/**
 * Every scope string `s` for which `scopeIsNestedInsideScope(sub, s)` is true, including `sub` itself.
 * The list may hold duplicates; callers only look the strings up.
 */
export function enclosingScopes(sub: string): string[] {
  const result = [sub];
  for (let i = sub.indexOf('/'); i >= 0; i = sub.indexOf('/', i + 1)) {
    result.push(sub.slice(0, i));
  }
  const host = wildcardHostPart(sub);
  if (host !== undefined) {
    for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
      result.push(`*${host.slice(i)}`);
    }
  }
  return result;
}

/** {@link enclosingScopes} without `sub` itself: the scopes strictly enclosing it. */
export function strictlyEnclosingScopes(sub: string): string[] {
  return enclosingScopes(sub).filter((scope) => scope !== sub);
}

/** Whether any scope in `scopes` encloses (or equals) `sub`. */
export function isNestedInAny(sub: string, scopes: ReadonlySet<string>): boolean {
  if (scopes.size === 0) {
    return false;
  }
  return enclosingScopes(sub).some((scope) => scopes.has(scope));
}
