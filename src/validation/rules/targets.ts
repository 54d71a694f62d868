/**
 * Rules of the hosted platforms, checked only when the configuration is meant for one (`CheckOptions.target`):
 * ROSA with hosted control planes, where the image configuration is set through OCM (the rosa CLI or the rhcs
 * Terraform provider), and HyperShift, where it is set in the `HostedCluster` on the management cluster. Each rule is
 * something the target cannot carry or refuses; `ocp-images export` refuses exactly what these rules report as errors.
 *
 * Facts (upstream sources): OCM's `ClusterRegistryConfig` and `ImageMirror` (openshift-online/ocm-api-model
 * model/clusters_mgmt/v1), the rosa CLI (openshift/rosa pkg/clusterregistryconfig, pkg/ocm/registry_config.go), Cluster
 * Service refusals seen in the rhcs e2e tests (terraform-redhat/terraform-provider-rhcs tests/e2e/cluster_edit_test.go),
 * and the HostedCluster API (openshift/hypershift api/hypershift/v1beta1/hostedcluster_types.go `ImageContentSource`,
 * support/globalconfig/imagecontentsource.go).
 */
import { IMAGE_KIND, OPENSHIFT_CONFIG_NAMESPACE } from '../../model/api/image';
import { ICSP_KIND, IDMS_KIND, ITMS_KIND } from '../../model/api/mirror-sets';
import { MirrorEntryRef, mirrorEntriesOf, mirrorKindInfo, mirrorsContainsARealMirror, NEVER_CONTACT_SOURCE } from '../../model/mirror-rules';
import { MergedMirrorSet, mergeMirrorRules } from '../../node-files/mirror-sets';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { CheckedObject, CheckTarget, CrossObjectCheck, CrossObjectContext, RuleModule } from '../rule-module';
import { codePointLength, fieldPath, indexPath } from '../schema';
import { clusterImages, registrySourcesOf, stringList, trustedCaConfigMaps, trustedCaNameOf } from './image';

/**
 * The HostedCluster's limits on `spec.imageContentSources` (kubebuilder markers of `ImageContentSource` and of the
 * list): entries, characters of a source or mirror, mirrors of one source.
 */
export const HOSTED_CLUSTER_MIRROR_LIMIT = 255;

