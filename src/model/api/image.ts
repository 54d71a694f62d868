/**
 * Plain shapes of `config.openshift.io/v1` `Image` (named `cluster`), with the upstream field names and nesting, so
 * YAML from the documentation translates one to one.
 * @see https://docs.openshift.com/container-platform/latest/openshift_images/image-configuration.html
 */

export const IMAGE_API_VERSION = 'config.openshift.io/v1';
export const IMAGE_KIND = 'Image';
/** The only `Image` the cluster reads. */
export const CLUSTER_SINGLETON_NAME = 'cluster';
/** Namespace of the ConfigMap that `additionalTrustedCA` names (fixed by the API). */
export const OPENSHIFT_CONFIG_NAMESPACE = 'openshift-config';

/** How image streams import manifest lists. */
export enum ImageStreamImportMode {
  /** Decided from the cluster's payload: single-architecture gives `Legacy`, multi-architecture `PreserveOriginal`. */
  DEFAULT = '',
  /** Import one manifest of a manifest list (the one of the cluster's architecture). */
  LEGACY = 'Legacy',
  /** Keep the whole manifest list. */
  PRESERVE_ORIGINAL = 'PreserveOriginal',
}

/** Helpers of {@link ImageStreamImportMode}. */
export namespace ImageStreamImportMode {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link ImageStreamImportMode}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): ImageStreamImportMode {
    return value as ImageStreamImportMode;
  }
}
// Not enumerable: `Object.values(ImageStreamImportMode)` lists the API's values only.
Object.defineProperty(ImageStreamImportMode, 'of', { enumerable: false });

/** Container-runtime (CRI-O) registry policy for builds and pods. */
export interface RegistrySources {
  /**
   * Registries (scopes `host[:port][/path]` or `*.host`) that pods and builds may reach without TLS verification.
   * @default - none
   */
  readonly insecureRegistries?: string[];
  /**
   * Registries that pods and builds may not pull from. Exclusive with `allowedRegistries`.
   * @default - none
   */
  readonly blockedRegistries?: string[];
  /**
   * The only registries pods and builds may pull from; everything else is rejected. Exclusive with
   * `blockedRegistries`.
   * @default - every registry is allowed
   */
  readonly allowedRegistries?: string[];
  /**
   * Registries searched, in order, for images named without a registry (short names); CRI-O only.
   * @default - the node default (`registry.access.redhat.com`, `docker.io`)
   */
  readonly containerRuntimeSearchRegistries?: string[];
}

/** A registry that image stream imports may use. */
export interface RegistryLocation {
  /**
   * Domain name, may hold `*` and `?` wildcards; include the port when it is not 80 or 443.
   * @default - none
   */
  readonly domainName?: string;
  /**
   * Whether the registry is reached over plain HTTP.
   * @default false
   */
  readonly insecure?: boolean;
}

/** A reference to a ConfigMap in `openshift-config`. */
export interface ConfigMapNameReference {
  /** Name of the ConfigMap. */
  readonly name: string;
}

/** `spec` of `Image`. */
export interface ImageSpec {
  /**
   * Registries that normal users may import image streams from.
   * @default - no restriction
   */
  readonly allowedRegistriesForImport?: RegistryLocation[];
  /**
   * Host names of the internal registry as seen from outside (`hostname[:port]`); the first one is used for
   * `publicDockerImageRepository`.
   * @default - none
   */
  readonly externalRegistryHostnames?: string[];
  /**
   * ConfigMap in `openshift-config` holding extra CAs trusted for image pulls, builds and imports; keys are registry
   * hosts (`host` or `host..port`), values PEM certificates.
   * @default - none
   */
  readonly additionalTrustedCA?: ConfigMapNameReference;
  /**
   * Container-runtime registry policy.
   * @default - none
   */
  readonly registrySources?: RegistrySources;
  /**
   * Import mode of image streams.
   * @default ImageStreamImportMode.DEFAULT (decided from the payload)
   */
  readonly imageStreamImportMode?: ImageStreamImportMode | `${ImageStreamImportMode}`;
}
