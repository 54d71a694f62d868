import { Construct } from 'constructs';
import { IDMS_KIND, ImageContentSourcePolicySpec, ImageDigestMirrorSetSpec, imageDigestMirrorsFromIcsp } from '../../model/api/mirror-sets';
import { NamedResourceMetadata } from './base';
import { isPlainRecord, readProp } from './props';
import { MirrorSetResource } from './mirror-set-base';

/** Properties of {@link ImageDigestMirrorSet}: the upstream spec fields at top level. */
export interface ImageDigestMirrorSetProps extends ImageDigestMirrorSetSpec {
  /**
   * Name, labels and annotations.
   * @default - a name generated from the construct path
   */
  readonly metadata?: NamedResourceMetadata;
}

/**
 * `config.openshift.io/v1` `ImageDigestMirrorSet`: mirrors for images pulled by digest (release payloads, operator
 * bundles). The Machine Config Operator writes them into every node's `registries.conf` as `digest-only` mirrors.
 *
 * @example
 * new ImageDigestMirrorSet(chart, 'release', {
 *   imageDigestMirrors: [{
 *     source: 'quay.io/openshift-release-dev/ocp-release',
 *     mirrors: ['mirror.corp.example.com:8443/openshift/release-images'],
 *     mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE,
 *   }],
 * });
 */
export class ImageDigestMirrorSet extends MirrorSetResource {
  /**
   * The `ImageDigestMirrorSet` that `oc adm migrate icsp` makes of an `ImageContentSourcePolicy`: the same sources and
   * mirrors, no source policy (so the sources stay reachable, as with the ICSP).
   */
  public static fromImageContentSourcePolicy(scope: Construct, id: string, spec: ImageContentSourcePolicySpec, metadata?: NamedResourceMetadata): ImageDigestMirrorSet {
    const entries = isPlainRecord(spec) ? readProp(spec, 'repositoryDigestMirrors') : spec;
    const wellShaped = (entry: unknown) => isPlainRecord(entry) && (readProp(entry, 'mirrors') === undefined || Array.isArray(readProp(entry, 'mirrors')));
    if (entries === undefined || (Array.isArray(entries) && entries.every(wellShaped))) {
      return new ImageDigestMirrorSet(scope, id, { ...imageDigestMirrorsFromIcsp({ repositoryDigestMirrors: entries as ImageContentSourcePolicySpec['repositoryDigestMirrors'] }), metadata });
    }
    // Not a spec of entries: given as it is, so the rules report what is wrong with it.
    return new ImageDigestMirrorSet(scope, id, { imageDigestMirrors: entries as ImageDigestMirrorSetSpec['imageDigestMirrors'], metadata });
  }

  constructor(scope: Construct, id: string, props: ImageDigestMirrorSetProps = {}) {
    super(scope, id, IDMS_KIND, 'imageDigestMirrors', props);
  }
}
