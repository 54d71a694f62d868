import { Construct } from 'constructs';
import {
  ICSP_API_VERSION, ICSP_KIND, ImageContentSourcePolicySpec, RepositoryDigestMirrors,
} from '../../model/api/mirror-sets';
import { NamedResourceMetadata, OpenShiftResource } from './base';
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
  private readonly entries: RepositoryDigestMirrors[];
  private readonly given: boolean;

  constructor(scope: Construct, id: string, props: ImageContentSourcePolicyProps = {}) {
    super(scope, id, {
      apiVersion: ICSP_API_VERSION,
      kind: ICSP_KIND,
      name: props.metadata?.name,
      clusterScoped: true,
      metadata: props.metadata,
    });
    this.given = props.repositoryDigestMirrors !== undefined;
    this.entries = (props.repositoryDigestMirrors ?? []).map((entry) => ({ ...entry, ...(entry.mirrors ? { mirrors: [...entry.mirrors] } : {}) }));
    this.validateNow();
  }

  /** Mirrors the repository `source` to `mirrors`, tried in order. */
  public addRepositoryDigestMirrors(source: string, mirrors: string[]): void {
    this.entries.push({ source, mirrors: [...mirrors] });
    this.validateNow();
  }

  /** The spec as it will be synthesized. */
  public get spec(): ImageContentSourcePolicySpec {
    return { repositoryDigestMirrors: this.entries.map((entry) => ({ ...entry })) };
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
    return { repositoryDigestMirrors: this.given || this.entries.length > 0 ? this.entries : undefined };
  }
}
