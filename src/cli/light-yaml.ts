/**
 * The light reading path, tried first for every input: `js-yaml` builds plain values straight from the text, with no
 * syntax tree and no Document (about 6x the text in memory, where the `yaml` library's syntax tree and Document take
 * about 40x; and js-yaml loads in a fraction of the `yaml` library's time).
 * Line numbers are not kept while reading; {@link indexPositions} reads the text a second time, only when a finding
 * needs a line, and keeps the lines of keys and list items only.
 *
 * The values must be the ones the `yaml` library gives (the full path, used whenever this path declines), so the YAML 1.2 core schema of the `yaml` library is restated here with its resolution rules, plus
 * merge keys (`<<`) as kubectl reads them. The light path declines (returns `undefined`) on anything it does not
 * model the same way: a syntax error (the full path reports it, and still reads the other documents), anchors and
 * aliases (the full path bounds alias expansion), a `%YAML` directive, a collection used as a key, very deep
 * nesting. `test/cli/light-yaml.test.ts` checks both paths against each other.
 */
import { FAILSAFE_SCHEMA, loadAll, Schema, State, Type } from 'js-yaml';

/** Deeper documents are left to the full path (which reports nesting it cannot read as a syntax problem). */
const MAX_DEPTH = 200;

/** A scalar key longer than this is not kept in the position index (no field path can name it: paths quote at most 200 characters). */
const MAX_INDEXED_KEY_LENGTH = 1024;

// The `yaml` library's YAML 1.2 core schema: which plain scalars are null, booleans, integers and floats, and how
// they are read (the patterns are the YAML 1.2 core schema's, tried in the `yaml` library's order). js-yaml keeps one
// type per tag, so each tag's forms are tried in one type.
const scalar = (tag: string, forms: ReadonlyArray<readonly [RegExp, (text: string) => unknown]>): Type =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && forms.some(([pattern]) => pattern.test(text)),
    construct: (text: string) => forms.find(([pattern]) => pattern.test(text))![1](text),
  });

const CORE_TYPES: Type[] = [
  scalar('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
  scalar('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T']]),
  scalar('int', [
    [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
    [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
    [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
  ]),
  scalar('float', [
    [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      (text) => (text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
    [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)],
    [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)],
  ]),
];

/** A plain `<<` key merges mappings (js-yaml merges the keys of a pair whose key has this tag). */
const MERGE = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (text: unknown) => text === '<<' });

/** The `yaml` library's core schema with merge keys, as the full path reads YAML. */
const SCHEMA: Schema = FAILSAFE_SCHEMA.extend({ implicit: [...CORE_TYPES, MERGE] });

/** What js-yaml's parser state holds beyond its published type. */
interface ParserState extends State {
  readonly anchor: string | null;
  readonly tag: string | null;
}

/** Thrown from the listener to stop reading: the full path takes over. */
class Declined extends Error {}

/** One document read by the light path. */
export interface LightDocument {
  /** 1-based line where the document's content starts. */
  readonly line: number;
  /** The document as plain data (`null` for an empty document). */
  readonly value: unknown;
}

/** Whether the node that just closed is followed by `:` on its line, i.e. is an implicit mapping key. */
function followedByColon(state: State): boolean {
  const text = state.input;
  let position = state.position;
  while (text.charCodeAt(position) === 0x20 || text.charCodeAt(position) === 0x09) {
    position++;
  }
  return text.charCodeAt(position) === 0x3a;
}

/**
 * Reads every document of `text`, or returns `undefined` when the full path must read it (see the file comment).
 * Never throws.
 */
export function parseLight(text: string): LightDocument[] | undefined {
  const documents: LightDocument[] = [];
  // Per open node: how many nodes were read inside it, whether one at a key position was a collection, the last one.
  const stack: Array<{ count: number; collectionKey: boolean; last: unknown }> = [];
  let rootLine = 1;
  const listener = (event: 'open' | 'close', state: State): void => {
    const parser = state as ParserState;
    if (event === 'open') {
      if (stack.length === 0) {
        if (parser.version !== null) {
          throw new Declined('a %YAML directive');
        }
        rootLine = parser.line + 1;
      }
      if (stack.length >= MAX_DEPTH) {
        throw new Declined('too deep');
      }
      stack.push({ count: 0, collectionKey: false, last: undefined });
      return;
    }
    const frame = stack.pop()!;
    const isCollection = parser.kind === 'mapping' || parser.kind === 'sequence';
    // A node read in one step of its own (a flow collection in block context is read as a would-be key first) is no key.
    const passThrough = frame.count === 1 && frame.last === parser.result;
    if (parser.kind === 'mapping' && frame.collectionKey && !passThrough) {
      throw new Declined('a collection as a key');
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      if (isCollection && parent.count % 2 === 0) {
        parent.collectionKey = true;
      }
      parent.count++;
      parent.last = parser.result;
    }
    if (parser.anchor !== null) {
      throw new Declined('an anchor');
    }
    if (followedByColon(parser)) {
      if (parser.kind === 'mapping' || parser.kind === 'sequence') {
        throw new Declined('a collection as a key');
      }
      // A null key (`~:`, `null:`) is the empty string for the `yaml` library; js-yaml would write "null".
      if (parser.result === null) {
        parser.result = '';
      }
    }
    if (!parent) {
      documents.push({ line: rootLine, value: parser.result });
    }
  };
  try {
    loadAll(text, null, { schema: SCHEMA, listener });
  } catch {
    // A syntax error, a stack overflow on absurd nesting, or one of the declines above: the full path decides.
    return undefined;
  }
  return documents;
}

