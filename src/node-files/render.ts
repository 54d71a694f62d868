/**
 * The MCO's rendering of the node files for the `99-<pool>-generated-registries` MachineConfig
 * (`syncImageConfig` / `RunImageBootstrap` → `registriesConfigIgnition`), as one pure function.
 *
 * Which files are written: registries.conf when the Image has an insecure or (post-processed) blocked list, even an
 * empty one, or when any mirror object exists; policy.json when a blocked or allowed list remains after the payload
 * pre-processing; the search-registries drop-in when `containerRuntimeSearchRegistries` is set. A file that is not
 * written keeps its base template on the node.
 */
import { scopeIsNestedInsideScope } from '../model/registry-scope';
import { MachineConfigOperatorCulprit, MachineConfigOperatorError, RegistrySourcesList } from './errors';
import { goQuote } from './go-format';
import { NodeFilesInput, normalizeInput, NormalizedInput } from './input';
import { MergedMirrorSet, mergeMirrorRules, MirrorRule } from './mirror-sets';
import {
  BlockedAndAllowed,
  blockedAndAllowedWithoutPayload,
  getValidBlockedAndAllowedRegistries,
  goAppend,
  PayloadCheckPanic,
  ReleaseImageError,
} from './payload';
import { checkPolicyUpdate, PolicyJsonError, updatePolicyJson } from './policy-json';
import {
  countMirrors,
  editRegistriesConfig,
  RegistriesConf,
  RegistriesEditError,
  TEMPLATE_SEARCH_REGISTRIES,
} from './registries-conf';
import { encodeRegistriesConf } from './toml';
import { ScopeListName, ScopeProblem, scopeProblems, ScopeValidationInput } from './validate-scopes';
import { OpenShiftVersion, parseOpenShiftVersion } from './version';
import type { MachineConfigOperatorStage } from './errors';

/** Node path of registries.conf. */
export const REGISTRIES_CONF_PATH = '/etc/containers/registries.conf';
/** Node path of policy.json. */
export const POLICY_JSON_PATH = '/etc/containers/policy.json';
/** Node path of the search-registries drop-in. */
export const SEARCH_REGISTRIES_DROP_IN_PATH = '/etc/containers/registries.conf.d/01-image-searchRegistries.conf';

/** One file of the MachineConfig. */
export interface NodeFile {
  /** Absolute path on the node. */
  readonly path: string;
  /** Exact file content. */
  readonly content: string;
  /** File mode; the MCO writes 0644. */
  readonly mode: number;
}

/** Kinds of {@link PreviewNotice}. */
export type PreviewNoticeCode =
  | 'no-image-config'
  | 'image-config-assumed'
  | 'no-release-image'
  | 'payload-blocked-registry-dropped'
  | 'payload-blocked-registry-kept'
  | 'payload-check-failed'
  | 'old-release-messages';

/** Something the user should know about the preview: a warning the MCO would log, or a limit of the preview. */
export interface PreviewNotice {
  readonly code: PreviewNoticeCode;
  readonly message: string;
  /** The blocked scopes the notice is about, as the Image lists them. @default - none */
  readonly scopes?: readonly string[];
}

/** The lists the MCO renders with after the payload pre-processing. */
export interface IntermediateLists {
  readonly registriesBlocked: readonly string[] | null;
  readonly policyBlocked: readonly string[] | null;
  readonly allowed: readonly string[] | null;
}

/** Counts for a summary line. */
export interface NodeFilesSummary {
  readonly files: number;
  /** `[[registry]]` tables in registries.conf (0 when it is not written). */
  readonly registries: number;
  /** `[[registry.mirror]]` tables in registries.conf. */
  readonly mirrors: number;
  readonly warnings: number;
}

/** What the MCO would write. */
export interface NodeFilesResult {
  /** The files of the MachineConfig in the MCO's order; only those it writes. */
  readonly files: readonly NodeFile[];
  /** Whether the MCO creates the MachineConfig at all (not without an Image, outside bootstrap). */
  readonly machineConfigGenerated: boolean;
  /** The registries.conf structure, when that file is written. */
  readonly registriesConf?: RegistriesConf;
  readonly mergedDigestMirrorSets: readonly MergedMirrorSet[];
  readonly mergedTagMirrorSets: readonly MergedMirrorSet[];
  readonly intermediate: IntermediateLists;
  /** Lines the MCO logs (the non-fatal payload error with `, skipping....`). */
  readonly controllerLog: readonly string[];
  /** Things that change what the nodes get, e.g. a dropped blocked registry. */
  readonly warnings: readonly PreviewNotice[];
  /** Limits of this preview, e.g. no release image given. */
  readonly notes: readonly PreviewNotice[];
  readonly summary: NodeFilesSummary;
  /** The release whose format was produced, `4.N`. */
  readonly openshiftVersion: string;
}

