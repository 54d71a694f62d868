/**
 * The rule engine: plain API objects (the same shapes as the YAML) in, findings out. Constructs, the CLI and the
 * node-file preview all go through here, so a rule is written once.
 */
import { Finding, quote, ValidationReport } from './finding';
import { defineRule, Rule } from './rule';
import { ObjectNode, report, walkSchema, WalkContext } from './schema';

/** The shape every Kubernetes object shares; everything else is checked by the kind's schema. */
export interface KubernetesObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: {
    readonly name?: unknown;
    readonly namespace?: unknown;
    readonly labels?: unknown;
    readonly annotations?: unknown;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** An object of a kind the engine checks, with its position in the input. */
export interface CheckedObject {
  /** Position in the list given to the engine. */
  readonly index: number;
  /** `Kind/name`. */
  readonly ref: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** Whether the engine checks this kind; cross-object rules also see other kinds (e.g. a referenced ConfigMap). */
  readonly known: boolean;
  readonly name: string;
  readonly object: KubernetesObject;
  /** `object.spec`, or an empty object when absent or not an object. */
  readonly spec: Record<string, unknown>;
}

/** A finding plus the position of its object in the input, so front ends can map it back to a file and line. */
export interface LocatedFinding extends Finding {
  /** Position of the object in the list given to the engine. */
  readonly index: number;
}

/** Collects findings for one object. */
export interface ObjectCheckContext extends WalkContext {
  readonly subject: CheckedObject;
}

/** A semantic rule over one object (schema constraints go in the kind's schema). */
export type ObjectCheck = (subject: CheckedObject, ctx: ObjectCheckContext) => void;

/** Collects findings of a rule that spans several objects. */
export interface CrossObjectContext {
  /** Reports a finding against one of the objects. */
  report(subject: CheckedObject, rule: Rule, path: string, message: string, hint?: string): void;
}

/** A rule over every object of one validation run (e.g. two mirror sets that disagree on a source). */
export type CrossObjectCheck = (objects: readonly CheckedObject[], ctx: CrossObjectContext) => void;

/** What the engine knows about a kind. */
export interface KindDefinition {
  readonly apiVersion: string;
  readonly kind: string;
  /** Cluster-scoped kinds never carry a namespace. */
  readonly clusterScoped: boolean;
  /** The only name the cluster reads, for singletons such as `Image/cluster`. */
  readonly singletonName?: string;
  /** Schema of the object's `spec` (our encoding of the CRD). */
  readonly specSchema: ObjectNode;
  /** Whether the CRD requires `spec`. @default true */
  readonly specRequired?: boolean;
  /** Semantic rules for one object of this kind. */
  readonly checks?: readonly ObjectCheck[];
}

const kinds = new Map<string, KindDefinition>();
const crossObjectChecks: CrossObjectCheck[] = [];

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Registers a kind with the engine (done by the modules under `rules/`). */
export function registerKind(definition: KindDefinition): void {
  kinds.set(kindKey(definition.apiVersion, definition.kind), definition);
}

/** Registers a rule that looks at all objects of a run together. */
export function registerCrossObjectCheck(check: CrossObjectCheck): void {
  crossObjectChecks.push(check);
}

/** The kind definition for an apiVersion and kind, if the engine checks it. */
export function findKind(apiVersion: string, kind: string): KindDefinition | undefined {
  loadRules();
  return kinds.get(kindKey(apiVersion, kind));
}

/** Every kind the engine checks. */
export function knownKinds(): KindDefinition[] {
  loadRules();
  return [...kinds.values()];
}

let rulesLoaded = false;
function loadRules(): void {
  if (!rulesLoaded) {
    rulesLoaded = true;
    // The rule modules register themselves; loading them lazily keeps this module free of import cycles.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./rules');
  }
}

const ObjectRules = {
  notAnObject: defineRule({
    code: 'object-malformed', severity: 'error', source: 'api-server', kinds: ['*'], schemaLevel: true,
    summary: 'A document is not a Kubernetes object: not a mapping, or without `apiVersion`, `kind` or `metadata.name`.',
    fix: 'Give every document `apiVersion`, `kind` and `metadata.name`.',
  }),
  singletonName: defineRule({
    code: 'singleton-name', severity: 'error', source: 'cluster', kinds: ['Image', 'Config', 'ImagePruner'],
    summary: 'A cluster singleton (`Image`, registry `Config`, `ImagePruner`) has a name other than `cluster`; the API server accepts it but nothing reads it.',
    fix: 'Name the object `cluster`.',
  }),
  clusterScopedNamespace: defineRule({
    code: 'cluster-scoped-namespace', severity: 'warning', source: 'api-server', kinds: ['*'],
    summary: 'A cluster-scoped object carries `metadata.namespace`, which means nothing for it and makes diffs noisy.',
    fix: 'Remove `metadata.namespace`.',
  }),
};

/** `Kind/name` for messages, tolerant of malformed objects. */
export function objectRef(object: unknown): string {
  const candidate = object as KubernetesObject | null;
  const kind = typeof candidate?.kind === 'string' ? candidate.kind : '<unknown kind>';
  const name = typeof candidate?.metadata?.name === 'string' ? candidate.metadata.name : '<unnamed>';
  return `${kind}/${name}`;
}

/** Whether the engine checks objects of this apiVersion and kind. */
export function isKnownKind(object: unknown): boolean {
  const candidate = object as KubernetesObject | null;
  return typeof candidate?.apiVersion === 'string' && typeof candidate?.kind === 'string' && findKind(candidate.apiVersion, candidate.kind) !== undefined;
}

/**
 * Checks every object, then the rules that span objects, and returns the findings with the position of the object
 * each one is about. Objects of kinds the engine does not know are passed over.
 */
export function checkObjects(objects: readonly unknown[]): { findings: LocatedFinding[]; checked: CheckedObject[]; skippedKinds: string[] } {
  loadRules();
  const findings: LocatedFinding[] = [];
  const checked: CheckedObject[] = [];
  const skippedKinds: string[] = [];

  objects.forEach((object, index) => {
    const sink: Finding[] = [];
    const ref = objectRef(object);
    const candidate = object as KubernetesObject;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      sink.push(ObjectRules.notAnObject.finding(ref, '', `The document is ${quote(object)}, not a Kubernetes object.`));
    } else if (typeof candidate.apiVersion !== 'string' || typeof candidate.kind !== 'string') {
      sink.push(ObjectRules.notAnObject.finding(ref, typeof candidate.apiVersion !== 'string' ? 'apiVersion' : 'kind',
        `The object has no ${typeof candidate.apiVersion !== 'string' ? '`apiVersion`' : '`kind`'}, so its kind cannot be known.`));
    } else {
      const definition = kinds.get(kindKey(candidate.apiVersion, candidate.kind));
      if (!definition) {
        skippedKinds.push(`${candidate.apiVersion}/${candidate.kind}`);
        const name = candidate.metadata?.name;
        if (typeof name === 'string') {
          const spec = isRecord(candidate.spec) ? candidate.spec : {};
          checked.push({ index, ref, apiVersion: candidate.apiVersion, kind: candidate.kind, known: false, name, object: candidate, spec });
        }
      } else {
        const subject = checkObject(definition, candidate, index, ref, sink);
        if (subject) {
          checked.push(subject);
        }
      }
    }
    findings.push(...sink.map((finding) => ({ ...finding, index })));
  });

