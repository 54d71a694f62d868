import { ApiObject, ApiObjectProps, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Finding } from '../../validation/finding';
import { checkObjects, KubernetesObject, LocatedFinding, ObjectCheckMemo } from '../../validation/engine';
import { CheckOptions } from '../../validation/rule-module';
import { ValidationError } from '../../validation/validation-error';
import { isAcknowledged } from './acknowledgements';
import { OpenShiftCluster } from './openshift-cluster';
import { describeValue, isPlainRecord, PropIssues, readProp, stringMap } from './props';

/** Labels and annotations of an object whose name is fixed (a cluster singleton). */
export interface ResourceMetadata {
  /**
   * Labels of the object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Metadata of an object that the user names. */
export interface NamedResourceMetadata extends ResourceMetadata {
  /**
   * Name of the object.
   * @default - a name generated from the construct path, stable across synths
   */
  readonly name?: string;
}

/**
 * The L1 object of every construct in this library: a plain cdk8s `ApiObject` that, before it renders, runs the
 * rules that span every construct of the app, and that never renders a namespace on a cluster-scoped kind (a chart's
 * namespace would otherwise be stamped on it).
 */
class CheckedApiObject extends ApiObject {
  /** Whether a JSON patch was added (an escape hatch): then only cdk8s's own render is the truth. */
  private patched = false;

  constructor(
    scope: Construct,
    id: string,
    props: ApiObjectProps,
    private readonly clusterScoped: boolean,
    private readonly produceSpec: () => unknown,
  ) {
    super(scope, id, props);
  }

  /**
   * The object as cdk8s will render it, without cdk8s's token resolution (the costly part of a render), or
   * `undefined` when that would not be the same: a token (a cdk8s `Lazy`) in the spec, a JSON patch, or an app with
   * resolvers of its own. Checks at construction use it; the output always comes from cdk8s.
   */
  public renderWithoutResolution(): Record<string, unknown> | undefined {
    if (this.patched || !hasOnlyBuiltInResolvers(this)) {
      return undefined;
    }
    const metadata = sanitizedPlainData(this.metadata.toJson());
    const spec = sanitizedPlainData(this.produceSpec());
    if (metadata === TOKEN_FOUND || spec === TOKEN_FOUND || typeof metadata !== 'object' || metadata === null) {
      return undefined;
    }
    if (this.clusterScoped) {
      delete (metadata as Record<string, unknown>).namespace;
    }
    return { apiVersion: this.apiVersion, kind: this.kind, metadata, ...(spec !== undefined ? { spec } : {}) };
  }

  public toJson(): any {
    runSynthChecks(this, false);
    // The synth checks have just rendered this object to check it: hand that render out rather than render it again
    // (nothing can change it in between: no user code runs between the checks and the output of one synth).
    const rendered = takeRenderedForOutput(this);
    return rendered !== undefined ? rendered : this.renderUnchecked();
  }

  /** Whether an escape-hatch JSON patch was added. */
  public get isPatched(): boolean {
    return this.patched;
  }

  public addJsonPatch(...ops: Parameters<ApiObject['addJsonPatch']>): void {
    this.patched = true;
    markChanged(this);
    super.addJsonPatch(...ops);
  }

  /** The rendered object, without running the app-wide checks (used by the checks themselves). */
  public renderUnchecked(): any {
    const json = super.toJson();
    if (this.clusterScoped && json.metadata) {
      delete json.metadata.namespace;
    }
    return json;
  }
}

/** Returned by {@link sanitizedPlainData} when the value holds something only cdk8s's resolution can render. */
const TOKEN_FOUND = Symbol('token');

/**
 * A value as cdk8s's sanitising leaves plain data (keys sorted, `null` and `undefined` fields dropped, lists kept with
 * their items sanitised), or {@link TOKEN_FOUND} when it holds an object that is not plain data (a `Lazy`, an object
 * cdk8s resolves).
 */
function sanitizedPlainData(value: unknown): unknown {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const sanitized = sanitizedPlainData(item);
      if (sanitized === TOKEN_FOUND) {
        return TOKEN_FOUND;
      }
      items.push(sanitized);
    }
    return items;
  }
  if (!isPlainRecord(value)) {
    return TOKEN_FOUND;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const sanitized = sanitizedPlainData(value[key]);
    if (sanitized === TOKEN_FOUND) {
      return TOKEN_FOUND;
    }
    if (sanitized === undefined) {
      continue;
    }
    if (key === '__proto__') {
      // Defined, not assigned: assigning would set the prototype, and the key would be lost.
      Object.defineProperty(copy, key, { value: sanitized, enumerable: true, writable: true, configurable: true });
    } else {
      copy[key] = sanitized;
    }
  }
  return copy;
}

