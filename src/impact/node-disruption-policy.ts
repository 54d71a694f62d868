/**
 * How the Machine Config Operator's daemon combines the actions of every changed file into what a node does
 * (openshift/machine-config-operator at 7ff337a4: `pkg/daemon/update.go`,
 * `calculatePostConfigChangeNodeDisruptionActionFromMCDiffs`, and `pkg/daemon/drain.go`,
 * `isDrainRequiredForNodeDisruptionActions`). The policies themselves (defaults, merge, match) are in
 * `model/node-disruption-policy.ts`.
 */
import { PolicyAction } from '../model/node-disruption-policy';
import { ImpactAction } from './actions';

const none: PolicyAction = { type: 'None' };

/** What one node does for a set of changes (the daemon's combined actions and its drain decision). */
export interface NodeSteps {
  /** The actions, after the daemon's combination (a single `Reboot`; `None` dropped next to others). */
  readonly actions: readonly PolicyAction[];
  /** Whether the node is cordoned and drained first. */
  readonly drain: boolean;
  /** What the node does, in order: `drain`, `reboot`, `reload crio.service`, `restart kubelet.service`, `daemon-reload`. */
  readonly steps: readonly string[];
  /** The disruption level. */
  readonly level: Exclude<ImpactAction, 'replace-nodes'>;
}

/**
 * Combines the actions of every change as the daemon does: a change no policy covers, or any `Reboot`, makes a single
 * `Reboot`; `None` next to other actions is dropped. The node drains for `Reboot` or `Drain`, and for `Special` when
 * `registriesConfSafe` is false (the registries.conf change is not safe in the MCO's sense).
 * @param actionLists the actions of each change; `undefined` for a change no policy covers
 */
export function combineActions(actionLists: ReadonlyArray<readonly PolicyAction[] | undefined>, registriesConfSafe: boolean): NodeSteps {
  const reboot: NodeSteps = { actions: [{ type: 'Reboot' }], drain: true, steps: ['drain', 'reboot'], level: 'drain-reboot' };
  const all: PolicyAction[] = [];
  for (const list of actionLists) {
    if (list === undefined) {
      return reboot;
    }
    all.push(...list);
  }
  if (all.some((action) => action.type === 'Reboot')) {
    return reboot;
  }
  const actions = all.some((action) => action.type !== 'None') ? all.filter((action) => action.type !== 'None') : all.length > 0 ? [none] : [];
  const drain = actions.some((action) => action.type === 'Drain') || (actions.some((action) => action.type === 'Special') && !registriesConfSafe);
  const steps: string[] = drain ? ['drain'] : [];
  for (const action of actions) {
    const step = stepOf(action);
    if (step !== undefined) {
      steps.push(step);
    }
  }
  const serviceSteps = steps.some((step) => step !== 'drain');
  const level = drain ? 'drain-reload-crio' : serviceSteps ? 'reload-crio' : 'none';
  return { actions, drain, steps, level };
}

/** What the daemon runs for one action (`performPostConfigChangeNodeDisruptionAction`); nothing for Drain and None. */
function stepOf(action: PolicyAction): string | undefined {
  switch (action.type) {
    case 'Reload':
      return `reload ${action.reload?.serviceName ?? ''}`;
    case 'Restart':
      return `restart ${action.restart?.serviceName ?? ''}`;
    case 'DaemonReload':
      return 'daemon-reload';
    case 'Special':
      // The reserved action reloads CRI-O (`constants.CRIOServiceName`).
      return 'reload crio.service';
    case 'Reboot':
      return 'reboot';
    default:
      return undefined;
  }
}

