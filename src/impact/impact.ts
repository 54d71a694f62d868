/**
 * The rollout impact of a change of the image configuration: both configurations are rendered to node files exactly as
 * `preview` renders them, the files are compared, and every changed file gets the action the Machine Config
 * Operator's daemon takes for it (node disruption policies, the registries.conf safe-change check). On hosted control
 * planes any change of the image configuration or of the mirrors rolls the node pools out instead.
 */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import {
  MACHINE_CONFIGURATION_API_VERSION,
  MACHINE_CONFIGURATION_KIND,
  MACHINE_CONFIGURATION_SINGLETON_NAME,
  NodeDisruptionActionType,
  NodeDisruptionPolicyConfig,
  NodeDisruptionPolicySpecFile,
} from '../model/api/machine-configuration';
import { mirrorEntriesOf, MirrorKind, selectMcoObjects } from '../model/mirror-rules';
import {
  collectNodeFilesInput,
  CollectedObjects,
  MachineConfigOperatorError,
  MANAGED_NODE_PATHS,
  NodeFilesResult,
  parseOpenShiftVersion,
  POLICY_JSON_PATH,
  REGISTRIES_CONF_PATH,
  renderNodeFiles,
  SEARCH_REGISTRIES_DROP_IN_PATH,
} from '../node-files';
import { checkObjects, Finding } from '../validation';
import { ImpactAction, ImpactPlatform, IMPACT_PLATFORMS } from './actions';
import { effectiveNodeFiles } from './base-files';
import { describePolicyJsonChange, describeSearchDropInChange } from './describe';
import {
  ClusterPolicies,
  DEFAULT_CLUSTER_POLICIES,
  FilePolicy,
  findFilePolicy,
  formatAction,
  mergeClusterPolicies,
} from '../model/node-disruption-policy';
import { combineActions, NodeSteps } from './node-disruption-policy';
import { compareRegistriesConfText, RegistriesChangeVerdict } from './safe-registries-change';

/** Which configuration of the comparison. */
export type ImpactSide = 'before' | 'after';

/** What the comparison is about. */
export interface ImpactOptions {
  /**
   * The cluster's OpenShift release, `4.N` or `5.N`: the node files' format follows it, and node disruption policies
   * are honoured from 4.17.
   * @default '4.19'
   */
  readonly openshiftVersion?: string;
  /**
   * The cluster's release image, for the MCO's payload check (both sides).
   * @default - unknown: the payload check is skipped, as `preview` does
   */
  readonly releaseImage?: string;
  /**
   * Where the configuration is applied.
   * @default 'standalone'
   */
  readonly platform?: ImpactPlatform;
}

/** A side cannot be compared as given (the same object twice): a usage problem. */
export class ImpactInputError extends Error {
  constructor(public readonly side: ImpactSide, message: string) {
    super(`--${side}: ${message}`);
    this.name = 'ImpactInputError';
  }
}

/** A side is invalid for the cluster: the MCO would fail to render it, or the API server refuses its MachineConfiguration. */
export class ImpactInvalidError extends Error {
  /**
   * @param mcoError the MCO's own failure, when that is the reason
   * @param findings the errors of the `MachineConfiguration`, when that is the reason, with the object's position
   */
  constructor(
    public readonly side: ImpactSide,
    message: string,
    public readonly mcoError?: MachineConfigOperatorError,
    public readonly findings: ReadonlyArray<Finding & { readonly index: number }> = [],
  ) {
    super(message);
    this.name = 'ImpactInvalidError';
  }
}

/** How a file changes on the nodes. */
export type FileChange = 'added' | 'removed' | 'modified';

/** The node disruption policy that decides a file's action. */
export interface AppliedPolicy {
  /** The policy's path (the file itself or a directory above it); `null` when no policy covers the file. */
  readonly path: string | null;
  /** Its actions as `Type` or `Type service`, e.g. `Reload crio.service`. */
  readonly actions: readonly string[];
  /** `default` (the MCO's defaults), `user` (`MachineConfiguration/cluster`) or `none`. */
  readonly origin: 'default' | 'user' | 'none';
}

