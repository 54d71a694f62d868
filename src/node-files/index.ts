/**
 * Node-file preview: the files the Machine Config Operator writes on every node from the cluster `Image` and the
 * mirror objects (registries.conf, policy.json, the search-registries drop-in), byte for byte.
 */
export {
  renderNodeFiles,
  renderRegistriesConf,
  renderPolicyJson,
  renderSearchRegistriesDropIn,
  NodeFile,
  NodeFilesResult,
  NodeFilesSummary,
  IntermediateLists,
  PreviewNotice,
  PreviewNoticeCode,
  RegistriesConfRendering,
  RenderedRegistriesConf,
  REGISTRIES_CONF_PATH,
  POLICY_JSON_PATH,
  SEARCH_REGISTRIES_DROP_IN_PATH,
} from './render';
export { NodeFilesInput, SpecOrObject, normalizeInput, NormalizedInput } from './input';
export { MachineConfigOperatorError, MachineConfigOperatorStage, REGISTRIES_CONFIG_PREFIX, POLICY_JSON_PREFIX } from './errors';
export { OpenShiftVersion, OpenShiftVersionError, parseOpenShiftVersion, DEFAULT_OPENSHIFT_VERSION } from './version';
export {
  MirrorRule,
  MergedMirrorSet,
  mergeMirrorRules,
  mergedMirrorsOf,
  mirrorsContainsARealMirror,
  NEVER_CONTACT_SOURCE,
  ALLOW_CONTACTING_SOURCE,
} from './mirror-sets';
export { TopoGraph, topoSort } from './topo-sort';
export {
  RegistriesConf,
  RegistryEntry,
  RegistryMirror,
  PullFromMirror,
  editRegistriesConfig,
  mirrorsAdjustedForNestedScope,
  RegistriesEditError,
  scopeOf,
  TEMPLATE_SEARCH_REGISTRIES,
} from './registries-conf';
export { encodeRegistriesConf, tomlString } from './toml';
export { encodePolicyJson, updatePolicyJson, PolicyDocument, PolicyRequirement, PolicyJsonError, TEMPLATE_POLICY } from './policy-json';
export {
  getValidBlockedAndAllowedRegistries,
  payloadRepoHasUnblockedMirror,
  findRegistry,
  loadRegistries,
  refMatchingPrefix,
  pullSourcesFromReference,
  BlockedAndAllowed,
  PayloadInputs,
} from './payload';
export { validateRegistriesConfScopes, ScopeValidationInput } from './validate-scopes';
export { enclosingScopes } from './scope-index';
