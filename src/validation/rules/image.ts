/**
 * Rules of `config.openshift.io/v1` `Image` (and the trusted-CA ConfigMap it names): the CRD schema and CEL rules
 * restated, plus the documented foot-guns of the registry lists.
 */
import { isHostAndOptionalPort, isDns1123Subdomain, isTrustedCaKey } from '../../model/dns';
import { CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND, OPENSHIFT_CONFIG_NAMESPACE } from '../../model/api/image';
import { checkCertificateBundle } from '../../model/pem';
import { describeScopeProblem, diagnoseScope, enclosingScopes, scopeIsNestedInsideScope } from '../../model/registry-scope';
import { mirrorEntriesOf, mirrorKindInfo } from '../../model/mirror-rules';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { CheckedObject, CrossObjectCheck, KindDefinition, ObjectCheckContext, RuleModule } from '../rule-module';
import { fieldPath, indexPath, NodeCheck, report, s } from '../schema';

const IMAGE = [IMAGE_KIND];

export const ImageRules = {
  scopeInvalid: defineRule({
    code: 'registry-scope-invalid', severity: 'error', source: 'api-server', kinds: IMAGE, schemaLevel: true,
    summary: 'An entry of `insecureRegistries`, `blockedRegistries` or `allowedRegistries` is not a `host[:port][/path]` or `*.host` scope: empty, with a tag or digest, a misplaced wildcard, or an upper-case path.',
    fix: 'Write the registry, namespace or repository without tag or digest, e.g. `registry.example.com:5000/team`, or `*.example.com` for every sub-domain.',
  }),
  exclusiveLists: defineRule({
    code: 'registry-sources-exclusive', severity: 'error', source: 'api-server', kinds: IMAGE, schemaLevel: true,
    summary: '`allowedRegistries` and `blockedRegistries` are both set (the API: "Only one of blockedRegistries or allowedRegistries may be set"), even when one of them is empty; with `--target rosa-hcp` only when both are non-empty (OCM counts an empty list as unset).',
    fix: 'Keep one of the two lists: an allow list, or a block list.',
  }),
  trustedCaName: defineRule({
    code: 'trusted-ca-name-invalid', severity: 'error', source: 'cluster', kinds: IMAGE,
    summary: '`additionalTrustedCA.name` is empty or not a valid ConfigMap name, so it can never name a ConfigMap.',
    fix: 'Name a ConfigMap in `openshift-config` (lower-case DNS-1123 name).',
  }),
  trustedCaNamespace: defineRule({
    code: 'trusted-ca-namespace', severity: 'error', source: 'cluster', kinds: ['ConfigMap'],
    summary: 'The ConfigMap that `additionalTrustedCA` names is given, but not in `openshift-config`, the only namespace the cluster reads it from.',
    fix: 'Put the ConfigMap in the `openshift-config` namespace.',
  }),
  trustedCaKey: defineRule({
    code: 'trusted-ca-key-invalid', severity: 'error', source: 'documentation', kinds: ['ConfigMap'],
    summary: 'A key of the trusted-CA ConfigMap is not a registry host: `host` or `host..port` (`..` stands for `:`).',
    fix: 'Key each CA by the registry host it is for, e.g. `registry.example.com` or `registry.example.com..5000`.',
  }),
  trustedCaValue: defineRule({
    code: 'trusted-ca-not-pem', severity: 'error', source: 'documentation', kinds: ['ConfigMap'],
    summary: 'A value of the trusted-CA ConfigMap is not one or more PEM `CERTIFICATE` blocks that parse as X.509.',
    fix: 'Paste the registry CA certificate(s) in PEM form (`-----BEGIN CERTIFICATE-----` ...).',
  }),
  trustedCaPrivateKey: defineRule({
    code: 'trusted-ca-private-key', severity: 'error', source: 'documentation', kinds: ['ConfigMap'],
    summary: 'A value of the trusted-CA ConfigMap holds a private key, which would be published in a ConfigMap readable by many.',
    fix: 'Remove the private key; the ConfigMap takes CA certificates only. Rotate the key: it has been exposed.',
  }),
  trustedCaPropsConflict: defineRule({
    code: 'trusted-ca-props-conflict', severity: 'error', source: 'cluster', kinds: IMAGE,
    summary: 'An `ImageConfig` construct is given both `additionalTrustedCA` (a ConfigMap you manage) and `trustedCAs` (a ConfigMap the construct creates); the Image can name only one.',
    fix: 'Use `trustedCAs` (and `addTrustedCA()`) for CAs the construct should publish, or `additionalTrustedCA` for a ConfigMap managed elsewhere, not both.',
  }),
  allowedMissingPlatform: defineRule({
    code: 'allowed-registries-missing-platform', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: '`allowedRegistries` leaves out a registry the platform pulls from (`quay.io`, `registry.redhat.io`, the internal registry); pods of the platform then fail to pull.',
    fix: 'Add `quay.io`, `registry.redhat.io` and `image-registry.openshift-image-registry.svc:5000` (or narrower scopes you know are enough) to `allowedRegistries`.',
  }),
  allowedMissingMirror: defineRule({
    code: 'allowed-registries-missing-mirror', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'A mirror of an `ImageDigestMirrorSet`, `ImageTagMirrorSet` or `ImageContentSourcePolicy` is not covered by `allowedRegistries`; pulls through it are rejected.',
    fix: 'Add the mirror registry (or a scope covering it) to `allowedRegistries`.',
  }),
  blockedPlatform: defineRule({
    code: 'blocked-registries-platform', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: '`blockedRegistries` blocks `quay.io` or `registry.redhat.io` (or part of them), which the platform pulls from; operator pods end in ImagePullBackOff.',
    fix: 'Remove the platform registry from `blockedRegistries`; for a disconnected cluster, mirror it instead.',
  }),
  insecureNotAllowed: defineRule({
    code: 'insecure-registry-not-allowed', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'An insecure registry is not in `allowedRegistries` although that list is set; pulls from it are rejected.',
    fix: 'Add the insecure registry to `allowedRegistries` too.',
  }),
  insecure: defineRule({
    code: 'insecure-registry', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'A registry is reached without TLS verification; the documentation advises against insecure registries.',
    fix: 'Give the registry a certificate, and trust its CA through `additionalTrustedCA` instead.',
  }),
  searchPublic: defineRule({
    code: 'search-registry-public', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'A public registry is in `containerRuntimeSearchRegistries`: short names may resolve to an image someone else published, and the global pull secret is sent to every registry searched.',
    fix: 'Search only registries you control, or use fully qualified image names.',
  }),
  searchFormat: defineRule({
    code: 'search-registry-format', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'An entry of `containerRuntimeSearchRegistries` is not a `hostname[:port]` (the API documents the format but does not enforce it on entries).',
    fix: 'List registry hosts only, e.g. `registry.example.com:5000`.',
  }),
  externalHostname: defineRule({
    code: 'external-registry-hostname-format', severity: 'warning', source: 'documentation', kinds: IMAGE,
    summary: 'An entry of `externalRegistryHostnames` is not a `hostname[:port]`.',
    fix: 'Write the route host of the internal registry, e.g. `registry.apps.example.com`.',
  }),
};