/** One changed node file. */
export interface ImpactFile {
  /** Node path. */
  readonly path: string;
  readonly change: FileChange;
  /** What the nodes do for this file alone. */
  readonly action: ImpactAction;
  /** Why, in a person's words. */
  readonly reasons: readonly string[];
  /** What a node runs for this file alone: `drain`, `reboot`, `reload crio.service`... */
  readonly steps: readonly string[];
  readonly policy: AppliedPolicy;
  /**
   * For registries.conf: whether the change is safe in the MCO's sense (no drain).
   * @default - absent for the other files
   */
  readonly safe?: boolean;
  /** Unified diff of the file (`/dev/null` for a missing side). */
  readonly diff: string;
}

/** Objects that differ between the two sides (`Kind/name`), among those that decide the node files and policies. */
export interface ObjectChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** The node disruption policy the comparison used. */
export interface PolicyUsed {
  /** `after`: the after side's `MachineConfiguration/cluster`; `before`: the after side leaves it out, so the cluster keeps the before side's; `default`: none given. */
  readonly source: 'after' | 'before' | 'default';
  /** Whether a user policy was set aside (OpenShift before 4.17, or a hosted platform). */
  readonly ignored: boolean;
}

/** A policy that would avoid the reboot, when only the search-registries drop-in causes it. */
export interface PolicySuggestion {
  /** Why it is suggested. */
  readonly reason: string;
  /** The `MachineConfiguration/cluster` to apply: the current user policy plus the drop-in's entry. */
  readonly machineConfiguration: Record<string, unknown>;
  /** The same as YAML. */
  readonly yaml: string;
  /** The verdict with the policy in place. */
  readonly action: ImpactAction;
  /** What every node would run with the policy in place. */
  readonly steps: readonly string[];
}

