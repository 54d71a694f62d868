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

/** Position of a level in {@link IMPACT_ACTIONS}: a higher number is more disruptive. */
export function actionRank(action: ImpactAction): number {
  return IMPACT_ACTIONS.indexOf(action);
}
