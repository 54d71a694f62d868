/**
 * The release-payload pre-processing of blocked and allowed registries (MCO `getValidBlockedAndAllowedRegistries`).
 *
 * A blocked scope that covers the payload repository is kept only when the payload can still be pulled from a
 * mirror that is not blocked; otherwise it is dropped from registries.conf and policy.json, and the MCO logs a
 * non-fatal error. Deciding that needs what CRI-O would do on the node: a temporary registries.conf from the digest
 * mirrors and the raw insecure/blocked lists, loaded by containers/image (which may refuse it: the MCO then logs that
 * error and renders with no blocked and no allowed registries at all), its longest-prefix registry lookup, and its
 * pull sources for the release image (digest-only mirrors only serve digest references). When nothing elsewhere in
 * that configuration can fail, the same build runs on the few inputs that can shape the payload's entry
 * (`payload-entries.ts`).
 */
import { scopeIsNestedInsideScope } from '../model/registry-scope';
import { ImageReference, ImageReferenceError, parseNamed } from '../model/image-reference';
import { compareGoStrings, goQuote, goQuoteList } from './go-format';
import { MergedMirrorSet, mergeMirrorRules, MirrorRule } from './mirror-sets';
import { fullPathReason, isMalformedWildcardPrefix, prefixCandidates, restrictedEdit, TemporaryRegistriesEdit } from './payload-entries';
import { editRegistriesConfig, RegistriesEdit, RegistriesEditError, RegistryEntry, RegistryMirror } from './registries-conf';

/** The release image cannot be parsed: fatal for the MCO's sync. */
export class ReleaseImageError extends Error {
  constructor(public readonly reference: string) {
    super('error parsing reference of release image');
    this.name = 'ReleaseImageError';
  }
}

/**
 * Where the MCO writes the temporary registries.conf of the payload check: Go `os.CreateTemp("", "regtemp")` in the
 * controller, so `$TMPDIR` (`/tmp`: the controller's deployment sets none) and a name ending in a random number that
 * changes with every sync. The preview shows `<random>` in its place.
 */
export const PAYLOAD_CHECK_REGISTRIES_CONF = '/tmp/regtemp<random>';

/**
 * Something the MCO's payload check itself fails on; the MCO logs it and carries on with empty lists. `message` is
 * the error as the MCO logs it (a failure to load the temporary registries.conf carries the path prefix
 * containers/image adds).
 */
export class PayloadCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadCheckError';
  }
}

/** The registry lookup would dereference a nil entry: the MCO's controller panics. */
export class PayloadCheckPanic extends Error {
  constructor(public readonly payloadRepository: string) {
    super('runtime error: invalid memory address or nil pointer dereference');
    this.name = 'PayloadCheckPanic';
  }
}

/** A `[[registry]]` entry after containers/image post-processing (`prefix` always set). */
export interface LoadedRegistry {
  readonly prefix: string;
  readonly location: string;
  readonly insecure: boolean;
  readonly blocked: boolean;
  readonly mirrors: readonly RegistryMirror[];
}

/** containers/image `parseLocation`: trailing slashes trimmed, URL schemes rejected. */
function parseLocation(input: string): string {
  const trimmed = input.replace(/\/+$/, '');
  if (trimmed.startsWith('http://') || trimmed.startsWith('https://')) {
    throw new PayloadCheckError(`invalid location '${input}': URI schemes are not supported`);
  }
  return trimmed;
}

const PULL_FROM_MIRROR_VALUES = new Set(['', 'all', 'digest-only', 'tag-only']);