/** The comparison's outcome: what `--format json` prints. */
export interface ImpactReport {
  /** The most disruptive file action (the daemon's combined decision). */
  readonly action: ImpactAction;
  /** The verdict as one line for a change review. */
  readonly summary: string;
  readonly platform: ImpactPlatform;
  /** The release whose behaviour is modelled, `4.N`. */
  readonly openshiftVersion: string;
  /** What every node runs, in order, for all changes together. */
  readonly steps: readonly string[];
  /** The node files that change, in the MCO's order. */
  readonly files: readonly ImpactFile[];
  /** Why the verdict, beyond the files (hosted platforms). */
  readonly reasons: readonly string[];
  readonly objects: ObjectChanges;
  readonly policy: PolicyUsed;
  /**
   * A node disruption policy that avoids the reboot, when the verdict is `drain-reboot` only because of the
   * search-registries drop-in (standalone clusters, OpenShift 4.17 and later).
   * @default - absent: no policy would change the verdict that way
   */
  readonly suggestion?: PolicySuggestion;
  /** Limits and assumptions of the comparison (an Image assumed, a policy ignored...). */
  readonly notes: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(object: Record<string, unknown>): string {
  return isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
}

function isMachineConfiguration(object: unknown): object is Record<string, unknown> {
  return isRecord(object) && object.kind === MACHINE_CONFIGURATION_KIND && object.apiVersion === MACHINE_CONFIGURATION_API_VERSION;
}

/** Keys sorted, for comparing objects whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isRecord(value)) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One side, read. */
interface SideState {
  readonly side: ImpactSide;
  readonly collected: CollectedObjects;
  readonly machineConfiguration?: Record<string, unknown>;
  readonly result: NodeFilesResult;
  readonly files: ReadonlyMap<string, string | null>;
  readonly notes: string[];
}

function readSide(side: ImpactSide, objects: readonly unknown[], options: ImpactOptions): SideState {
  const collected = collectNodeFilesInput(objects);
  if (collected.problems.length > 0) {
    throw new ImpactInputError(side, collected.problems[0].message);
  }
  const notes: string[] = [];
  const configurations = objects.map((object, index) => ({ object, index })).filter((entry) => isMachineConfiguration(entry.object));
  const cluster = configurations.filter((entry) => nameOf(entry.object as Record<string, unknown>) === MACHINE_CONFIGURATION_SINGLETON_NAME);
  for (const other of configurations.filter((entry) => !cluster.includes(entry))) {
    notes.push(`${side}: MachineConfiguration/${nameOf(other.object as Record<string, unknown>) || '<unnamed>'} is ignored: the MCO reads only the one named "cluster"`);
  }
  if (cluster.length > 1) {
    throw new ImpactInputError(side, `${cluster.length} MachineConfiguration objects are named "cluster"; the cluster holds exactly one, so the comparison cannot tell which applies`);
  }
  if (cluster.length === 1) {
    const { findings } = checkObjects([cluster[0].object]);
    const errors = findings.filter((finding) => finding.severity === 'error').map((finding) => ({ ...finding, index: cluster[0].index }));
    if (errors.length > 0) {
      throw new ImpactInvalidError(side,
        `the ${side} configuration's MachineConfiguration/cluster would be refused by the API server:\n${errors.map((finding) => `  ${finding.path}: ${finding.message}`).join('\n')}`,
        undefined, errors);
    }
    for (const warning of findings.filter((finding) => finding.severity === 'warning')) {
      notes.push(`${side}: MachineConfiguration/cluster ${warning.path}: ${warning.message}`);
    }
  }
  let result: NodeFilesResult;
  try {
    result = renderNodeFiles({
      ...collected.input,
      ...(options.releaseImage !== undefined ? { releaseImage: options.releaseImage } : {}),
      ...(options.openshiftVersion !== undefined ? { openshiftVersion: options.openshiftVersion } : {}),
      bootstrap: false,
      assumeEmptyImage: true,
    });
  } catch (error) {
    if (error instanceof MachineConfigOperatorError) {
      throw new ImpactInvalidError(side, `the ${side} configuration is invalid for the Machine Config Operator: ${error.message}`, error);
    }
    throw error;
  }
  const blocks = (result.intermediate.registriesBlocked ?? []).length > 0;
  for (const notice of [...result.warnings, ...result.notes]) {
    // Without a release image only blocked registries can render differently from the cluster; say so only then.
    if (notice.code !== 'no-release-image' || blocks) {
      notes.push(`${side}: ${notice.message}`);
    }
  }
  return {
    side,
    collected,
    ...(cluster.length === 1 ? { machineConfiguration: cluster[0].object as Record<string, unknown> } : {}),
    result,
    files: effectiveNodeFiles(result.files),
    notes,
  };
}

/** Both sides' notes; a note both sides have is said once, without the side. */
function mergeNotes(before: readonly string[], after: readonly string[]): string[] {
  const strip = (note: string) => note.replace(/^(before|after): /, '');
  const shared = new Set(before.map(strip).filter((note) => after.map(strip).includes(note)));
  const merged = [...before, ...after].map((note) => (shared.has(strip(note)) ? strip(note) : note));
  return [...new Set(merged)];
}

/** The user policy in force after the change, with apply semantics: a MachineConfiguration left out is unchanged. */
function userPolicy(before: SideState, after: SideState): { readonly policy?: NodeDisruptionPolicyConfig; readonly source: PolicyUsed['source'] } {
  for (const state of [after, before]) {
    const spec = state.machineConfiguration?.spec;
    if (isRecord(spec) && 'nodeDisruptionPolicy' in spec) {
      const policy = spec.nodeDisruptionPolicy;
      // An explicit null deletes the field: back to the defaults.
      return isRecord(policy) ? { policy: policy as NodeDisruptionPolicyConfig, source: state.side } : { source: state.side };
    }
  }
  return { source: 'default' };
}

function appliedPolicy(policy: FilePolicy | undefined): AppliedPolicy {
  return policy
    ? { path: policy.path, actions: policy.actions.map(formatAction), origin: policy.origin }
    : { path: null, actions: [], origin: 'none' };
}

/** What the steps mean for one node, e.g. `no drain; reload crio.service`. */
export function describeSteps(steps: NodeSteps): string {
  if (steps.level === 'drain-reboot') {
    return 'the node is drained and rebooted';
  }
  const services = steps.steps.filter((step) => step !== 'drain');
  const run = services.length > 0 ? services.join(', ') : 'nothing else';
  if (steps.drain) {
    return `the node is drained, then runs: ${run}; no reboot`;
  }
  return services.length > 0 ? `no drain, no reboot; the node runs: ${run}` : 'nothing happens on the node';
}

function policySentence(filePath: string, policy: FilePolicy | undefined, steps: NodeSteps): string {
  if (!policy) {
    return `no node disruption policy covers ${filePath}: ${describeSteps(steps)}`;
  }
  const owner = policy.origin === 'user' ? 'the node disruption policy of MachineConfiguration/cluster' : 'the default node disruption policy';
  const where = policy.path === filePath ? `for ${filePath}` : `for ${policy.path} (which covers ${filePath})`;
  return `${owner} ${where} says ${policy.actions.map(formatAction).join(', ') || 'nothing'}: ${describeSteps(steps)}`;
}

function unifiedDiff(filePath: string, before: string | null, after: string | null): string {
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `before${filePath}`,
    after === null ? '/dev/null' : `after${filePath}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // The library starts with a line of `=`; a unified diff starts at `---`.
  return patch.replace(/^=+\n/, '');
}

interface FileEvaluation {
  readonly file: ImpactFile;
  /** What changed in the file, without the policy's sentence. */
  readonly changes: readonly string[];
}

function evaluateFile(filePath: string, before: string | null, after: string | null, policies: ClusterPolicies, registries: RegistriesChangeVerdict | undefined): FileEvaluation {
  const policy = findFilePolicy(filePath, policies.files);
  const safe = registries?.safe ?? true;
  const steps = combineActions([policy?.actions], safe);
  const changes: string[] = [];
  let policyReason = policySentence(filePath, policy, steps);
  if (filePath === REGISTRIES_CONF_PATH && registries) {
    changes.push(...registries.problems.map((problem) => problem.message), ...registries.safeChanges);
    if (policy?.actions.some((action) => action.type === 'Special')) {
      policyReason = registries.safe
        ? `every change is safe in the MCO's sense (isSafeContainerRegistryConfChanges), so the default policy for ${filePath} (Special) only reloads CRI-O: no drain, no reboot`
        : `a change that is not safe makes the default policy for ${filePath} (Special) drain the node, then reload CRI-O; registries.conf never reboots a node`;
    }
  } else if (filePath === POLICY_JSON_PATH) {
    changes.push(...describePolicyJsonChange(before ?? '', after ?? ''));
  } else if (filePath === SEARCH_REGISTRIES_DROP_IN_PATH) {
    changes.push(describeSearchDropInChange(before, after));
  }
  const change: FileChange = before === null ? 'added' : after === null ? 'removed' : 'modified';
  return {
    file: {
      path: filePath,
      change,
      action: steps.level,
      reasons: [...changes, policyReason],
      steps: steps.steps,
      policy: appliedPolicy(policy),
      ...(filePath === REGISTRIES_CONF_PATH && registries ? { safe: registries.safe } : {}),
      diff: unifiedDiff(filePath, before, after),
    },
    changes,
  };
}

