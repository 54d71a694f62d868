/**
 * HyperShift: the image configuration of a hosted cluster is set on the management cluster, in its `HostedCluster`
 * (`hypershift.openshift.io/v1beta1`), which overwrites what is changed inside the hosted cluster. The Image spec goes
 * to `spec.configuration.image` as it is; mirrors go to `spec.imageContentSources` (which HyperShift turns into one
 * ImageDigestMirrorSet without source policy); the trusted-CA ConfigMap the Image names is read from the
 * HostedCluster's own namespace and copied into the hosted cluster as it is.
 *
 * Facts (openshift/hypershift): api/hypershift/v1beta1/hostedcluster_types.go (`ClusterConfiguration.Image`,
 * `ImageContentSource`), support/globalconfig/imagecontentsource.go, and the ConfigMap copy in
 * hypershift-operator/controllers/hostedcluster/hostedcluster_controller.go (`reconcileGlobalConfigSync`).
 */
import { stringify } from 'yaml';
import { ImageSpec } from '../model/api/image';
import { isDns1123Label } from '../model/dns';
import { Finding } from '../validation/finding';
import { HostedConfiguration } from '../validation/rules/targets';
import { checkForTarget, mapOutcome, resultOrThrow, sortedStringData, TargetCheckOptions, TargetExportOutcome } from './outcome';

export const HOSTED_CLUSTER_API_VERSION = 'hypershift.openshift.io/v1beta1';
export const HOSTED_CLUSTER_KIND = 'HostedCluster';
/** The namespace `hcp create cluster` puts HostedClusters in. */
export const DEFAULT_HOSTED_CLUSTER_NAMESPACE = 'clusters';

/** Options of a HostedCluster export. */
export interface HostedClusterExportOptions extends TargetCheckOptions {
  /** Name of the HostedCluster (a DNS-1123 label). */
  readonly name: string;
  /**
   * Namespace of the HostedCluster on the management cluster; the trusted-CA ConfigMap goes there too.
   * @default 'clusters'
   */
  readonly namespace?: string;
}

/** An item of `HostedCluster.spec.imageContentSources`. */
export interface HostedClusterImageContentSource {
  readonly source: string;
  readonly mirrors: readonly string[];
}

/** The part of a `HostedCluster` the image configuration sets. */
export interface HostedClusterImageSpec {
  /** `spec.configuration.image`, when the configuration has an Image. */
  readonly configuration?: { readonly image: ImageSpec };
  /** `spec.imageContentSources`, when the configuration has digest mirrors: merged by source, sorted by source. */
  readonly imageContentSources?: readonly HostedClusterImageContentSource[];
}

/** A partial HostedCluster: what to merge into your own. */
export interface HostedClusterFragment {
  readonly apiVersion: typeof HOSTED_CLUSTER_API_VERSION;
  readonly kind: typeof HOSTED_CLUSTER_KIND;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: HostedClusterImageSpec;
}

/** A plain `v1` ConfigMap. */
export interface PlainConfigMap {
  readonly apiVersion: 'v1';
  readonly kind: 'ConfigMap';
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly data: Readonly<Record<string, string>>;
}