/** Inputs of {@link renderRegistriesConf}. */
export interface RegistriesConfRendering {
  readonly insecure: readonly string[] | null;
  readonly blocked: readonly string[] | null;
  readonly digestRules: readonly MirrorRule[];
  readonly tagRules: readonly MirrorRule[];
  readonly version: OpenShiftVersion;
  /** Skip the MCO's own checks (runtime-utils `EditRegistriesConfig` alone). @default false */
  readonly skipValidation?: boolean;
  /** `mergeMirrorRules(digestRules)`, when already computed. @default - computed */
  readonly mergedDigestMirrorSets?: readonly MergedMirrorSet[];
  /**
   * The Image's lists as given, to report a failure at the entry that caused it.
   * @default - failures name the Image's lists without a position
   */
  readonly imageLists?: ImageLists;
  /**
   * Run the checks and build the entries, but leave the TOML text empty (for checkers, which need only the outcome).
   * @default false
   */
  readonly skipText?: boolean;
}

/** The Image's registry lists as given (before the payload pre-processing), for locating failures. */
export interface ImageLists {
  readonly insecure: readonly string[] | null;
  readonly blocked: readonly string[] | null;
  readonly allowed: readonly string[] | null;
}

const LIST_FIELDS: Readonly<Record<ScopeListName, RegistrySourcesList>> = {
  insecure: 'insecureRegistries',
  blocked: 'blockedRegistries',
  allowed: 'allowedRegistries',
};

/** The culprit for a scope of one of the Image's lists: its position in the list as given, when it is there. */
function scopeCulprit(lists: ImageLists | undefined, list: ScopeListName, scope: string, occurrence: 'first' | 'last' = 'first'): MachineConfigOperatorCulprit {
  const given = lists?.[list] ?? [];
  const index = occurrence === 'first' ? given.indexOf(scope) : given.lastIndexOf(scope);
  return index >= 0 ? { kind: 'image-scope', list: LIST_FIELDS[list], index } : { kind: 'image' };
}

function scopeProblemError(stage: MachineConfigOperatorStage, problem: ScopeProblem, lists: ImageLists | undefined, siblings?: () => readonly MachineConfigOperatorError[]): MachineConfigOperatorError {
  const culprit = problem.culprit;
  const located: MachineConfigOperatorCulprit = 'list' in culprit
    ? scopeCulprit(lists, culprit.list, culprit.scope)
    : { kind: 'mirror-rule', origin: culprit.rule.origin, field: culprit.field, ...('mirrorIndex' in culprit ? { mirrorIndex: culprit.mirrorIndex } : {}) };
  return new MachineConfigOperatorError(stage, problem.message, { check: problem.check, culprit: located, siblings });
}

/** The MCO's scope check as a located error, with every sibling problem listed lazily. */
function checkScopes(input: ScopeValidationInput, lists: ImageLists | undefined): MachineConfigOperatorError | undefined {
  const first = scopeProblems(input).next();
  if (first.done) {
    return undefined;
  }
  const all = () => [...scopeProblems(input)].map((problem) => scopeProblemError('registries.conf', problem, lists));
  return scopeProblemError('registries.conf', first.value, lists, all);
}

/** The first entry of the insecure, then the blocked list strictly inside `wildcard`: what the internal error is about. */
function nestedScopeCulprit(wildcard: string, insecure: readonly string[] | null, blocked: readonly string[] | null, lists: ImageLists | undefined): MachineConfigOperatorCulprit {
  for (const [list, scopes] of [['insecure', insecure], ['blocked', blocked]] as const) {
    const nested = (scopes ?? []).find((scope) => scope !== wildcard && scopeIsNestedInsideScope(scope, wildcard));
    if (nested !== undefined) {
      return scopeCulprit(lists, list, nested);
    }
  }
  return { kind: 'image' };
}

/** registries.conf with its structure and the merged mirror sets. */
export interface RenderedRegistriesConf {
  readonly text: string;
  readonly conf: RegistriesConf;
  readonly mergedDigestMirrorSets: readonly MergedMirrorSet[];
  readonly mergedTagMirrorSets: readonly MergedMirrorSet[];
}

/**
 * The MCO's `updateRegistriesConfig`: checks, entries and TOML text.
 * @throws MachineConfigOperatorError (stage `registries.conf`)
 */