/** Where the entries of one collection are: the lines of a mapping's keys, or of a sequence's items. */
export interface PositionNode {
  /** `true` for a mapping, `false` for a sequence. */
  readonly mapping: boolean;
  /** A mapping's keys (`undefined` for a key that is not kept: very long, or not a scalar). */
  readonly keys: readonly (string | undefined)[];
  /** 1-based line of each key, or of each item. */
  readonly lines: readonly number[];
  /** The collection under each entry (`undefined` for a scalar). */
  readonly children: readonly (PositionNode | undefined)[];
}

/** One document's position index. */
export interface DocumentPositions {
  readonly line: number;
  /** `undefined` when the document is a scalar, or a collection laid out in a way the index does not follow. */
  readonly node?: PositionNode;
}

interface Entry {
  readonly line: number;
  readonly key?: string;
  readonly node?: PositionNode;
  /** Nothing was read: js-yaml tried a node and found none (at the end of a block mapping, before `---`). */
  readonly empty: boolean;
  /** The value read (kept until the enclosing node closes, to recognise a node read in one step of its own). */
  readonly result: unknown;
}

interface Frame {
  readonly line: number;
  readonly position: number;
  readonly entries: Entry[];
}

function keyOf(state: State): string | undefined {
  const value: unknown = state.result;
  if (typeof value === 'string') {
    return value.length <= MAX_INDEXED_KEY_LENGTH ? value : undefined;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * The lines of every key and list item of every document of `text`, which {@link parseLight} read before (so this
 * reading succeeds too). Costs memory in proportion to the number of keys and items: build it only when a line is
 * needed.
 */
export function indexPositions(text: string): DocumentPositions[] {
  const documents: DocumentPositions[] = [];
  const stack: Frame[] = [];
  const listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      stack.push({ line: state.line + 1, position: state.position, entries: [] });
      return;
    }
    const frame = stack.pop() as Frame;
    const entries = frame.entries;
    if (entries.length % 2 === 1 && entries[entries.length - 1].empty) {
      // A block mapping ends by trying one more key and finding none: that try is no entry.
      entries.pop();
    }
    let node: PositionNode | undefined;
    if (entries.length === 1 && entries[0].result === state.result) {
      // Read in one step of its own (a flow collection in block context is first read as a would-be key).
      node = entries[0].node;
    } else if (state.kind === 'sequence') {
      node = { mapping: false, keys: [], lines: entries.map((entry) => entry.line), children: entries.map((entry) => entry.node) };
    } else if (state.kind === 'mapping' && entries.length % 2 === 0) {
      // Key, value, key, value... (an odd count means keys without values, `? key` or `{a}`: not followed).
      const keys: (string | undefined)[] = [];
      const lines: number[] = [];
      const children: (PositionNode | undefined)[] = [];
      for (let i = 0; i < entries.length; i += 2) {
        keys.push(entries[i].key);
        lines.push(entries[i].line);
        children.push(entries[i + 1].node);
      }
      node = { mapping: true, keys, lines, children };
    }
    if (followedByColon(state) && state.result === null) {
      (state as { result: unknown }).result = '';
    }
    const entry: Entry = {
      line: frame.line,
      key: node === undefined ? keyOf(state) : undefined,
      node,
      empty: state.result === null && state.position === frame.position,
      result: state.result,
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.entries.push(entry);
    } else {
      documents.push({ line: entry.line, node: entry.node });
    }
  };
  loadAll(text, null, { schema: SCHEMA, listener });
  return documents;
}

/** The entry of `key` in a mapping node, looking into merged mappings (`<<`) as the values do. */
export function findKey(node: PositionNode, key: string): { line: number; child?: PositionNode } | undefined {
  const index = node.keys.indexOf(key);
  if (index >= 0) {
    return { line: node.lines[index], child: node.children[index] };
  }
  // Merged keys: the first source that has the key wins, as js-yaml and the `yaml` library merge.
  for (let i = 0; i < node.keys.length; i++) {
    if (node.keys[i] !== '<<') {
      continue;
    }
    const merged = node.children[i];
    const sources = merged === undefined ? [] : merged.mapping ? [merged] : merged.children;
    for (const source of sources) {
      const found = source?.mapping ? findKey(source, key) : undefined;
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}
