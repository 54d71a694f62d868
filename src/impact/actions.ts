/**
 * What nodes do after a change, as one disruption level a change review can read, ordered from least to most
 * disruptive. The exact steps of a node (which service is reloaded or restarted) are listed next to the level.
 */

/**
 * - `none`: no node file changes (or the policies that cover the changes say `None`);
 * - `reload-crio`: files change and services are reloaded or restarted (CRI-O by default), no drain, no reboot;
 * - `drain-reload-crio`: every node is drained first, then CRI-O is reloaded (or the services a policy names); no
 *   reboot;
 * - `drain-reboot`: every node is drained and rebooted;
 * - `replace-nodes`: on hosted control planes (HyperShift, ROSA HCP), the node pools roll out and every node is
 *   replaced.
 */
export type ImpactAction = 'none' | 'reload-crio' | 'drain-reload-crio' | 'drain-reboot' | 'replace-nodes';

/** Every level, least disruptive first. */
export const IMPACT_ACTIONS: readonly ImpactAction[] = ['none', 'reload-crio', 'drain-reload-crio', 'drain-reboot', 'replace-nodes'];

/** Where the configuration is applied: a standalone cluster, or a hosted control plane. */
export type ImpactPlatform = 'standalone' | 'hypershift' | 'rosa-hcp';

/** Every platform `impact` knows. */
export const IMPACT_PLATFORMS: readonly ImpactPlatform[] = ['standalone', 'hypershift', 'rosa-hcp'];

/** Whether `value` is one of the levels. */
export function isImpactAction(value: unknown): value is ImpactAction {
  return typeof value === 'string' && (IMPACT_ACTIONS as readonly string[]).includes(value);
}

/** Position of a level in {@link IMPACT_ACTIONS}: a higher number is more disruptive. */
export function actionRank(action: ImpactAction): number {
  return IMPACT_ACTIONS.indexOf(action);
}

/** The more disruptive of the levels (`none` for none). */
export function mostDisruptive(actions: Iterable<ImpactAction>): ImpactAction {
  let worst: ImpactAction = 'none';
  for (const action of actions) {
    if (actionRank(action) > actionRank(worst)) {
      worst = action;
    }
  }
  return worst;
}

/** What a level means for the nodes, in a few words. */
export function describeAction(action: ImpactAction): string {
  switch (action) {
    case 'none':
      return 'nodes are not disrupted';
    case 'reload-crio':
      return 'no drain, no reboot';
    case 'drain-reload-crio':
      return 'every node is drained, no reboot';
    case 'drain-reboot':
      return 'every node is drained and rebooted';
    case 'replace-nodes':
      return 'the node pools roll out: every node is replaced';
  }
}