export const TargetRules = {
  tagMirrors: defineRule({
    code: 'hosted-tag-mirrors', severity: 'error', source: 'api-server', kinds: [ITMS_KIND],
    summary: 'With `--target rosa-hcp` or `hypershift`: an `ImageTagMirrorSet` with mirrors. OCM image mirrors are digest only, and the HostedCluster\'s `imageContentSources` become one ImageDigestMirrorSet (a NodePool `spec.config` refuses ImageTagMirrorSets), so tag mirrors cannot be set.',
    fix: 'Pull these images by digest and mirror them with an `ImageDigestMirrorSet`, or remove the `ImageTagMirrorSet`.',
  }),
  neverContactSource: defineRule({
    code: 'hosted-never-contact-source', severity: 'error', source: 'api-server', kinds: [IDMS_KIND],
    summary: 'With `--target rosa-hcp` or `hypershift`: `mirrorSourcePolicy: NeverContactSource`. OCM image mirrors and HostedCluster `imageContentSources` carry no source policy: the source would stay reachable.',
    fix: 'Remove `mirrorSourcePolicy` (the source is then tried after the mirrors); to keep nodes off the source, add it to `blockedRegistries` instead.',
  }),
  mirrorTooLong: defineRule({
    code: 'hosted-mirror-too-long', severity: 'error', source: 'api-server', kinds: [IDMS_KIND, ICSP_KIND],
    summary: 'With `--target rosa-hcp` or `hypershift`: a mirror source or mirror longer than 255 characters; both platforms keep mirrors in the HostedCluster\'s `spec.imageContentSources`, which refuses longer values.',
    fix: 'Mirror a shorter repository path (a namespace or the registry instead of a long repository).',
  }),
  mirrorTooMany: defineRule({
    code: 'hosted-mirror-too-many', severity: 'error', source: 'api-server', kinds: [IDMS_KIND, ICSP_KIND],
    summary: 'With `--target rosa-hcp` or `hypershift`: more than 255 mirrored sources (after merging the mirror sets by source), or more than 255 mirrors for one source; the HostedCluster\'s `spec.imageContentSources` holds at most 255 of each.',
    fix: 'Mirror broader scopes (a registry or namespace instead of each repository) so fewer sources are needed, or drop mirrors.',
  }),
  mirrorRepeated: defineRule({
    code: 'hypershift-mirror-repeated', severity: 'error', source: 'api-server', kinds: [IDMS_KIND, ICSP_KIND],
    summary: 'With `--target hypershift`: a mirror listed twice for one source; the HostedCluster\'s `imageContentSources[].mirrors` is a set and the API server refuses duplicates.',
    fix: 'List each mirror once.',
  }),
  rosaImageField: defineRule({
    code: 'rosa-image-field-unsupported', severity: 'error', source: 'api-server', kinds: [IMAGE_KIND],
    summary: 'With `--target rosa-hcp`: the Image sets `containerRuntimeSearchRegistries`, `externalRegistryHostnames` or `imageStreamImportMode`, which OCM\'s registry configuration does not have (the Image itself is read-only inside a ROSA HCP cluster).',
    fix: 'Remove the field: use fully qualified image names instead of search registries; the other two cannot be set on ROSA HCP.',
  }),
  rosaBlockedInsecure: defineRule({
    code: 'rosa-blocked-and-insecure', severity: 'error', source: 'api-server', kinds: [IMAGE_KIND],
    summary: 'With `--target rosa-hcp`: a registry is both in `blockedRegistries` and in `insecureRegistries`; OCM refuses it ("Insecure registries should not include registries already present in blocked registries").',
    fix: 'Remove the registry from `insecureRegistries` (a blocked registry is never pulled from anyway).',
  }),
  rosaImportConflict: defineRule({
    code: 'rosa-import-domain-conflict', severity: 'error', source: 'api-server', kinds: [IMAGE_KIND],
    summary: 'With `--target rosa-hcp`: a domain appears twice in `allowedRegistriesForImport` with different `insecure` values; OCM refuses duplicate domains ("Duplicate domain ... in AllowedRegistriesForImport") and the rosa CLI keeps only one.',
    fix: 'Keep one entry per domain, with the `insecure` value you mean.',
  }),
  rosaImportInvalid: defineRule({
    code: 'rosa-import-domain-invalid', severity: 'error', source: 'api-server', kinds: [IMAGE_KIND],
    summary: 'With `--target rosa-hcp`: an `allowedRegistriesForImport` entry has no `domainName`, or one holding a comma or white space, which the rosa CLI\'s `domain:insecure` list cannot carry.',
    fix: 'Give every entry a `domainName` such as `registry.example.com` or `registry.example.com:5000`, or remove the entry.',
  }),
  rosaTrustedCaMissing: defineRule({
    code: 'rosa-trusted-ca-missing', severity: 'error', source: 'cluster', kinds: [IMAGE_KIND],
    summary: 'With `--target rosa-hcp`: the Image names an `additionalTrustedCA` ConfigMap that is not part of the configuration. On ROSA HCP the CAs are set through OCM as a map, not read from a ConfigMap inside the cluster, so they must be given.',
    fix: 'Add the ConfigMap (namespace `openshift-config`, keys `host` or `host..port`, values PEM) to the configuration, or remove `additionalTrustedCA`.',
  }),
};

/** A mirror entry of an `ImageDigestMirrorSet` or `ImageContentSourcePolicy` that the Machine Config Operator uses. */
export interface DigestMirrorEntry {
  readonly subject: CheckedObject;
  readonly entry: MirrorEntryRef;
  readonly source: string;
  /** The mirrors as given (strings only). */
  readonly mirrors: readonly string[];
}

