/**
 * /etc/containers/policy.json as the MCO writes it (`updatePolicyJSON`): the template policy with a `docker`
 * transport holding a requirement per allowed (`insecureAcceptAnything`) or blocked (`reject`) scope, an `atomic`
 * transport with the same scopes except those with three or more `/`, and a default of `reject` when registries are
 * allowed (back to `insecureAcceptAnything` when some are blocked). Encoded like Go's `json.MarshalIndent(…, "",
 * "  ")` (4.17+) or `json.Marshal` (earlier): map keys sorted byte-wise, no trailing newline.
 */
import { isValidRegistriesConfScope } from '../model/registry-scope';
import { ImageReference, tryParseNamed } from '../model/image-reference';
import { goJsonString, goQuote, sortByGoKey } from './go-format';

/** One policy requirement; the MCO only writes these two without signatures. */
export interface PolicyRequirement {
  readonly type: string;
}

/** The parts of containers/image `signature.Policy` the MCO touches. */
export interface PolicyDocument {
  readonly default: readonly PolicyRequirement[];
  /** transport → scope → requirements. */
  readonly transports: Readonly<Record<string, Readonly<Record<string, readonly PolicyRequirement[]>>>>;
}

/** The MCO's base policy.json template (`01-<role>-container-runtime`), as decoded. */
export const TEMPLATE_POLICY: PolicyDocument = {
  default: [{ type: 'insecureAcceptAnything' }],
  transports: { 'docker-daemon': { '': [{ type: 'insecureAcceptAnything' }] } },
};

/** A policy.json update the MCO refuses; the message carries no controller prefix. */
export class PolicyJsonError extends Error {
  /**
   * @param invalidScope the list and scope refused, when the failure is about one scope
   */
  constructor(message: string, public readonly invalidScope?: { readonly list: 'blocked' | 'allowed'; readonly scope: string }) {
    super(message);
    this.name = 'PolicyJsonError';
  }
}

/** The MCO message when both lists are used. */
export const ONLY_ONE_OF_ALLOWED_OR_BLOCKED =
  'invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified';
/** The MCO message when the release image is not a fully-qualified reference. */
export const ERROR_PARSING_RELEASE_IMAGE = 'error parsing reference of release image';

const ACCEPT: PolicyRequirement = { type: 'insecureAcceptAnything' };
const REJECT: PolicyRequirement = { type: 'reject' };

/** A JSON value as Go would marshal it: objects keep the entry order given. */
type GoJsonValue = string | readonly GoJsonValue[] | { readonly entries: readonly (readonly [string, GoJsonValue])[] };

function isObject(value: GoJsonValue): value is { readonly entries: readonly (readonly [string, GoJsonValue])[] } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Go's `json.MarshalIndent(value, "", indent)`, or `json.Marshal` when `indent` is undefined. */
function marshalGoJson(value: GoJsonValue, indent: string | undefined, depth = 0): string {
  if (typeof value === 'string') {
    return goJsonString(value);
  }
  const items: string[] = isObject(value)
    ? value.entries.map(([key, item]) => `${goJsonString(key)}:${indent === undefined ? '' : ' '}${marshalGoJson(item, indent, depth + 1)}`)
    : (value as readonly GoJsonValue[]).map((item) => marshalGoJson(item, indent, depth + 1));
  const [open, close] = isObject(value) ? ['{', '}'] : ['[', ']'];
  if (items.length === 0) {
    return open + close;
  }
  if (indent === undefined) {
    return `${open}${items.join(',')}${close}`;
  }
  const inner = `\n${indent.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${indent.repeat(depth)}${close}`;
}

/** A Go map: entries sorted by key. */
function goMap<T>(record: ReadonlyMap<string, T> | Readonly<Record<string, T>>, convert: (value: T) => GoJsonValue): GoJsonValue {
  const entries: [string, T][] = record instanceof Map ? [...record.entries()] : Object.entries(record);
  sortByGoKey(entries, ([key]) => key);
  return { entries: entries.map(([key, value]) => [key, convert(value)] as const) };
}

function requirementsValue(requirements: readonly PolicyRequirement[]): GoJsonValue {
  return requirements.map((requirement) => ({ entries: [['type', requirement.type]] as const }));
}

/** The text of a policy document, indented (4.17+) or compact. */
export function encodePolicyJson(policy: PolicyDocument, indented: boolean): string {
  const value: GoJsonValue = {
    entries: [
      ['default', requirementsValue(policy.default)],
      ['transports', goMap(policy.transports, (scopes) => goMap(scopes, requirementsValue))],
    ],
  };
  return marshalGoJson(value, indented ? '  ' : undefined);
}

