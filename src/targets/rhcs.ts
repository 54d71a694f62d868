/**
 * The rhcs Terraform provider form of a ROSA HCP export: the `registry_config` attribute of `rhcs_cluster_rosa_hcp`
 * and one `rhcs_image_mirror` per mirrored source, as plain values and as Terraform JSON.
 *
 * Facts (terraform-redhat/terraform-provider-rhcs): `registry_config` (provider/registry_config/resource.go) holds
 * `registry_sources {allowed_registries, blocked_registries, insecure_registries}`, `allowed_registries_for_import`
 * (a list of `{domain_name, insecure}`), `additional_trusted_ca` (a map) and the computed `platform_allowlist_id`. The
 * plan fails when `blocked_registries` is non-empty and `allowed_registries` is set at all, even to `[]`
 * (provider/common/attrvalidators/conflicts_with_not_empty.go): so an empty list is left out, which the provider
 * defaults to `[]` anyway. `rhcs_image_mirror` (provider/imagemirror/image_mirror_resource.go) takes `cluster_id`,
 * `type` (only `digest`), `source` (a change replaces the resource) and `mirrors` (at least one).
 */
import { createHash } from 'node:crypto';
import { exportRosaHcp, RosaHcpExport, RosaHcpExportOptions, RosaHcpRegistryConfig } from './rosa-hcp';

/** The Terraform resource type of a ROSA HCP cluster. */
export const RHCS_CLUSTER_ROSA_HCP = 'rhcs_cluster_rosa_hcp';
/** The Terraform resource type of an image mirror. */
export const RHCS_IMAGE_MIRROR = 'rhcs_image_mirror';

/** `registry_config.registry_sources`. */
export interface RhcsRegistrySources {
  readonly allowed_registries?: readonly string[];
  readonly blocked_registries?: readonly string[];
  readonly insecure_registries?: readonly string[];
}

/** An item of `registry_config.allowed_registries_for_import`. */
export interface RhcsRegistryLocation {
  readonly domain_name: string;
  readonly insecure: boolean;
}

/** The `registry_config` attribute of `rhcs_cluster_rosa_hcp`, without the computed `platform_allowlist_id`. */
export interface RhcsRegistryConfig {
  readonly registry_sources?: RhcsRegistrySources;
  readonly allowed_registries_for_import?: readonly RhcsRegistryLocation[];
  readonly additional_trusted_ca?: Readonly<Record<string, string>>;
}

/** The arguments of one `rhcs_image_mirror`. */
export interface RhcsImageMirrorArguments {
  readonly cluster_id: string;
  readonly type: 'digest';
  readonly source: string;
  readonly mirrors: readonly string[];
}

/**
 * A string as a Terraform literal: in Terraform JSON every string is a template, so `${` and `%{` are doubled to stand
 * for themselves.
 */
export function terraformLiteral(value: string): string {
  // Replacement functions: in a replacement string `$$` would stand for one `$`.
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Whether a cluster given as `--cluster` is a Terraform reference (`${rhcs_cluster_rosa_hcp.main.id}`) to keep as is. */
export function isTerraformReference(value: string): boolean {
  return value.startsWith('${') && value.endsWith('}');
}

/**
 * The `registry_config` attribute for a registry configuration: every list and map that is non-empty (the provider
 * defaults what is left out to empty), Terraform literals only. `{}` when there is nothing to set.
 */
export function rhcsRegistryConfig(config: RosaHcpRegistryConfig | undefined): RhcsRegistryConfig {
  if (!config) {
    return {};
  }
  const literals = (list: readonly string[] | undefined) => (list !== undefined && list.length > 0 ? list.map(terraformLiteral) : undefined);
  const sources: Record<string, readonly string[]> = {};
  for (const [name, list] of [
    ['allowed_registries', config.allowedRegistries],
    ['blocked_registries', config.blockedRegistries],
    ['insecure_registries', config.insecureRegistries],
  ] as const) {
    const value = literals(list);
    if (value) {
      sources[name] = value;
    }
  }
  const imports = config.allowedRegistriesForImport ?? [];
  const cas = Object.entries(config.additionalTrustedCa ?? {});
  return {
    ...(Object.keys(sources).length > 0 ? { registry_sources: sources } : {}),
    ...(imports.length > 0 ? { allowed_registries_for_import: imports.map((location) => ({ domain_name: terraformLiteral(location.domainName), insecure: location.insecure })) } : {}),
    ...(cas.length > 0 ? { additional_trusted_ca: Object.fromEntries(cas.map(([key, pem]) => [key, terraformLiteral(pem)])) } : {}),
  };
}

/** A Terraform name for the mirror of `source`, before collisions are resolved. */
function baseName(source: string): string {
  const name = source
    .replace(/^\*\./, 'wildcard.')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(name) ? name : `mirror_${name}`;
}

/**
 * Terraform names (resource names, construct ids) for the image mirrors of these sources: the source with every run
 * of other characters than letters, digits, `_` and `-` written `_` (`quay.io/openshift` -> `quay_io_openshift`,
 * `*.example.com` -> `wildcard_example_com`). Sources that would share a name all get a suffix from a hash of the
 * source, so a name never depends on the order of the sources.
 */
export function rhcsImageMirrorNames(sources: readonly string[]): Map<string, string> {
  const bySource = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const source of new Set(sources)) {
    const name = baseName(source);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const source of new Set(sources)) {
    const name = baseName(source);
    bySource.set(source, (counts.get(name) ?? 0) > 1 ? `${name}_${createHash('sha256').update(source).digest('hex').slice(0, 8)}` : name);
  }
  return bySource;
}

