/**
 * The MCO's own checks of scopes and mirror rules (`validateRegistriesConfScopes`), with its exact messages and
 * check order: insecure, blocked and allowed scopes first, then every digest rule (IDMS, then ICSP) and every tag
 * rule, each checked for its source format, a conflicting source policy, then each mirror's format and whether a
 * `NeverContactSource` source names itself as a mirror. The first failure wins.
 *
 * Before 4.16 the format checks were narrower: an empty source or mirror, and one holding a `*` anywhere (no
 * wildcard sources yet), were refused with their own messages; anything else passed (upper-case paths, spaces).
 * That variant follows the 4.15 code, where ICSP rules join the IDMS rules; 4.13 and 4.14 patch releases before
 * 4.13.27 and 4.14.3 checked only ICSP rules this way.
 */
import { isValidMirror, isValidRegistriesConfScope, isValidScope } from '../model/registry-scope';
import { goQuote } from './go-format';
import { ALLOW_CONTACTING_SOURCE, MirrorRule, NEVER_CONTACT_SOURCE } from './mirror-sets';

/** The scopes and rules one validation pass looks at. */
export interface ScopeValidationInput {
  readonly insecure?: readonly string[] | null;
  readonly blocked?: readonly string[] | null;
  readonly allowed?: readonly string[] | null;
  /** IDMS rules, then ICSP rules. */
  readonly digestRules?: readonly MirrorRule[];
  /** ITMS rules. */
  readonly tagRules?: readonly MirrorRule[];
  /** Check mirror rules as OpenShift 4.13-4.15 did. @default false (the 4.16+ checks) */
  readonly legacyMirrorRuleChecks?: boolean;
}

/** What is wrong with a rule's source or one of its mirrors, if anything, in the wording of the release. */
function entryProblem(kind: 'source' | 'mirror', value: string, legacy: boolean): string | undefined {
  if (!legacy) {
    const valid = kind === 'source' ? isValidScope(value) : isValidMirror(value);
    return valid ? undefined : `invalid format for ${kind} ${goQuote(value)}`;
  }
  if (value === '') {
    return `invalid empty entry for ${kind} configuration`;
  }
  return value.includes('*') ? `wildcard entries are not supported with mirror configuration ${goQuote(value)}` : undefined;
}

/** The first invalid insecure/blocked/allowed scope, as the MCO words it. */
function checkScopeLists(input: ScopeValidationInput): string | undefined {
  const lists: [string, readonly string[] | null | undefined][] = [
    ['insecure', input.insecure],
    ['blocked', input.blocked],
    ['allowed', input.allowed],
  ];
  for (const [kind, scopes] of lists) {
    const invalid = (scopes ?? []).find((scope) => !isValidRegistriesConfScope(scope));
    if (invalid !== undefined) {
      return `invalid entry for ${kind} registries ${goQuote(invalid)}`;
    }
  }
  return undefined;
}

/** Checks one rule; `policies` remembers the effective policy of every source seen so far. */
function checkRule(rule: MirrorRule, policies: Map<string, string>, legacy: boolean): string | undefined {
  const invalidSource = entryProblem('source', rule.source, legacy);
  if (invalidSource !== undefined) {
    return invalidSource;
  }
  const policy = rule.mirrorSourcePolicy === '' ? ALLOW_CONTACTING_SOURCE : rule.mirrorSourcePolicy;
  const seen = policies.get(rule.source);
  if (seen === undefined) {
    policies.set(rule.source, policy);
  } else if (seen !== policy) {
    return (
      `conflicting mirrorSourcePolicy is set for the same source ${goQuote(rule.source)} in imagedigestmirrorsets, ` +
      'imagetagmirrorsets, or imagecontentsourcepolicies'
    );
  }
  for (const mirror of rule.mirrors ?? []) {
    const invalidMirror = entryProblem('mirror', mirror, legacy);
    if (invalidMirror !== undefined) {
      return invalidMirror;
    }
    if (policy === NEVER_CONTACT_SOURCE && mirror === rule.source) {
      return `cannot set mirrorSourcePolicy: NeverContactSource if the source ${goQuote(rule.source)} is one of the mirrors`;
    }
  }
  return undefined;
}

/**
 * The MCO's `validateRegistriesConfScopes`: the message of the first problem, or `undefined` when everything
 * passes. The message carries no controller prefix.
 */
export function validateRegistriesConfScopes(input: ScopeValidationInput): string | undefined {
  const scopeProblem = checkScopeLists(input);
  if (scopeProblem !== undefined) {
    return scopeProblem;
  }
  const policies = new Map<string, string>();
  for (const rules of [input.digestRules ?? [], input.tagRules ?? []]) {
    for (const rule of rules) {
      const problem = checkRule(rule, policies, input.legacyMirrorRuleChecks ?? false);
      if (problem !== undefined) {
        return problem;
      }
    }
  }
  return undefined;
}