/** containers/image post-processing of one entry (see {@link loadRegistries}). */
function loadEntry(entry: RegistryEntry): LoadedRegistry {
  const location = parseLocation(entry.location);
  let prefix: string;
  if (entry.prefix === '') {
    if (location === '') {
      throw new PayloadCheckError('invalid condition: both location and prefix are unset');
    }
    prefix = location;
  } else {
    prefix = parseLocation(entry.prefix);
    if (!prefix.startsWith('*.') && location === '') {
      throw new PayloadCheckError('invalid condition: location is unset and prefix is not in the format: *.example.com');
    }
  }
  let mirrors = entry.mirrors;
  entry.mirrors.forEach((mirror, index) => {
    const mirrorLocation = parseLocation(mirror.location);
    if (mirrorLocation === '') {
      throw new PayloadCheckError('invalid condition: mirror location is unset');
    }
    if (!PULL_FROM_MIRROR_VALUES.has(mirror.pullFromMirror)) {
      throw new PayloadCheckError(`unsupported pull-from-mirror value "${mirror.pullFromMirror}" for mirror "${mirrorLocation}"`);
    }
    if (mirrorLocation !== mirror.location) {
      // Copy only when trimming changed something; most configurations never do.
      mirrors = mirrors === entry.mirrors ? [...entry.mirrors] : mirrors;
      (mirrors as RegistryMirror[])[index] = { ...mirror, location: mirrorLocation };
    }
  });
  return { prefix, location, insecure: entry.insecure, blocked: entry.blocked, mirrors };
}

/**
 * containers/image loading of a registries.conf (`loadConfigFile`): post-processing (normalized locations and
 * prefixes, conflicting duplicate definitions rejected, one entry per prefix, the first), then the check that every
 * wildcard prefix is a bare `*.domain`, made on the trimmed prefixes in prefix order. containers/image keeps the
 * entries sorted by prefix, which only matters for ties in {@link findRegistry}; that function breaks them the same
 * way, so the entries stay in file order here.
 * @throws PayloadCheckError with the containers/image message (without the path prefix its caller adds)
 */
export function loadRegistries(entries: readonly RegistryEntry[]): LoadedRegistry[] {
  const loaded = entries.map(loadEntry);
  const groups = new Map<string, LoadedRegistry[]>();
  for (const registry of loaded) {
    const key = registry.location === '' ? registry.prefix : registry.location;
    const group = groups.get(key);
    if (group) {
      group.push(registry);
    } else {
      groups.set(key, [registry]);
    }
  }
  // containers/image walks the entries in file order and compares each with every entry of its group, so the first
  // entry of the first group (by first appearance) with a disagreement is reported, with the setting on which the
  // first disagreeing member of its group differs (`insecure` checked before `blocked`). Map order is first
  // appearance, and the first member of a conflicting group always disagrees with someone.
  for (const [first, ...others] of groups.values()) {
    for (const other of others) {
      const setting = other.insecure !== first.insecure ? 'insecure' : other.blocked !== first.blocked ? 'blocked' : undefined;
      if (setting !== undefined) {
        throw new PayloadCheckError(`registry '${first.location}' is defined multiple times with conflicting '${setting}' setting`);
      }
    }
  }
  const seenPrefixes = new Set<string>();
  const unique = loaded.filter((registry) => {
    const first = !seenPrefixes.has(registry.prefix);
    seenPrefixes.add(registry.prefix);
    return first;
  });
  // Checked after post-processing, so `*.example.com/` (trimmed) passes; the first offender in prefix order is named.
  let malformed: string | undefined;
  for (const { prefix } of unique) {
    if (isMalformedWildcardPrefix(prefix) && (malformed === undefined || compareGoStrings(prefix, malformed) < 0)) {
      malformed = prefix;
    }
  }
  if (malformed !== undefined) {
    throw new PayloadCheckError(
      `Wildcarded prefix should be in the format: *.example.com. Current prefix ${goQuote(malformed)} is incorrectly formatted`,
    );
  }
  return unique;
}

/**
 * containers/image `refMatchingPrefix`: the length of the match of `prefix` at the start of `ref` (followed by the
 * end, `:`, `/` or `@`; a `*.domain` prefix matches on the host part), or -1.
 */
export function refMatchingPrefix(ref: string, prefix: string): number {
  if (prefix.startsWith('*.')) {
    const suffix = prefix.slice(1);
    let index = ref.indexOf(suffix);
    if (index === -1 || ref.slice(0, index).includes('/')) {
      return -1;
    }
    index += suffix.length;
    return index === ref.length || ':/@'.includes(ref[index]) ? index : -1;
  }
  if (ref.length < prefix.length || !ref.startsWith(prefix)) {
    return -1;
  }
  return ref.length === prefix.length || ':/@'.includes(ref[prefix.length]) ? prefix.length : -1;
}