/** Whether the app resolves values only with cdk8s's three built-in resolvers (no resolver of the user's). */
function hasOnlyBuiltInResolvers(construct: IConstruct): boolean {
  const root = construct.node.root as { resolvers?: readonly unknown[] };
  const resolvers = root.resolvers;
  return !Array.isArray(resolvers) || resolvers.every((resolver) => BUILT_IN_RESOLVERS.has((resolver as object)?.constructor?.name));
}

const BUILT_IN_RESOLVERS = new Set(['LazyResolver', 'ImplicitTokenResolver', 'NumberStringUnionResolver']);

/** By prototype: cdk8s makes `instanceof ApiObject` (and so of any subclass) true for every ApiObject. */
function isCheckedApiObject(apiObject: ApiObject): apiObject is CheckedApiObject {
  return Object.prototype.isPrototypeOf.call(CheckedApiObject.prototype, apiObject);
}

/** What a construct of this library tells its base class about the object it emits. */
export interface OpenShiftResourceOptions {
  readonly apiVersion: string;
  readonly kind: string;
  /** Fixed for singletons, user-given or generated otherwise. */
  readonly name?: string;
  /** Only for namespaced kinds. */
  readonly namespace?: string;
  readonly clusterScoped: boolean;
  readonly metadata?: ResourceMetadata;
}

const RESOURCE_SYMBOL = Symbol.for('cdk-openshift-images.OpenShiftResource');

/**
 * Base of the Kubernetes constructs of this library: owns the L1 `ApiObject` (child id `Resource`, exposed for
 * escape hatches), renders the spec lazily so `addXxx()` methods work after construction, and validates through the
 * shared rule engine: at construction for the construct's own objects, at synth for rules across constructs.
 */
export abstract class OpenShiftResource extends Construct {
  /** Whether `x` is a construct of this library. */
  public static isOpenShiftResource(x: unknown): x is OpenShiftResource {
    return typeof x === 'object' && x !== null && RESOURCE_SYMBOL in x;
  }

  /** The underlying cdk8s object, for escape hatches (`addJsonPatch`, metadata changes). */
  public readonly apiObject: ApiObject;

  /**
   * Props that cannot be used as given (a value no Kubernetes object can hold, a convenience prop of the wrong
   * shape): thrown by {@link validateNow} together with the rule engine's findings.
   */
  protected readonly propIssues: PropIssues;

  constructor(scope: Construct, id: string, options: OpenShiftResourceOptions) {
    super(scope, id);
    Object.defineProperty(this, RESOURCE_SYMBOL, { value: true });
    const issues = new PropIssues(() => this.objectRef);
    this.propIssues = issues;
    // JavaScript callers and YAML-loaded props can give anything: labels must be strings, a name a string.
    const metadata: unknown = options.metadata;
    if (metadata !== undefined && !isPlainRecord(metadata)) {
      issues.report('metadata', `\`metadata\` is ${describeValue(metadata)}; expected an object with \`labels\` and \`annotations\`.`);
    }
    const metadataRecord = isPlainRecord(metadata) ? metadata : {};
    const labels = stringMap(readProp(metadataRecord, 'labels'), 'metadata.labels', issues, 'a mapping of label names to strings');
    const annotations = stringMap(readProp(metadataRecord, 'annotations'), 'metadata.annotations', issues, 'a mapping of annotation names to strings');
    const name: unknown = options.name;
    if (name !== undefined && typeof name !== 'string') {
      issues.report('metadata.name', `\`metadata.name\` is ${describeValue(name)}; expected a string.`, 'Name the object with a string, or leave the name out for a generated one.');
    }
    this.apiObject = new CheckedApiObject(this, 'Resource', {
      apiVersion: options.apiVersion,
      kind: options.kind,
      // Only defined keys: cdk8s spreads this over its generated name, so an explicit `name: undefined` would erase it.
      metadata: Object.fromEntries(Object.entries({
        name: typeof name === 'string' ? name : undefined,
        namespace: options.namespace,
        labels,
        annotations,
      }).filter(([, value]) => value !== undefined)),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    }, options.clusterScoped, () => this.renderSpec());
    markChanged(this);
    registerAppCheck(this);
  }

