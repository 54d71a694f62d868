/**
 * What the Machine Config Operator (MCO) refuses or silently changes when it renders the node files from a cluster's
 * `Image`, mirror sets and ICSPs. These rules restate nothing: they run the node-file renderer (the one place the
 * MCO's checks live) over the configuration, and report each of its failures on the object and field behind it. So
 * `validate` fails whenever `preview` would, with the same options, and never on an object the MCO does not read.
 */
import { IMAGE_KIND } from '../../model/api/image';
import { ICSP_KIND, IDMS_KIND, ITMS_KIND } from '../../model/api/mirror-sets';
import { MIRROR_KINDS, mirrorEntriesOf } from '../../model/mirror-rules';
import { collectNodeFilesInput } from '../../node-files/collect';
import { MachineConfigOperatorError } from '../../node-files/errors';
import { checkNodeFiles, NodeFilesResult } from '../../node-files/render';
import { boundMessage, quote } from '../finding';
import { defineRule, Rule } from '../rule';
import { CheckedObject, CrossObjectCheck, CrossObjectContext, RuleModule } from '../rule-module';

const MCO_KINDS = [IMAGE_KIND, IDMS_KIND, ITMS_KIND, ICSP_KIND];
const mcoRule = (code: string, kinds: readonly string[], summary: string, fix: string, severity: 'error' | 'warning' = 'error') =>
  defineRule({ code, severity, source: 'machine-config-operator', kinds, summary, fix });

export const MachineConfigOperatorRules = {
  scopeRefused: mcoRule('mco-scope-refused', [IMAGE_KIND],
    'An insecure, blocked or allowed scope of the Image is one the Machine Config Operator refuses for registries.conf or policy.json (e.g. an empty or null entry): it stops rendering node files ("invalid entry for ... registries").',
    'Write the scope as `host[:port][/path]` or `*.host`, or remove the entry.'),
  icspSourceInvalid: mcoRule('icsp-source-invalid', [ICSP_KIND],
    'An ImageContentSourcePolicy `source` is not a valid scope; the API accepts it, then the Machine Config Operator fails with "invalid format for source".',
    'Write the mirrored repository as `host[:port][/path]`.'),
  icspMirrorInvalid: mcoRule('icsp-mirror-invalid', [ICSP_KIND],
    'An ImageContentSourcePolicy mirror is not a valid location; the Machine Config Operator fails with "invalid format for mirror".',
    'Write the mirror as `host[:port][/path]`, without wildcard.'),
  mirrorRuleRefused: mcoRule('mco-mirror-rule-refused', [IDMS_KIND, ITMS_KIND],
    'A mirror set source or mirror that the API server accepts is refused by the Machine Config Operator of the cluster\'s release (before 4.16: empty entries and any `*`, so no wildcard sources).',
    'Use concrete sources and mirrors on releases before 4.16, or upgrade the cluster first.'),
  neverContactSelf: mcoRule('never-contact-source-self-mirror', [IDMS_KIND, ITMS_KIND],
    '`mirrorSourcePolicy: NeverContactSource` with the source among its own mirrors; the Machine Config Operator refuses it.',
    'Remove the source from its mirrors, or drop `NeverContactSource`.'),
  policyConflict: mcoRule('mirror-source-policy-conflict', [IDMS_KIND, ITMS_KIND, ICSP_KIND],
    'The same source has different `mirrorSourcePolicy` values across ImageDigestMirrorSets, ImageTagMirrorSets and ImageContentSourcePolicies (unset and ICSP count as `AllowContactingSource`); the Machine Config Operator stops rendering node files.',
    'Give the source the same policy everywhere it appears.'),
  wildcardSourceEnclosesScope: mcoRule('mirror-wildcard-source-nested-scope', [IMAGE_KIND],
    'An insecure or blocked scope of the Image lies inside a `*.host` mirror source and has no mirrors of its own: the Machine Config Operator would copy the wildcard\'s mirrors to it, cannot, and stops rendering node files ("internal error: mirrorsAdjustedForNestedScope for a wildcard scope").',
    'Mirror the nested scope explicitly (its own mirror set entry), narrow the wildcard source to concrete hosts, or drop the nested insecure/blocked scope.'),
  payloadCheckCrash: mcoRule('mco-payload-check-crash', [IMAGE_KIND],
    'A blocked scope covers the release payload and no registries.conf entry matches the payload repository: the Machine Config Operator\'s controller dereferences nil and crashes instead of rendering.',
    'Narrow the blocked scope so it does not cover the release payload repository.'),
  policyBothLists: mcoRule('mco-policy-json-refused', [IMAGE_KIND],
    'policy.json would get both an allowed and a blocked list: the Machine Config Operator refuses ("only one of AllowedRegistries or BlockedRegistries may be specified"); this happens when a blocked scope that covers the release payload is kept (a payload mirror exists) more than once.',
    'List each blocked scope once, and do not block the release payload repository itself.'),
  renderFailed: mcoRule('mco-render-failed', MCO_KINDS,
    'Any other failure of the Machine Config Operator\'s rendering of the node files (it keeps the previous ones).',
    'Read the Machine Config Operator\'s message and change the object it names.'),
  blockedRegistryDropped: mcoRule('mco-blocked-registry-dropped', [IMAGE_KIND],
    'A blocked scope covers the release payload and no unblocked mirror serves the payload: the Machine Config Operator leaves that scope out of registries.conf and policy.json (it logs an error), so it is not blocked at all.',
    'Mirror the payload (an ImageDigestMirrorSet for the release repositories) or narrow the blocked scope; otherwise remove it, since it has no effect.', 'warning'),
  registryListsIgnored: mcoRule('mco-registry-lists-ignored', [IMAGE_KIND],
    'The Machine Config Operator\'s payload check fails on the configuration (e.g. a `*.host` scope with a path or port, which containers/image refuses when it loads registries.conf): it logs the error and renders without any blocked or allowed registry.',
    'Fix the scope the message names (wildcards only as `*.host`, without path or port).', 'warning'),
};

