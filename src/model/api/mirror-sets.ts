/**
 * Plain shapes of the repository mirroring kinds: `ImageDigestMirrorSet` and `ImageTagMirrorSet`
 * (`config.openshift.io/v1`) and the deprecated `ImageContentSourcePolicy` (`operator.openshift.io/v1alpha1`).
 */

export const MIRROR_SET_API_VERSION = 'config.openshift.io/v1';
export const IDMS_KIND = 'ImageDigestMirrorSet';
export const ITMS_KIND = 'ImageTagMirrorSet';
export const ICSP_API_VERSION = 'operator.openshift.io/v1alpha1';
export const ICSP_KIND = 'ImageContentSourcePolicy';

/** Whether the source registry may still be contacted when mirrors fail. */
export enum MirrorSourcePolicy {
  /** Pull only from the mirrors; the node blocks the source. */
  NEVER_CONTACT_SOURCE = 'NeverContactSource',
  /** Try the mirrors in order, then the source (the behaviour when unset). */
  ALLOW_CONTACTING_SOURCE = 'AllowContactingSource',
}

/** Helpers of {@link MirrorSourcePolicy}. */
export namespace MirrorSourcePolicy {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link MirrorSourcePolicy}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): MirrorSourcePolicy {
    return value as MirrorSourcePolicy;
  }
}
// Not enumerable: `Object.values(MirrorSourcePolicy)` lists the API's values only.
Object.defineProperty(MirrorSourcePolicy, 'of', { enumerable: false });

/** One source and its mirrors. */
export interface ImageMirrorEntry {
  /** Repository, namespace or registry being mirrored: `host[:port][/path]` or `*.host`. */
  readonly source: string;
  /**
   * Mirror locations, tried in order (`host[:port][/path]`, no wildcard).
   * @default - none
   */
  readonly mirrors?: string[];
  /**
   * Whether the source may be contacted when no mirror has the image.
   * @default - AllowContactingSource
   */
  readonly mirrorSourcePolicy?: MirrorSourcePolicy | `${MirrorSourcePolicy}`;
}

/** `spec` of `ImageDigestMirrorSet`: mirrors used for pulls by digest. */
export interface ImageDigestMirrorSetSpec {
  /**
   * The mirrored sources.
   * @default - none
   */
  readonly imageDigestMirrors?: ImageMirrorEntry[];
}

/** `spec` of `ImageTagMirrorSet`: mirrors used for pulls by tag. */
export interface ImageTagMirrorSetSpec {
  /**
   * The mirrored sources.
   * @default - none
   */
  readonly imageTagMirrors?: ImageMirrorEntry[];
}

/** One source and its mirrors in an `ImageContentSourcePolicy` (no source policy: the source is always contacted). */
export interface RepositoryDigestMirrors {
  /** The mirrored repository. */
  readonly source: string;
  /**
   * Mirror locations, tried in order.
   * @default - none
   */
  readonly mirrors?: string[];
}

/** `spec` of `ImageContentSourcePolicy`. */
export interface ImageContentSourcePolicySpec {
  /**
   * The mirrored repositories.
   * @default - none
   */
  readonly repositoryDigestMirrors?: RepositoryDigestMirrors[];
}

/**
 * The conversion `oc adm migrate icsp` performs: the same sources and mirrors, as `ImageDigestMirrorSet` entries
 * without a source policy (so the source is still contacted, as with the ICSP).
 */
export function imageDigestMirrorsFromIcsp(spec: ImageContentSourcePolicySpec): ImageDigestMirrorSetSpec {
  return {
    imageDigestMirrors: (spec.repositoryDigestMirrors ?? []).map((entry) => ({
      source: entry.source,
      // The IDMS `mirrors` list is a set; an ICSP may repeat a mirror, which adds nothing, so keep the first one.
      ...(entry.mirrors !== undefined ? { mirrors: [...new Set(entry.mirrors)] } : {}),
    })),
  };
}