/** Whether the atomic transport can hold `scope` (it cannot take three or more `/`). */
export function atomicAcceptsScope(scope: string): boolean {
  let slashes = 0;
  for (const char of scope) {
    if (char === '/' && ++slashes >= 3) {
      return false;
    }
  }
  return true;
}

/** Inputs of {@link updatePolicyJson}. */
export interface PolicyUpdate {
  /** Scopes to reject (the MCO's `policyBlocked`); `null` when none were given. */
  readonly blocked: readonly string[] | null;
  /** Scopes to accept (the MCO's `allowed`); `null` when none were given. */
  readonly allowed: readonly string[] | null;
  /** The parsed release image, when known: an allowed list of exactly its repository may coexist with blocked. */
  readonly releaseImage?: string;
  /** Two-space indentation (4.17+) or one compact line. */
  readonly indented: boolean;
  /** The template policy; the MCO's base template by default. */
  readonly template?: PolicyDocument;
  /** Text returned unchanged when neither list is given; the encoded template by default. */
  readonly templateText?: string;
}

/** Rejects both lists together unless `allowed` is exactly the payload repository (the payload-mirror quirk). */
function checkAllowedAndBlocked(update: Pick<PolicyUpdate, 'blocked' | 'allowed' | 'releaseImage'>): void {
  if ((update.allowed ?? []).length === 0 || (update.blocked ?? []).length === 0) {
    return;
  }
  let payload: ImageReference | undefined;
  if (update.releaseImage !== undefined) {
    payload = tryParseNamed(update.releaseImage);
    if (!payload) {
      throw new PolicyJsonError(ERROR_PARSING_RELEASE_IMAGE);
    }
  }
  const allowed = update.allowed as readonly string[];
  if (!(payload && allowed.length === 1 && allowed[0] === payload.name)) {
    throw new PolicyJsonError(ONLY_ONE_OF_ALLOWED_OR_BLOCKED);
  }
}

function checkScopes(kind: 'blocked' | 'allowed', scopes: readonly string[] | null): void {
  const invalid = (scopes ?? []).find((scope) => !isValidRegistriesConfScope(scope));
  if (invalid !== undefined) {
    throw new PolicyJsonError(`invalid entry for ${kind} registries ${goQuote(invalid)}`, { list: kind, scope: invalid });
  }
}

/**
 * The checks of the MCO's `updatePolicyJSON`, in its order, without writing the file: what {@link updatePolicyJson}
 * runs first, and all that a checker needs.
 * @throws PolicyJsonError with the MCO's message (no controller prefix)
 */
export function checkPolicyUpdate(update: Pick<PolicyUpdate, 'blocked' | 'allowed' | 'releaseImage'>): void {
  checkAllowedAndBlocked(update);
  if (update.allowed === null && update.blocked === null) {
    return;
  }
  checkScopes('blocked', update.blocked);
  checkScopes('allowed', update.allowed);
}

/**
 * The MCO's `updatePolicyJSON` without sigstore policies.
 * @throws PolicyJsonError with the MCO's message (no controller prefix)
 */
export function updatePolicyJson(update: PolicyUpdate): string {
  const template = update.template ?? TEMPLATE_POLICY;
  checkPolicyUpdate(update);
  if (update.allowed === null && update.blocked === null) {
    return update.templateText ?? encodePolicyJson(template, update.indented);
  }
  let defaults = template.default;
  const scopes = new Map<string, readonly PolicyRequirement[]>();
  if ((update.allowed ?? []).length > 0) {
    defaults = [REJECT];
    for (const scope of update.allowed as readonly string[]) {
      scopes.set(scope, [ACCEPT]);
    }
  }
  if ((update.blocked ?? []).length > 0) {
    // Blocking overrides the reject default of an allowed list (the payload case) and wins on a shared scope.
    defaults = [ACCEPT];
    for (const scope of update.blocked as readonly string[]) {
      scopes.set(scope, [REJECT]);
    }
  }
  const transports: Record<string, Readonly<Record<string, readonly PolicyRequirement[]>>> = { ...template.transports };
  if (scopes.size > 0) {
    transports.docker = Object.fromEntries(scopes);
    transports.atomic = Object.fromEntries([...scopes].filter(([scope]) => atomicAcceptsScope(scope)));
  }
  return encodePolicyJson({ default: defaults, transports }, update.indented);
}
