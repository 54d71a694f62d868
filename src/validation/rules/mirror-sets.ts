/**
 * Rules of the repository mirroring kinds: `ImageDigestMirrorSet`, `ImageTagMirrorSet` (CRD schema restated) and the
 * deprecated `ImageContentSourcePolicy` (no CRD validation; the Machine Config Operator checks its formats), plus the
 * Machine Config Operator's checks across all of them.
 */
import {
  ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy,
} from '../../model/api/mirror-sets';
import { describeScopeProblem, diagnoseScope, enclosingScopes, isValidMirror, isWildcardScope } from '../../model/registry-scope';
import { IMAGE_API_VERSION, IMAGE_KIND } from '../../model/api/image';
import { CheckedObject, registerCrossObjectCheck, registerKind } from '../engine';
import { MirrorSetEntry, mirrorSetEntries } from './mirror-set-entries';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { indexPath, NodeCheck, report, s } from '../schema';

const SETS = [IDMS_KIND, ITMS_KIND];
const ALL = [IDMS_KIND, ITMS_KIND, ICSP_KIND];

export const MirrorRules = {
  sourceInvalid: defineRule({
    code: 'mirror-source-invalid', severity: 'error', source: 'api-server', kinds: SETS, schemaLevel: true,
    summary: 'A mirror set `source` is not `host[:port][/path]` or `*.host`.',
    fix: 'Write the mirrored registry, namespace or repository without tag or digest; a wildcard only as `*.host`.',
  }),
  mirrorInvalid: defineRule({
    code: 'mirror-invalid', severity: 'error', source: 'api-server', kinds: SETS, schemaLevel: true,
    summary: 'A mirror is not a concrete `host[:port][/path]` (mirrors never take wildcards, tags or digests).',
    fix: 'Write the mirror location as `host[:port][/path]`.',
  }),
  icspSourceInvalid: defineRule({
    code: 'icsp-source-invalid', severity: 'error', source: 'machine-config-operator', kinds: [ICSP_KIND],
    summary: 'An ImageContentSourcePolicy `source` is not a valid scope; the API accepts it, then the Machine Config Operator fails with `invalid format for source`.',
    fix: 'Write the mirrored repository as `host[:port][/path]`.',
  }),
  icspMirrorInvalid: defineRule({
    code: 'icsp-mirror-invalid', severity: 'error', source: 'machine-config-operator', kinds: [ICSP_KIND],
    summary: 'An ImageContentSourcePolicy mirror is not a valid location; the Machine Config Operator fails with `invalid format for mirror`.',
    fix: 'Write the mirror as `host[:port][/path]`, without wildcard.',
  }),
  neverContactSelf: defineRule({
    code: 'never-contact-source-self-mirror', severity: 'error', source: 'machine-config-operator', kinds: SETS,
    summary: '`mirrorSourcePolicy: NeverContactSource` with the source among its own mirrors; the Machine Config Operator refuses it.',
    fix: 'Remove the source from its mirrors, or drop `NeverContactSource`.',
  }),
  policyConflict: defineRule({
    code: 'mirror-source-policy-conflict', severity: 'error', source: 'machine-config-operator', kinds: ALL,
    summary: 'The same source has different `mirrorSourcePolicy` values across ImageDigestMirrorSets, ImageTagMirrorSets and ImageContentSourcePolicies (unset and ICSP count as `AllowContactingSource`); the Machine Config Operator stops rendering node files.',
    fix: 'Give the source the same policy everywhere it appears.',
  }),
  neverContactWithoutMirrors: defineRule({
    code: 'never-contact-source-without-mirrors', severity: 'warning', source: 'machine-config-operator', kinds: SETS,
    summary: '`NeverContactSource` on an entry without a real mirror: the Machine Config Operator ignores the whole entry, so the source is NOT blocked.',
    fix: 'Add the mirrors the source should be pulled from, or drop the entry.',
  }),
  wildcardSourceEnclosesScope: defineRule({
    code: 'mirror-wildcard-source-nested-scope', severity: 'error', source: 'machine-config-operator', kinds: [IMAGE_KIND, ...SETS],
    summary: 'An insecure or blocked scope of the Image lies inside a `*.host` mirror source and has no mirrors of its own: the Machine Config Operator would copy the wildcard\'s mirrors to it, cannot, and stops rendering node files (`internal error: mirrorsAdjustedForNestedScope for a wildcard scope`).',
    fix: 'Mirror the nested scope explicitly (its own mirror set entry), narrow the wildcard source to concrete hosts, or drop the nested insecure/blocked scope.',
  }),
  icspDeprecated: defineRule({
    code: 'icsp-deprecated', severity: 'warning', source: 'documentation', kinds: [ICSP_KIND],
    summary: 'ImageContentSourcePolicy is deprecated (v1alpha1, no compatibility guarantee) in favour of ImageDigestMirrorSet.',
    fix: 'Convert it with `oc adm migrate icsp` or `ImageContentSourcePolicy.toImageDigestMirrorSet()`, then delete the ICSP.',
  }),
};

