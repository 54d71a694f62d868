import { listMapper, listMapperHcl, stringToHclTerraform, stringToTerraform, TerraformMetaArguments, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { RHCS_IMAGE_MIRROR } from '../../../targets/rhcs';

/** Properties of an {@link RhcsImageMirror}. */
export interface RhcsImageMirrorProps extends TerraformMetaArguments {
  /** ID of the ROSA HCP cluster, e.g. `cluster.getStringAttribute('id')` of its `rhcs_cluster_rosa_hcp`. */
  readonly clusterId: string;
  /** The mirrored source (`host[:port][/path]` or `*.host`); a change replaces the resource. */
  readonly source: string;
  /** The mirrors, in the order they are tried; at least one. */
  readonly mirrors: readonly string[];
}

/**
 * An `rhcs_image_mirror` of the terraform-redhat/rhcs provider: one OCM image mirror (type `digest`, the only one) of
 * a ROSA HCP cluster. Written by hand because no prebuilt cdktf bindings of the rhcs provider exist on npm; the
 * arguments are the provider's (provider/imagemirror/image_mirror_resource.go): `cluster_id`, `type`, `source`,
 * `mirrors`. Values are passed as given: escape a literal `${` yourself (`terraformLiteral`).
 */
export class RhcsImageMirror extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = RHCS_IMAGE_MIRROR;

  public readonly clusterId: string;
  public readonly source: string;
  public readonly mirrors: readonly string[];

  constructor(scope: Construct, id: string, props: RhcsImageMirrorProps) {
    const { clusterId, source, mirrors, ...meta } = props;
    super(scope, id, { ...meta, terraformResourceType: RHCS_IMAGE_MIRROR, terraformGeneratorMetadata: { providerName: 'rhcs' } });
    this.clusterId = clusterId;
    this.source = source;
    this.mirrors = [...mirrors];
  }

  /** The OCM ID of the image mirror. */
  public get imageMirrorId(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      cluster_id: stringToTerraform(this.clusterId),
      type: 'digest',
      source: stringToTerraform(this.source),
      mirrors: listMapper(stringToTerraform, false)(this.mirrors),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    const simple = (value: unknown, storageClassType: string) => ({ value, isBlock: false, type: storageClassType === 'stringList' ? 'list' : 'simple', storageClassType });
    return {
      cluster_id: simple(stringToHclTerraform(this.clusterId), 'string'),
      type: simple(stringToHclTerraform('digest'), 'string'),
      source: simple(stringToHclTerraform(this.source), 'string'),
      mirrors: simple(listMapperHcl(stringToHclTerraform, false)(this.mirrors), 'stringList'),
    };
  }
}