/** The rule reporting a renderer failure, from the check that failed and the kind of object it is about. */
function ruleOf(error: MachineConfigOperatorError, subject: CheckedObject | undefined): Rule {
  switch (error.check) {
    case 'scope-list':
      return MachineConfigOperatorRules.scopeRefused;
    case 'source-format':
      return subject?.kind === ICSP_KIND ? MachineConfigOperatorRules.icspSourceInvalid : MachineConfigOperatorRules.mirrorRuleRefused;
    case 'mirror-format':
      return subject?.kind === ICSP_KIND ? MachineConfigOperatorRules.icspMirrorInvalid : MachineConfigOperatorRules.mirrorRuleRefused;
    case 'policy-conflict':
      return MachineConfigOperatorRules.policyConflict;
    case 'never-contact-self':
      return MachineConfigOperatorRules.neverContactSelf;
    case 'wildcard-nested-scope':
      return MachineConfigOperatorRules.wildcardSourceEnclosesScope;
    case 'payload-crash':
      return MachineConfigOperatorRules.payloadCheckCrash;
    case 'policy-both-lists':
      return MachineConfigOperatorRules.policyBothLists;
    default:
      return MachineConfigOperatorRules.renderFailed;
  }
}

/** The configuration as the MCO reads it, with the way back from the renderer's positions to the checked objects. */
interface McoView {
  readonly image?: CheckedObject;
  readonly byKind: Readonly<Record<typeof IDMS_KIND | typeof ITMS_KIND | typeof ICSP_KIND, readonly CheckedObject[]>>;
  /** The first object the MCO reads, for failures that are about no object in particular. */
  readonly anchor: CheckedObject;
}