/** What differs between the sides whatever the policies: the part a policy suggestion does not recompute. */
interface FileComparison {
  /** The node paths whose file differs, in the MCO's order. */
  readonly changed: readonly string[];
  /** The safe-change verdict, when registries.conf changes and exists on both sides. */
  readonly registries: RegistriesChangeVerdict | undefined;
}

function compareFiles(before: SideState, after: SideState): FileComparison {
  const changed = MANAGED_NODE_PATHS.filter((nodePath) => before.files.get(nodePath) !== after.files.get(nodePath));
  const registriesBefore = before.files.get(REGISTRIES_CONF_PATH) ?? null;
  const registriesAfter = after.files.get(REGISTRIES_CONF_PATH) ?? null;
  const registries = changed.includes(REGISTRIES_CONF_PATH) && registriesBefore !== null && registriesAfter !== null
    ? compareRegistriesConfText(registriesBefore, registriesAfter)
    : undefined;
  return { changed, registries };
}

/** The daemon's combined decision for the changed files under `policies`. */
function combinedSteps(comparison: FileComparison, policies: ClusterPolicies): NodeSteps {
  return combineActions(comparison.changed.map((nodePath) => findFilePolicy(nodePath, policies.files)?.actions), comparison.registries?.safe ?? true);
}

/** The node files that differ, each with its action, and the daemon's combined decision. */
function evaluateFiles(before: SideState, after: SideState, comparison: FileComparison, policies: ClusterPolicies): { files: ImpactFile[]; changes: Map<string, readonly string[]>; steps: NodeSteps } {
  const evaluations = comparison.changed.map((nodePath) =>
    evaluateFile(nodePath, before.files.get(nodePath) ?? null, after.files.get(nodePath) ?? null, policies, comparison.registries));
  return {
    files: evaluations.map((evaluation) => evaluation.file),
    changes: new Map(evaluations.map((evaluation) => [evaluation.file.path, evaluation.changes])),
    steps: combinedSteps(comparison, policies),
  };
}

