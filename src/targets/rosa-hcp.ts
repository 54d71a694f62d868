/**
 * ROSA with hosted control planes: the `Image` named `cluster` is read-only inside the cluster, and its registry
 * settings are set through OCM (the rosa CLI, or the rhcs Terraform provider); mirrors are OCM image mirrors, one per
 * source, of type `digest`. This module turns one cluster's configuration into that model; `rosa-cli.ts` and
 * `rhcs.ts` write it for each tool.
 *
 * OCM's model (openshift-online/ocm-api-model `ClusterRegistryConfig`, `ImageMirror`): registry sources (allowed,
 * blocked, insecure), import locations `{domain_name, insecure}`, trusted CAs as a map `host` (or `host..port`) -> PEM.
 */
import { Finding } from '../validation/finding';
import { registrySourcesOf } from '../validation/rules/image';
import { HostedConfiguration } from '../validation/rules/targets';
import { checkForTarget, distinctStrings, mapOutcome, resultOrThrow, sortedStringData, TargetCheckOptions, TargetExportOutcome } from './outcome';

/** Options of a ROSA HCP export. */
export interface RosaHcpExportOptions extends TargetCheckOptions {
  /**
   * The cluster: its name or ID for the rosa CLI; for Terraform, a literal ID or a reference such as
   * `${rhcs_cluster_rosa_hcp.main.id}`.
   */
  readonly cluster: string;
}

/** A registry image streams may import from (OCM `RegistryLocation`). */
export interface RosaRegistryLocation {
  /** Domain, with the port when it is not 80 or 443; may hold `*` and `?` wildcards. */
  readonly domainName: string;
  /** Whether the registry is reached over plain HTTP. */
  readonly insecure: boolean;
}

/**
 * OCM's registry configuration of the cluster, as the Image says it. A list that is `undefined` is left as it is on the
 * cluster (the Image does not mention it); an empty list clears it (OCM counts an empty list as unset). Duplicates are
 * removed (OCM refuses them), the first occurrence keeping its place.
 */
export interface RosaHcpRegistryConfig {
  /** `registry_sources.allowed_registries`. @default - unchanged */
  readonly allowedRegistries?: readonly string[];
  /** `registry_sources.blocked_registries`. @default - unchanged */
  readonly blockedRegistries?: readonly string[];
  /** `registry_sources.insecure_registries`. @default - unchanged */
  readonly insecureRegistries?: readonly string[];
  /** `allowed_registries_for_import`. @default - unchanged */
  readonly allowedRegistriesForImport?: readonly RosaRegistryLocation[];
  /** `additional_trusted_ca`: keys `host` or `host..port`, values PEM, keys sorted. @default - unchanged */
  readonly additionalTrustedCa?: Readonly<Record<string, string>>;
}

/** One OCM image mirror: a source and its mirrors, in the order they are tried. */
export interface RosaHcpImageMirror {
  /** Always `digest`, the only type OCM has. */
  readonly type: 'digest';
  readonly source: string;
  readonly mirrors: readonly string[];
}

/** One cluster's image configuration in OCM's terms. */
export interface RosaHcpExport {
  /** The cluster, as given. */
  readonly cluster: string;
  /** The registry configuration; absent when the configuration has no `Image`. */
  readonly registryConfig?: RosaHcpRegistryConfig;
  /** One image mirror per source (the mirror sets merged by source), sorted by source. */
  readonly imageMirrors: readonly RosaHcpImageMirror[];
  /** Warnings of the rule engine (with the `rosa-hcp` target); the export is made anyway. */
  readonly warnings: readonly Finding[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A registry list of the Image: `undefined` when the Image leaves it out, the distinct entries otherwise. */
function registryList(sources: Record<string, unknown>, field: string): string[] | undefined {
  return Object.prototype.hasOwnProperty.call(sources, field) ? distinctStrings(sources[field]) : undefined;
}

/** The registry configuration of a checked configuration (no error in it). */
function registryConfigOf(configuration: HostedConfiguration): RosaHcpRegistryConfig | undefined {
  const image = configuration.image;
  if (!image) {
    return undefined;
  }
  const spec = image.spec;
  const sources = registrySourcesOf(image);
  const allowedRegistries = registryList(sources, 'allowedRegistries');
  const blockedRegistries = registryList(sources, 'blockedRegistries');
  const insecureRegistries = registryList(sources, 'insecureRegistries');
  let allowedRegistriesForImport: RosaRegistryLocation[] | undefined;
  if (Object.prototype.hasOwnProperty.call(spec, 'allowedRegistriesForImport')) {
    const seen = new Set<string>();
    allowedRegistriesForImport = [];
    for (const location of Array.isArray(spec.allowedRegistriesForImport) ? spec.allowedRegistriesForImport : []) {
      // The target rules have refused entries without a domain, and a domain twice with different flags.
      if (isRecord(location) && typeof location.domainName === 'string' && !seen.has(location.domainName)) {
        seen.add(location.domainName);
        allowedRegistriesForImport.push({ domainName: location.domainName, insecure: location.insecure === true });
      }
    }
  }
  let additionalTrustedCa: Record<string, string> | undefined;
  if (Object.prototype.hasOwnProperty.call(spec, 'additionalTrustedCA')) {
    // The target rules have made sure the ConfigMap is given when the Image names one; `name: ""` names none.
    additionalTrustedCa = sortedStringData(configuration.trustedCa?.object);
  }
  return {
    ...(allowedRegistries ? { allowedRegistries } : {}),
    ...(blockedRegistries ? { blockedRegistries } : {}),
    ...(insecureRegistries ? { insecureRegistries } : {}),
    ...(allowedRegistriesForImport ? { allowedRegistriesForImport } : {}),
    ...(additionalTrustedCa ? { additionalTrustedCa } : {}),
  };
}

/**
 * Checks one cluster's configuration (plain API objects: the `Image` named `cluster`, `ImageDigestMirrorSet`s,
 * `ImageContentSourcePolicy`s and the trusted-CA ConfigMap; other kinds are passed over) with the `rosa-hcp` rules and,
 * when nothing is wrong, turns it into OCM's model. Never throws for bad input: errors are in the outcome.
 */
export function tryExportRosaHcp(objects: readonly unknown[], options: RosaHcpExportOptions): TargetExportOutcome<RosaHcpExport> {
  const outcome = checkForTarget(objects, 'rosa-hcp', options);
  return mapOutcome(outcome, (configuration) => {
    const registryConfig = registryConfigOf(configuration);
    return {
      cluster: options.cluster,
      ...(registryConfig ? { registryConfig } : {}),
      imageMirrors: configuration.digestMirrors.map((set) => ({ type: 'digest' as const, source: set.source, mirrors: [...set.mirrors] })),
      warnings: outcome.warnings.map(({ index: _index, ...finding }) => finding),
    };
  });
}

/**
 * One cluster's image configuration in OCM's terms, for the rosa CLI (`renderRosaCliScript`) or the rhcs Terraform
 * provider (`renderRhcsTerraformJson`, or the `RosaHcpImageConfiguration` construct of `cdk-openshift-images/rosa`).
 *
 * @example
 * const exported = exportRosaHcp(objects, { cluster: 'my-cluster' });
 * process.stdout.write(renderRosaCliScript(exported, { trustedCaFile: 'my-cluster-registry-trusted-ca.json' }));
 * @throws ValidationError listing every error when ROSA HCP cannot carry the configuration (or it is invalid)
 */
export function exportRosaHcp(objects: readonly unknown[], options: RosaHcpExportOptions): RosaHcpExport {
  return resultOrThrow(tryExportRosaHcp(objects, options));
}