const setSource: NodeCheck = (value: string, path, ctx) => {
  const problem = diagnoseScope(value, true);
  if (problem) {
    report(ctx, MirrorRules.sourceInvalid, path, `\`${path}\` is ${quote(value)}, which ${describeScopeProblem(problem)}.`);
  }
};

const setMirror: NodeCheck = (value: string, path, ctx) => {
  const problem = diagnoseScope(value, false);
  if (problem) {
    report(ctx, MirrorRules.mirrorInvalid, path, `\`${path}\` is ${quote(value)}, which ${describeScopeProblem(problem)}.`);
  }
};

const neverContactChecks: NodeCheck = (entry: Record<string, unknown>, path, ctx) => {
  if (entry.mirrorSourcePolicy !== MirrorSourcePolicy.NEVER_CONTACT_SOURCE || typeof entry.source !== 'string') {
    return;
  }
  const mirrors = Array.isArray(entry.mirrors) ? entry.mirrors : [];
  const selfIndex = mirrors.indexOf(entry.source);
  if (selfIndex >= 0) {
    report(ctx, MirrorRules.neverContactSelf, indexPath(`${path}.mirrors`, selfIndex),
      `Source ${quote(entry.source)} is one of its own mirrors while \`mirrorSourcePolicy\` is \`NeverContactSource\`; the Machine Config Operator fails: "cannot set mirrorSourcePolicy: NeverContactSource if the source ${quote(entry.source)} is one of the mirrors".`);
  }
  if (!mirrors.some((mirror) => mirror !== entry.source)) {
    report(ctx, MirrorRules.neverContactWithoutMirrors, `${path}.mirrorSourcePolicy`,
      `\`${path}\` (source ${quote(entry.source)}) sets \`NeverContactSource\` but has no mirror other than the source; the Machine Config Operator skips the entry and the source stays reachable.`);
  }
};

function mirrorSetSchema(listField: string) {
  return s.object({
    [listField]: s.array(s.object({
      source: s.string({ checks: [setSource], describe: 'a registry scope' }),
      mirrors: s.array(s.string({ checks: [setMirror], describe: 'a mirror location' }), { listType: 'set' }),
      mirrorSourcePolicy: s.string({ enum: [MirrorSourcePolicy.NEVER_CONTACT_SOURCE, MirrorSourcePolicy.ALLOW_CONTACTING_SOURCE] }),
    }, { required: ['source'], checks: [neverContactChecks] }), { listType: 'atomic' }),
  });
}

registerKind({ apiVersion: MIRROR_SET_API_VERSION, kind: IDMS_KIND, clusterScoped: true, specSchema: mirrorSetSchema('imageDigestMirrors') });
registerKind({ apiVersion: MIRROR_SET_API_VERSION, kind: ITMS_KIND, clusterScoped: true, specSchema: mirrorSetSchema('imageTagMirrors') });

const icspSource: NodeCheck = (value: string, path, ctx) => {
  const problem = diagnoseScope(value, true);
  if (problem) {
    report(ctx, MirrorRules.icspSourceInvalid, path, `\`${path}\` is ${quote(value)}, which ${describeScopeProblem(problem)}; the Machine Config Operator fails with "invalid format for source ${quote(value)}".`);
  }
};

const icspMirror: NodeCheck = (value: string, path, ctx) => {
  if (!isValidMirror(value)) {
    const problem = diagnoseScope(value, false) ?? 'format';
    report(ctx, MirrorRules.icspMirrorInvalid, path, `\`${path}\` is ${quote(value)}, which ${describeScopeProblem(problem)}; the Machine Config Operator fails with "invalid format for mirror ${quote(value)}".`);
  }
};

registerKind({
  apiVersion: ICSP_API_VERSION,
  kind: ICSP_KIND,
  clusterScoped: true,
  specSchema: s.object({
    repositoryDigestMirrors: s.array(s.object({
      source: s.string({ checks: [icspSource] }),
      mirrors: s.array(s.string({ checks: [icspMirror] })),
    }, { required: ['source'] })),
  }),
  checks: [
    (subject, ctx) => report(ctx, MirrorRules.icspDeprecated, '', `${subject.ref} uses the deprecated ImageContentSourcePolicy API.`),
  ],
});