/** `Kind/name` -> canonical spec of the objects that decide the node files and policies. */
function relevantObjects(objects: readonly unknown[]): Map<string, string> {
  const selected = selectMcoObjects(objects);
  const map = new Map<string, string>();
  for (const read of [...selected.images, ...selected.idms, ...selected.itms, ...selected.icsp]) {
    map.set(`${String(read.object.kind)}/${nameOf(read.object as Record<string, unknown>)}`, canonical(read.object.spec ?? null));
  }
  for (const object of objects) {
    if (isMachineConfiguration(object) && nameOf(object) === MACHINE_CONFIGURATION_SINGLETON_NAME) {
      map.set(`${MACHINE_CONFIGURATION_KIND}/${MACHINE_CONFIGURATION_SINGLETON_NAME}`, canonical(object.spec ?? null));
    }
  }
  return map;
}

function objectChanges(before: readonly unknown[], after: readonly unknown[]): ObjectChanges {
  const old = relevantObjects(before);
  const current = relevantObjects(after);
  return {
    added: [...current.keys()].filter((key) => !old.has(key)),
    removed: [...old.keys()].filter((key) => !current.has(key)),
    changed: [...current.keys()].filter((key) => old.has(key) && old.get(key) !== current.get(key)),
  };
}

/** What a hosted platform hashes: the Image spec and the mirror entries (digest and tag), whatever object holds them. */
function hostedInputs(state: SideState): { image: string; digest: string; tag: string } {
  const image = state.collected.input.imageConfig;
  const imageSpec = isRecord(image) && 'spec' in image ? image.spec : {};
  const entries = (kind: MirrorKind, specs: readonly unknown[]) => specs.flatMap((object) => mirrorEntriesOf(kind, isRecord(object) ? object.spec : undefined))
    .map((entry) => canonical({ source: entry.source ?? null, mirrors: entry.mirrors ?? null, policy: entry.policy }));
  const digest = [...entries('ImageDigestMirrorSet', state.collected.input.idms ?? []), ...entries('ImageContentSourcePolicy', state.collected.input.icsp ?? [])].sort();
  const tag = entries('ImageTagMirrorSet', state.collected.input.itms ?? []).sort();
  return { image: canonical(imageSpec ?? {}), digest: digest.join('\n'), tag: tag.join('\n') };
}

