/**
 * The shapes the rule engine and its rule modules share. A rule module is a plain value (its rules, the kinds it
 * defines, its checks); the engine is given an explicit, ordered list of them, as eslint is given its rule map.
 */
import type { Finding } from './finding';
import type { Rule } from './rule';
import type { ObjectNode, WalkContext } from './schema';

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

/** An object of the configuration, with its position in the input. */
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

/** What the configuration is checked for: the cluster it is meant for. */
export interface CheckOptions {
  /**
   * The OpenShift release of the cluster, `4.N` or `5.N` (a `.z` is accepted): the Machine Config Operator's checks
   * differ between releases.
   * @default '4.19' (the current behaviour)
   */
  readonly openshiftVersion?: string;
  /**
   * The cluster's release image (`oc get clusterversion version -o jsonpath='{.status.desired.image}'`). The Machine
   * Config Operator's payload check needs it: without it, the rules that depend on the payload are not applied.
   * @default - unknown
   */
  readonly releaseImage?: string;
  /**
   * A hosted platform whose own rules apply as well.
   * @default - a standalone OpenShift cluster
   */
  readonly target?: CheckTarget;
}

/** Hosted platforms with rules of their own. */
export type CheckTarget = 'rosa-hcp' | 'hypershift';

/** Collects findings for one object. */
export interface ObjectCheckContext extends WalkContext {
  readonly subject: CheckedObject;
  readonly options: CheckOptions;
}

/** A semantic rule over one object (schema constraints go in the kind's schema). */
export type ObjectCheck = (subject: CheckedObject, ctx: ObjectCheckContext) => void;

/** Collects findings of a rule that spans several objects. */
export interface CrossObjectContext {
  readonly options: CheckOptions;
  /** Reports a finding against one of the objects. */
  report(subject: CheckedObject, rule: Rule, path: string, message: string, hint?: string): void;
  /** Whether an error has already been reported at exactly this object and path (to avoid saying it twice). */
  hasErrorAt(subject: CheckedObject, path: string): boolean;
  /** Whether an error has already been reported on this object. */
  hasErrorOn(subject: CheckedObject): boolean;
}

/** A rule over every object of one configuration (e.g. two mirror sets that disagree on a source). */
export type CrossObjectCheck = (objects: readonly CheckedObject[], ctx: CrossObjectContext) => void;

/** What the engine knows about a kind. */
export interface KindDefinition {
  readonly apiVersion: string;
  readonly kind: string;
  /** Cluster-scoped kinds never carry a namespace. */
  readonly clusterScoped: boolean;
  /**
   * The only name the cluster reads, for singletons such as `Image/cluster`. A singleton always exists (its operator
   * creates it), so a manifest of it is applied over the live object: fields it leaves out are unchanged.
   */
  readonly singletonName?: string;
  /** Schema of the object's `spec` (our encoding of the CRD). */
  readonly specSchema: ObjectNode;
  /** Whether the CRD requires `spec`. @default true */
  readonly specRequired?: boolean;
  /** Semantic rules for one object of this kind. */
  readonly checks?: readonly ObjectCheck[];
}

/** A rule module: a family of rules, the kinds it teaches the engine, and its checks. */
export interface RuleModule {
  /** Short name, e.g. `image`; modules are listed in docs/rules.md under it. */
  readonly name: string;
  /** One line on what the module covers, for docs/rules.md. */
  readonly description: string;
  /** Every rule the module can report, in the order the documentation lists them. */
  readonly rules: readonly Rule[];
  /** Kinds the module defines. @default - none */
  readonly kinds?: readonly KindDefinition[];
  /** Checks over all objects of one configuration, run after every object's own checks. @default - none */
  readonly crossObjectChecks?: readonly CrossObjectCheck[];
}
