// The main entry: the Kubernetes constructs, the validation API, the node-file renderer. It never loads cdktf: the
// AWS constructs live behind the subpath `cdk-openshift-images/aws`. Everything is exported by name: what is listed
// here is the documented surface; the rest of `src/` is internal and may change.
// First, before anything loads cdk8s: a missing peer dependency is reported with the version to install.
import './peer-dependencies/main';

// --- Constructs -------------------------------------------------------------------------------------------------
export { OpenShiftCluster } from './constructs/k8s/openshift-cluster';
export type { OpenShiftClusterProps } from './constructs/k8s/openshift-cluster';
export { OpenShiftResource } from './constructs/k8s/base';
export type { ConstructWarning, NamedResourceMetadata, ResourceMetadata } from './constructs/k8s/base';
export { Warnings } from './constructs/k8s/warnings';
export { ImageConfig } from './constructs/k8s/image-config';
export type { ImageConfigProps } from './constructs/k8s/image-config';
export { MirrorSetResource } from './constructs/k8s/mirror-set-base';
export type { AddMirrorOptions } from './constructs/k8s/mirror-set-base';
export { ImageDigestMirrorSet } from './constructs/k8s/image-digest-mirror-set';
export type { ImageDigestMirrorSetProps } from './constructs/k8s/image-digest-mirror-set';
export { ImageTagMirrorSet } from './constructs/k8s/image-tag-mirror-set';
export type { ImageTagMirrorSetProps } from './constructs/k8s/image-tag-mirror-set';
export { ImageContentSourcePolicy } from './constructs/k8s/image-content-source-policy';
export type { ImageContentSourcePolicyProps } from './constructs/k8s/image-content-source-policy';
export { ImageRegistryConfig } from './constructs/k8s/image-registry-config';
export type {
  ImageRegistryConfigProps, ImageRegistryRequestsLimitsProps, ImageRegistryRequestsProps, ResourceRequirementsInput,
} from './constructs/k8s/image-registry-config';
export { RegistryStorage } from './constructs/k8s/registry-storage';
export type {
  AzureStorageOptions, GcsStorageOptions, IbmCosStorageOptions, OssStorageOptions, PvcStorageOptions, S3CloudFrontOptions,
  S3StorageOptions, StorageOwnershipOptions, SwiftStorageOptions,
} from './constructs/k8s/registry-storage';
export { ImagePruner } from './constructs/k8s/image-pruner';
export type { ImagePrunerProps } from './constructs/k8s/image-pruner';
export { RegistryExternalSecretCredentials, RegistryWebIdentityCredentials, staticCredentialsSecretCommand } from './constructs/k8s/registry-credentials';
export type { RegistryExternalSecretCredentialsProps, RegistryWebIdentityCredentialsProps, SecretStoreReference } from './constructs/k8s/registry-credentials';
export { NodeFilesPreview, NodeFilesPreviewError } from './constructs/k8s/node-files-preview';
export type { NodeFilesPreviewOptions } from './constructs/k8s/node-files-preview';

// --- The API's shapes, enums and names ----------------------------------------------------------------------------
export {
  CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND, ImageStreamImportMode, OPENSHIFT_CONFIG_NAMESPACE,
} from './model/api/image';
export type { ConfigMapNameReference, ImageSpec, RegistryLocation, RegistrySources } from './model/api/image';
export {
  ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy, imageDigestMirrorsFromIcsp,
} from './model/api/mirror-sets';
export type {
  ImageContentSourcePolicySpec, ImageDigestMirrorSetSpec, ImageMirrorEntry, ImageTagMirrorSetSpec, RepositoryDigestMirrors,
} from './model/api/mirror-sets';
export {
  AzureNetworkAccessType, IMAGE_PRUNER_DEFAULTS, IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND,
  IMAGE_REGISTRY_NAMESPACE, IMAGE_REGISTRY_SINGLETON_NAME, LogLevel, ManagementState, OssEncryptionMethod,
  OssEndpointAccessibility, REGISTRY_INSTALLER_CREDENTIALS_SECRET, REGISTRY_USER_CREDENTIALS_SECRET,
  REGISTRY_WEB_IDENTITY_TOKEN_FILE, RolloutStrategy, STORAGE_BACKENDS, StorageManagementState,
} from './model/api/image-registry';
export type {
  AzureNetworkAccess, AzureNetworkAccessInternal, ImagePrunerSpec, ImageRegistryConfigProxy, ImageRegistryConfigRequests,
  ImageRegistryConfigRequestsLimits, ImageRegistryConfigRoute, ImageRegistryConfigStorage, ImageRegistryConfigStorageAlibabaOSS,
  ImageRegistryConfigStorageAzure, ImageRegistryConfigStorageEmptyDir, ImageRegistryConfigStorageGCS,
  ImageRegistryConfigStorageIBMCOS, ImageRegistryConfigStoragePVC, ImageRegistryConfigStorageS3,
  ImageRegistryConfigStorageS3CloudFront, ImageRegistryConfigStorageSwift, ImageRegistrySpec, OssEncryption,
  OssKmsEncryption, QuantityObject, QuantityValue, ResourceRequirements, S3TrustedCASource, SecretKeySelector,
  StorageBackendName,
} from './model/api/image-registry';
export type {
  Affinity, LabelSelector, LabelSelectorRequirement, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
  PodAffinity, PodAffinityTerm, PodAntiAffinity, PreferredSchedulingTerm, ResourceClaim, Toleration,
  TopologySpreadConstraint, WeightedPodAffinityTerm,
} from './model/api/kubernetes-core';
export { MACHINE_CONFIGURATION_API_VERSION, MACHINE_CONFIGURATION_KIND } from './model/api/machine-configuration';

