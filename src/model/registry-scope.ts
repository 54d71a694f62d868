/**
 * Registry scopes: the `host[:port][/path]` and `*.host` strings that the image configuration, the mirror sets and
 * the node files use to name a registry, a namespace in it or a repository.
 *
 * The upstream schema states these formats with a regular expression that RE2 (Go, CEL) runs in linear time but
 * that backtracks exponentially in JavaScript (`[-]*` can match the empty string inside a repeated group). The
 * patterns below accept exactly the same language, written without that ambiguity: a separator inside a path
 * component is one of `.`, `_`, `__` or a non-empty run of `-`, and a DNS label is a single optional group.
 */

/** One DNS label: letters (either case), digits and inner dashes. */
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
/** One or more labels joined by dots, an optional numeric port. */
const HOST_AND_PORT = `${LABEL}(?:\\.${LABEL})*(?::[0-9]+)?`;
/** Zero or more lower-case path components, each `[a-z0-9]+` runs joined by `.`, `_`, `__` or dashes. */
const PATH = '(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*';

/** `*.host`: a wildcard over the sub-domains of a host; no port, no path. */
export const WILDCARD_SCOPE_PATTERN = new RegExp(`^\\*(?:\\.${LABEL})+$`);

/** `host[:port][/path]`: the format of a mirror (never a wildcard). */
export const MIRROR_PATTERN = new RegExp(`^${HOST_AND_PORT}${PATH}$`);

/**
 * The upstream registry-scope language (`source` of IDMS/ITMS entries, the items of the Image registry lists):
 * a wildcard scope or a mirror-format scope.
 */
export function isValidScope(scope: string): boolean {
  return WILDCARD_SCOPE_PATTERN.test(scope) || MIRROR_PATTERN.test(scope);
}

/** Whether `mirror` is a valid mirror location (the scope language without wildcards). */
export function isValidMirror(mirror: string): boolean {
  return MIRROR_PATTERN.test(mirror);
}

/** Whether the scope is a `*.host` wildcard. */
export function isWildcardScope(scope: string): boolean {
  return scope.startsWith('*.');
}

/**
 * Whether `subScope` is the same as, or nested inside, `superScope`: a repository inside its namespace or host, or a
 * host inside a `*.domain` wildcard. A port makes a different host (`quay.io:443` is not inside `quay.io`) and a
 * wildcard covers sub-domains only (`example.com` is not inside `*.example.com`).
 */
export function scopeIsNestedInsideScope(subScope: string, superScope: string): boolean {
  if (subScope === superScope) {
    return true;
  }
  if (subScope.length > superScope.length && subScope.startsWith(superScope) && subScope[superScope.length] === '/') {
    return true;
  }
  if (superScope.startsWith('*.')) {
    const domainSuffix = superScope.slice(1);
    if (subScope.includes(':')) {
      const beforePort = subScope.split(':')[0];
      return beforePort.endsWith(domainSuffix) && !beforePort.includes('/');
    }
    return subScope.split('/')[0].endsWith(domainSuffix);
  }
  return false;
}

/** The host part the wildcard rule compares, or `undefined` when the rule can never match. */
export function wildcardHostPart(sub: string): string | undefined {
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

/**
 * The Machine Config Operator's own, looser, check of insecure, blocked and allowed scopes: non-empty, and a `*` only
 * as a leading `*.` before a bare host.
 */
export function isValidRegistriesConfScope(scope: string): boolean {
  if (scope === '') {
    return false;
  }
  if (!scope.includes('*')) {
    return true;
  }
  return scope.startsWith('*.') && !/[/@:*]/.test(scope.slice(2));
}

/** Why a string is not a valid scope or mirror, for a message a user can act on. */
export type ScopeProblem =
  | 'empty'
  | 'digest'
  | 'tag'
  | 'wildcard-in-mirror'
  | 'wildcard-misplaced'
  | 'wildcard-with-port-or-path'
  | 'scheme'
  | 'whitespace'
  | 'uppercase-path'
  | 'format';

/**
 * Explains why `value` fails the scope language (or the mirror language when `allowWildcard` is false), or returns
 * `undefined` when it is valid. The explanation never changes the verdict: it only picks the most useful message.
 */
export function diagnoseScope(value: string, allowWildcard: boolean): ScopeProblem | undefined {
  const valid = allowWildcard ? isValidScope(value) : isValidMirror(value);
  if (valid) {
    return undefined;
  }
  if (value === '') {
    return 'empty';
  }
  if (/\s/.test(value)) {
    return 'whitespace';
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) {
    return 'scheme';
  }
  if (value.includes('@')) {
    return 'digest';
  }
  if (value.includes('*')) {
    if (!allowWildcard) {
      return 'wildcard-in-mirror';
    }
    if (value.startsWith('*.') && !value.slice(1).includes('*') && /[:/]/.test(value)) {
      return 'wildcard-with-port-or-path';
    }
    return 'wildcard-misplaced';
  }
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const path = value.slice(slash);
    if (/:[^/]*$/.test(path)) {
      return 'tag';
    }
    if (/[A-Z]/.test(path) && isValidScope(value.slice(0, slash) + path.toLowerCase())) {
      return 'uppercase-path';
    }
  }
  return 'format';
}

/** A sentence for each {@link ScopeProblem}, completing "... because it ...". */
export function describeScopeProblem(problem: ScopeProblem): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'digest':
      return 'carries a digest (`@sha256:...`); a scope names a registry, namespace or repository, never an image';
    case 'tag':
      return 'carries a tag (`:tag` after the repository); a scope names a registry, namespace or repository, never an image';
    case 'wildcard-in-mirror':
      return 'uses a wildcard; mirrors must be concrete `host[:port][/path]` locations';
    case 'wildcard-misplaced':
      return 'uses `*` somewhere other than a single leading `*.` before a host name';
    case 'wildcard-with-port-or-path':
      return 'adds a port or a path to a `*.host` wildcard, which only ever covers host names';
    case 'scheme':
      return 'starts with a URL scheme; write `host[:port][/path]` without `https://`';
    case 'whitespace':
      return 'contains white space';
    case 'uppercase-path':
      return 'has upper-case letters in its path; repository paths are lower case (only the host may be mixed case)';
    case 'format':
      return 'is not of the form `host[:port][/path]` (DNS labels, an optional numeric port, lower-case path components joined by `.`, `_`, `__` or `-`)';
  }
}