  const cross: CrossObjectContext = {
    report: (subject, rule, path, message, hint) => findings.push({ ...rule.finding(subject.ref, path, message, hint), index: subject.index }),
  };
  for (const check of crossObjectChecks) {
    check(checked, cross);
  }
  return { findings, checked, skippedKinds };
}

function checkObject(definition: KindDefinition, object: KubernetesObject, index: number, ref: string, sink: Finding[]): CheckedObject | undefined {
  const ctx = { object: ref, findings: sink };
  const metadata = object.metadata;
  if (typeof metadata !== 'object' || metadata === null || typeof metadata.name !== 'string' || metadata.name === '') {
    report(ctx, ObjectRules.notAnObject, 'metadata.name', `The ${definition.kind} has no \`metadata.name\`.`,
      definition.singletonName ? `Set \`metadata.name: ${definition.singletonName}\`.` : 'Set `metadata.name`.');
    return undefined;
  }
  const name = metadata.name;
  if (definition.singletonName && name !== definition.singletonName) {
    report(ctx, ObjectRules.singletonName, 'metadata.name',
      `The ${definition.kind} is named ${quote(name)}; the cluster only reads the one named ${quote(definition.singletonName)} and ignores this one.`,
      `Rename it to \`${definition.singletonName}\` (and merge it with any other ${definition.kind} you have).`);
  }
  if (definition.clusterScoped && metadata.namespace !== undefined && metadata.namespace !== null) {
    report(ctx, ObjectRules.clusterScopedNamespace, 'metadata.namespace',
      `${definition.kind} is cluster-scoped, but the object sets \`metadata.namespace: ${String(metadata.namespace)}\`.`);
  }
  const rawSpec = object.spec;
  if ((rawSpec === undefined || rawSpec === null) && definition.specRequired !== false) {
    report(ctx, ObjectRules.notAnObject, 'spec', `The ${definition.kind} has no \`spec\`, which the API requires.`, 'Add `spec: {}` at least.');
  }
  walkSchema(definition.specSchema, rawSpec, 'spec', ctx);
  const spec = isRecord(rawSpec) ? rawSpec : {};
  const subject: CheckedObject = { index, ref, apiVersion: definition.apiVersion, kind: definition.kind, known: true, name, object, spec };
  for (const check of definition.checks ?? []) {
    check(subject, { ...ctx, subject });
  }
  return subject;
}

/** Validates plain objects and returns every finding, split into errors and warnings. */
export function validateObjects(objects: readonly unknown[]): ValidationReport {
  const { findings, checked, skippedKinds } = checkObjects(objects);
  const plain: Finding[] = findings.map(({ index: _index, ...finding }) => finding);
  return {
    findings: plain,
    errors: plain.filter((finding) => finding.severity === 'error'),
    warnings: plain.filter((finding) => finding.severity === 'warning'),
    checkedObjects: checked.filter((subject) => subject.known).length,
    skippedKinds,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
