import { Construct } from 'constructs';
import { ImageMirrorEntry, MIRROR_SET_API_VERSION, MirrorSourcePolicy } from '../../model/api/mirror-sets';
import { NamedResourceMetadata, OpenShiftResource } from './base';

/** Options of an `addMirror()` call. */
export interface AddMirrorOptions {
  /**
   * Whether the source may be contacted when no mirror has the image.
   * @default - unset, which behaves as AllowContactingSource
   */
  readonly mirrorSourcePolicy?: MirrorSourcePolicy;
}

/**
 * What `ImageDigestMirrorSet` and `ImageTagMirrorSet` share: the two kinds differ only in the name of their list
 * (`imageDigestMirrors`, `imageTagMirrors`) and in how the node uses the mirrors.
 */
export abstract class MirrorSetResource extends OpenShiftResource {
  private readonly entries?: ImageMirrorEntry[];
  private added: ImageMirrorEntry[] = [];

  protected constructor(scope: Construct, id: string, kind: string, private readonly listField: string,
    entries: readonly ImageMirrorEntry[] | undefined, metadata: NamedResourceMetadata | undefined) {
    super(scope, id, { apiVersion: MIRROR_SET_API_VERSION, kind, name: metadata?.name, clusterScoped: true, metadata });
    // Copied, so later changes to the caller's arrays do not leak into the construct.
    this.entries = entries?.map((entry) => ({ ...entry, ...(entry.mirrors ? { mirrors: [...entry.mirrors] } : {}) }));
    this.validateNow();
  }

  /** Mirrors `source` (a registry, namespace or repository, or `*.host`) to `mirrors`, tried in order. */
  public addMirror(source: string, mirrors: string[], options: AddMirrorOptions = {}): void {
    this.added = [...this.added, {
      source,
      mirrors: [...mirrors],
      ...(options.mirrorSourcePolicy !== undefined ? { mirrorSourcePolicy: options.mirrorSourcePolicy } : {}),
    }];
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    const all = this.entries || this.added.length > 0 ? [...(this.entries ?? []), ...this.added] : undefined;
    return { [this.listField]: all };
  }
}
