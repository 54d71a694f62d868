/**
 * Collecting and merging mirror rules per source (runtime-utils `mergedDigestMirrorSets` / `mergedTagMirrorSets`).
 * Every rule for a source adds its mirror list to one graph; the merged list is that graph's deterministic
 * topological order, so a mirror named by several rules appears once and the result never depends on object order.
 */
import { MirrorKind, mirrorsContainsARealMirror, NEVER_CONTACT_SOURCE } from '../model/mirror-rules';
import { sortByGoKey } from './go-format';
import { TopoGraph } from './topo-sort';

// The policy constants and the real-mirror test are facts the rule engine needs too: they live in the model.
export { ALLOW_CONTACTING_SOURCE, mirrorsContainsARealMirror, NEVER_CONTACT_SOURCE } from '../model/mirror-rules';

/** Where a rule comes from, so a failure can be reported on the object and field that caused it. */
export interface MirrorRuleOrigin {
  readonly kind: MirrorKind;
  /** Position of the object among the objects of its kind given to the renderer. */
  readonly objectPosition: number;
  /** Position of the entry in the object's list. */
  readonly entryIndex: number;
}

/** One source with its mirrors, normalized from an IDMS, ITMS or ICSP entry. */
export interface MirrorRule {
  /** The mirrored scope. */
  readonly source: string;
  /** Mirror locations in preference order; `null` when the list is absent. */
  readonly mirrors: readonly string[] | null;
  /** `mirrorSourcePolicy`, `''` when unset (always `''` for ICSP). */
  readonly mirrorSourcePolicy: string;
  /** Where the rule was declared, when known. @default - unknown */
  readonly origin?: MirrorRuleOrigin;
}

/** The merged mirrors of one source. */
export interface MergedMirrorSet {
  readonly source: string;
  /** Merged mirror order; may contain the source itself (see {@link mergedMirrorsOf}). */
  readonly mirrors: readonly string[];
  /** Whether any contributing rule said `NeverContactSource`. */
  readonly neverContactSource: boolean;
}

/** Whether `list` is non-empty, free of duplicates and does not name `source`. */
function isSimpleList(source: string, list: readonly string[]): boolean {
  if (list.length === 0 || list.includes(source)) {
    return false;
  }
  // Mirror lists are short: a pairwise duplicate check allocates nothing.
  for (let i = 1; i < list.length; i++) {
    if (list.indexOf(list[i]) < i) {
      return false;
    }
  }
  return true;
}

/**
 * The merged order of the given mirror lists of `source`: consecutive mirrors of a list are ordered, and the
 * source implicitly follows every list that does not name it. The source is dropped when it ends up last; when a
 * list names it, or a cycle is broken at it, it can stay inside the result.
 */
export function mergedMirrorsOf(source: string, lists: readonly (readonly string[])[]): readonly string[] {
  if (lists.length === 1 && isSimpleList(source, lists[0])) {
    // One list of distinct mirrors without the source is a path ending in the source: its order is the list.
    return lists[0];
  }
  return mergedMirrorsByGraph(source, lists);
}

/** {@link mergedMirrorsOf} always through the topological graph (the general case; also the fast path's oracle). */
export function mergedMirrorsByGraph(source: string, lists: readonly (readonly string[])[]): string[] {
  const graph = new TopoGraph();
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i++) {
      graph.addEdge(list[i], list[i + 1]);
    }
    if (list.length > 0) {
      graph.addNode(list[list.length - 1]);
    }
    if (!list.includes(source)) {
      graph.addEdge(list[list.length - 1], source);
    }
  }
  const order = graph.sorted();
  if (order.length > 0 && order[order.length - 1] === source) {
    order.pop();
  }
  return order;
}

/** The rules of one source while merging. */
interface SourceGroup {
  readonly source: string;
  readonly lists: (readonly string[])[];
  neverContactSource: boolean;
}

/** Merges a collection of rules (all digest rules, or all tag rules) into one set per source, sorted by source. */
export function mergeMirrorRules(rules: Iterable<MirrorRule>): MergedMirrorSet[] {
  // One map lookup per rule; the groups themselves are then sorted, so no source is looked up again.
  const groups = new Map<string, SourceGroup>();
  for (const rule of rules) {
    if (rule.mirrors === null || !mirrorsContainsARealMirror(rule.source, rule.mirrors)) {
      // Ignored entirely, including its mirrorSourcePolicy.
      continue;
    }
    let group = groups.get(rule.source);
    if (group === undefined) {
      group = { source: rule.source, lists: [], neverContactSource: false };
      groups.set(rule.source, group);
    }
    group.lists.push(rule.mirrors);
    if (rule.mirrorSourcePolicy === NEVER_CONTACT_SOURCE) {
      group.neverContactSource = true;
    }
  }
  // Merged in first-seen order, which follows the input's order in memory, and only then sorted: visiting the
  // mirror lists in sorted order would jump across memory for every source.
  const merged: MergedMirrorSet[] = [];
  for (const group of groups.values()) {
    merged.push({ source: group.source, mirrors: mergedMirrorsOf(group.source, group.lists), neverContactSource: group.neverContactSource });
  }
  return sortByGoKey(merged, (set) => set.source);
}
