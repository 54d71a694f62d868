/**
 * The few Kubernetes `core/v1` and `meta/v1` shapes that the registry operator's API embeds: tolerations, affinity,
 * topology spread constraints, resource claims. Field names and nesting are the JSON ones (as in the CRDs of
 * `Config` and `ImagePruner`), so YAML translates one to one.
 *
 * They are defined here rather than imported from cdk8s-plus, which would make a 24 MB package a dependency of every
 * user for a handful of interfaces. TypeScript compares them structurally, so cdk8s-plus objects (`k8s.Toleration`,
 * `k8s.Affinity`, `k8s.TopologySpreadConstraint`, ...) are accepted wherever these are.
 */

/** A toleration of a node taint (`corev1.Toleration`). */
export interface Toleration {
  /**
   * The taint effect to match: `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
   * @default - every effect
   */
  readonly effect?: string;
  /**
   * The taint key to match; with operator `Exists` and no key, every taint is tolerated.
   * @default - every key (operator must then be `Exists`)
   */
  readonly key?: string;
  /**
   * `Exists` (any value) or `Equal` (the value given).
   * @default 'Equal'
   */
  readonly operator?: string;
  /**
   * With effect `NoExecute`: how long the pod stays bound after the taint appears, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
  /**
   * The taint value to match (operator `Equal`).
   * @default ''
   */
  readonly value?: string;
}

/** One requirement of a label selector (`metav1.LabelSelectorRequirement`). */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /**
   * Values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`.
   * @default - none
   */
  readonly values?: string[];
}

/** A label query (`metav1.LabelSelector`): `matchLabels` and `matchExpressions` are ANDed. */
export interface LabelSelector {
  /**
   * Requirements on labels.
   * @default - none
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
  /**
   * Labels that must be present with exactly these values.
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
}

/** One requirement on a node's labels or fields (`corev1.NodeSelectorRequirement`). */
export interface NodeSelectorRequirement {
  /** The label or field key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /**
   * Values for `In`, `NotIn` (several), `Gt` and `Lt` (one integer).
   * @default - none
   */
  readonly values?: string[];
}

/** Node requirements that are ANDed (`corev1.NodeSelectorTerm`). */
export interface NodeSelectorTerm {
  /**
   * Requirements on node labels.
   * @default - none
   */
  readonly matchExpressions?: NodeSelectorRequirement[];
  /**
   * Requirements on node fields.
   * @default - none
   */
  readonly matchFields?: NodeSelectorRequirement[];
}

/** Terms of which a node must match at least one (`corev1.NodeSelector`). */
export interface NodeSelector {
  /** The terms, ORed. */
  readonly nodeSelectorTerms: NodeSelectorTerm[];
}

/** A weighted node preference (`corev1.PreferredSchedulingTerm`). */
export interface PreferredSchedulingTerm {
  /** The node requirements. */
  readonly preference: NodeSelectorTerm;
  /** Weight, 1 to 100. */
  readonly weight: number;
}

/** Node affinity (`corev1.NodeAffinity`). */
export interface NodeAffinity {
  /**
   * Preferences the scheduler weighs.
   * @default - none
   */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
  /**
   * Requirements a node must meet.
   * @default - none
   */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
}

/** Pods to be placed with (or away from), by topology domain (`corev1.PodAffinityTerm`). */
export interface PodAffinityTerm {
  /**
   * Which pods count.
   * @default - no pods
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Label keys whose values are taken from the incoming pod and ANDed with `labelSelector`.
   * @default - none
   */
  readonly matchLabelKeys?: string[];
  /**
   * Label keys whose values are taken from the incoming pod and excluded with `labelSelector`.
   * @default - none
   */
  readonly mismatchLabelKeys?: string[];
  /**
   * Namespaces of the pods that count, by label.
   * @default - the pod's own namespace (with `namespaces` empty)
   */
  readonly namespaceSelector?: LabelSelector;
  /**
   * Namespaces of the pods that count, by name.
   * @default - the pod's own namespace (with `namespaceSelector` unset)
   */
  readonly namespaces?: string[];
  /** The node label that defines the topology domain, e.g. `kubernetes.io/hostname`. */
  readonly topologyKey: string;
}

/** A weighted pod (anti-)affinity preference (`corev1.WeightedPodAffinityTerm`). */
export interface WeightedPodAffinityTerm {
  /** The term. */
  readonly podAffinityTerm: PodAffinityTerm;
  /** Weight, 1 to 100. */
  readonly weight: number;
}

/** Pod affinity or anti-affinity (`corev1.PodAffinity`, `corev1.PodAntiAffinity`). */
export interface PodAffinity {
  /**
   * Preferences the scheduler weighs.
   * @default - none
   */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
  /**
   * Requirements every placement must meet.
   * @default - none
   */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
}

/** Pod anti-affinity (`corev1.PodAntiAffinity`): the same shape as {@link PodAffinity}. */
export type PodAntiAffinity = PodAffinity;

/** Scheduling constraints (`corev1.Affinity`). */
export interface Affinity {
  /**
   * Which nodes the pods may run on.
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinity;
  /**
   * Which pods these pods run next to.
   * @default - none
   */
  readonly podAffinity?: PodAffinity;
  /**
   * Which pods these pods stay away from.
   * @default - none
   */
  readonly podAntiAffinity?: PodAntiAffinity;
}

/** How pods are spread across topology domains (`corev1.TopologySpreadConstraint`). */
export interface TopologySpreadConstraint {
  /**
   * Which pods are counted.
   * @default - no pods
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Label keys whose values are taken from the incoming pod and ANDed with `labelSelector`.
   * @default - none
   */
  readonly matchLabelKeys?: string[];
  /** The largest allowed difference in pod count between two domains (at least 1). */
  readonly maxSkew: number;
  /**
   * Minimum number of eligible domains (with `whenUnsatisfiable: DoNotSchedule`).
   * @default - 1
   */
  readonly minDomains?: number;
  /**
   * Whether the pod's node affinity limits the domains counted: `Honor` or `Ignore`.
   * @default 'Honor'
   */
  readonly nodeAffinityPolicy?: string;
  /**
   * Whether node taints limit the domains counted: `Honor` or `Ignore`.
   * @default 'Ignore'
   */
  readonly nodeTaintsPolicy?: string;
  /** The node label that defines the domain, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /** `DoNotSchedule` or `ScheduleAnyway`. */
  readonly whenUnsatisfiable: string;
}

/** A dynamic resource claim used by a container (`corev1.ResourceClaim`). */
export interface ResourceClaim {
  /** Name of an entry in the pod's `resourceClaims`. */
  readonly name: string;
  /**
   * Name of a request in that claim.
   * @default - the whole claim
   */
  readonly request?: string;
}