function hostedReasons(before: SideState, after: SideState, platform: ImpactPlatform): string[] {
  const old = hostedInputs(before);
  const current = hostedInputs(after);
  const reasons: string[] = [];
  const who = platform === 'rosa-hcp'
    ? 'ROSA HCP recreates every machine pool node (the rosa CLI warns so)'
    : 'HyperShift rolls every NodePool out (the image configuration and the mirrors are part of the NodePool configuration hash)';
  if (old.image !== current.image) {
    reasons.push(`the image configuration (Image/cluster spec) changes: ${who}`);
  }
  if (old.digest !== current.digest || old.tag !== current.tag) {
    reasons.push(`the mirrors change: ${who}`);
  }
  return reasons;
}

/** The verdict as one line. */
export function summaryLine(action: ImpactAction, steps: readonly string[], files: readonly ImpactFile[], platform: ImpactPlatform): string {
  const names = files.map((file) => file.path.slice(file.path.lastIndexOf('/') + 1));
  const changed = names.length > 0 ? ` (changed: ${names.join(', ')})` : '';
  switch (action) {
    case 'none':
      return files.length === 0
        ? 'none: no node file changes; nodes are not disrupted'
        : `none: node files change, but the node disruption policies say None; nodes are not disrupted${changed}`;
    case 'reload-crio':
      return `reload-crio: no drain, no reboot; every node runs: ${steps.join(', ')}${changed}`;
    case 'drain-reload-crio': {
      const services = steps.filter((step) => step !== 'drain');
      return `drain-reload-crio: every node is drained, then runs: ${services.join(', ') || 'nothing else'}; no reboot${changed}`;
    }
    case 'drain-reboot':
      return `drain-reboot: every node is drained and rebooted, one after another in each pool${changed}`;
    case 'replace-nodes':
      return `replace-nodes: on ${platform === 'rosa-hcp' ? 'ROSA HCP' : 'HyperShift'} the node pools roll out and every node is replaced${changed}`;
  }
}

/** The drop-in's policy to suggest: restart CRI-O, which re-reads its registries configuration. */
export const SUGGESTED_DROP_IN_POLICY: NodeDisruptionPolicySpecFile = {
  path: SEARCH_REGISTRIES_DROP_IN_PATH,
  actions: [{ type: NodeDisruptionActionType.RESTART, restart: { serviceName: 'crio.service' } }],
};

/**
 * The policy that avoids the reboot, when there is one. Its verdict is the combined decision under the merged policy;
 * the comparison of the files is the one the report already made (it does not depend on the policies), so the
 * registries.conf verdict and the diffs are not computed again.
 */
function suggestion(comparison: FileComparison, current: NodeDisruptionPolicyConfig | undefined, files: readonly ImpactFile[]): PolicySuggestion | undefined {
  const dropIn = files.find((file) => file.path === SEARCH_REGISTRIES_DROP_IN_PATH);
  const others = files.filter((file) => file !== dropIn);
  if (!dropIn || dropIn.action !== 'drain-reboot' || dropIn.policy.origin !== 'none' || others.some((file) => file.action === 'drain-reboot')) {
    return undefined;
  }
  const existing = Array.isArray(current?.files) ? current.files : [];
  if (existing.length >= 50) {
    return undefined;
  }
  const policy: NodeDisruptionPolicyConfig = { ...(current ?? {}), files: [...existing, SUGGESTED_DROP_IN_POLICY] };
  const steps = combinedSteps(comparison, mergeClusterPolicies(policy));
  const machineConfiguration = {
    apiVersion: MACHINE_CONFIGURATION_API_VERSION,
    kind: MACHINE_CONFIGURATION_KIND,
    metadata: { name: MACHINE_CONFIGURATION_SINGLETON_NAME },
    spec: { nodeDisruptionPolicy: JSON.parse(JSON.stringify(policy)) as unknown },
  };
  return {
    reason: `only the search-registries drop-in reboots the nodes: no node disruption policy covers ${SEARCH_REGISTRIES_DROP_IN_PATH}. ` +
      'CRI-O reads the search list from it, so restarting CRI-O is enough to apply it; with this policy the nodes are not rebooted',
    machineConfiguration,
    yaml: stringify(machineConfiguration),
    action: steps.level,
    steps: steps.steps,
  };
}

