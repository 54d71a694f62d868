/**
 * Reading the CLI's input: `-f` paths (files, directories, `-` for stdin) into YAML documents that keep their line
 * numbers, so a finding's field path (`spec.registrySources.allowedRegistries[0]`) maps back to `file:line`.
 *
 * Shared by the `validate` and `preview` commands. The API is three functions and a few types:
 * - {@link expandPaths}: `-f` arguments to the ordered list of sources to read (throws {@link UsageError});
 * - {@link readInputs}: those sources to documents plus input problems (YAML that does not parse);
 * - {@link InputDocument.lineOf}: the line of a field path inside a document.
 *
 * Parsing is the `yaml` library's (`parseAllDocuments` with a `LineCounter`); nothing here parses YAML by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

/** The pseudo path that means standard input. */
export const STDIN_PATH = '-';
/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';
/** File name endings read when a directory is given. */
export const YAML_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** A problem with the command line itself (a missing file, say): the CLI exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/** One source to read: a file path, or standard input. */
export interface InputSource {
  /** The name shown to the user: the file path as found (relative to where the user pointed), or `<stdin>`. */
  readonly name: string;
  /** The path to read, or {@link STDIN_PATH}. */
  readonly path: string;
}

/** One YAML document (or one item of a `kind: List`) with its position. */
export interface InputDocument {
  /** The source's name (file path or `<stdin>`). */
  readonly file: string;
  /** Position of the document in its file, from 0 (items of a `List` share their list's position). */
  readonly documentIndex: number;
  /** For an item of a `kind: List` document, its position in `items`. */
  readonly listItemIndex?: number;
  /** 1-based line where the document (or list item) starts. */
  readonly line: number;
  /** The document as plain data (what the rule engine takes). */
  readonly object: unknown;
  /**
   * 1-based line of a field path such as `spec.registrySources.allowedRegistries[0]` or `spec.nodeSelector["a/b"]`.
   * A path that does not exist in the document (a missing required field) gives the line of its deepest existing
   * ancestor, so the user lands next to where the field belongs.
   */
  lineOf(fieldPath: string): number;
}

/** Input that could not be turned into a document: YAML that does not parse, a file that cannot be read. */
export interface InputProblem {
  /** Stable code: `yaml-syntax` (the YAML does not parse) or `input-unreadable` (the file cannot be read). */
  readonly code: InputProblemCode;
  /** The source's name (file path or `<stdin>`). */
  readonly file: string;
  /** 1-based line (1 when unknown). */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** What is wrong, from the YAML parser or the file system. */
  readonly message: string;
}

/** Codes of {@link InputProblem}s. */
export type InputProblemCode = 'yaml-syntax' | 'input-unreadable';

/** Documentation of the input problem codes (the CLI documents them next to the rule codes). */
export const INPUT_PROBLEM_CODES: ReadonlyArray<{ readonly code: InputProblemCode; readonly summary: string; readonly fix: string }> = [
  {
    code: 'yaml-syntax',
    summary: 'A document is not valid YAML (or JSON): the parser stopped at the line shown. The other documents of the file and the other files are still checked.',
    fix: 'Fix the YAML at the line shown (indentation, an unclosed quote or bracket, a duplicate key, a tab used for indentation).',
  },
  {
    code: 'input-unreadable',
    summary: 'A file given with `-f`, or found in a directory, cannot be read.',
    fix: 'Check the file\'s permissions, or that it is a regular file.',
  },
];

/**
 * A document passed over because it is not a Kubernetes manifest at all: a mapping with neither `apiVersion` nor
 * `kind` (an install-config, a kustomization without them, a snippet), a list or a scalar (an Ansible playbook), or YAML
 * that does not parse and holds no `apiVersion:` or `kind:` line (a Jinja or Helm template of something else).
 */
export interface PassedOverDocument {
  readonly file: string;
  /** 1-based line where the document starts. */
  readonly line: number;
  /** Why, in a few words. */
  readonly reason: string;
}

/** What {@link readInputs} returns. */
export interface LoadedInput {
  /** Every non-empty document, in the order of the sources and of the documents in each source. */
  readonly documents: InputDocument[];
  /** Input that could not be read or parsed; documents around a broken one are still returned. */
  readonly problems: InputProblem[];
  /** Documents that are not Kubernetes manifests, passed over (the CLI notes them). */
  readonly passedOver: PassedOverDocument[];
  /** The sources read, in order. */
  readonly sources: InputSource[];
}

/** Options of {@link readInputs}. */
export interface ReadInputsOptions {
  /** Reads standard input. @default reads file descriptor 0 */
  readonly readStdin?: () => string;
  /** Expand `kind: List` documents into their items. @default true */
  readonly expandLists?: boolean;
}

/** Options of {@link expandPaths}. */
export interface ExpandOptions {
  /**
   * Globs of paths to leave out (`--exclude`, `exclude:` in `.ocp-images.yaml`), matched against each path as found
   * and against every folder above it (so `overlays` or `overlays/**` leave out the whole folder); a pattern without
   * `/` matches a file or folder name at any depth.
   * @default - none
   */
  readonly exclude?: readonly string[];
}

