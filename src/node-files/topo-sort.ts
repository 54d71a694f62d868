/**
 * The deterministic topological order runtime-utils uses to merge mirror lists: Kahn's algorithm over nodes in Go
 * string order, where every batch of newly freed nodes joins the queue sorted, and a cycle is broken by taking the
 * first not yet emitted node in string order. The result does not depend on the order edges were added.
 */
import { sortInGoOrder } from './go-format';

/** A directed graph of string nodes; duplicate edges count once. */
export class TopoGraph {
  private readonly successors = new Map<string, Set<string>>();
  private readonly incoming = new Map<string, number>();

  /** Adds `from` → `to` (both nodes are created on first sight). */
  public addEdge(from: string, to: string): void {
    this.addNode(from);
    this.addNode(to);
    const next = this.successors.get(from) as Set<string>;
    if (!next.has(to)) {
      next.add(to);
      this.incoming.set(to, (this.incoming.get(to) as number) + 1);
    }
  }

  /** Adds a node without edges. */
  public addNode(node: string): void {
    if (!this.successors.has(node)) {
      this.successors.set(node, new Set());
      this.incoming.set(node, 0);
    }
  }

  /** Every node, in an order consistent with the edges where possible (see the module comment). */
  public sorted(): string[] {
    const nodes = sortInGoOrder([...this.successors.keys()]);
    const incoming = new Map(this.incoming);
    const emitted = new Set<string>();
    const queue: string[] = nodes.filter((node) => incoming.get(node) === 0);
    let head = 0;
    // Nodes never become un-emitted, so the cycle-breaking scan can resume where it stopped.
    let scan = 0;
    const order: string[] = [];
    while (order.length < nodes.length) {
      let node: string;
      if (head < queue.length) {
        node = queue[head++];
        if (emitted.has(node)) {
          continue;
        }
      } else {
        while (emitted.has(nodes[scan])) {
          scan++;
        }
        node = nodes[scan];
      }
      emitted.add(node);
      order.push(node);
      const freed: string[] = [];
      for (const next of this.successors.get(node) as Set<string>) {
        const remaining = (incoming.get(next) as number) - 1;
        incoming.set(next, remaining);
        if (remaining === 0 && !emitted.has(next)) {
          freed.push(next);
        }
      }
      // One by one: a node can free more successors than a spread may pass as arguments.
      for (const next of sortInGoOrder(freed)) {
        queue.push(next);
      }
    }
    return order;
  }
}

/** The nodes of the graph with the given edges, in {@link TopoGraph.sorted} order. */
export function topoSort(edges: Iterable<readonly [string, string]>): string[] {
  const graph = new TopoGraph();
  for (const [from, to] of edges) {
    graph.addEdge(from, to);
  }
  return graph.sorted();
}
