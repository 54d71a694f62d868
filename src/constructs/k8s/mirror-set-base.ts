import { Construct } from 'constructs';
import { MIRROR_SET_API_VERSION, MirrorSourcePolicy } from '../../model/api/mirror-sets';
import { NamedResourceMetadata, OpenShiftResource } from './base';
import { checkPropsObject, isPlainRecord, plainCopy, propsRecord, readProp } from './props';

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
  /** The entries as given: a plain copy of the list (or of whatever else was given, which the rules report). */
  private readonly entries: unknown;
  private added: unknown[] = [];

  protected constructor(scope: Construct, id: string, kind: string, private readonly listField: string, props: unknown) {
    const given = propsRecord(props);
    const metadata = readProp(given, 'metadata');
    super(scope, id, {
      apiVersion: MIRROR_SET_API_VERSION,
      kind,
      name: isPlainRecord(metadata) ? readProp(metadata, 'name') as string | undefined : undefined,
      clusterScoped: true,
      metadata: metadata as NamedResourceMetadata | undefined,
    });
    checkPropsObject(props, this.propIssues);
    // Copied, so later changes to the caller's arrays do not leak into the construct.
    this.entries = plainCopy(readProp(given, listField), `spec.${listField}`, this.propIssues);
    this.validateNow();
  }

  /** Mirrors `source` (a registry, namespace or repository, or `*.host`) to `mirrors`, tried in order. */
  public addMirror(source: string, mirrors: string[], options: AddMirrorOptions = {}): void {
    const index = (Array.isArray(this.entries) ? this.entries.length : 0) + this.added.length;
    const policy = isPlainRecord(options) ? readProp(options, 'mirrorSourcePolicy') : undefined;
    const entry = plainCopy({
      source,
      mirrors: Array.isArray(mirrors) ? [...mirrors] : mirrors,
      ...(policy !== undefined ? { mirrorSourcePolicy: policy } : {}),
    }, `spec.${this.listField}[${index}]`, this.propIssues);
    this.added = [...this.added, entry];
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    if (this.entries !== undefined && !Array.isArray(this.entries)) {
      // Not a list: rendered as given, so the rules report it at its path.
      return { [this.listField]: this.entries };
    }
    const all = this.entries !== undefined || this.added.length > 0 ? [...(this.entries as unknown[] | undefined ?? []), ...this.added] : undefined;
    return { [this.listField]: all };
  }
}
