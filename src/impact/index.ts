/**
 * Rollout impact: what nodes do when a configuration replaces another (drain, reboot, CRI-O reload, node replacement),
 * decided with the Machine Config Operator's own rules.
 */
export { IMPACT_ACTIONS, IMPACT_PLATFORMS, actionRank } from './actions';
export type { ImpactAction, ImpactPlatform } from './actions';
export {
  computeImpact,
  describeSteps,
  ImpactInputError,
  ImpactInvalidError,
  summaryLine,
  SUGGESTED_DROP_IN_POLICY,
} from './impact';
export type {
  AppliedPolicy,
  FileChange,
  ImpactFile,
  ImpactOptions,
  ImpactReport,
  ImpactSide,
  ObjectChanges,
  PolicySuggestion,
  PolicyUsed,
} from './impact';
export { renderImpactText } from './text';
export { combineActions } from './node-disruption-policy';
export type { NodeSteps } from './node-disruption-policy';
// The policies themselves (defaults, merge, match) are a model of the MCO's API, shared with the constructs.
export {
  DEFAULT_CLUSTER_POLICIES,
  DEFAULT_POLICY_PATHS,
  findFilePolicy,
  formatAction,
  goCleanPath,
  isSubdirectory,
  mergeClusterPolicies,
} from '../model/node-disruption-policy';
export type { ClusterPolicies, FilePolicy, PolicyAction, PolicyOrigin, UnitPolicy } from '../model/node-disruption-policy';
export { allDigestOnlyMirrors, compareRegistriesConf, compareRegistriesConfText, DIGEST_ONLY } from './safe-registries-change';
export type { RegistriesChangeVerdict, UnsafeChange, UnsafeChangeKind } from './safe-registries-change';
export { parseRegistriesConf, RegistriesConfParseError } from './registries-conf-toml';
export type { ConfEndpoint, ConfRegistry, ParsedRegistriesConf } from './registries-conf-toml';
export { BASE_POLICY_JSON, BASE_REGISTRIES_CONF, effectiveNodeFiles } from './base-files';
export { BaselineError, loadBaseline, objectsOfText } from './baseline';