/** Registries the platform itself pulls from, which allow and block lists must respect. */
export const PLATFORM_REGISTRIES = ['quay.io', 'registry.redhat.io'] as const;
/** The internal image registry service. */
export const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000';

/** Public registries that must not be searched for short names. */
const PUBLIC_REGISTRIES = [
  'docker.io', 'index.docker.io', 'registry-1.docker.io', 'quay.io', 'registry.redhat.io', 'registry.access.redhat.com',
  'ghcr.io', 'gcr.io', 'registry.k8s.io', 'k8s.gcr.io', 'public.ecr.aws', 'mcr.microsoft.com', 'registry.gitlab.com',
  'registry.fedoraproject.org', 'registry.centos.org', 'docker.elastic.co', 'nvcr.io',
];

const scopeEntry: NodeCheck = (value: string, path, ctx) => {
  const problem = diagnoseScope(value, true);
  if (problem) {
    report(ctx, ImageRules.scopeInvalid, path, `\`${path}\` is ${quote(value)}, which ${describeScopeProblem(problem)}. The API server rejects it: "each registry must be a valid hostname[:port][/path] or wildcard *.hostname format without tags or digests".`);
  }
};

const registryList = s.array(s.string({ maxLength: 256, checks: [scopeEntry], describe: 'a registry scope' }), { maxItems: 1024, listType: 'atomic' });

