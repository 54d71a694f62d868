/**
 * Container image references (`[domain/]path[:tag][@digest]`), written to the distribution reference grammar that
 * containers/image (`docker/reference`) and therefore the Machine Config Operator use.
 *
 * The grammar is parsed structurally (split at `@`, the tag colon and `/`), and each piece is checked with a small
 * anchored expression that cannot backtrack badly, so parsing is linear in the length of the input.
 */

/** A parsed reference. `name` is `domain/path` (or just `path` when the grammar found no domain). */
export interface ImageReference {
  /** Repository name without tag or digest, e.g. `quay.io/openshift-release-dev/ocp-release`. */
  readonly name: string;
  /** Registry host with optional port, e.g. `quay.io` or `registry.example.com:5000`; empty when there is none. */
  readonly domain: string;
  /** Repository path inside the registry, e.g. `openshift-release-dev/ocp-release`. */
  readonly path: string;
  /** Tag, when the reference carries one. */
  readonly tag?: string;
  /** Digest (`algorithm:hex`), when the reference carries one. */
  readonly digest?: string;
  /** The whole reference: `name[:tag][@digest]`. */
  readonly string: string;
}

/** Why a string is not a valid reference; messages follow the upstream Go errors. */
export class ImageReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageReferenceError';
  }
}

/** Longest repository name the grammar allows. */
export const NAME_TOTAL_LENGTH_MAX = 255;

const DOMAIN_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
/** `host[:port]`: DNS-like labels or a bracketed IPv6 address, optional numeric port. */
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
/** One path component: lower-case alphanumeric runs joined by `.`, `_`, `__` or dashes. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** Encoded lengths of the digest algorithms go-digest knows. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';

/** The pieces of `s` split at the digest `@` and the tag `:`, before any checking. */
interface RawPieces {
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

function splitPieces(s: string): RawPieces | undefined {
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  // A tag colon can only follow the last path separator; a colon before it belongs to the domain's port.
  const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (digest !== undefined && !DIGEST.test(digest)) {
    return undefined;
  }
  if (tag !== undefined && !TAG.test(tag)) {
    return undefined;
  }
  return { name: rest, tag, digest };
}

/** Splits a repository name into domain and path the way the grammar's optional leading domain does. */
function splitName(name: string): { domain: string; path: string } | undefined {
  const components = name.split('/');
  const pathValid = (from: number): boolean => {
    for (let i = from; i < components.length; i++) {
      if (!PATH_COMPONENT.test(components[i])) {
        return false;
      }
    }
    return true;
  };
  // The grammar tries the optional domain first: it is taken whenever the first component is a domain and the rest
  // is a valid path.
  if (components.length > 1 && DOMAIN.test(components[0]) && pathValid(1)) {
    return { domain: components[0], path: components.slice(1).join('/') };
  }
  if (pathValid(0)) {
    return { domain: '', path: name };
  }
  return undefined;
}

/** Validates a digest the way go-digest does after the grammar accepted it. */
function checkDigest(digest: string): void {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) {
    throw new ImageReferenceError('unsupported digest algorithm');
  }
  if (encoded.length !== length) {
    throw new ImageReferenceError('invalid checksum digest length');
  }
  if (!/^[a-f0-9]+$/.test(encoded)) {
    throw new ImageReferenceError('invalid checksum digest format');
  }
}

function build(name: string, domain: string, path: string, tag?: string, digest?: string): ImageReference {
  const string = `${name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { name, domain, path, string, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * Parses `s` with the reference grammar, without normalization (distribution's `Parse`).
 * @throws ImageReferenceError when `s` is not a reference
 */
export function parseReference(s: string): ImageReference {
  if (s === '') {
    throw new ImageReferenceError('repository name must have at least one component');
  }
  const pieces = splitPieces(s);
  const split = pieces && splitName(pieces.name);
  if (!pieces || !split) {
    if (s !== s.toLowerCase() && isReferenceSyntax(s.toLowerCase())) {
      throw new ImageReferenceError('repository name must be lowercase');
    }
    throw new ImageReferenceError('invalid reference format');
  }
  if (pieces.name.length > NAME_TOTAL_LENGTH_MAX) {
    throw new ImageReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  if (pieces.digest !== undefined) {
    checkDigest(pieces.digest);
  }
  return build(pieces.name, split.domain, split.path, pieces.tag, pieces.digest);
}

function isReferenceSyntax(s: string): boolean {
  const pieces = splitPieces(s);
  return pieces !== undefined && splitName(pieces.name) !== undefined;
}

/**
 * Parses a fully-qualified reference (containers/image `reference.ParseNamed`): it must name its registry
 * explicitly (a first component with a `.` or `:`, or `localhost`) and be in canonical form, so `busybox` or
 * `docker.io/busybox` (which normalize to `docker.io/library/busybox`) are rejected.
 * @throws ImageReferenceError when `s` is not a canonical, fully-qualified reference
 */
export function parseNamed(s: string): ImageReference {
  if (IDENTIFIER.test(s)) {
    throw new ImageReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const slash = s.indexOf('/');
  const first = slash >= 0 ? s.slice(0, slash) : '';
  const explicitDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const remainder = explicitDomain ? s.slice(slash + 1) : s;
  const tagSeparator = remainder.indexOf(':');
  const remoteName = tagSeparator >= 0 ? remainder.slice(0, tagSeparator) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    throw new ImageReferenceError('invalid reference format: repository name must be lowercase');
  }
  // Normalization would prepend docker.io (and library/) or rewrite index.docker.io: not canonical then.
  const canonical =
    explicitDomain && first !== LEGACY_DEFAULT_DOMAIN && !(first === DEFAULT_DOMAIN && !remainder.includes('/'));
  const parsed = parseReference(explicitDomain ? s : `${DEFAULT_DOMAIN}/${s}`);
  if (!canonical) {
    throw new ImageReferenceError('repository name must be canonical');
  }
  return parsed;
}

/** {@link parseNamed} without the exception: `undefined` when `s` is not a canonical, fully-qualified reference. */
export function tryParseNamed(s: string): ImageReference | undefined {
  try {
    return parseNamed(s);
  } catch (error) {
    if (error instanceof ImageReferenceError) {
      return undefined;
    }
    throw error;
  }
}
