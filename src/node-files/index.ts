/**
 * Node-file preview: the files the Machine Config Operator writes on every node from the cluster `Image` and the
 * mirror objects (registries.conf, policy.json, the search-registries drop-in), byte for byte.
 */
export {
  renderNodeFiles,
  renderRegistriesConf,
  renderPolicyJson,
  renderSearchRegistriesDropIn,
  REGISTRIES_CONF_PATH,
  POLICY_JSON_PATH,
  SEARCH_REGISTRIES_DROP_IN_PATH,
} from './render';
export type {
  NodeFile,
  NodeFilesResult,
  NodeFilesSummary,
  IntermediateLists,
  PreviewNotice,
  PreviewNoticeCode,
  RegistriesConfRendering,
  RenderedRegistriesConf,
} from './render';
export { normalizeInput } from './input';
export type { NodeFilesInput, SpecOrObject, NormalizedInput } from './input';
export { MachineConfigOperatorError, REGISTRIES_CONFIG_PREFIX, POLICY_JSON_PREFIX } from './errors';
export type { MachineConfigOperatorStage } from './errors';
export { OpenShiftVersionError, parseOpenShiftVersion, DEFAULT_OPENSHIFT_VERSION } from './version';
export type { OpenShiftVersion } from './version';
export {
  mergeMirrorRules,
  mergedMirrorsOf,
  mirrorsContainsARealMirror,
  NEVER_CONTACT_SOURCE,
  ALLOW_CONTACTING_SOURCE,
} from './mirror-sets';
export type { MirrorRule, MergedMirrorSet } from './mirror-sets';
export { TopoGraph, topoSort } from './topo-sort';
export {
  editRegistriesConfig,
  mirrorsAdjustedForNestedScope,
  RegistriesEditError,
  scopeOf,
  TEMPLATE_SEARCH_REGISTRIES,
} from './registries-conf';
export type { RegistriesConf, RegistryEntry, RegistryMirror, PullFromMirror } from './registries-conf';
export { encodeRegistriesConf, tomlString } from './toml';
export { encodePolicyJson, updatePolicyJson, PolicyJsonError, TEMPLATE_POLICY } from './policy-json';
export type { PolicyDocument, PolicyRequirement } from './policy-json';
export {
  getValidBlockedAndAllowedRegistries,
  payloadRepoHasUnblockedMirror,
  findRegistry,
  loadRegistries,
  refMatchingPrefix,
  pullSourcesFromReference,
} from './payload';
export type { BlockedAndAllowed, PayloadInputs } from './payload';
export { validateRegistriesConfScopes } from './validate-scopes';
export type { ScopeValidationInput } from './validate-scopes';
export { enclosingScopes } from './scope-index';
export { collectNodeFilesInput } from './collect';
export type { CollectedObjects, CollectProblem } from './collect';
export { writeNodeFiles, localPathOf, MANAGED_NODE_PATHS, PREVIEW_STATE_FOLDER, OutputFolderError } from './write';
