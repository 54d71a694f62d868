/**
 * The rule engine: plain API objects (the same shapes as the YAML) in, findings out. Constructs, the CLI and the
 * node-file preview all go through here, so a rule is written once.
 *
 * The engine knows no rule by itself: it is built from an explicit, ordered list of rule modules
 * (`rules/index.ts`). The order of that list is the order in which findings are reported; nothing registers itself
 * by being imported.
 */
import { clip, Finding, quote, ValidationReport } from './finding';
import { CheckedObject, CheckOptions, CrossObjectContext, KindDefinition, KubernetesObject, LocatedFinding, RuleModule } from './rule-module';
import { DEFAULT_RULE_MODULES } from './rules';
import { ObjectRules } from './rules/objects';
import { report, SchemaRules, walkSchema } from './schema';
import { isDns1123Subdomain } from '../model/dns';
import { checkOptionsOrThrow } from './check-options';

export { checkOptionsOrThrow, InvalidReleaseImageError } from './check-options';

export type { CheckedObject, CheckOptions, KubernetesObject, LocatedFinding } from './rule-module';

/**
 * The per-object part of an earlier run of the engine over an object with the same content and options (its schema
 * walk and kind checks), which a caller may hand back so the engine does not redo it. Cross-object rules always run.
 */
export interface ObjectCheckMemo {
  /** The object's own findings (without cross-object ones). */
  readonly findings: readonly Finding[];
  /** The checked object as the cross-object rules see it, when the engine checks its kind and it had a name. */
  readonly subject?: Omit<CheckedObject, 'index' | 'object' | 'spec'>;
}

/** How a caller reuses and keeps per-object results between runs (the constructs: once at construction, once at synth). */
export interface ObjectCheckMemos {
  /** Results to reuse, by position in the objects given. @default - none */
  readonly reuse?: ReadonlyMap<number, ObjectCheckMemo>;
  /** Receives the per-object result of each object the run checks itself. @default - not kept */
  readonly keep?: (index: number, memo: ObjectCheckMemo) => void;
}

