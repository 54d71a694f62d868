/**
 * The one error the renderer throws: what the MCO's sync would fail with. `message` is what the MCO reports for the
 * MachineConfig it cannot render (the helper's message with the prefix `registriesConfigIgnition` adds), `reason`
 * the helper's own message without prefix.
 */

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

/** The MCO would fail to render the node files (its sync errors, and no MachineConfig changes). */
export class MachineConfigOperatorError extends Error {
  /** The failing helper's message, without the controller prefix. */
  public readonly reason: string;
  public readonly stage: MachineConfigOperatorStage;

  constructor(stage: MachineConfigOperatorStage, reason: string) {
    super(PREFIXES[stage] + reason);
    this.name = 'MachineConfigOperatorError';
    this.stage = stage;
    this.reason = reason;
  }
}