/** A predicate for {@link ExpandOptions.exclude}: whether a path (or a folder above it) matches a pattern. */
export function excludeMatcher(patterns: readonly string[]): (given: string) => boolean {
  if (patterns.length === 0) {
    return () => false;
  }
  const matchers = patterns.map((pattern) => picomatch(pattern.replace(/\/+$/, ''), { dot: true, basename: !pattern.includes('/') }));
  return (given: string) => {
    const normalized = given.split(path.sep).join('/').replace(/^\.\//, '');
    const parts = normalized.split('/');
    for (let end = parts.length; end > 0; end--) {
      const candidate = parts.slice(0, end).join('/');
      if (matchers.some((matches) => matches(candidate))) {
        return true;
      }
    }
    return false;
  };
}

/**
 * Turns `-f` arguments into the sources to read: a file as given; a directory recursively, keeping the files whose
 * names end in `.yaml`, `.yml` or `.json`, sorted by path so the output does not depend on the file system's order;
 * `-` for standard input (once, however often it is given). A file given twice is read once. Paths matching an
 * `exclude` glob are left out (a directory's whole subtree).
 * @throws UsageError when a path does not exist or is neither a file nor a directory.
 */
export function expandPaths(paths: readonly string[], options: ExpandOptions = {}): InputSource[] {
  const excluded = excludeMatcher(options.exclude ?? []);
  const sources: InputSource[] = [];
  const seen = new Set<string>();
  const add = (source: InputSource, key: string): void => {
    if (!seen.has(key) && !excluded(source.name)) {
      seen.add(key);
      sources.push(source);
    }
  };
  for (const given of paths) {
    if (given === STDIN_PATH) {
      add({ name: STDIN_NAME, path: STDIN_PATH }, STDIN_PATH);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`${given}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      // Inside a folder given with -f, a pattern matches the path relative to that folder, or the path as found.
      const excludedHere = (candidate: string) => excluded(candidate) || excluded(path.relative(given, candidate));
      for (const file of listYamlFiles(given, excludedHere)) {
        if (!excludedHere(file)) {
          add({ name: file, path: file }, realPath(file));
        }
      }
    } else if (stat.isFile()) {
      add({ name: given, path: given }, realPath(given));
    } else {
      throw new UsageError(`${given}: not a file or directory`);
    }
  }
  return sources;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Files under `dir` with a YAML or JSON extension, recursively, sorted by path (code-unit order, locale-free). */
function listYamlFiles(dir: string, excluded: (given: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (current: string): void => {
    // Symbolic links may loop back; each real directory is walked once.
    const real = realPath(current);
    if (visited.has(real)) {
      return;
    }
    visited.add(real);
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const child = path.join(current, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(child);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link is not input
        }
      }
      if (isDirectory) {
        if (entry.name !== '.git' && entry.name !== 'node_modules' && !excluded(child)) {
          walk(child);
        }
      } else if (isFile && YAML_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
        found.push(child);
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads and parses every source. Each file may hold several YAML documents (`---`); empty documents are dropped;
 * a document that does not parse becomes an {@link InputProblem} and the others are still returned. With
 * `expandLists` (the default), a `kind: List` (or `*List`) document with `items`, as `oc get -o yaml` prints, yields
 * one document per item.
 */
export function readInputs(sources: readonly InputSource[], options: ReadInputsOptions = {}): LoadedInput {
  const readStdin = options.readStdin ?? (() => fs.readFileSync(0, 'utf8'));
  const documents: InputDocument[] = [];
  const problems: InputProblem[] = [];
  const passedOver: PassedOverDocument[] = [];
  for (const source of sources) {
    let text: string;
    try {
      text = source.path === STDIN_PATH ? readStdin() : fs.readFileSync(source.path, 'utf8');
    } catch (error) {
      problems.push({ code: 'input-unreadable', file: source.name, line: 1, message: `cannot read ${source.name}: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseText(text, source.name, options.expandLists ?? true);
    for (const document of parsed.documents) {
      documents.push(document);
    }
    problems.push(...parsed.problems);
    passedOver.push(...parsed.passedOver);
  }
  return { documents, problems, passedOver, sources: [...sources] };
}

/**
 * Whether a parsed document is meant as a Kubernetes object: a mapping that names a `kind`. An `apiVersion` alone is
 * not enough: an install-config has one and is no object; a manifest without `kind` cannot be applied either.
 */
function looksLikeKubernetesObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value;
}

/** What a passed-over document is, for the note. */
function describeNonObject(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a YAML list, not a Kubernetes object (an Ansible playbook or task file?)';
  }
  if (typeof value !== 'object' || value === null) {
    return 'a plain value, not a Kubernetes object';
  }
  return 'a mapping without `kind`, not a Kubernetes object';
}