/**
 * Compares two configurations (the plain objects the cluster would hold before and after the change) and says what
 * the nodes do.
 * @throws ImpactInputError when a side holds the same object twice
 * @throws ImpactInvalidError when the MCO would fail to render a side, or a side's MachineConfiguration is refused
 * @throws OpenShiftVersionError for an unsupported `openshiftVersion`
 */
export function computeImpact(before: readonly unknown[], after: readonly unknown[], options: ImpactOptions = {}): ImpactReport {
  const platform = options.platform ?? 'standalone';
  if (!IMPACT_PLATFORMS.includes(platform)) {
    throw new Error(`unknown platform ${JSON.stringify(platform)}: expected one of ${IMPACT_PLATFORMS.join(', ')}`);
  }
  // Parsed once, before the sides are read (an unsupported version is a usage error first): whether policies are
  // honoured and the label reported are facts of the same release.
  const version = parseOpenShiftVersion(options.openshiftVersion);
  const honoured = version.nodeDisruptionPolicies;
  const old = readSide('before', before, options);
  const current = readSide('after', after, options);
  const notes = mergeNotes(old.notes, current.notes);
  const user = userPolicy(old, current);
  const hosted = platform !== 'standalone';
  const ignored = user.policy !== undefined && (!honoured || hosted);
  if (ignored) {
    notes.push(hosted
      ? 'MachineConfiguration/cluster spec.nodeDisruptionPolicy is not used: hosted node pools do not apply node disruption policies'
      : `MachineConfiguration/cluster spec.nodeDisruptionPolicy is not used: node disruption policies are on by default from OpenShift 4.17 (in 4.16 only with TechPreviewNoUpgrade); before that the daemon's fixed table applies, which treats these three files as the defaults do`);
  }
  const policies = ignored ? DEFAULT_CLUSTER_POLICIES : mergeClusterPolicies(user.policy);
  const comparison = compareFiles(old, current);
  const evaluation = evaluateFiles(old, current, comparison, policies);
  const objects = objectChanges(before, after);
  const policy: PolicyUsed = { source: user.source, ignored };

  if (hosted) {
    const reasons = hostedReasons(old, current, platform);
    const action: ImpactAction = reasons.length > 0 ? 'replace-nodes' : 'none';
    const steps = action === 'replace-nodes' ? ['replace the node'] : [];
    const files = evaluation.files.map((file): ImpactFile => (action === 'replace-nodes'
      ? { ...file, action, steps, reasons: [...(evaluation.changes.get(file.path) ?? []), 'the node pools roll out: the node is replaced by one that boots with the new file'] }
      : file));
    return { action, summary: summaryLine(action, steps, files, platform), platform, openshiftVersion: version.label, steps, files, reasons, objects, policy, notes };
  }

  const action = evaluation.steps.level;
  const suggested = honoured ? suggestion(comparison, user.policy, evaluation.files) : undefined;
  if (!honoured && action === 'drain-reboot' && evaluation.files.some((file) => file.path === SEARCH_REGISTRIES_DROP_IN_PATH)) {
    notes.push('a node disruption policy could make the search-registries drop-in restart CRI-O instead of rebooting, from OpenShift 4.17');
  }
  return {
    action,
    summary: summaryLine(action, evaluation.steps.steps, evaluation.files, platform),
    platform,
    openshiftVersion: version.label,
    steps: evaluation.steps.steps,
    files: evaluation.files,
    reasons: [],
    objects,
    policy,
    ...(suggested ? { suggestion: suggested } : {}),
    notes,
  };
}
