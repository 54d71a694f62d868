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

/** The Image list a scope comes from, in the MCO's wording. */
export type ScopeListName = 'insecure' | 'blocked' | 'allowed';

/** What a problem of {@link registriesConfScopeProblems} is about. */
export type ScopeProblemCulprit =
  | { readonly list: ScopeListName; readonly scope: string }
  | { readonly rule: MirrorRule; readonly field: 'source' | 'mirrorSourcePolicy' }
  | { readonly rule: MirrorRule; readonly field: 'mirrors'; readonly mirrorIndex: number };

/** One problem the MCO's check refuses, with what it is about. */
export interface ScopeProblem {
  /** The MCO's message (no controller prefix). */
  readonly message: string;
  readonly check: 'scope-list' | 'source-format' | 'mirror-format' | 'policy-conflict' | 'never-contact-self';
  readonly culprit: ScopeProblemCulprit;
}

/**
 * The problems the MCO's `validateRegistriesConfScopes` refuses, lazily, in its check order: the scope lists, then
 * each rule's source, policy and mirrors (format, then a `NeverContactSource` source among its own mirrors). The MCO
 * stops at the first; a rule checker may list them all. After a rule's invalid source its policy is not recorded (the
 * MCO returns before it does), but its mirrors are still looked at.
 */
export function* scopeProblems(input: ScopeValidationInput): Generator<ScopeProblem> {
  const lists: [ScopeListName, readonly string[] | null | undefined][] = [
    ['insecure', input.insecure],
    ['blocked', input.blocked],
    ['allowed', input.allowed],
  ];
  for (const [list, scopes] of lists) {
    for (const scope of scopes ?? []) {
      if (!isValidRegistriesConfScope(scope)) {
        yield { message: `invalid entry for ${list} registries ${goQuote(scope)}`, check: 'scope-list', culprit: { list, scope } };
      }
    }
  }
  const legacy = input.legacyMirrorRuleChecks ?? false;
  const policies = new Map<string, string>();
  for (const rules of [input.digestRules ?? [], input.tagRules ?? []]) {
    for (const rule of rules) {
      const invalidSource = entryProblem('source', rule.source, legacy);
      const policy = rule.mirrorSourcePolicy === '' ? ALLOW_CONTACTING_SOURCE : rule.mirrorSourcePolicy;
      if (invalidSource !== undefined) {
        yield { message: invalidSource, check: 'source-format', culprit: { rule, field: 'source' } };
      } else {
        const seen = policies.get(rule.source);
        if (seen === undefined) {
          policies.set(rule.source, policy);
        } else if (seen !== policy) {
          yield {
            message:
              `conflicting mirrorSourcePolicy is set for the same source ${goQuote(rule.source)} in imagedigestmirrorsets, ` +
              'imagetagmirrorsets, or imagecontentsourcepolicies',
            check: 'policy-conflict',
            culprit: { rule, field: 'mirrorSourcePolicy' },
          };
        }
      }
      const mirrors = rule.mirrors ?? [];
      for (let mirrorIndex = 0; mirrorIndex < mirrors.length; mirrorIndex++) {
        const mirror = mirrors[mirrorIndex];
        const invalidMirror = entryProblem('mirror', mirror, legacy);
        if (invalidMirror !== undefined) {
          yield { message: invalidMirror, check: 'mirror-format', culprit: { rule, field: 'mirrors', mirrorIndex } };
        } else if (invalidSource === undefined && policy === NEVER_CONTACT_SOURCE && mirror === rule.source) {
          yield {
            message: `cannot set mirrorSourcePolicy: NeverContactSource if the source ${goQuote(rule.source)} is one of the mirrors`,
            check: 'never-contact-self',
            culprit: { rule, field: 'mirrors', mirrorIndex },
          };
        }
      }
    }
  }
}

/** The problem the MCO stops at, if any. */
export function firstScopeProblem(input: ScopeValidationInput): ScopeProblem | undefined {
  for (const problem of scopeProblems(input)) {
    return problem;
  }
  return undefined;
}

/**
 * The MCO's `validateRegistriesConfScopes`: the message of the first problem, or `undefined` when everything
 * passes. The message carries no controller prefix.
 */
export function validateRegistriesConfScopes(input: ScopeValidationInput): string | undefined {
  return firstScopeProblem(input)?.message;
}
