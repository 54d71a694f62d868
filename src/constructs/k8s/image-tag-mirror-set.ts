import { Construct } from 'constructs';
import { ITMS_KIND, ImageTagMirrorSetSpec } from '../../model/api/mirror-sets';
import { NamedResourceMetadata } from './base';
import { MirrorSetResource } from './mirror-set-base';

/** Properties of {@link ImageTagMirrorSet}: the upstream spec fields at top level. */
export interface ImageTagMirrorSetProps extends ImageTagMirrorSetSpec {
  /**
   * Name, labels and annotations.
   * @default - a name generated from the construct path
   */
  readonly metadata?: NamedResourceMetadata;
}

/**
 * `config.openshift.io/v1` `ImageTagMirrorSet`: mirrors for images pulled by tag. The Machine Config Operator writes
 * them into every node's `registries.conf` as `tag-only` mirrors. A tag can name different images on different
 * mirrors: prefer digests and an `ImageDigestMirrorSet` where you can.
 *
 * @example
 * new ImageTagMirrorSet(chart, 'ubi', {
 *   imageTagMirrors: [{ source: 'registry.access.redhat.com/ubi9', mirrors: ['mirror.corp.example.com:8443/ubi9'] }],
 * });
 */
export class ImageTagMirrorSet extends MirrorSetResource {
  constructor(scope: Construct, id: string, props: ImageTagMirrorSetProps = {}) {
    super(scope, id, ITMS_KIND, 'imageTagMirrors', props);
  }
}