/** Where a renderer failure is: the object and field path. */
function locate(error: MachineConfigOperatorError, view: McoView): { subject: CheckedObject; path: string } {
  const culprit = error.culprit;
  const onImage = (path: string) => (view.image ? { subject: view.image, path } : { subject: view.anchor, path: '' });
  switch (culprit?.kind) {
    case 'image-scope':
      return onImage(`spec.registrySources.${culprit.list}[${culprit.index}]`);
    case 'mirror-rule': {
      const origin = culprit.origin;
      const subject = origin ? view.byKind[origin.kind][origin.objectPosition] : undefined;
      if (!origin || !subject) {
        return { subject: view.anchor, path: '' };
      }
      const entry = `spec.${MIRROR_KINDS[origin.kind].listField}[${origin.entryIndex}]`;
      const path = culprit.field === 'mirrors' ? `${entry}.mirrors[${culprit.mirrorIndex ?? 0}]` : `${entry}.${culprit.field}`;
      return { subject, path };
    }
    case 'image':
      return onImage('spec.registrySources');
    default:
      return onImage('');
  }
}

function viewOf(objects: readonly CheckedObject[], positions: ReturnType<typeof collectNodeFilesInput>): McoView | undefined {
  const at = (index: number) => objects[index];
  const byKind = {
    [IDMS_KIND]: positions.positions.ImageDigestMirrorSet.map(at),
    [ITMS_KIND]: positions.positions.ImageTagMirrorSet.map(at),
    [ICSP_KIND]: positions.positions.ImageContentSourcePolicy.map(at),
  };
  const image = positions.imageIndex !== undefined ? at(positions.imageIndex) : undefined;
  const anchor = image ?? byKind[IDMS_KIND][0] ?? byKind[ICSP_KIND][0] ?? byKind[ITMS_KIND][0];
  return anchor ? { ...(image ? { image } : {}), byKind, anchor } : undefined;
}

/** Reports a policy conflict on every entry of the source, so each definition involved is named. */
function reportPolicyConflict(error: MachineConfigOperatorError, view: McoView, ctx: CrossObjectContext, reported: Set<string>): void {
  const origin = error.culprit?.kind === 'mirror-rule' ? error.culprit.origin : undefined;
  const conflicting = origin ? view.byKind[origin.kind][origin.objectPosition] : undefined;
  const source = conflicting ? mirrorEntriesOf(origin!.kind, conflicting.spec)[origin!.entryIndex]?.source : undefined;
  if (source === undefined) {
    return;
  }
  const entries = (Object.keys(view.byKind) as (keyof McoView['byKind'])[]).flatMap((kind) =>
    view.byKind[kind].flatMap((subject) => mirrorEntriesOf(kind, subject.spec)
      .filter((entry) => entry.source === source)
      .map((entry) => ({ subject, entry }))));
  const where = entries.map(({ subject, entry }) => `${subject.ref} ${entry.path} (${entry.policy})`).join('; ');
  for (const { subject, entry } of entries) {
    const path = `${entry.path}.mirrorSourcePolicy`;
    const key = `${subject.index}\u0000${path}`;
    if (reported.has(key)) {
      continue;
    }
    reported.add(key);
    ctx.report(subject, MachineConfigOperatorRules.policyConflict, path,
      `Source ${quote(source)} has conflicting mirrorSourcePolicy values: ${where}. The Machine Config Operator fails: "${boundMessage(error.reason)}".`,
      `Use one policy for ${quote(source)} in every mirror set (an unset policy and ImageContentSourcePolicy entries count as AllowContactingSource).`);
  }
}