// --- The registry storage handoff between the AWS app and the Kubernetes app (no cdktf) ----------------------------
export {
  REGISTRY_ACCESS_KEY_ID_KEY, REGISTRY_NAMESPACE, REGISTRY_ROLE_NAME_SUFFIX, REGISTRY_SECRET_ACCESS_KEY_KEY,
  REGISTRY_SERVICE_ACCOUNT_SUBJECTS, REGISTRY_WEB_IDENTITY_AUDIENCE,
} from './model/registry-storage';
export { registryStorageHandoff } from './validation/rules/aws-storage';
export type {
  AwsPartition, RegistryCredentialsMode, RegistryStorageEncryption, RegistryStorageHandoff, RegistryStorageInputs,
} from './model/registry-storage';

// --- Validation -------------------------------------------------------------------------------------------------
export {
  DEFAULT_RULE_MODULES, InvalidReleaseImageError, RuleEngine, ValidationError, checkObjects, findRule, formatFinding,
  ruleCatalog, ruleModules, validateObjects,
} from './validation';
export type {
  CheckOptions, CheckResult, CheckTarget, CheckedObject, Finding, KindDefinition, KubernetesObject, LocatedFinding,
  RuleDefinition, RuleModule, RuleSource, Severity, ValidationReport,
} from './validation';

// --- Node files ---------------------------------------------------------------------------------------------------
export {
  DEFAULT_OPENSHIFT_VERSION, MachineConfigOperatorError, OpenShiftVersionError, OutputFolderError, POLICY_JSON_PATH,
  REGISTRIES_CONF_PATH, SEARCH_REGISTRIES_DROP_IN_PATH, renderNodeFiles, writeNodeFiles,
} from './node-files';
export type {
  MachineConfigOperatorStage, NodeFile, NodeFilesInput, NodeFilesResult, NodeFilesSummary, PreviewNotice,
  PreviewNoticeCode, SpecOrObject,
} from './node-files';

// --- The cdk8s validation plugin (cdk8s.yaml `validations:`) ------------------------------------------------------
export { OpenShiftImagesValidation } from './plugin/validation-plugin';
export type {
  Cdk8sValidationContext, Cdk8sViolatingResource, Cdk8sViolation, OpenShiftImagesValidationProperties,
} from './plugin/validation-plugin';

// --- Hosted platforms: ROSA HCP (rosa CLI, rhcs Terraform) and HyperShift ----------------------------------------
export { HostedClusterImageConfig } from './constructs/k8s/hosted-cluster-image-config';
export type { HostedClusterImageConfigProps } from './constructs/k8s/hosted-cluster-image-config';
export {
  exportHostedCluster, exportRhcs, exportRosaCli, exportRosaHcp, renderHostedClusterYaml, renderRhcsTerraformJson,
  renderRosaCliScript, tryExportHostedCluster, tryExportRosaHcp,
} from './targets';
export type {
  HostedClusterExport, HostedClusterExportOptions, HostedClusterFragment, ImageConfigurationInput, RhcsExport,
  RhcsRegistryConfig, RosaCliExport, RosaCliScriptOptions, RosaHcpExport, RosaHcpExportOptions, RosaHcpImageMirror,
  RosaHcpRegistryConfig, TargetCheckOptions, TargetExportOutcome,
} from './targets';

// --- Rollout impact and node disruption policies ------------------------------------------------------------------
export { MachineConfiguration, NodeDisruptionAction } from './constructs/k8s/machine-configuration';
export type { MachineConfigurationProps } from './constructs/k8s/machine-configuration';
export { MACHINE_CONFIGURATION_SINGLETON_NAME, NodeDisruptionActionType } from './model/api/machine-configuration';
export type {
  MachineConfigurationSpec, NodeDisruptionPolicyConfig, NodeDisruptionPolicySpecAction, NodeDisruptionPolicySpecFile,
  NodeDisruptionPolicySpecSSHKey, NodeDisruptionPolicySpecUnit, NodeDisruptionService,
} from './model/api/machine-configuration';
export { BaselineError, IMPACT_ACTIONS, ImpactInputError, ImpactInvalidError, computeImpact, loadBaseline, renderImpactText } from './impact';
export type { ImpactAction, ImpactFile, ImpactOptions, ImpactPlatform, ImpactReport, ImpactSide } from './impact';