/** One cluster's image configuration in HyperShift's terms. */
export interface HostedClusterExport {
  readonly hostedCluster: HostedClusterFragment;
  /**
   * The trusted-CA ConfigMap, in the HostedCluster's namespace, when the configuration gives the one the Image names
   * (keys `host` or `host..port`, as in `openshift-config`).
   */
  readonly trustedCaConfigMap?: PlainConfigMap;
  /**
   * The ConfigMap the Image names when the configuration does not give it: it must exist in the HostedCluster's
   * namespace.
   */
  readonly externalTrustedCaConfigMap?: string;
  /** Warnings of the rule engine (with the `hypershift` target); the export is made anyway. */
  readonly warnings: readonly Finding[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` without null members, recursively (a null in a merged fragment would delete the field). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null).map(withoutNulls);
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined).map(([key, item]) => [key, withoutNulls(item)]));
  }
  return value;
}

/** The fields of the Image spec, in the API's order; anything else is unknown to the API (and reported). */
const IMAGE_SPEC_FIELDS = ['allowedRegistriesForImport', 'externalRegistryHostnames', 'additionalTrustedCA', 'registrySources', 'imageStreamImportMode'] as const;
const REGISTRY_SOURCES_FIELDS = ['insecureRegistries', 'blockedRegistries', 'allowedRegistries', 'containerRuntimeSearchRegistries'] as const;

function pick(value: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => value[field] !== undefined && value[field] !== null).map((field) => [field, value[field]]));
}

/** The Image spec as the HostedCluster carries it: the API's fields in the API's order, without nulls. */
function imageSpecOf(spec: Record<string, unknown>): ImageSpec {
  const image = pick(spec, IMAGE_SPEC_FIELDS);
  if (isRecord(image.registrySources)) {
    image.registrySources = pick(image.registrySources, REGISTRY_SOURCES_FIELDS);
  }
  return withoutNulls(image) as ImageSpec;
}

function exportOf(configuration: HostedConfiguration, name: string, namespace: string, warnings: readonly Finding[]): HostedClusterExport {
  const spec: { configuration?: { image: ImageSpec }; imageContentSources?: HostedClusterImageContentSource[] } = {};
  if (configuration.image) {
    spec.configuration = { image: imageSpecOf(configuration.image.spec) };
  }
  if (configuration.digestMirrors.length > 0) {
    spec.imageContentSources = configuration.digestMirrors.map((set) => ({ source: set.source, mirrors: [...set.mirrors] }));
  }
  const trustedCaConfigMap: PlainConfigMap | undefined = configuration.trustedCa && configuration.trustedCaName !== undefined ? {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configuration.trustedCaName, namespace },
    data: sortedStringData(configuration.trustedCa.object),
  } : undefined;
  return {
    hostedCluster: { apiVersion: HOSTED_CLUSTER_API_VERSION, kind: HOSTED_CLUSTER_KIND, metadata: { name, namespace }, spec },
    ...(trustedCaConfigMap ? { trustedCaConfigMap } : {}),
    ...(configuration.trustedCaName !== undefined && !trustedCaConfigMap ? { externalTrustedCaConfigMap: configuration.trustedCaName } : {}),
    warnings,
  };
}

/**
 * Checks one cluster's configuration (plain API objects: the `Image` named `cluster`, `ImageDigestMirrorSet`s,
 * `ImageContentSourcePolicy`s and the trusted-CA ConfigMap; other kinds are passed over) with the `hypershift` rules
 * and, when nothing is wrong, turns it into a partial HostedCluster and the trusted-CA ConfigMap. Never throws for bad
 * configuration: errors are in the outcome.
 * @throws Error when the name or namespace cannot name a HostedCluster (a caller's mistake, not the configuration's)
 */
export function tryExportHostedCluster(objects: readonly unknown[], options: HostedClusterExportOptions): TargetExportOutcome<HostedClusterExport> {
  const namespace = options.namespace ?? DEFAULT_HOSTED_CLUSTER_NAMESPACE;
  if (!isDns1123Label(options.name)) {
    throw new Error(`a HostedCluster is named by a lower-case DNS-1123 label (at most 63 characters); got ${JSON.stringify(options.name)}`);
  }
  if (!isDns1123Label(namespace)) {
    throw new Error(`a namespace is a lower-case DNS-1123 label (at most 63 characters); got ${JSON.stringify(namespace)}`);
  }
  const outcome = checkForTarget(objects, 'hypershift', options);
  const warnings = outcome.warnings.map(({ index: _index, ...finding }) => finding);
  return mapOutcome(outcome, (configuration) => exportOf(configuration, options.name, namespace, warnings));
}

/**
 * One cluster's image configuration in HyperShift's terms: the partial `HostedCluster` (`spec.configuration.image`,
 * `spec.imageContentSources`) to merge into your own, and the trusted-CA ConfigMap for its namespace.
 * @throws ValidationError listing every error when HyperShift cannot carry the configuration (or it is invalid)
 */
export function exportHostedCluster(objects: readonly unknown[], options: HostedClusterExportOptions): HostedClusterExport {
  return resultOrThrow(tryExportHostedCluster(objects, options));
}

/**
 * The export as YAML: the trusted-CA ConfigMap first (the HostedCluster reads it), then the partial HostedCluster,
 * separated by `---`. Deterministic; PEM values as literal blocks.
 */
export function renderHostedClusterYaml(exported: HostedClusterExport): string {
  const documents: unknown[] = [...(exported.trustedCaConfigMap ? [exported.trustedCaConfigMap] : []), exported.hostedCluster];
  return documents.map((document) => stringify(document, { lineWidth: 0, indentSeq: true })).join('---\n');
}