/** The arguments of every `rhcs_image_mirror` of an export, by Terraform name, names sorted. */
export function rhcsImageMirrors(exported: RosaHcpExport, clusterId: string = clusterIdOf(exported.cluster)): Record<string, RhcsImageMirrorArguments> {
  const names = rhcsImageMirrorNames(exported.imageMirrors.map((mirror) => mirror.source));
  const entries = exported.imageMirrors.map((mirror): [string, RhcsImageMirrorArguments] => [names.get(mirror.source) as string, {
    cluster_id: clusterId,
    type: 'digest',
    source: terraformLiteral(mirror.source),
    mirrors: mirror.mirrors.map(terraformLiteral),
  }]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** `cluster_id` for a cluster given as a literal ID or as a `${...}` reference. */
function clusterIdOf(cluster: string): string {
  return isTerraformReference(cluster) ? cluster : terraformLiteral(cluster);
}

/**
 * The export as a Terraform JSON file (`*.tf.json`) to put next to the `rhcs_cluster_rosa_hcp` resource:
 * `locals.registry_config` (set `registry_config = local.registry_config` on the cluster) and one
 * `resource.rhcs_image_mirror.<name>` per mirrored source, with `cluster_id` set to the export's cluster (a literal ID,
 * or a reference such as `${rhcs_cluster_rosa_hcp.main.id}`).
 */
export function renderRhcsTerraformJson(exported: RosaHcpExport): string {
  return terraformJsonOf(rhcsRegistryConfig(exported.registryConfig), rhcsImageMirrors(exported));
}

/** The Terraform JSON file of {@link renderRhcsTerraformJson}, from the values already computed. */
function terraformJsonOf(registryConfig: RhcsRegistryConfig, mirrors: Readonly<Record<string, RhcsImageMirrorArguments>>): string {
  const document: Record<string, unknown> = {
    '//': 'Generated by `ocp-images export --target rhcs`. Set `registry_config = local.registry_config` on the rhcs_cluster_rosa_hcp resource. A registry change recreates every node of every machine pool.',
    locals: { registry_config: registryConfig },
    ...(Object.keys(mirrors).length > 0 ? { resource: { [RHCS_IMAGE_MIRROR]: mirrors } } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** What {@link exportRhcs} returns. */
export interface RhcsExport {
  /** The Terraform JSON file (`*.tf.json`): `locals.registry_config` and the `rhcs_image_mirror` resources. */
  readonly json: string;
  /** The `registry_config` attribute. */
  readonly registryConfig: RhcsRegistryConfig;
  /** The arguments of every `rhcs_image_mirror`, by Terraform name. */
  readonly imageMirrors: Readonly<Record<string, RhcsImageMirrorArguments>>;
  /** Warnings of the rules; the export is made anyway. */
  readonly warnings: RosaHcpExport['warnings'];
}

/**
 * The `rhcs` target: one cluster's configuration for the rhcs Terraform provider. `cluster` is the cluster ID or a
 * reference such as `${rhcs_cluster_rosa_hcp.main.id}`.
 * @throws ValidationError listing every error when ROSA HCP cannot carry the configuration (or it is invalid)
 */
export function exportRhcs(objects: readonly unknown[], options: RosaHcpExportOptions): RhcsExport {
  const exported = exportRosaHcp(objects, options);
  // The file holds the same registry_config and mirrors as the plain values: computed once, the file written from them.
  const registryConfig = rhcsRegistryConfig(exported.registryConfig);
  const imageMirrors = rhcsImageMirrors(exported);
  return {
    json: terraformJsonOf(registryConfig, imageMirrors),
    registryConfig,
    imageMirrors,
    warnings: exported.warnings,
  };
}