  /** `metadata.name` of the emitted object. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** `Kind/name` of the emitted object, as findings name it. */
  public get objectRef(): string {
    return `${this.apiObject.kind}/${this.apiObject.name}`;
  }

  /** The spec as a plain object; undefined fields are dropped by cdk8s, empty lists must be left out here. */
  protected abstract renderSpec(): Record<string, unknown>;

  /** Other objects this construct emits next to its own (e.g. a trusted-CA ConfigMap). */
  protected companionObjects(): ApiObject[] {
    return [];
  }

  /** Every object this construct emits, exactly as it will be written (escape-hatch patches included). */
  public toPlainObjects(): KubernetesObject[] {
    return this.renderObjects(false);
  }

  /** The rendered objects; with `forOutput`, each render of ours is also kept for the output that follows the checks. */
  private renderObjects(forOutput: boolean): KubernetesObject[] {
    return [this.apiObject, ...this.companionObjects()].map((apiObject: ApiObject) => {
      if (isCheckedApiObject(apiObject)) {
        const json = apiObject.renderUnchecked();
        if (forOutput) {
          keepRenderedForOutput(apiObject, json);
        }
        return json;
      }
      return apiObject.toJson();
    });
  }

  /**
   * The objects to check at construction: rendered without cdk8s's token resolution where that is the same, and
   * whether the render follows from the construct's state alone (no token, no resolver of the app's own, no patch).
   */
  private objectsForConstructionCheck(): { objects: KubernetesObject[]; deterministic: boolean } {
    let deterministic = true;
    const objects = [this.apiObject, ...this.companionObjects()].map((apiObject: ApiObject) => {
      const fast = isCheckedApiObject(apiObject) ? apiObject.renderWithoutResolution() : undefined;
      if (fast !== undefined) {
        return fast;
      }
      // Companions (a ConfigMap) and objects holding tokens: cdk8s's render, compared by content at synth.
      deterministic = false;
      return isCheckedApiObject(apiObject) ? apiObject.renderUnchecked() : apiObject.toJson();
    });
    return { objects, deterministic };
  }

  /**
   * The per-object results of the last check at construction (`validateNow`), with the content they are valid for:
   * the synth checks reuse them for objects that have not changed since, and only run the rules across objects.
   */
  private lastCheck?: {
    /** The content the results hold for, when the state alone cannot tell (see {@link objectsForSynthCheck}). */
    readonly key: string | undefined;
    readonly version: number;
    readonly options: CheckOptions | undefined;
    readonly memos: ObjectCheckMemo[];
  };

  /** Counts this construct's checks at construction (each follows a change of its state). */
  private version = 0;

  /** The objects to check at synth, with the per-object results that still hold for them. */
  public objectsForSynthCheck(options: CheckOptions | undefined): { objects: KubernetesObject[]; memos: (ObjectCheckMemo | undefined)[] } {
    const objects = this.renderObjects(true);
    const last = this.lastCheck;
    // Unchanged since that check: the same construct state (every change checks again), no escape-hatch patch, and the
    // same options; or, when the check could not tell (a Lazy value, resolvers of the app's own), the same content.
    const reusable = last !== undefined && (last.key === undefined
      ? last.version === this.version && !this.hasPatches() && sameOptions(last.options, options)
      : last.key === contentKey(objects, options));
    return { objects, memos: objects.map((_, index) => (reusable ? last.memos[index] : undefined)) };
  }

  /** Whether an escape-hatch JSON patch was added to one of this construct's objects. */
  private hasPatches(): boolean {
    return isCheckedApiObject(this.apiObject) && this.apiObject.isPatched;
  }

