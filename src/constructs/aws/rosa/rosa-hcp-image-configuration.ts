import { Annotations, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ImageConfigurationInput } from '../../../targets/input';
import { TargetCheckOptions } from '../../../targets/outcome';
import { RHCS_CLUSTER_ROSA_HCP, rhcsImageMirrorNames, rhcsRegistryConfig, RhcsRegistryConfig, terraformLiteral } from '../../../targets/rhcs';
import { RosaHcpExport, tryExportRosaHcp } from '../../../targets/rosa-hcp';
import { exportOrThrow } from '../../target-export';
import { RhcsImageMirror } from './rhcs-image-mirror';

/** Properties of a {@link RosaHcpImageConfiguration}: the cluster, and its image configuration. */
export interface RosaHcpImageConfigurationProps extends ImageConfigurationInput, TargetCheckOptions {
  /**
   * Your `rhcs_cluster_rosa_hcp` resource: a binding generated with `cdktf get`, or any `TerraformResource` whose
   * `terraformResourceType` is `rhcs_cluster_rosa_hcp`. Its `registry_config` is set through an override (replacing
   * one set otherwise), and the image mirrors take their `cluster_id` from its `id`.
   */
  readonly cluster: TerraformResource;
}

/**
 * The image configuration of a ROSA HCP cluster managed with the rhcs Terraform provider: the Image's registry
 * settings become the `registry_config` of your `rhcs_cluster_rosa_hcp`, and every digest mirror source becomes an
 * `rhcs_image_mirror` (the mirror sets merged by source, as the Machine Config Operator merges them).
 *
 * The configuration is checked with the rules of `ocp-images validate --target rosa-hcp` at construction: what ROSA
 * HCP cannot carry (tag mirrors, `NeverContactSource`, search registries...) throws a `ValidationError` listing every
 * problem; warnings become annotations. The fields of `registry_config` the configuration sets are overridden one by
 * one (other fields of the cluster's, such as `platform_allowlist_id`, stay); Terraform owns the attribute, so a
 * registry list that neither sets is empty on the cluster. Any change of it recreates every node of every machine pool
 * (rolling).
 *
 * Child ids (stable): one `RhcsImageMirror` per source, named after the source (`quay.io/openshift` ->
 * `quay_io_openshift`, see `rhcsImageMirrorNames`).
 *
 * @example
 * const cluster = new TerraformResource(stack, 'cluster', { terraformResourceType: 'rhcs_cluster_rosa_hcp' });
 * new RosaHcpImageConfiguration(stack, 'images', {
 *   cluster,
 *   image: { registrySources: { blockedRegistries: ['docker.io'] } },
 *   imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.example.com/ocp'] }],
 * });
 */
export class RosaHcpImageConfiguration extends Construct {
  /** The `registry_config` written onto the cluster; `undefined` when the configuration has no Image. */
  public readonly registryConfig?: RhcsRegistryConfig;
  /** The `rhcs_image_mirror` resources, by source. */
  public readonly imageMirrors: ReadonlyMap<string, RhcsImageMirror>;
  /** The export in OCM's terms. */
  public readonly exported: RosaHcpExport;

  constructor(scope: Construct, id: string, props: RosaHcpImageConfigurationProps) {
    super(scope, id);
    if (props.cluster.terraformResourceType !== RHCS_CLUSTER_ROSA_HCP) {
      throw new Error(`${this.node.path}: \`cluster\` is a ${props.cluster.terraformResourceType} (${props.cluster.node.path}); the registry configuration and image mirrors exist for ROSA HCP clusters only: give the ${RHCS_CLUSTER_ROSA_HCP} resource.`);
    }
    const clusterId = props.cluster.getStringAttribute('id');
    this.exported = exportOrThrow(this, props, (objects, options) => tryExportRosaHcp(objects, { cluster: clusterId, ...options }));
    for (const warning of this.exported.warnings) {
      Annotations.of(this).addWarning(`${warning.object} ${warning.path}: ${warning.message} (${warning.code}). Fix: ${warning.hint}`);
    }
    if (this.exported.registryConfig !== undefined) {
      this.registryConfig = rhcsRegistryConfig(this.exported.registryConfig);
      // One override per field, so the cluster's other `registry_config` fields (`platform_allowlist_id`) stay.
      for (const [field, value] of Object.entries(this.registryConfig)) {
        props.cluster.addOverride(`registry_config.${field}`, value);
      }
    }
    const names = rhcsImageMirrorNames(this.exported.imageMirrors.map((mirror) => mirror.source));
    const mirrors = new Map<string, RhcsImageMirror>();
    for (const mirror of this.exported.imageMirrors) {
      mirrors.set(mirror.source, new RhcsImageMirror(this, names.get(mirror.source) as string, {
        clusterId,
        source: terraformLiteral(mirror.source),
        mirrors: mirror.mirrors.map(terraformLiteral),
      }));
    }
    this.imageMirrors = mirrors;
  }
}
