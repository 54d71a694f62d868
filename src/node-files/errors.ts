/**
 * The one error the renderer throws: what the MCO's sync would fail with. `message` is what the MCO reports for the
 * MachineConfig it cannot render (the helper's message with the prefix `registriesConfigIgnition` adds), `reason`
 * the helper's own message without prefix.
 */

import type { MirrorRuleOrigin } from './mirror-sets';

/** Where in the MCO's pipeline the failure happens. */
export type MachineConfigOperatorStage = 'release-image' | 'registries.conf' | 'policy.json' | 'payload-check';

/** Prefix the MCO puts before a registries.conf failure. */
export const REGISTRIES_CONFIG_PREFIX = 'could not update registries config with new changes: ';
/** Prefix the MCO puts before a policy.json failure. */
export const POLICY_JSON_PREFIX = 'could not update policy json with new changes: ';

const PREFIXES: Readonly<Record<MachineConfigOperatorStage, string>> = {
  'release-image': '',
  'registries.conf': REGISTRIES_CONFIG_PREFIX,
  'policy.json': POLICY_JSON_PREFIX,
  'payload-check': 'panic: ',
};

/** A list of `Image.spec.registrySources` the renderer reads. */
export type RegistrySourcesList = 'insecureRegistries' | 'blockedRegistries' | 'allowedRegistries';

/**
 * What a failure is about, so a checker can report it on the object and field that caused it:
 * - `image-scope`: an entry of one of the Image's lists (its position in the list as given);
 * - `image`: the Image's registry sources as a whole;
 * - `mirror-rule`: a field of one mirror entry (IDMS, ITMS or ICSP);
 * - `release-image`: the release image given to the renderer.
 */
export type MachineConfigOperatorCulprit =
  | { readonly kind: 'image-scope'; readonly list: RegistrySourcesList; readonly index: number }
  | { readonly kind: 'image' }
  | { readonly kind: 'mirror-rule'; readonly origin?: MirrorRuleOrigin; readonly field: 'source' | 'mirrorSourcePolicy' | 'mirrors'; readonly mirrorIndex?: number }
  | { readonly kind: 'release-image' };

/**
 * Which of the MCO's checks fails:
 * - `scope-list`: an insecure, blocked or allowed scope is not valid for registries.conf or policy.json;
 * - `source-format` / `mirror-format`: a mirror entry's source or a mirror (the release's format rules);
 * - `policy-conflict`: one source with different `mirrorSourcePolicy` values;
 * - `never-contact-self`: `NeverContactSource` with the source among its own mirrors;
 * - `wildcard-nested-scope`: an insecure or blocked scope inside a wildcard mirror source, without mirrors of its own;
 * - `payload-crash`: the payload check dereferences nil (no registries.conf entry matches the payload);
 * - `release-image`: the release image does not parse;
 * - `policy-both-lists`: policy.json would get both an allowed and a blocked list;
 * - `internal`: another internal error of the registries.conf edit.
 */
export type MachineConfigOperatorCheck =
  | 'scope-list'
  | 'source-format'
  | 'mirror-format'
  | 'policy-conflict'
  | 'never-contact-self'
  | 'wildcard-nested-scope'
  | 'payload-crash'
  | 'release-image'
  | 'policy-both-lists'
  | 'internal';

/** The MCO would fail to render the node files (its sync errors, and no MachineConfig changes). */
export class MachineConfigOperatorError extends Error {
  /** The failing helper's message, without the controller prefix. */
  public readonly reason: string;
  public readonly stage: MachineConfigOperatorStage;
  /** Which check fails. */
  public readonly check: MachineConfigOperatorCheck;
  /** What the failure is about, when the renderer can tell. */
  public readonly culprit?: MachineConfigOperatorCulprit;
  private readonly listSiblings?: () => readonly MachineConfigOperatorError[];

  /**
   * @param siblings every problem the same check refuses (this one first), for checkers that report them all; the
   * MCO stops at this one
   */
  constructor(
    stage: MachineConfigOperatorStage,
    reason: string,
    details: { readonly check?: MachineConfigOperatorCheck; readonly culprit?: MachineConfigOperatorCulprit; readonly siblings?: () => readonly MachineConfigOperatorError[] } = {},
  ) {
    super(PREFIXES[stage] + reason);
    this.name = 'MachineConfigOperatorError';
    this.stage = stage;
    this.reason = reason;
    this.check = details.check ?? 'internal';
    if (details.culprit !== undefined) {
      this.culprit = details.culprit;
    }
    this.listSiblings = details.siblings;
  }

  /**
   * This failure and every other problem the same check of the MCO refuses: the MCO reports one at a time, a user
   * wants them all at once.
   */
  public allProblems(): readonly MachineConfigOperatorError[] {
    return this.listSiblings ? this.listSiblings() : [this];
  }
}