  /**
   * Checks this construct's own objects and throws a `ValidationError` listing every error. Subclasses call it at the
   * end of their constructor and after every `addXxx()`.
   */
  protected validateNow(): void {
    markChanged(this);
    const options = OpenShiftCluster.of(this)?.checkOptions;
    const { objects, deterministic } = this.objectsForConstructionCheck();
    const memos: ObjectCheckMemo[] = [];
    const { findings } = checkObjects(objects, options, { keep: (index, memo) => { memos[index] = memo; } });
    this.version += 1;
    const key = deterministic ? undefined : contentKey(objects, options);
    this.lastCheck = undefined;
    if ((deterministic || key !== undefined) && memos.length === objects.length && !memos.includes(undefined as never)) {
      this.lastCheck = { key, version: this.version, options, memos };
    }
    // A prop reported already is not reported again by the rules (the value left out would read as missing there).
    const reported = this.propIssues.findings.map((finding) => finding.path);
    const isReported = (path: string) => reported.some((at) => at === '' || path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`));
    const errors = [...this.propIssues.findings, ...findings.filter((finding) => finding.severity === 'error' && !isReported(finding.path))];
    if (errors.length > 0) {
      throw new ValidationError(errors, () => this.node.path);
    }
  }
}

/** A warning found at synth, with the construct it belongs to. */
export interface ConstructWarning extends Finding {
  /** Path of the construct that emits the object. */
  readonly constructPath: string;
}

interface AppCheckResult {
  readonly errors: LocatedFinding[];
  readonly warnings: ConstructWarning[];
  readonly owners: OpenShiftResource[];
}

const generations = new WeakMap<IConstruct, number>();
const checkedGenerations = new WeakMap<IConstruct, number>();
const printedWarnings = new WeakMap<IConstruct, Set<string>>();
const rootsWithHook = new WeakSet<IConstruct>();

/** Marks the construct tree as changed, so the next synth runs the app-wide checks again. */
function markChanged(construct: IConstruct): void {
  const root = construct.node.root;
  generations.set(root, (generations.get(root) ?? 0) + 1);
}

/** `cdk8s synth`, `app.synth()` and `app.synthYaml()` validate before writing anything: hook the checks in there. */
function registerAppCheck(construct: IConstruct): void {
  const root = construct.node.root;
  if (!rootsWithHook.has(root)) {
    rootsWithHook.add(root);
    // cdk8s validates the app once per synth and again for every chart it writes: the checks run when something has
    // changed since the last run (every construct of this library, and an escape-hatch patch, marks a change).
    root.node.addValidation({ validate: () => { runSynthChecks(root, false); return []; } });
  }
}

/**
 * What makes two checks of the same objects equivalent: their content and the cluster's options. `undefined` when the
 * objects cannot be written as JSON (then nothing is reused).
 */
function contentKey(objects: readonly KubernetesObject[], options: CheckOptions | undefined): string | undefined {
  try {
    return JSON.stringify([objects, options ?? {}]);
  } catch {
    return undefined;
  }
}

/** Whether two option sets ask the same of the checks. */
function sameOptions(a: CheckOptions | undefined, b: CheckOptions | undefined): boolean {
  return (a?.openshiftVersion ?? '') === (b?.openshiftVersion ?? '') && (a?.releaseImage ?? '') === (b?.releaseImage ?? '') && (a?.target ?? '') === (b?.target ?? '');
}

/** Renders made by the synth checks, for the output of the same synth (see `CheckedApiObject.toJson`). */
const rendersForOutput = new WeakMap<ApiObject, { readonly generation: number; readonly json: unknown }>();

function keepRenderedForOutput(apiObject: ApiObject, json: unknown): void {
  rendersForOutput.set(apiObject, { generation: generations.get(apiObject.node.root) ?? 0, json });
}

/** The render kept for `apiObject`, once, if nothing has changed in its app since. */
function takeRenderedForOutput(apiObject: ApiObject): unknown {
  const kept = rendersForOutput.get(apiObject);
  rendersForOutput.delete(apiObject);
  return kept !== undefined && kept.generation === (generations.get(apiObject.node.root) ?? 0) ? kept.json : undefined;
}

/** The objects of one cluster's configuration, with the construct that emits each. */
interface ClusterObjects {
  readonly cluster?: OpenShiftCluster;
  readonly owners: OpenShiftResource[];
  readonly objects: KubernetesObject[];
  /** Per-object results from construction that still hold, by position in `objects`. */
  readonly memos: Map<number, ObjectCheckMemo>;
}

/**
 * The constructs of this library in the app, grouped by cluster: the nearest {@link OpenShiftCluster} above each, or
 * the app itself for those under none (an app without clusters is one cluster).
 */
function clustersOf(root: IConstruct, forSynth: boolean): ClusterObjects[] {
  const groups = new Map<OpenShiftCluster | undefined, ClusterObjects>();
  for (const construct of root.node.findAll()) {
    if (!OpenShiftResource.isOpenShiftResource(construct)) {
      continue;
    }
    const cluster = OpenShiftCluster.of(construct);
    let group = groups.get(cluster);
    if (!group) {
      group = { ...(cluster ? { cluster } : {}), owners: [], objects: [], memos: new Map() };
      groups.set(cluster, group);
    }
    const { objects, memos } = forSynth ? construct.objectsForSynthCheck(cluster?.checkOptions) : { objects: construct.toPlainObjects(), memos: [] };
    objects.forEach((object, position) => {
      const memo = memos[position];
      if (memo !== undefined) {
        group!.memos.set(group!.objects.length, memo);
      }
      group!.owners.push(construct);
      group!.objects.push(object);
    });
  }
  return [...groups.values()];
}

/**
 * Runs the engine over every object of every construct of this library in the app, one cluster at a time, so one
 * cluster's rules never see another cluster's objects. Finding indexes point into the returned `owners`.
 */
export function checkApp(scope: IConstruct, forSynth: boolean = false): AppCheckResult {
  const owners: OpenShiftResource[] = [];
  const errors: LocatedFinding[] = [];
  const warnings: ConstructWarning[] = [];
  for (const group of clustersOf(scope.node.root, forSynth)) {
    const offset = owners.length;
    for (const owner of group.owners) {
      owners.push(owner);
    }
    const { findings } = checkObjects(group.objects, group.cluster?.checkOptions, { reuse: group.memos });
    for (const finding of findings) {
      const owner = group.owners[finding.index];
      if (finding.severity === 'error') {
        errors.push({ ...finding, index: finding.index + offset });
      } else if (!isAcknowledged(owner, finding.code)) {
        const { index: _index, ...plain } = finding;
        warnings.push({ ...plain, constructPath: owner.node.path });
      }
    }
  }
  return { errors, warnings, owners };
}

/**
 * The synth-time step: throws a `ValidationError` for errors across constructs, prints each unacknowledged warning
 * once. Skipped when nothing changed since the last run, unless forced (the app-level validation always runs).
 */
function runSynthChecks(scope: IConstruct, force: boolean): void {
  const root = scope.node.root;
  const generation = generations.get(root) ?? 0;
  if (!force && checkedGenerations.get(root) === generation) {
    return;
  }
  const { errors, warnings, owners } = checkApp(root, true);
  if (errors.length > 0) {
    const constructPaths = new Map<Finding, string>();
    const plain = errors.map(({ index, ...finding }) => {
      constructPaths.set(finding, owners[index].node.path);
      return finding;
    });
    throw new ValidationError(plain, (finding) => constructPaths.get(finding));
  }
  checkedGenerations.set(root, generation);
  let printed = printedWarnings.get(root);
  if (!printed) {
    printed = new Set();
    printedWarnings.set(root, printed);
  }
  for (const warning of warnings) {
    const key = `${warning.constructPath}|${warning.code}|${warning.path}|${warning.message}`;
    if (!printed.has(key)) {
      printed.add(key);
      process.stderr.write(`[cdk-openshift-images] WARNING ${warning.code} at ${warning.constructPath} (${warning.object} ${warning.path}): ${warning.message} Fix: ${warning.hint} (to acknowledge: Warnings.acknowledge(scope, '${warning.code}', 'why'))\n`);
    }
  }
}