/**
 * containers/image `FindRegistry`: the entry with the longest matching prefix; among equally long prefixes the
 * first in prefix order (containers/image walks its prefix-sorted list and keeps the first of a length).
 */
export function findRegistry(registries: readonly LoadedRegistry[], ref: string): LoadedRegistry | undefined {
  let found: LoadedRegistry | undefined;
  for (const registry of registries) {
    if (refMatchingPrefix(ref, registry.prefix) === -1) {
      continue;
    }
    const longer = !found || registry.prefix.length > found.prefix.length;
    const tieFirst = !!found && registry.prefix.length === found.prefix.length && compareGoStrings(registry.prefix, found.prefix) < 0;
    if (longer || tieFirst) {
      found = registry;
    }
  }
  return found;
}

/** One place CRI-O would try to pull the reference from. */
export interface PullSource {
  /** Mirror or primary location; empty for a wildcard primary. */
  readonly location: string;
  readonly reference: ImageReference;
}

function rewriteReference(ref: ImageReference, prefix: string, location: string): ImageReference {
  const prefixLength = refMatchingPrefix(ref.string, prefix);
  if (prefixLength === -1) {
    throw new PayloadCheckError(`invalid prefix '${prefix}' for reference '${ref.string}'`);
  }
  if (location === '') {
    if (!prefix.startsWith('*.')) {
      throw new PayloadCheckError(`invalid prefix '${prefix}' for empty location, should be in the format: *.example.com`);
    }
    return ref;
  }
  try {
    return parseNamed(location + ref.string.slice(prefixLength));
  } catch (error) {
    if (error instanceof ImageReferenceError) {
      throw new PayloadCheckError(`rewriting reference: ${error.message}`);
    }
    throw error;
  }
}

/**
 * containers/image `PullSourcesFromReference`: the mirrors that serve this kind of reference (digest-only mirrors
 * only digest references, tag-only mirrors only the others), then the primary location, each with the reference
 * rewritten onto that location.
 */
export function pullSourcesFromReference(registry: LoadedRegistry, ref: ImageReference): PullSource[] {
  const digested = ref.digest !== undefined;
  const endpoints = registry.mirrors.filter(
    (mirror) =>
      !(mirror.pullFromMirror === 'digest-only' && !digested) && !(mirror.pullFromMirror === 'tag-only' && digested),
  );
  return [...endpoints.map((mirror) => mirror.location), registry.location].map((location) => ({
    location,
    reference: rewriteReference(ref, registry.prefix, location),
  }));
}

/** Inputs of the payload pre-processing: the raw Image lists and the digest rules (IDMS, then ICSP). */
export interface PayloadInputs {
  readonly insecure: readonly string[] | null;
  readonly blocked: readonly string[] | null;
  readonly allowed: readonly string[] | null;
  readonly digestRules: readonly MirrorRule[];
  /** `mergeMirrorRules(digestRules)`, when the caller has it already. */
  readonly digestSets?: readonly MergedMirrorSet[];
}

/** The temporary registries.conf of the payload check: insecure, raw blocked and digest sets, no tag sets. */
function temporaryEdit(inputs: PayloadInputs): TemporaryRegistriesEdit {
  return {
    insecure: inputs.insecure,
    blocked: inputs.blocked,
    digestSets: inputs.digestSets ?? mergeMirrorRules(inputs.digestRules),
  };
}

/**
 * The entry containers/image `FindRegistry` returns for the payload repository from the registries.conf built from
 * `edit`: `editRegistriesConfig`, the containers/image load, the longest-prefix lookup. `undefined` when no entry
 * matches.
 * @throws PayloadCheckError when the build or the load fails, with the message the MCO logs
 */