const exclusiveLists = (value: Record<string, unknown>, path: string, ctx: ObjectCheckContext) => {
  const empty = (list: unknown) => list === undefined || list === null || (Array.isArray(list) && list.length === 0);
  if (ctx.options.target === 'rosa-hcp' && (empty(value.blockedRegistries) || empty(value.allowedRegistries))) {
    // OCM (rosa, rhcs) counts an empty list as unset: only two non-empty lists conflict there.
    return;
  }
  if (value.blockedRegistries !== undefined && value.blockedRegistries !== null && value.allowedRegistries !== undefined && value.allowedRegistries !== null) {
    const emptyOne = Array.isArray(value.blockedRegistries) && value.blockedRegistries.length === 0 ? 'blockedRegistries'
      : Array.isArray(value.allowedRegistries) && value.allowedRegistries.length === 0 ? 'allowedRegistries' : undefined;
    report(ctx, ImageRules.exclusiveLists, path,
      `\`${path}\` sets both \`allowedRegistries\` (${quote(value.allowedRegistries)}) and \`blockedRegistries\` (${quote(value.blockedRegistries)}); the API server rejects this: "Only one of blockedRegistries or allowedRegistries may be set".`,
      emptyOne ? `Remove the empty \`${emptyOne}\`: the API checks presence, so even an empty list counts.` : 'Keep one list: allow only what you list, or block what you list.');
  }
};

const trustedCaName: NodeCheck = (value: Record<string, unknown>, path, ctx) => {
  if (typeof value.name === 'string' && !isDns1123Subdomain(value.name)) {
    report(ctx, ImageRules.trustedCaName, fieldPath(path, 'name'), `\`${fieldPath(path, 'name')}\` is ${quote(value.name)}, which cannot be the name of a ConfigMap (lower-case DNS-1123 subdomain).`);
  }
};

const imageSpecSchema = s.object({
  allowedRegistriesForImport: s.array(s.object({ domainName: s.string(), insecure: s.boolean() }), { listType: 'atomic' }),
  externalRegistryHostnames: s.array(s.string(), { listType: 'atomic' }),
  additionalTrustedCA: s.object({ name: s.string() }, { required: ['name'], checks: [trustedCaName] }),
  registrySources: s.object({
    insecureRegistries: registryList,
    blockedRegistries: registryList,
    allowedRegistries: registryList,
    containerRuntimeSearchRegistries: s.array(s.string(), { minItems: 1, listType: 'set' }),
  }),
  imageStreamImportMode: s.string({ enum: ['', 'Legacy', 'PreserveOriginal'] }),
});

/** The strings of a list field (anything else in it is a schema error already); `[]` when it is not a list. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** `spec.registrySources` of an Image, `{}` when it is not an object. */
export function registrySourcesOf(subject: CheckedObject): Record<string, unknown> {
  const sources = subject.spec.registrySources;
  return typeof sources === 'object' && sources !== null && !Array.isArray(sources) ? (sources as Record<string, unknown>) : {};
}

/** The host (with port) of a scope: what comes before the first `/`. */
function hostOf(scope: string): string {
  return scope.split('/')[0];
}

/** Whether some entry of `list` covers `registry`, or reaches into it (a narrower scope on the same host). */
function mentionsRegistry(list: string[], registry: string): boolean {
  return list.some((entry) => scopeIsNestedInsideScope(registry, entry) || hostOf(entry) === registry);
}