/** Parses one source's text (exported for callers that already hold the text, and for tests). */
export function parseText(text: string, file: string, expandLists = true): { documents: InputDocument[]; problems: InputProblem[]; passedOver: PassedOverDocument[] } {
  const lineCounter = new LineCounter();
  const documents: InputDocument[] = [];
  const problems: InputProblem[] = [];
  const passedOver: PassedOverDocument[] = [];
  // A byte-order mark is common in files saved on Windows and means nothing to YAML.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsedDocuments = parseAllDocuments(source, { lineCounter, prettyErrors: false });
  // `parseAllDocuments` returns an EmptyStream (no documents) for empty input.
  const list: Document.Parsed[] = Array.isArray(parsedDocuments) ? parsedDocuments : [];
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  list.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0 && !/^[ \t]*"?kind"?[ \t]*:/m.test(source.slice(doc.range[0], doc.range[2]))) {
      // Not YAML we can read, and nothing in it says Kubernetes: a template of something else, not a broken manifest.
      passedOver.push({ file, line: lineAt(doc.range[0]), reason: 'YAML that does not parse and names no `kind` (a template of something else?)' });
      return;
    }
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const [start] = error.pos;
        const position = lineCounter.linePos(start);
        problems.push({
          code: 'yaml-syntax', file, line: position.line, column: position.col,
          message: `YAML does not parse (document ${documentIndex + 1}): ${firstLine(error.message)}`,
        });
      }
      return;
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
      return; // an empty document, e.g. after a trailing `---`
    }
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      const position = lineCounter.linePos(contents.range?.[0] ?? 0);
      problems.push({ code: 'yaml-syntax', file, line: position.line, column: position.col, message: `YAML does not parse (document ${documentIndex + 1}): ${firstLine((error as Error).message)}` });
      return;
    }
    if (!looksLikeKubernetesObject(object)) {
      passedOver.push({ file, line: lineAt(contents.range?.[0] ?? 0), reason: describeNonObject(object) });
      return;
    }
    if (expandLists && isKubernetesList(object) && isMap(contents)) {
      const itemsNode = contents.get('items', true);
      const items = (object as { items: unknown[] }).items;
      items.forEach((item, listItemIndex) => {
        const itemNode = isSeq(itemsNode) ? (itemsNode.items[listItemIndex] as Node | undefined) : undefined;
        documents.push(makeDocument(file, documentIndex, item, itemNode ?? contents, lineAt, listItemIndex));
      });
      return;
    }
    documents.push(makeDocument(file, documentIndex, object, contents as Node, lineAt));
  });
  return { documents, problems, passedOver };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

function isKubernetesList(object: unknown): boolean {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return false;
  }
  const candidate = object as Record<string, unknown>;
  return typeof candidate.kind === 'string' && /List$/.test(candidate.kind) && typeof candidate.apiVersion === 'string' && Array.isArray(candidate.items);
}

function makeDocument(file: string, documentIndex: number, object: unknown, node: Node, lineAt: (offset: number) => number, listItemIndex?: number): InputDocument {
  const line = lineAt(node.range?.[0] ?? 0);
  return {
    file,
    documentIndex,
    listItemIndex,
    line,
    object,
    lineOf: (fieldPath: string) => lineOfPath(node, parseFieldPath(fieldPath), lineAt) ?? line,
  };
}

/** One step of a field path: a map key or a list index. */
export type PathSegment = string | number;

/**
 * Splits a field path as the rule engine writes it: `a.b`, `a[0]`, `a["key.with/odd chars"]`. Unparseable rest is
 * ignored (the line then falls back to the deepest segment understood).
 */
export function parseFieldPath(fieldPath: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const token = /\.?([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let position = 0;
  while (position < fieldPath.length) {
    token.lastIndex = position;
    const match = token.exec(fieldPath);
    if (!match) {
      break;
    }
    if (match[1] !== undefined) {
      segments.push(match[1]);
    } else if (match[2] !== undefined) {
      segments.push(Number(match[2]));
    } else {
      segments.push(JSON.parse(match[3]) as string);
    }
    position = token.lastIndex;
  }
  return segments;
}

/**
 * The line of the deepest node along `segments`: for a map entry, the line of its key (so `spec.registrySources`
 * points at `registrySources:`, not at its first child); for a list item, the line of the item.
 */
function lineOfPath(root: Node, segments: readonly PathSegment[], lineAt: (offset: number) => number): number | undefined {
  let current: unknown = root;
  let line = root.range ? lineAt(root.range[0]) : undefined;
  for (const segment of segments) {
    if (isMap(current) && typeof segment === 'string') {
      const pair = current.items.find((candidate) => isPair(candidate) && (isScalar(candidate.key) ? String(candidate.key.value) : candidate.key) === segment);
      if (!pair) {
        break;
      }
      const keyNode = pair.key as Node | null;
      const keyRange = keyNode && isScalar(keyNode) ? keyNode.range : undefined;
      const valueNode = pair.value as Node | null;
      if (keyRange) {
        line = lineAt(keyRange[0]);
      } else if (valueNode?.range) {
        line = lineAt(valueNode.range[0]);
      }
      current = valueNode;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (!item) {
        break;
      }
      if (item.range) {
        line = lineAt(item.range[0]);
      }
      current = item;
    } else {
      break;
    }
  }
  return line;
}