export function renderRegistriesConf(rendering: RegistriesConfRendering): RenderedRegistriesConf {
  const nothingNests = (rendering.insecure ?? []).length === 0 && (rendering.blocked ?? []).length === 0;
  if (!rendering.skipValidation) {
    const problem = checkScopes({
      insecure: rendering.insecure,
      blocked: rendering.blocked,
      allowed: [],
      digestRules: rendering.digestRules,
      tagRules: rendering.tagRules,
      legacyMirrorRuleChecks: rendering.version.legacyMirrorRuleChecks,
    }, rendering.imageLists);
    if (problem !== undefined) {
      throw problem;
    }
  }
  if (rendering.skipText && nothingNests) {
    // Only insecure and blocked entries take mirrors from an enclosing source, which is where the edit can fail; without
    // them the checks above are all there is, and a checker needs no entries.
    return { text: '', conf: { unqualifiedSearchRegistries: TEMPLATE_SEARCH_REGISTRIES, registries: [] }, mergedDigestMirrorSets: [], mergedTagMirrorSets: [] };
  }
  const mergedDigestMirrorSets = rendering.mergedDigestMirrorSets ?? mergeMirrorRules(rendering.digestRules);
  const mergedTagMirrorSets = mergeMirrorRules(rendering.tagRules);
  let registries;
  try {
    registries = editRegistriesConfig({
      insecure: rendering.insecure,
      blocked: rendering.blocked,
      digestSets: mergedDigestMirrorSets,
      tagSets: mergedTagMirrorSets,
    });
  } catch (error) {
    if (error instanceof RegistriesEditError) {
      const wildcard = /for a wildcard scope "(.*)"$/.exec(error.message)?.[1];
      const culprit = wildcard !== undefined
        ? nestedScopeCulprit(wildcard, rendering.insecure, rendering.blocked, rendering.imageLists)
        : { kind: 'image' as const };
      throw new MachineConfigOperatorError('registries.conf', error.message, { check: wildcard !== undefined ? 'wildcard-nested-scope' : 'internal', culprit });
    }
    throw error;
  }
  const conf: RegistriesConf = { unqualifiedSearchRegistries: TEMPLATE_SEARCH_REGISTRIES, registries };
  return {
    text: rendering.skipText ? '' : encodeRegistriesConf(conf, rendering.version),
    conf,
    mergedDigestMirrorSets,
    mergedTagMirrorSets,
  };
}

/**
 * The MCO's `updatePolicyJSON` (without sigstore policies).
 * @throws MachineConfigOperatorError (stage `policy.json`)
 */
export function renderPolicyJson(
  blocked: readonly string[] | null,
  allowed: readonly string[] | null,
  releaseImage: string | undefined,
  version: OpenShiftVersion,
  imageLists?: ImageLists,
): string {
  try {
    return updatePolicyJson({ blocked, allowed, releaseImage, indented: version.indentedPolicyJson });
  } catch (error) {
    throw policyError(error, blocked, imageLists);
  }
}

/** The checks of {@link renderPolicyJson} without the text (empty). */
function checkPolicyJson(blocked: readonly string[] | null, allowed: readonly string[] | null, releaseImage: string | undefined, imageLists?: ImageLists): string {
  try {
    checkPolicyUpdate({ blocked, allowed, releaseImage });
    return '';
  } catch (error) {
    throw policyError(error, blocked, imageLists);
  }
}

/** A policy.json failure as the MCO's error, located. */
function policyError(error: unknown, blocked: readonly string[] | null, imageLists: ImageLists | undefined): unknown {
  if (error instanceof PolicyJsonError) {
    const check = error.invalidScope ? 'scope-list' : /release image/.test(error.message) ? 'release-image' : 'policy-both-lists';
    return new MachineConfigOperatorError('policy.json', error.message, { check, culprit: policyCulprit(error, blocked, imageLists) });
  }
  return error;
}

/** What a policy.json failure is about: an invalid scope, the release image, or the blocked list next to an allowed one. */
function policyCulprit(error: PolicyJsonError, blocked: readonly string[] | null, lists: ImageLists | undefined): MachineConfigOperatorCulprit {
  if (error.invalidScope) {
    return scopeCulprit(lists, error.invalidScope.list, error.invalidScope.scope);
  }
  if (/release image/.test(error.message)) {
    return { kind: 'release-image' };
  }
  // Both lists at once: the MCO's payload quirk kept a blocked scope (possibly twice); point at its last occurrence.
  const last = blocked?.[blocked.length - 1];
  return last !== undefined ? scopeCulprit(lists, 'blocked', last, 'last') : { kind: 'image' };
}