const imageKind: KindDefinition = {
  apiVersion: IMAGE_API_VERSION,
  kind: IMAGE_KIND,
  clusterScoped: true,
  singletonName: CLUSTER_SINGLETON_NAME,
  specSchema: imageSpecSchema,
  checks: [
    (subject, ctx) => {
      const sources = registrySourcesOf(subject);
      const base = 'spec.registrySources';
      // A check of the object rather than of the schema node: on ROSA HCP the rule differs (`ctx.options.target`).
      if (typeof subject.spec.registrySources === 'object' && subject.spec.registrySources !== null && !Array.isArray(subject.spec.registrySources)) {
        exclusiveLists(sources, base, ctx);
      }
      const allowed = stringList(sources.allowedRegistries);
      const blocked = stringList(sources.blockedRegistries);
      const insecure = stringList(sources.insecureRegistries);
      const search = stringList(sources.containerRuntimeSearchRegistries);

      if (Array.isArray(sources.allowedRegistries)) {
        const missing = [...PLATFORM_REGISTRIES, INTERNAL_REGISTRY].filter((registry) => !mentionsRegistry(allowed, registry));
        // On ROSA HCP the platform allowlist adds Red Hat's registries to any allow list.
        if (missing.length > 0 && ctx.options.target !== 'rosa-hcp') {
          report(ctx, ImageRules.allowedMissingPlatform, `${base}.allowedRegistries`,
            `\`${base}.allowedRegistries\` (${quote(allowed)}) does not allow ${missing.map((m) => quote(m)).join(', ')}; everything not listed is rejected, including images the platform and its operators pull.`,
            `Add ${missing.map((m) => `\`${m}\``).join(', ')} to \`allowedRegistries\`, or acknowledge this warning if your mirrors make them unnecessary.`);
        }
        insecure.forEach((entry, index) => {
          if (!allowed.some((scope) => scopeIsNestedInsideScope(entry, scope))) {
            report(ctx, ImageRules.insecureNotAllowed, indexPath(`${base}.insecureRegistries`, index),
              `Insecure registry ${quote(entry)} is not covered by \`${base}.allowedRegistries\`, so pulls from it are rejected anyway.`,
              `Add ${quote(entry)} to \`allowedRegistries\`.`);
          }
        });
      }
      blocked.forEach((entry, index) => {
        const hit = PLATFORM_REGISTRIES.filter((registry) => scopeIsNestedInsideScope(registry, entry) || scopeIsNestedInsideScope(entry, registry));
        if (hit.length > 0) {
          report(ctx, ImageRules.blockedPlatform, indexPath(`${base}.blockedRegistries`, index),
            `Blocked entry ${quote(entry)} blocks ${hit.map((h) => quote(h)).join(' and ')}, which the platform pulls from.`,
            'Remove it from `blockedRegistries`; for a disconnected cluster, add an ImageDigestMirrorSet for the payload instead.');
        }
      });
      insecure.forEach((entry, index) => {
        report(ctx, ImageRules.insecure, indexPath(`${base}.insecureRegistries`, index),
          `Registry ${quote(entry)} is configured as insecure: pulls from it skip TLS verification.`);
      });
      search.forEach((entry, index) => {
        const at = indexPath(`${base}.containerRuntimeSearchRegistries`, index);
        if (!isHostAndOptionalPort(entry)) {
          report(ctx, ImageRules.searchFormat, at, `Search registry ${quote(entry)} is not a \`hostname[:port]\`.`);
        } else if (PUBLIC_REGISTRIES.includes(entry.toLowerCase())) {
          report(ctx, ImageRules.searchPublic, at,
            `Search registry ${quote(entry)} is public: an unqualified image name may resolve to an image anyone published there, and the global pull secret is sent to it.`);
        }
      });
      stringList(subject.spec.externalRegistryHostnames).forEach((entry, index) => {
        if (!isHostAndOptionalPort(entry)) {
          report(ctx, ImageRules.externalHostname, indexPath('spec.externalRegistryHostnames', index), `External registry host name ${quote(entry)} is not a \`hostname[:port]\`.`);
        }
      });
    },
  ],
};

/** Every mirror location of every mirror set, with where it is declared. */
function mirrorLocations(objects: readonly CheckedObject[]): { mirror: string; subject: CheckedObject; path: string }[] {
  return objects.flatMap((subject) => {
    const info = subject.known ? mirrorKindInfo(subject.kind) : undefined;
    return info ? mirrorEntriesOf(info.kind, subject.spec).flatMap((entry) =>
      stringList(entry.mirrors).map((mirror, index) => ({ mirror, subject, path: `${entry.path}.mirrors[${index}]` }))) : [];
  });
}

/** The `Image` objects the cluster reads (named `cluster`): rules about what the cluster does look only at them. */
export function clusterImages(objects: readonly CheckedObject[]): CheckedObject[] {
  return objects.filter((subject) => subject.known && subject.kind === IMAGE_KIND && subject.name === CLUSTER_SINGLETON_NAME);
}

const allowedMissingMirror: CrossObjectCheck = (objects, ctx) => {
  for (const image of clusterImages(objects)) {
    const sources = registrySourcesOf(image);
    if (!Array.isArray(sources.allowedRegistries)) {
      continue;
    }
    // A mirror is covered when one of the scopes that enclose it is allowed: a lookup per enclosing scope (a
    // property test holds `enclosingScopes` equal to `scopeIsNestedInsideScope`), not a scan of the list per mirror.
    const allowed = new Set(stringList(sources.allowedRegistries));
    const reported = new Set<string>();
    for (const { mirror, subject, path } of mirrorLocations(objects)) {
      if (!reported.has(mirror) && !enclosingScopes(mirror).some((scope) => allowed.has(scope))) {
        reported.add(mirror);
        ctx.report(image, ImageRules.allowedMissingMirror, 'spec.registrySources.allowedRegistries',
          `Mirror ${quote(mirror)} (${subject.ref} ${path}) is not covered by \`allowedRegistries\`; images pulled through it are rejected.`,
          `Add ${quote(hostOf(mirror))} (or a narrower scope covering ${quote(mirror)}) to \`allowedRegistries\`.`);
      }
    }
  }
};