function payloadRegistryOf(release: ImageReference, edit: RegistriesEdit): LoadedRegistry | undefined {
  let entries: RegistryEntry[];
  try {
    entries = editRegistriesConfig(edit);
  } catch (error) {
    if (error instanceof RegistriesEditError) {
      // The MCO returns the edit's error as it is.
      throw new PayloadCheckError(error.message);
    }
    throw error;
  }
  let loaded: LoadedRegistry[];
  try {
    loaded = loadRegistries(entries);
  } catch (error) {
    if (error instanceof PayloadCheckError) {
      // containers/image names the file it failed to load (`tryUpdatingCache`).
      throw new PayloadCheckError(`loading registries configuration ${goQuote(PAYLOAD_CHECK_REGISTRIES_CONF)}: ${error.message}`);
    }
    throw error;
  }
  return findRegistry(loaded, release.name);
}

/**
 * The entry containers/image uses for the payload repository, from the complete temporary configuration (the MCO's
 * own way; every error of the build or the load surfaces here). `undefined` when no entry matches.
 * @throws PayloadCheckError when the temporary configuration fails
 */
export function payloadRegistryFull(release: ImageReference, edit: TemporaryRegistriesEdit): LoadedRegistry | undefined {
  return payloadRegistryOf(release, { ...edit, tagSets: [] });
}

/**
 * The same entry, built the same way from only the inputs that can shape the entries whose prefix can match the
 * payload repository ({@link restrictedEdit} of {@link prefixCandidates}); the other entries built from them never
 * match. Valid only when {@link fullPathReason} finds nothing: then no entry anywhere fails, the load changes none,
 * and the candidate entries are built exactly as in the complete configuration.
 */
export function payloadRegistryFast(release: ImageReference, edit: TemporaryRegistriesEdit): LoadedRegistry | undefined {
  return payloadRegistryOf(release, restrictedEdit(prefixCandidates(release.name), edit));
}

/** Whether some pull source of the release image from `registry` lies outside every raw blocked scope. */
function hasUnblockedPullSource(release: ImageReference, registry: LoadedRegistry | undefined, blocked: readonly string[] | null): boolean {
  if (!registry) {
    throw new PayloadCheckPanic(release.name);
  }
  return pullSourcesFromReference(registry, release).some(
    (source) => !(blocked ?? []).some((scope) => scopeIsNestedInsideScope(source.reference.name, scope)),
  );
}

/**
 * MCO `payloadRepoHasUnblockedMirror` the MCO's way: from the complete temporary registries.conf.
 * @throws PayloadCheckError when the temporary configuration or the lookup fails (the MCO logs and carries on)
 * @throws PayloadCheckPanic when no entry matches the payload (the MCO would dereference nil)
 */
export function payloadRepoHasUnblockedMirrorFull(release: ImageReference, inputs: PayloadInputs): boolean {
  return hasUnblockedPullSource(release, payloadRegistryFull(release, temporaryEdit(inputs)), inputs.blocked);
}

/**
 * MCO `payloadRepoHasUnblockedMirror` from the candidate entries only, or `undefined` when the configuration holds
 * something that needs the full build ({@link fullPathReason}). Same answers and errors as the full path otherwise.
 */
export function payloadRepoHasUnblockedMirrorFast(release: ImageReference, inputs: PayloadInputs): boolean | undefined {
  const edit = temporaryEdit(inputs);
  if (fullPathReason(edit) !== undefined) {
    return undefined;
  }
  return hasUnblockedPullSource(release, payloadRegistryFast(release, edit), inputs.blocked);
}

/**
 * MCO `payloadRepoHasUnblockedMirror`: whether some pull source of the release image lies outside every blocked
 * scope. Building the whole temporary registries.conf to read one entry of it was a large share of big renders, so the
 * candidate entries are computed directly whenever that provably gives the same answer, and the full build otherwise.
 * @throws PayloadCheckError when the temporary configuration or the lookup fails (the MCO logs and carries on)
 * @throws PayloadCheckPanic when no entry matches the payload (the MCO would dereference nil)
 */
export function payloadRepoHasUnblockedMirror(release: ImageReference, inputs: PayloadInputs): boolean {
  const edit = temporaryEdit(inputs); // merges the digest rules at most once
  const registry = fullPathReason(edit) === undefined ? payloadRegistryFast(release, edit) : payloadRegistryFull(release, edit);
  return hasUnblockedPullSource(release, registry, inputs.blocked);
}

