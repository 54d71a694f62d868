/**
 * Rules of the repository mirroring kinds: `ImageDigestMirrorSet`, `ImageTagMirrorSet` (CRD schema restated) and the
 * deprecated `ImageContentSourcePolicy` (no CRD validation; the Machine Config Operator checks its formats), plus the
 * Machine Config Operator's checks across all of them.
 */
import {
  ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy,
} from '../../model/api/mirror-sets';
import { mirrorsContainsARealMirror } from '../../model/mirror-rules';
import { describeScopeProblem, diagnoseScope } from '../../model/registry-scope';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { KindDefinition, RuleModule } from '../rule-module';
import { NodeCheck, report, s } from '../schema';

const SETS = [IDMS_KIND, ITMS_KIND];

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
  neverContactWithoutMirrors: defineRule({
    code: 'never-contact-source-without-mirrors', severity: 'warning', source: 'machine-config-operator', kinds: SETS,
    summary: '`NeverContactSource` on an entry without a real mirror: the Machine Config Operator ignores the whole entry, so the source is NOT blocked.',
    fix: 'Add the mirrors the source should be pulled from, or drop the entry.',
  }),
  icspDeprecated: defineRule({
    code: 'icsp-deprecated', severity: 'warning', source: 'documentation', kinds: [ICSP_KIND],
    summary: 'ImageContentSourcePolicy is deprecated (v1alpha1, no compatibility guarantee) in favour of ImageDigestMirrorSet.',
    fix: 'Convert it with `ocp-images migrate icsp`, `oc adm migrate icsp` or `ImageContentSourcePolicy.toImageDigestMirrorSet()`, then delete the ICSP in the same change.',
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

const neverContactWithoutRealMirror: NodeCheck = (entry: Record<string, unknown>, path, ctx) => {
  if (entry.mirrorSourcePolicy !== MirrorSourcePolicy.NEVER_CONTACT_SOURCE || typeof entry.source !== 'string') {
    return;
  }
  const mirrors = Array.isArray(entry.mirrors) ? entry.mirrors.filter((mirror): mirror is string => typeof mirror === 'string') : [];
  if (!mirrorsContainsARealMirror(entry.source, mirrors)) {
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
    }, { required: ['source'], checks: [neverContactWithoutRealMirror], describe: '`{source, mirrors, mirrorSourcePolicy}`' }), { listType: 'atomic' }),
  });
}

const idmsKind: KindDefinition = { apiVersion: MIRROR_SET_API_VERSION, kind: IDMS_KIND, clusterScoped: true, specSchema: mirrorSetSchema('imageDigestMirrors') };
const itmsKind: KindDefinition = { apiVersion: MIRROR_SET_API_VERSION, kind: ITMS_KIND, clusterScoped: true, specSchema: mirrorSetSchema('imageTagMirrors') };

/** The ICSP CRD validates nothing but types: its formats are the Machine Config Operator's checks. */
const icspKind: KindDefinition = {
  apiVersion: ICSP_API_VERSION,
  kind: ICSP_KIND,
  clusterScoped: true,
  specSchema: s.object({
    repositoryDigestMirrors: s.array(s.object({
      source: s.string(),
      mirrors: s.array(s.string()),
    }, { required: ['source'], describe: '`{source, mirrors}`' })),
  }),
  checks: [
    (subject, ctx) => report(ctx, MirrorRules.icspDeprecated, '', `${subject.ref} uses the deprecated ImageContentSourcePolicy API.`),
  ],
};

export const mirrorSetRulesModule: RuleModule = {
  name: 'mirror-sets',
  description: '`ImageDigestMirrorSet`, `ImageTagMirrorSet` (`config.openshift.io/v1`) and the deprecated `ImageContentSourcePolicy` (`operator.openshift.io/v1alpha1`): their schemas and documented foot-guns.',
  rules: Object.values(MirrorRules),
  kinds: [idmsKind, itmsKind, icspKind],
};