/** The entries whose `source` is a string: what the operator's source-keyed checks look at. */
function sourcedEntries(objects: readonly CheckedObject[]): (MirrorSetEntry & { readonly source: string })[] {
  return mirrorSetEntries(objects).filter((entry): entry is MirrorSetEntry & { readonly source: string } => entry.source !== undefined);
}

registerCrossObjectCheck((objects, ctx) => {
  const bySource = new Map<string, MirrorSetEntry[]>();
  for (const entry of sourcedEntries(objects)) {
    const list = bySource.get(entry.source) ?? [];
    list.push(entry);
    bySource.set(entry.source, list);
  }
  for (const [source, entries] of bySource) {
    const policies = new Set(entries.map((entry) => entry.policy));
    if (policies.size < 2) {
      continue;
    }
    const where = entries.map((entry) => `${entry.subject.ref} ${entry.path} (${entry.policy})`).join('; ');
    for (const entry of entries) {
      ctx.report(entry.subject, MirrorRules.policyConflict, `${entry.path}.mirrorSourcePolicy`,
        `Source ${quote(source)} has conflicting mirrorSourcePolicy values: ${where}. The Machine Config Operator fails: "conflicting mirrorSourcePolicy is set for the same source ${quote(source)} in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies".`,
        `Use one policy for ${quote(source)} in every mirror set (an unset policy and ImageContentSourcePolicy entries count as AllowContactingSource).`);
    }
  }
});

/**
 * The Machine Config Operator gives every registries.conf entry without mirrors of its own the mirrors of the first
 * mirror source that encloses it. Mirror sources sort digest sets first, then tag sets, each in byte order, where `*`
 * comes before every host character: so as soon as a `*.host` source encloses such an entry (a digest one, or a tag
 * one when no digest source encloses it), the first enclosing source is a wildcard, whose mirrors cannot be adjusted.
 */
registerCrossObjectCheck((objects, ctx) => {
  const digestWildcards = new Set<string>();
  const digestSources = new Set<string>();
  const tagWildcards = new Set<string>();
  const mirrored = new Set<string>();
  for (const entry of sourcedEntries(objects)) {
    const mirrors = entry.mirrors;
    // Entries without a real mirror (none, or only the source itself) are ignored by the operator altogether.
    if (!Array.isArray(mirrors) || !mirrors.some((mirror) => mirror !== entry.source)) {
      continue;
    }
    mirrored.add(entry.source);
    if (entry.subject.kind === ITMS_KIND) {
      if (isWildcardScope(entry.source)) {
        tagWildcards.add(entry.source);
      }
    } else {
      digestSources.add(entry.source);
      if (isWildcardScope(entry.source)) {
        digestWildcards.add(entry.source);
      }
    }
  }
  if (digestWildcards.size === 0 && tagWildcards.size === 0) {
    return;
  }
  for (const image of objects) {
    if (!image.known || image.kind !== IMAGE_KIND || image.apiVersion !== IMAGE_API_VERSION) {
      continue;
    }
    const sources = (image.spec.registrySources ?? {}) as Record<string, unknown>;
    for (const list of ['insecureRegistries', 'blockedRegistries'] as const) {
      const scopes = Array.isArray(sources[list]) ? (sources[list] as unknown[]) : [];
      scopes.forEach((scope, index) => {
        if (typeof scope !== 'string' || mirrored.has(scope)) {
          return;
        }
        const enclosing = enclosingScopes(scope).filter((candidate) => candidate !== scope);
        const digestWildcard = enclosing.find((candidate) => digestWildcards.has(candidate));
        const tagWildcard = enclosing.some((candidate) => digestSources.has(candidate)) ? undefined : enclosing.find((candidate) => tagWildcards.has(candidate));
        const wildcard = digestWildcard ?? tagWildcard;
        if (wildcard !== undefined) {
          ctx.report(image, MirrorRules.wildcardSourceEnclosesScope, `spec.registrySources.${list}[${index}]`,
            `${list === 'insecureRegistries' ? 'Insecure' : 'Blocked'} scope ${quote(scope)} lies inside the mirror source ${quote(wildcard)} and has no mirrors of its own; the Machine Config Operator fails: "internal error: mirrorsAdjustedForNestedScope for a wildcard scope ${quote(wildcard)}".`);
        }
      });
    }
  }
});