/** Warnings for what the MCO changes silently: blocked scopes it drops, lists it ignores. */
function reportRendererWarnings(result: NodeFilesResult, view: McoView, ctx: CrossObjectContext): void {
  const image = view.image;
  if (!image) {
    return;
  }
  const blocked = (image.spec.registrySources as { blockedRegistries?: unknown } | undefined)?.blockedRegistries;
  const blockedList = Array.isArray(blocked) ? blocked : [];
  for (const warning of result.warnings) {
    if (warning.code === 'payload-blocked-registry-dropped') {
      for (const scope of warning.scopes ?? []) {
        const index = blockedList.indexOf(scope);
        ctx.report(image, MachineConfigOperatorRules.blockedRegistryDropped,
          index >= 0 ? `spec.registrySources.blockedRegistries[${index}]` : 'spec.registrySources.blockedRegistries',
          `Blocked scope ${quote(scope)} covers the release payload, and no unblocked mirror serves the payload: the Machine Config Operator leaves it out of registries.conf and policy.json, so it blocks nothing (it logs: "${boundMessage(result.controllerLog[0] ?? warning.message)}").`);
      }
    } else if (warning.code === 'payload-check-failed') {
      ctx.report(image, MachineConfigOperatorRules.registryListsIgnored, 'spec.registrySources',
        `The Machine Config Operator's payload check fails (${boundMessage(warning.message)}): it renders without any blocked or allowed registry, so none of them takes effect.`);
    }
  }
}

const renderCheck: CrossObjectCheck = (objects, ctx) => {
  const collected = collectNodeFilesInput(objects.map((subject) => subject.object));
  // The same object given twice is reported by the objects rules; which one the MCO would read is unknown.
  if (collected.problems.length > 0) {
    return;
  }
  const view = viewOf(objects, collected);
  if (!view) {
    return;
  }
  // Objects that already have an error (the API server refuses them, say) never reach the MCO as written: their
  // errors say what to fix first, and a second report of the same problem in the MCO's words would be noise.
  const refusedBefore = new Set(objects.filter((subject) => ctx.hasErrorOn(subject)).map((subject) => subject.index));
  let result: NodeFilesResult;
  try {
    result = checkNodeFiles({
      ...collected.input,
      // Every cluster has `Image/cluster` (the operator creates it): without one in the input, it is taken as empty.
      assumeEmptyImage: true,
      ...(ctx.options.releaseImage !== undefined ? { releaseImage: ctx.options.releaseImage } : {}),
      ...(ctx.options.openshiftVersion !== undefined ? { openshiftVersion: ctx.options.openshiftVersion } : {}),
    });
  } catch (error) {
    if (!(error instanceof MachineConfigOperatorError)) {
      throw error;
    }
    const reported = new Set<string>();
    for (const problem of error.allProblems()) {
      if (problem.check === 'policy-conflict') {
        reportPolicyConflict(problem, view, ctx, reported);
        continue;
      }
      const { subject, path } = locate(problem, view);
      const key = `${subject.index}\u0000${path}`;
      if (reported.has(key) || refusedBefore.has(subject.index)) {
        continue;
      }
      reported.add(key);
      ctx.report(subject, ruleOf(problem, subject), path,
        `${path ? `\`${path}\`: t` : 'T'}he Machine Config Operator refuses this configuration and keeps the previous node files: "${boundMessage(problem.message)}".`);
    }
    // The MCO fails: make sure the object it fails on carries an error, whatever was deduplicated above.
    const { subject } = locate(error, view);
    if (!ctx.hasErrorOn(subject)) {
      ctx.report(subject, MachineConfigOperatorRules.renderFailed, '', `The Machine Config Operator fails to render the node files: "${boundMessage(error.message)}".`);
    }
    return;
  }
  reportRendererWarnings(result, view, ctx);
};

export const machineConfigOperatorRulesModule: RuleModule = {
  name: 'machine-config-operator',
  description: 'What the Machine Config Operator refuses, or silently changes, when it renders registries.conf and policy.json from the Image and the mirror sets (the node-file renderer\'s own checks, located on the objects).',
  rules: Object.values(MachineConfigOperatorRules),
  crossObjectChecks: [renderCheck],
};