/** The search-registries drop-in: a registries.conf holding only the search list. */
export function renderSearchRegistriesDropIn(search: readonly string[], version: OpenShiftVersion): string {
  return encodeRegistriesConf({ unqualifiedSearchRegistries: search, registries: [] }, version);
}

function releaseImageOf(input: NodeFilesInput): string | undefined {
  return input.releaseImage === undefined || input.releaseImage === null ? undefined : input.releaseImage;
}

/** The payload pre-processing, or its stand-in without a release image. */
function blockedAndAllowed(
  normalized: NormalizedInput,
  releaseImage: string | undefined,
  digestSets: () => readonly MergedMirrorSet[],
): BlockedAndAllowed {
  const sources = normalized.registrySources;
  if (!sources) {
    return { registriesBlocked: null, policyBlocked: null, allowed: null, keptPayloadScopes: [], droppedPayloadScopes: [] };
  }
  const inputs = { insecure: sources.insecure, blocked: sources.blocked, allowed: sources.allowed, digestRules: normalized.digestRules };
  if (releaseImage === undefined) {
    return blockedAndAllowedWithoutPayload(inputs);
  }
  try {
    return getValidBlockedAndAllowedRegistries(releaseImage, { ...inputs, get digestSets() { return digestSets(); } });
  } catch (error) {
    if (error instanceof ReleaseImageError) {
      throw new MachineConfigOperatorError('release-image', error.message, { check: 'release-image', culprit: { kind: 'release-image' } });
    }
    if (error instanceof PayloadCheckPanic) {
      const covering = (sources.blocked ?? []).find((scope) => scopeIsNestedInsideScope(error.payloadRepository, scope));
      throw new MachineConfigOperatorError(
        'payload-check',
        `${error.message} (the MCO's controller crashes: no registries.conf entry matches the payload repository ${JSON.stringify(error.payloadRepository)})`,
        { check: 'payload-crash', culprit: covering !== undefined ? scopeCulprit(sources, 'blocked', covering) : { kind: 'image' } },
      );
    }
    throw error;
  }
}

/** Warnings and log lines of the payload pre-processing. */
function payloadNotices(lists: BlockedAndAllowed): { warnings: PreviewNotice[]; log: string[] } {
  const warnings: PreviewNotice[] = [];
  const log: string[] = [];
  for (const scope of lists.keptPayloadScopes) {
    warnings.push({
      code: 'payload-blocked-registry-kept',
      message: `${goQuote(scope)} matches the payload repository, but will add it to the list of blocked registries as there are mirror rules configured for it`,
      scopes: [scope],
    });
  }
  if (lists.error !== undefined) {
    log.push(`${lists.error}, skipping....`);
    if (lists.droppedPayloadScopes.length > 0) {
      warnings.push({
        code: 'payload-blocked-registry-dropped',
        message: `${lists.error}; the MCO drops ${lists.droppedPayloadScopes.map((s) => JSON.stringify(s)).join(', ')} from registries.conf and policy.json`,
        scopes: lists.droppedPayloadScopes,
      });
    } else {
      warnings.push({
        code: 'payload-check-failed',
        message: `${lists.error}; the MCO then ignores the blocked and allowed registries entirely`,
      });
    }
  }
  return { warnings, log };
}

function emptyResult(version: OpenShiftVersion, notes: PreviewNotice[]): NodeFilesResult {
  return {
    files: [],
    machineConfigGenerated: false,
    mergedDigestMirrorSets: [],
    mergedTagMirrorSets: [],
    intermediate: { registriesBlocked: null, policyBlocked: null, allowed: null },
    controllerLog: [],
    warnings: [],
    notes,
    summary: { files: 0, registries: 0, mirrors: 0, warnings: 0 },
    openshiftVersion: version.label,
  };
}

/**
 * Renders the files the MCO would write into `99-<pool>-generated-registries` (the same for every built-in pool).
 * @throws MachineConfigOperatorError when the MCO's sync would fail; nothing else
 * @throws OpenShiftVersionError for an unsupported `openshiftVersion` (a usage problem, raised before rendering)
 */
export function renderNodeFiles(given: NodeFilesInput): NodeFilesResult {
  return renderOrCheck(given, true);
}

/**
 * Runs every check of the MCO's rendering, as {@link renderNodeFiles} does, without writing the files' text: the
 * result has the files the MCO would write, with empty content, and the same warnings, log and notes. What a
 * checker needs, at a fraction of the cost.
 * @throws MachineConfigOperatorError when the MCO's sync would fail
 * @throws OpenShiftVersionError for an unsupported `openshiftVersion`
 */