/** The ConfigMap an Image names in `additionalTrustedCA`; `undefined` when it names none (no name, or `name: ""`). */
export function trustedCaNameOf(image: CheckedObject): string | undefined {
  const reference = image.spec.additionalTrustedCA as { name?: unknown } | undefined;
  return typeof reference?.name === 'string' && reference.name !== '' ? reference.name : undefined;
}

/**
 * The `v1` ConfigMaps named `name`, in input order, and those of them the cluster reads as the trusted-CA ConfigMap:
 * in `openshift-config`, or without a namespace (applied there).
 */
export function trustedCaConfigMaps(objects: readonly CheckedObject[], name: string): { readonly named: CheckedObject[]; readonly read: CheckedObject[] } {
  const named = objects.filter((subject) => subject.kind === 'ConfigMap' && subject.apiVersion === 'v1' && subject.name === name);
  const read = named.filter((subject) => [undefined, OPENSHIFT_CONFIG_NAMESPACE].includes(subject.object.metadata?.namespace as string | undefined));
  return { named, read };
}

const trustedCaConfigMap: CrossObjectCheck = (objects, ctx) => {
  for (const image of clusterImages(objects)) {
    const name = trustedCaNameOf(image);
    if (name === undefined) {
      continue;
    }
    const { named: candidates, read: inConfigNamespace } = trustedCaConfigMaps(objects, name);
    const namespaceOf = (subject: CheckedObject) => subject.object.metadata?.namespace;
    if (candidates.length > 0 && inConfigNamespace.length === 0) {
      for (const subject of candidates) {
        ctx.report(subject, ImageRules.trustedCaNamespace, 'metadata.namespace',
          `ConfigMap ${quote(name)} is named by ${image.ref} \`spec.additionalTrustedCA\` but lives in namespace ${quote(namespaceOf(subject))}; the cluster only reads it from ${quote(OPENSHIFT_CONFIG_NAMESPACE)}.`,
          `Set \`metadata.namespace: ${OPENSHIFT_CONFIG_NAMESPACE}\`.`);
      }
    }
    for (const subject of inConfigNamespace) {
      checkTrustedCaData(subject, ctx.report.bind(ctx));
    }
  }
};

function checkTrustedCaData(subject: CheckedObject, reportOn: (subject: CheckedObject, rule: typeof ImageRules.trustedCaKey, path: string, message: string, hint?: string) => void): void {
  const data = subject.object.data;
  if (typeof data !== 'object' || data === null) {
    return;
  }
  for (const [key, value] of Object.entries(data as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = fieldPath('data', key);
    if (!isTrustedCaKey(key)) {
      const hint = /:[0-9]+$/.test(key) ? `Write ${quote(key.replace(/:([0-9]+)$/, '..$1'))}: a ConfigMap key cannot hold \`:\`, so the port is separated by \`..\`.` : undefined;
      reportOn(subject, ImageRules.trustedCaKey, at, `Key ${quote(key)} of the trusted-CA ConfigMap is not a registry host (\`host\` or \`host..port\`).`, hint);
    }
    const problem = typeof value === 'string' ? checkCertificateBundle(value) : 'no-certificate';
    if (problem === 'private-key') {
      reportOn(subject, ImageRules.trustedCaPrivateKey, at, `The value of ${quote(key)} contains a PEM private key.`);
    } else if (problem) {
      const detail = problem === 'no-certificate' ? 'has no PEM certificate block' : problem === 'other-block' ? 'holds PEM blocks other than CERTIFICATE' : 'has a CERTIFICATE block that does not parse as X.509';
      reportOn(subject, ImageRules.trustedCaValue, at, `The value of ${quote(key)} ${detail}.`);
    }
  }
}

export const imageRulesModule: RuleModule = {
  name: 'image',
  description: '`config.openshift.io/v1` `Image` named `cluster` and the trusted-CA ConfigMap it names.',
  rules: Object.values(ImageRules),
  kinds: [imageKind],
  crossObjectChecks: [allowedMissingMirror, trustedCaConfigMap],
};
