/**
 * The typed input of the target constructs (`RosaHcpImageConfiguration`, `HostedClusterImageConfig`): the upstream
 * Image spec and digest mirror entries with their own field names, plus trusted CAs by registry, turned into the same
 * plain API objects the CLI reads from YAML, so both go through the same rules and the same export.
 */
import { CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND, ImageSpec, OPENSHIFT_CONFIG_NAMESPACE } from '../model/api/image';
import { IDMS_KIND, ImageMirrorEntry, MIRROR_SET_API_VERSION } from '../model/api/mirror-sets';
import { trustedCaKey } from '../model/dns';
import { ImageRules } from '../validation/rules/image';
import { ValidationError } from '../validation/validation-error';

/** Name of the trusted-CA ConfigMap made for `trustedCAs` (as `ImageConfig` names it). */
export const DEFAULT_TRUSTED_CA_CONFIG_MAP = 'registry-trusted-cas';
/** Name of the ImageDigestMirrorSet made for `imageDigestMirrors`. */
export const DEFAULT_MIRROR_SET_NAME = 'image-digest-mirrors';

/** One cluster's image configuration, typed: what a hosted target carries. */
export interface ImageConfigurationInput {
  /**
   * The `Image` spec, with the upstream field names (`registrySources.allowedRegistries`,
   * `allowedRegistriesForImport`, ...).
   * @default - no Image: the registry configuration is not set
   */
  readonly image?: ImageSpec;
  /**
   * CA certificates (PEM) to trust, keyed by registry `host` or `host:port` (a key is written `host..port`, as the
   * platforms want it). Exclusive with `image.additionalTrustedCA`.
   * @default - none
   */
  readonly trustedCAs?: { readonly [hostAndPort: string]: string };
  /**
   * Digest mirrors, as `ImageDigestMirrorSet` entries (`source`, `mirrors`). Several entries for one source are merged
   * as the Machine Config Operator merges them.
   * @default - none
   */
  readonly imageDigestMirrors?: readonly ImageMirrorEntry[];
  /**
   * More of the configuration as plain API objects (for example YAML documents read with the `yaml` package, or a
   * cdk8s chart's `toJson()`): an `Image` named `cluster`, `ImageDigestMirrorSet`s, `ImageContentSourcePolicy`s and the
   * trusted-CA ConfigMap the Image names. Other kinds are passed over.
   * @default - none
   */
  readonly objects?: readonly unknown[];
}

/**
 * The plain API objects of a typed configuration: the Image named `cluster` (pointing at the trusted-CA ConfigMap when
 * `trustedCAs` is given), that ConfigMap in `openshift-config`, one ImageDigestMirrorSet, then `objects`.
 * @throws ValidationError when both `trustedCAs` and `image.additionalTrustedCA` are given
 */
export function imageConfigurationObjects(input: ImageConfigurationInput): unknown[] {
  const objects: unknown[] = [];
  if (input.trustedCAs !== undefined && input.image?.additionalTrustedCA !== undefined) {
    throw new ValidationError([ImageRules.trustedCaPropsConflict.finding(`${IMAGE_KIND}/${CLUSTER_SINGLETON_NAME}`, 'spec.additionalTrustedCA',
      `Both \`image.additionalTrustedCA\` (${JSON.stringify(input.image.additionalTrustedCA.name)}) and \`trustedCAs\` are given.`,
      'Give the CAs in `trustedCAs`, or name a ConfigMap (given in `objects`) in `image.additionalTrustedCA`, not both.')]);
  }
  if (input.image !== undefined || input.trustedCAs !== undefined) {
    const spec = {
      ...(input.image ?? {}),
      ...(input.trustedCAs !== undefined ? { additionalTrustedCA: { name: DEFAULT_TRUSTED_CA_CONFIG_MAP } } : {}),
    };
    objects.push({ apiVersion: IMAGE_API_VERSION, kind: IMAGE_KIND, metadata: { name: CLUSTER_SINGLETON_NAME }, spec });
  }
  if (input.trustedCAs !== undefined) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: DEFAULT_TRUSTED_CA_CONFIG_MAP, namespace: OPENSHIFT_CONFIG_NAMESPACE },
      data: Object.fromEntries(Object.entries(input.trustedCAs).map(([hostAndPort, pem]) => [trustedCaKey(hostAndPort), pem])),
    });
  }
  if (input.imageDigestMirrors !== undefined && input.imageDigestMirrors.length > 0) {
    objects.push({
      apiVersion: MIRROR_SET_API_VERSION,
      kind: IDMS_KIND,
      metadata: { name: DEFAULT_MIRROR_SET_NAME },
      spec: { imageDigestMirrors: input.imageDigestMirrors.map((entry) => ({ ...entry })) },
    });
  }
  objects.push(...(input.objects ?? []));
  return objects;
}