/** What one run of the engine found. */
export interface CheckResult {
  /** Every finding, with the position of its object. */
  readonly findings: LocatedFinding[];
  /** Every object with an `apiVersion` and a `kind` (of a kind the engine checks or not). */
  readonly checked: CheckedObject[];
  /** `apiVersion/Kind` of every object passed over because the engine does not check its kind. */
  readonly skippedKinds: string[];
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Kind/name` for messages, tolerant of malformed objects; a very long kind or name is cut. */
export function objectRef(object: unknown): string {
  const candidate = object as KubernetesObject | null;
  const kind = typeof candidate?.kind === 'string' ? clip(candidate.kind) : '<unknown kind>';
  const name = typeof candidate?.metadata?.name === 'string' ? clip(candidate.metadata.name) : '<unnamed>';
  return `${kind}/${name}`;
}

/** A rule engine over a fixed, ordered list of rule modules. */
export class RuleEngine {
  /** The modules, in the order their checks run and their rules are documented. */
  public readonly modules: readonly RuleModule[];
  private readonly kinds = new Map<string, KindDefinition>();

  constructor(modules: readonly RuleModule[]) {
    this.modules = modules;
    const codes = new Set<string>();
    for (const module of modules) {
      for (const rule of module.rules) {
        if (codes.has(rule.code)) {
          throw new Error(`rule code ${rule.code} is listed twice (module ${module.name})`);
        }
        codes.add(rule.code);
      }
      for (const kind of module.kinds ?? []) {
        this.kinds.set(kindKey(kind.apiVersion, kind.kind), kind);
      }
    }
  }

  /** The kind definition for an apiVersion and kind, if the engine checks it. */
  public findKind(apiVersion: string, kind: string): KindDefinition | undefined {
    return this.kinds.get(kindKey(apiVersion, kind));
  }

  /** Every kind the engine checks. */
  public knownKinds(): KindDefinition[] {
    return [...this.kinds.values()];
  }

  /**
   * Checks every object of one configuration (one cluster), then the rules that span objects, and returns the
   * findings with the position of the object each one is about. Objects of kinds the engine does not check are
   * handed to the cross-object rules (a trusted-CA ConfigMap, a wrong apiVersion) but not checked themselves.
   */
  public check(objects: readonly unknown[], options: CheckOptions = {}, memos: ObjectCheckMemos = {}): CheckResult {
    checkOptionsOrThrow(options);
    const findings: LocatedFinding[] = [];
    const checked: CheckedObject[] = [];
    const skippedKinds: string[] = [];

    objects.forEach((object, index) => {
      const sink: Finding[] = [];
      const ref = objectRef(object);
      const candidate = object as KubernetesObject;
      if (!isRecord(object)) {
        sink.push(ObjectRules.notAnObject.finding(ref, '', `The document is ${quote(object)}, not a Kubernetes object.`));
      } else if (typeof candidate.apiVersion !== 'string' || typeof candidate.kind !== 'string') {
        const missing = typeof candidate.apiVersion !== 'string' ? 'apiVersion' : 'kind';
        sink.push(ObjectRules.notAnObject.finding(ref, missing, `The object has no \`${missing}\`, so its kind cannot be known.`));
      } else {
        const definition = this.findKind(candidate.apiVersion, candidate.kind);
        const memo = memos.reuse?.get(index);
        if (memo) {
          sink.push(...memo.findings);
          if (memo.subject) {
            checked.push({ ...memo.subject, index, object: candidate, spec: isRecord(candidate.spec) ? candidate.spec : {} });
          }
        } else if (!definition) {
          skippedKinds.push(kindKey(clip(candidate.apiVersion), clip(candidate.kind)));
          const name = typeof candidate.metadata?.name === 'string' ? candidate.metadata.name : '';
          const spec = isRecord(candidate.spec) ? candidate.spec : {};
          checked.push({ index, ref, apiVersion: candidate.apiVersion, kind: candidate.kind, known: false, name, object: candidate, spec });
        } else {
          const subject = checkObject(definition, candidate, index, ref, sink, options);
          if (subject) {
            checked.push(subject);
          }
          if (memos.keep) {
            const { index: _index, object: _object, spec: _spec, ...kept } = subject ?? ({} as CheckedObject);
            memos.keep(index, { findings: [...sink], ...(subject ? { subject: kept } : {}) });
          }
        }
      }
      for (const finding of sink) {
        findings.push({ ...finding, index });
      }
    });

    const errorsAt = new Set<string>();
    const errorsOn = new Set<number>();
    const remember = (finding: LocatedFinding) => {
      if (finding.severity === 'error') {
        errorsAt.add(`${finding.index}\u0000${finding.path}`);
        errorsOn.add(finding.index);
      }
    };
    findings.forEach(remember);
    const cross: CrossObjectContext = {
      options,
      report: (subject, rule, path, message, hint) => {
        const finding = { ...rule.finding(subject.ref, path, message, hint), index: subject.index };
        findings.push(finding);
        remember(finding);
      },
      hasErrorAt: (subject, path) => errorsAt.has(`${subject.index}\u0000${path}`),
      hasErrorOn: (subject) => errorsOn.has(subject.index),
    };
    for (const module of this.modules) {
      for (const check of module.crossObjectChecks ?? []) {
        check(checked, cross);
      }
    }
    return { findings, checked, skippedKinds };
  }
}

