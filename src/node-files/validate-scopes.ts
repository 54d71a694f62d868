/**
 * The MCO's own checks of scopes and mirror rules (`validateRegistriesConfScopes`), with its exact messages and
 * check order: insecure, blocked and allowed scopes first, then every digest rule (IDMS, then ICSP) and every tag
 * rule, each checked for its source format, a conflicting source policy, then each mirror's format and whether a
 * `NeverContactSource` source names itself as a mirror. The first failure wins.
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
function checkRule(rule: MirrorRule, policies: Map<string, string>): string | undefined {
  if (!isValidScope(rule.source)) {
    return `invalid format for source ${goQuote(rule.source)}`;
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
    if (!isValidMirror(mirror)) {
      return `invalid format for mirror ${goQuote(mirror)}`;
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
      const problem = checkRule(rule, policies);
      if (problem !== undefined) {
        return problem;
      }
    }
  }
  return undefined;
}
