import { Construct } from 'constructs';
import {
  ICSP_API_VERSION, ICSP_KIND, ImageContentSourcePolicySpec, RepositoryDigestMirrors,
} from '../../model/api/mirror-sets';
import { NamedResourceMetadata, OpenShiftResource } from './base';
import { checkPropsObject, isPlainRecord, plainCopy, propsRecord, readProp } from './props';
import { ImageDigestMirrorSet } from './image-digest-mirror-set';

/** Properties of {@link ImageContentSourcePolicy}: the upstream spec fields at top level. */
export interface ImageContentSourcePolicyProps extends ImageContentSourcePolicySpec {
  /**
   * Name, labels and annotations.
   * @default - a name generated from the construct path
   */
  readonly metadata?: NamedResourceMetadata;
}

/**
 * `operator.openshift.io/v1alpha1` `ImageContentSourcePolicy`, the deprecated predecessor of `ImageDigestMirrorSet`.
 * Kept for clusters and repositories that still carry it; synthesizing one prints the `icsp-deprecated` warning.
 * {@link toImageDigestMirrorSet} performs the conversion of `oc adm migrate icsp`.
 */
export class ImageContentSourcePolicy extends OpenShiftResource {
  /** The entries as given: a plain copy of the list (or of whatever else was given, which the rules report). */
  private readonly given: unknown;
  private readonly added: unknown[] = [];

  constructor(scope: Construct, id: string, props: ImageContentSourcePolicyProps = {}) {
    const record = propsRecord(props);
    const metadata = readProp(record, 'metadata');
    super(scope, id, {
      apiVersion: ICSP_API_VERSION,
      kind: ICSP_KIND,
      name: isPlainRecord(metadata) ? readProp(metadata, 'name') as string | undefined : undefined,
      clusterScoped: true,
      metadata: metadata as NamedResourceMetadata | undefined,
    });
    checkPropsObject(props, this.propIssues);
    this.given = plainCopy(readProp(record, 'repositoryDigestMirrors'), 'spec.repositoryDigestMirrors', this.propIssues);
    this.validateNow();
  }

  /** Mirrors the repository `source` to `mirrors`, tried in order. */
  public addRepositoryDigestMirrors(source: string, mirrors: string[]): void {
    const index = this.entries.length;
    this.added.push(plainCopy({ source, mirrors: Array.isArray(mirrors) ? [...mirrors] : mirrors }, `spec.repositoryDigestMirrors[${index}]`, this.propIssues));
    this.validateNow();
  }

  /** The spec as it will be synthesized. */
  public get spec(): ImageContentSourcePolicySpec {
    return { repositoryDigestMirrors: this.entries.map((entry) => (isPlainRecord(entry) ? { ...entry } : entry) as RepositoryDigestMirrors) };
  }

  /**
   * Creates the `ImageDigestMirrorSet` that replaces this policy (same name, sources and mirrors, no source policy),
   * as `oc adm migrate icsp` does. Remove this construct once the replacement is applied.
   * @param scope where to create it @default - next to this construct
   * @param id its construct id @default - `${this id}Migrated`
   */
  public toImageDigestMirrorSet(scope?: Construct, id?: string): ImageDigestMirrorSet {
    return ImageDigestMirrorSet.fromImageContentSourcePolicy(scope ?? (this.node.scope as Construct), id ?? `${this.node.id}Migrated`, this.spec, { name: this.name });
  }

  protected renderSpec(): Record<string, unknown> {
    if (this.given !== undefined && !Array.isArray(this.given)) {
      // Not a list: rendered as given, so the rules report it at its path.
      return { repositoryDigestMirrors: this.given };
    }
    return { repositoryDigestMirrors: this.given !== undefined || this.added.length > 0 ? this.entries : undefined };
  }

  /** The entries given and added (construction refuses a `repositoryDigestMirrors` that is no list). */
  private get entries(): unknown[] {
    return [...(Array.isArray(this.given) ? this.given : []), ...this.added];
  }
}