/** The lists the MCO renders with, after the payload pre-processing. */
export interface BlockedAndAllowed {
  /** Blocked scopes for registries.conf. */
  readonly registriesBlocked: readonly string[] | null;
  /** Blocked scopes for policy.json (the exact payload repository is left out). */
  readonly policyBlocked: readonly string[] | null;
  /** Allowed scopes for policy.json (the payload repository, once per kept blocked scope, then the Image's list). */
  readonly allowed: readonly string[] | null;
  /** The MCO's non-fatal error, as it logs it before `, skipping....`. */
  readonly error?: string;
  /** Blocked scopes kept although they cover the payload, because an unblocked mirror serves it. */
  readonly keptPayloadScopes: readonly string[];
  /** Blocked scopes dropped because they would block the payload. */
  readonly droppedPayloadScopes: readonly string[];
}

/** Go's `append(list, items...)`: stays nil when nothing is appended to nil. */
export function goAppend(list: readonly string[] | null, items: readonly string[] | null): readonly string[] | null {
  if (!items || items.length === 0) {
    return list;
  }
  return [...(list ?? []), ...items];
}

/**
 * MCO `getValidBlockedAndAllowedRegistries`.
 * @throws ReleaseImageError when the release image is not a fully-qualified reference (fatal for the MCO)
 * @throws PayloadCheckPanic when the MCO's lookup would dereference nil
 */
export function getValidBlockedAndAllowedRegistries(releaseImage: string, inputs: PayloadInputs): BlockedAndAllowed {
  let release: ImageReference;
  try {
    release = parseNamed(releaseImage);
  } catch (error) {
    if (error instanceof ImageReferenceError) {
      throw new ReleaseImageError(releaseImage);
    }
    throw error;
  }
  const payloadRepo = release.name;
  let hasMirror: boolean | undefined;
  const registriesBlocked: string[] = [];
  const policyBlocked: string[] = [];
  const allowed: string[] = [];
  const dropped: string[] = [];
  const kept: string[] = [];
  for (const scope of inputs.blocked ?? []) {
    if (!scopeIsNestedInsideScope(payloadRepo, scope)) {
      registriesBlocked.push(scope);
      policyBlocked.push(scope);
      continue;
    }
    if (hasMirror === undefined) {
      try {
        // The answer depends on the inputs only, so the MCO's repeated calls all agree.
        hasMirror = payloadRepoHasUnblockedMirror(release, inputs);
      } catch (error) {
        if (error instanceof PayloadCheckError) {
          return { registriesBlocked: null, policyBlocked: null, allowed: null, error: error.message, keptPayloadScopes: [], droppedPayloadScopes: [] };
        }
        throw error;
      }
    }
    if (!hasMirror) {
      dropped.push(scope);
      continue;
    }
    kept.push(scope);
    registriesBlocked.push(scope);
    if (scope !== payloadRepo) {
      policyBlocked.push(scope);
    }
    allowed.push(payloadRepo);
  }
  const error =
    dropped.length > 0
      ? `error adding ${goQuoteList(dropped)} to blocked registries, cannot block the repository being used by the payload`
      : undefined;
  return {
    registriesBlocked: registriesBlocked.length > 0 ? registriesBlocked : null,
    policyBlocked: policyBlocked.length > 0 ? policyBlocked : null,
    allowed: goAppend(allowed.length > 0 ? allowed : null, inputs.allowed),
    ...(error !== undefined ? { error } : {}),
    keptPayloadScopes: kept,
    droppedPayloadScopes: dropped,
  };
}

/**
 * The same lists without a release image: nothing is known about the payload, so every blocked scope is kept (the
 * preview says so in its notes).
 */
export function blockedAndAllowedWithoutPayload(inputs: PayloadInputs): BlockedAndAllowed {
  const blocked = goAppend(null, inputs.blocked);
  return {
    registriesBlocked: blocked,
    policyBlocked: blocked,
    allowed: goAppend(null, inputs.allowed),
    keptPayloadScopes: [],
    droppedPayloadScopes: [],
  };
}