export function checkNodeFiles(given: NodeFilesInput): NodeFilesResult {
  return renderOrCheck(given, false);
}

function renderOrCheck(given: NodeFilesInput, text: boolean): NodeFilesResult {
  const version = parseOpenShiftVersion(given.openshiftVersion);
  const assumeImage = given.assumeEmptyImage === true && !given.bootstrap && (given.imageConfig === undefined || given.imageConfig === null);
  const input: NodeFilesInput = assumeImage ? { ...given, imageConfig: { spec: {} } } : given;
  const normalized = normalizeInput(input);
  const releaseImage = releaseImageOf(input);
  const notes: PreviewNotice[] = [];
  if (assumeImage) {
    notes.push({
      code: 'image-config-assumed',
      message: 'no Image named "cluster" in the input: every cluster has one, so an Image with an empty spec was assumed',
    });
  }
  if (version.legacyMirrorRuleChecks) {
    notes.push({
      code: 'old-release-messages',
      message:
        `OpenShift ${version.label} checks mirror rules the 4.15 way (empty or "*" sources and mirrors refused, no format check); ` +
        'patch releases before 4.13.27 and 4.14.3 did not check IDMS and ITMS entries at all',
    });
  }
  if (!normalized.registrySources && !input.bootstrap) {
    notes.push({
      code: 'no-image-config',
      message: 'no Image named "cluster" in the input: the MCO generates no registries MachineConfig, so the nodes keep their base files',
    });
    return emptyResult(version, notes);
  }
  if (releaseImage === undefined && normalized.registrySources) {
    notes.push({
      code: 'no-release-image',
      message: 'no release image given: the payload check is skipped, so a blocked registry that serves the release payload is kept here although the MCO would drop it',
    });
  }
  let merged: readonly MergedMirrorSet[] | undefined;
  // The digest merge feeds both the payload check and registries.conf; compute it once, and only when needed.
  const digestSets = () => (merged ??= mergeMirrorRules(normalized.digestRules));
  const lists = blockedAndAllowed(normalized, releaseImage, digestSets);
  const allowed = input.bootstrap ? goAppend(lists.allowed, normalized.registrySources?.allowed ?? null) : lists.allowed;
  const { warnings, log } = payloadNotices(lists);
  const insecure = normalized.registrySources?.insecure ?? null;
  const search = normalized.registrySources?.search ?? null;

  const files: NodeFile[] = [];
  let registries: RenderedRegistriesConf | undefined;
  if (insecure !== null || lists.registriesBlocked !== null || normalized.mirrorObjectCount > 0) {
    registries = renderRegistriesConf({
      insecure,
      blocked: lists.registriesBlocked,
      digestRules: normalized.digestRules,
      tagRules: normalized.tagRules,
      version,
      ...(text || merged !== undefined ? { mergedDigestMirrorSets: digestSets() } : {}),
      ...(normalized.registrySources ? { imageLists: normalized.registrySources } : {}),
      skipText: !text,
    });
    files.push({ path: REGISTRIES_CONF_PATH, content: registries.text, mode: 0o644 });
  }
  if (lists.policyBlocked !== null || allowed !== null) {
    const policy = text ? renderPolicyJson(lists.policyBlocked, allowed, releaseImage, version, normalized.registrySources)
      : checkPolicyJson(lists.policyBlocked, allowed, releaseImage, normalized.registrySources);
    files.push({ path: POLICY_JSON_PATH, content: policy, mode: 0o644 });
  }
  if (search !== null) {
    files.push({ path: SEARCH_REGISTRIES_DROP_IN_PATH, content: text ? renderSearchRegistriesDropIn(search, version) : '', mode: 0o644 });
  }
  const entries = registries?.conf.registries ?? [];
  return {
    files,
    machineConfigGenerated: true,
    ...(registries ? { registriesConf: registries.conf } : {}),
    mergedDigestMirrorSets: registries?.mergedDigestMirrorSets ?? (text ? digestSets() : []),
    mergedTagMirrorSets: registries?.mergedTagMirrorSets ?? (text ? mergeMirrorRules(normalized.tagRules) : []),
    intermediate: { registriesBlocked: lists.registriesBlocked, policyBlocked: lists.policyBlocked, allowed },
    controllerLog: log,
    warnings,
    notes,
    summary: { files: files.length, registries: entries.length, mirrors: countMirrors(entries), warnings: warnings.length },
    openshiftVersion: version.label,
  };
}