/** What a hosted target carries of one configuration, read the way the Machine Config Operator reads it. */
export interface HostedConfiguration {
  /** The `Image` named `cluster`, when given. */
  readonly image?: CheckedObject;
  /** The ConfigMap the Image names in `additionalTrustedCA`, when given (in `openshift-config` or without namespace). */
  readonly trustedCa?: CheckedObject;
  /** The name in `additionalTrustedCA`, when the Image sets one. */
  readonly trustedCaName?: string;
  /** Every digest mirror entry with a real mirror (the others change nothing), in input order. */
  readonly digestEntries: readonly DigestMirrorEntry[];
  /** The digest mirrors merged per source (topological order, ties alphabetical), sorted by source. */
  readonly digestMirrors: readonly MergedMirrorSet[];
  /** `ImageTagMirrorSet` objects with at least one entry with a real mirror. */
  readonly tagMirrorSets: readonly CheckedObject[];
  /** Every other object: nothing a hosted target carries. */
  readonly unused: readonly CheckedObject[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Readings by list of checked objects. Both cross-object checks of this module and the export (`checkForTarget`) read
 * the engine's `checked` list of one run, which the engine no longer changes once the cross-object checks start: the
 * configuration (with its mirror merge) is read once per run instead of once per reader.
 */
const readings = new WeakMap<readonly CheckedObject[], HostedConfiguration>();

/**
 * Reads what a hosted target carries out of the engine's checked objects. The reading is kept for the list, so the
 * list must not change afterwards (the engine's never does).
 */
export function readHostedConfiguration(objects: readonly CheckedObject[]): HostedConfiguration {
  let configuration = readings.get(objects);
  if (configuration === undefined) {
    configuration = read(objects);
    readings.set(objects, configuration);
  }
  return configuration;
}

function read(objects: readonly CheckedObject[]): HostedConfiguration {
  const image = clusterImages(objects)[0] as CheckedObject | undefined;
  const trustedCaName = image ? trustedCaNameOf(image) : undefined;
  const trustedCa = trustedCaName === undefined ? undefined : trustedCaConfigMaps(objects, trustedCaName).read[0] as CheckedObject | undefined;
  const digestEntries: DigestMirrorEntry[] = [];
  const tagMirrorSets: CheckedObject[] = [];
  const unused: CheckedObject[] = [];
  for (const subject of objects) {
    const info = subject.known ? mirrorKindInfo(subject.kind) : undefined;
    if (subject === image || subject === trustedCa) {
      continue;
    }
    if (!info) {
      unused.push(subject);
      continue;
    }
    const real = mirrorEntriesOf(info.kind, subject.spec).filter((entry) => entry.source !== undefined && mirrorsContainsARealMirror(entry.source, stringList(entry.mirrors)));
    if (info.pulls === 'tag') {
      (real.length > 0 ? tagMirrorSets : unused).push(subject);
      continue;
    }
    if (real.length === 0) {
      unused.push(subject);
    }
    for (const entry of real) {
      digestEntries.push({ subject, entry, source: entry.source as string, mirrors: stringList(entry.mirrors) });
    }
  }
  const digestMirrors = mergeMirrorRules(digestEntries.map(({ source, mirrors, entry }) => ({
    source,
    mirrors,
    mirrorSourcePolicy: entry.policy === NEVER_CONTACT_SOURCE ? NEVER_CONTACT_SOURCE : '',
  })));
  return {
    ...(image ? { image } : {}),
    ...(trustedCa ? { trustedCa } : {}),
    ...(trustedCaName !== undefined ? { trustedCaName } : {}),
    digestEntries,
    digestMirrors,
    tagMirrorSets,
    unused,
  };
}

const TARGET_NAMES: Readonly<Record<CheckTarget, string>> = { 'rosa-hcp': 'ROSA HCP', 'hypershift': 'HyperShift' };

const hostedMirrorChecks: CrossObjectCheck = (objects, ctx) => {
  const target = ctx.options.target;
  if (target === undefined) {
    return;
  }
  const platform = TARGET_NAMES[target];
  const configuration = readHostedConfiguration(objects);
  for (const subject of configuration.tagMirrorSets) {
    ctx.report(subject, TargetRules.tagMirrors, 'spec.imageTagMirrors',
      `${subject.ref} mirrors pulls by tag, which ${platform} cannot carry: ${target === 'rosa-hcp' ? 'OCM image mirrors are of type `digest` only' : 'the HostedCluster\'s `imageContentSources` become one ImageDigestMirrorSet, and a NodePool `spec.config` refuses ImageTagMirrorSets'}.`);
  }
  for (const { subject, entry } of configuration.digestEntries) {
    if (entry.policy === NEVER_CONTACT_SOURCE) {
      ctx.report(subject, TargetRules.neverContactSource, `${entry.path}.mirrorSourcePolicy`,
        `\`${entry.path}\` (source ${quote(entry.source)}) sets \`NeverContactSource\`, which ${platform} cannot carry: its mirrors have no source policy, so the source would stay reachable.`);
    }
  }
  checkHostedClusterLimits(configuration, platform, ctx);
  if (target === 'hypershift') {
    checkRepeatedMirrors(configuration, ctx);
  }
};

function checkHostedClusterLimits(configuration: HostedConfiguration, platform: string, ctx: CrossObjectContext): void {
  const limit = HOSTED_CLUSTER_MIRROR_LIMIT;
  const where = `${platform} keeps mirrors in the HostedCluster's \`spec.imageContentSources\``;
  for (const { subject, entry, source } of configuration.digestEntries) {
    if (codePointLength(source) > limit) {
      ctx.report(subject, TargetRules.mirrorTooLong, `${entry.path}.source`,
        `Source ${quote(source)} is ${codePointLength(source)} characters long; ${where}, whose sources are at most ${limit}.`);
    }
    const raw = Array.isArray(entry.mirrors) ? entry.mirrors : [];
    raw.forEach((mirror, index) => {
      if (typeof mirror === 'string' && codePointLength(mirror) > limit) {
        ctx.report(subject, TargetRules.mirrorTooLong, indexPath(`${entry.path}.mirrors`, index),
          `Mirror ${quote(mirror)} is ${codePointLength(mirror)} characters long; ${where}, whose mirrors are at most ${limit}.`);
      }
    });
  }
  const sources = configuration.digestMirrors;
  if (sources.length > limit) {
    const first = configuration.digestEntries[0];
    ctx.report(first.subject, TargetRules.mirrorTooMany, `spec.${mirrorKindInfo(first.subject.kind)?.listField}`,
      `The mirror sets of this configuration mirror ${sources.length} sources (after merging the sets by source); ${where}, which holds at most ${limit}.`);
  }
  for (const merged of sources) {
    if (merged.mirrors.length > limit) {
      const first = configuration.digestEntries.find((candidate) => candidate.source === merged.source) as DigestMirrorEntry;
      ctx.report(first.subject, TargetRules.mirrorTooMany, `${first.entry.path}.mirrors`,
        `Source ${quote(merged.source)} has ${merged.mirrors.length} mirrors (after merging the mirror sets); ${where}, which holds at most ${limit} per source.`);
    }
  }
}

function checkRepeatedMirrors(configuration: HostedConfiguration, ctx: CrossObjectContext): void {
  for (const { subject, entry } of configuration.digestEntries) {
    const raw = Array.isArray(entry.mirrors) ? entry.mirrors : [];
    raw.forEach((mirror, index) => {
      const first = raw.indexOf(mirror);
      const at = indexPath(`${entry.path}.mirrors`, index);
      // An ImageDigestMirrorSet's list is a set already: its schema rule has said it.
      if (typeof mirror === 'string' && first < index && !ctx.hasErrorAt(subject, at)) {
        ctx.report(subject, TargetRules.mirrorRepeated, at,
          `\`${at}\` repeats mirror ${quote(mirror)}, already at \`${indexPath(`${entry.path}.mirrors`, first)}\`; the HostedCluster's \`imageContentSources[].mirrors\` is a set, so the API server refuses the repeat.`,
          `Remove \`${at}\`.`);
      }
    });
  }
}

const rosaImageChecks: CrossObjectCheck = (objects, ctx) => {
  if (ctx.options.target !== 'rosa-hcp') {
    return;
  }
  const configuration = readHostedConfiguration(objects);
  const image = configuration.image;
  if (!image) {
    return;
  }
  const spec = image.spec;
  const sources = registrySourcesOf(image);
  const unsupported: [string, unknown, boolean][] = [
    ['spec.registrySources.containerRuntimeSearchRegistries', sources.containerRuntimeSearchRegistries, Array.isArray(sources.containerRuntimeSearchRegistries) && sources.containerRuntimeSearchRegistries.length > 0],
    ['spec.externalRegistryHostnames', spec.externalRegistryHostnames, Array.isArray(spec.externalRegistryHostnames) && spec.externalRegistryHostnames.length > 0],
    ['spec.imageStreamImportMode', spec.imageStreamImportMode, typeof spec.imageStreamImportMode === 'string' && spec.imageStreamImportMode !== ''],
  ];
  for (const [path, value, set] of unsupported) {
    if (set) {
      ctx.report(image, TargetRules.rosaImageField, path,
        `\`${path}\` is ${quote(value)}, but OCM's registry configuration for ROSA HCP has no such field (the Image is read-only inside the cluster), so it cannot be set.`,
        path.endsWith('containerRuntimeSearchRegistries')
          ? 'Remove it and use fully qualified image names (`registry.example.com/team/app`).'
          : `Remove \`${path}\`: ROSA HCP cannot set it.`);
    }
  }
  const blocked = stringList(sources.blockedRegistries);
  stringList(sources.insecureRegistries).forEach((entry, index) => {
    if (blocked.includes(entry)) {
      const at = indexPath('spec.registrySources.insecureRegistries', index);
      ctx.report(image, TargetRules.rosaBlockedInsecure, at,
        `Registry ${quote(entry)} is both blocked (\`spec.registrySources.blockedRegistries[${blocked.indexOf(entry)}]\`) and insecure (\`${at}\`); OCM refuses this: "Insecure registries should not include registries already present in blocked registries".`,
        `Remove \`${at}\`.`);
    }
  });
  const imports = Array.isArray(spec.allowedRegistriesForImport) ? spec.allowedRegistriesForImport : [];
  const seen = new Map<string, { index: number; insecure: boolean }>();
  imports.forEach((location: unknown, index) => {
    const at = indexPath('spec.allowedRegistriesForImport', index);
    const domain = isRecord(location) ? location.domainName : undefined;
    if (typeof domain !== 'string' || domain === '' || /[,\s]/.test(domain)) {
      ctx.report(image, TargetRules.rosaImportInvalid, fieldPath(at, 'domainName'),
        typeof domain !== 'string' || domain === ''
          ? `\`${at}\` has no \`domainName\`; on ROSA HCP an import location is \`domain:insecure\`, so the entry cannot be set.`
          : `\`${at}.domainName\` is ${quote(domain)}; the rosa CLI reads the import list as comma-separated \`domain:insecure\` items, so a domain cannot hold a comma or white space.`);
      return;
    }
    const insecure = isRecord(location) && location.insecure === true;
    const earlier = seen.get(domain);
    if (earlier === undefined) {
      seen.set(domain, { index, insecure });
    } else if (earlier.insecure !== insecure) {
      ctx.report(image, TargetRules.rosaImportConflict, at,
        `Domain ${quote(domain)} is listed at \`spec.allowedRegistriesForImport[${earlier.index}]\` with \`insecure: ${earlier.insecure}\` and again at \`${at}\` with \`insecure: ${insecure}\`; OCM refuses a domain twice ("Duplicate domain"), and the rosa CLI would keep only one of them.`,
        `Keep one entry for ${quote(domain)}.`);
    }
  });
  if (configuration.trustedCaName !== undefined && !configuration.trustedCa) {
    ctx.report(image, TargetRules.rosaTrustedCaMissing, 'spec.additionalTrustedCA.name',
      `\`spec.additionalTrustedCA.name\` is ${quote(configuration.trustedCaName)}, but no ConfigMap of that name in \`${OPENSHIFT_CONFIG_NAMESPACE}\` is part of the configuration; ROSA HCP takes the CAs themselves through OCM, so they must be given.`);
  }
};

export const targetRulesModule: RuleModule = {
  name: 'targets',
  description: 'Hosted platforms, only with a target (`validate --target`, `export`): what ROSA HCP (OCM: the rosa CLI, the rhcs Terraform provider) and HyperShift (the `HostedCluster`) cannot carry or refuse.',
  rules: Object.values(TargetRules),
  crossObjectChecks: [hostedMirrorChecks, rosaImageChecks],
};