function checkObject(definition: KindDefinition, object: KubernetesObject, index: number, ref: string, sink: Finding[], options: CheckOptions): CheckedObject | undefined {
  const metadata = object.metadata;
  const ctx = { object: ref, findings: sink };
  // A singleton always exists (its operator creates it), so a manifest of it is applied over the live object: what
  // it leaves out, `spec` itself or a required field of the spec, is kept from the cluster.
  const appliedOverLiveObject = definition.singletonName !== undefined;
  const rawSpec = object.spec;
  // An explicit `spec: null` is different: applied, a null deletes the field, and the API server then refuses the object.
  const specMissing = definition.specRequired !== false && (rawSpec === null || (rawSpec === undefined && !appliedOverLiveObject));
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    report(ctx, ObjectRules.notAnObject, 'metadata.name', `The ${definition.kind} has no \`metadata.name\`.`,
      definition.singletonName ? `Set \`metadata.name: ${definition.singletonName}\`.` : 'Set `metadata.name`.');
    if (specMissing) {
      reportMissingSpec(definition, ctx);
    }
    return undefined;
  }
  const name = metadata.name;
  if (!isDns1123Subdomain(name)) {
    report(ctx, ObjectRules.nameInvalid, 'metadata.name',
      `\`metadata.name\` is ${quote(name)}, which the API server refuses: a name must be a lower-case DNS-1123 subdomain (letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit, at most 253 characters).`,
      definition.singletonName ? `Name it \`${definition.singletonName}\`.` : `Rename it, e.g. ${quote(suggestName(name))}.`);
  } else if (definition.singletonName && name !== definition.singletonName) {
    report(ctx, ObjectRules.singletonName, 'metadata.name',
      `The ${definition.kind} is named ${quote(name)}; the cluster only reads the one named ${quote(definition.singletonName)} and ignores this one.`,
      `Rename it to \`${definition.singletonName}\` (and merge it with any other ${definition.kind} you have).`);
  }
  if (definition.clusterScoped && metadata.namespace !== undefined && metadata.namespace !== null) {
    report(ctx, ObjectRules.clusterScopedNamespace, 'metadata.namespace',
      `${definition.kind} is cluster-scoped, but the object sets \`metadata.namespace: ${quote(metadata.namespace)}\`.`);
  }
  if (specMissing) {
    reportMissingSpec(definition, ctx);
  }
  walkSchema(definition.specSchema, rawSpec, 'spec', { ...ctx, mergedOverLiveObject: appliedOverLiveObject });
  const spec = isRecord(rawSpec) ? rawSpec : {};
  const subject: CheckedObject = { index, ref, apiVersion: definition.apiVersion, kind: definition.kind, known: true, name, object, spec };
  for (const check of definition.checks ?? []) {
    check(subject, { ...ctx, subject, options });
  }
  return subject;
}

/** `spec` is required by the CRD (a null one is pruned first, so it counts as missing). */
function reportMissingSpec(definition: KindDefinition, ctx: { readonly object: string; readonly findings: Finding[] }): void {
  report(ctx, SchemaRules.required, 'spec', `\`spec\` is required, but the ${definition.kind} has none (a \`spec:\` with nothing after it is null: applied, it deletes the spec).`,
    'Add the `spec` with its fields, or `spec: {}` at least.');
}

/** A DNS-1123 name close to `name`, for a hint. */
function suggestName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 253);
  return cleaned === '' ? 'my-object' : cleaned;
}

let defaultEngineInstance: RuleEngine | undefined;

/** The engine over every rule module of this library (`DEFAULT_RULE_MODULES`). */
export function defaultRuleEngine(): RuleEngine {
  return (defaultEngineInstance ??= new RuleEngine(DEFAULT_RULE_MODULES));
}

/** Every kind the library checks. */
export function knownKinds(): KindDefinition[] {
  return defaultRuleEngine().knownKinds();
}

/** Whether the library checks objects of this apiVersion and kind. */
export function isKnownKind(object: unknown): boolean {
  const candidate = object as KubernetesObject | null;
  return typeof candidate?.apiVersion === 'string' && typeof candidate?.kind === 'string' && defaultRuleEngine().findKind(candidate.apiVersion, candidate.kind) !== undefined;
}

/**
 * Checks the objects of one configuration (one cluster) with every rule of the library. Cross-object rules see all
 * of them: give one cluster's objects per call.
 * @throws OpenShiftVersionError when `options.openshiftVersion` is not a release the checks model
 */
export function checkObjects(objects: readonly unknown[], options: CheckOptions = {}, memos: ObjectCheckMemos = {}): CheckResult {
  return defaultRuleEngine().check(objects, options, memos);
}

/**
 * Validates the plain objects of one configuration and returns every finding, split into errors and warnings.
 * @throws OpenShiftVersionError when `options.openshiftVersion` is not a release the checks model
 */
export function validateObjects(objects: readonly unknown[], options: CheckOptions = {}): ValidationReport {
  const { findings, checked, skippedKinds } = checkObjects(objects, options);
  const plain: Finding[] = findings.map(({ index: _index, ...finding }) => finding);
  return {
    findings: plain,
    errors: plain.filter((finding) => finding.severity === 'error'),
    warnings: plain.filter((finding) => finding.severity === 'warning'),
    checkedObjects: checked.filter((subject) => subject.known).length,
    skippedKinds,
  };
}
