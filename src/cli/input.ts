/**
 * Reading the CLI's input: `-f` paths (files, directories, `-` for stdin) into YAML documents that keep their line
 * numbers, so a finding's field path (`spec.registrySources.allowedRegistries[0]`) maps back to `file:line`.
 *
 * Shared by the `validate` and `preview` commands. The API is three functions and a few types:
 * - {@link expandPaths}: `-f` arguments to the ordered list of sources to read (throws {@link UsageError});
 * - {@link readInputs}: those sources to documents plus input problems (YAML that does not parse, a file too large);
 * - {@link InputDocument.lineOf}: the line of a field path inside a document.
 *
 * Every file is first read by the light path (`light-yaml.ts`: js-yaml's plain values first, lines only when a finding
 * needs one), which gives the values and lines the `yaml` library gives and hands anything it does not model back to
 * it: the full path (`parseAllDocuments` with a `LineCounter`), which also reports syntax errors. The light path is
 * the default for two reasons: the `yaml` library's syntax tree and Document take about 40 times the text in memory,
 * and loading the library is a good part of a small run's time. Nothing here parses YAML by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Document, Node } from 'yaml';
import { clip } from '../validation/finding';
import { DocumentPositions, findKey, indexPositions, parseLight, PositionNode } from './light-yaml';

// The `yaml` library and picomatch are loaded when first needed: most runs read every file on the light path and
// exclude nothing, and loading them is a good part of a small run's time (docs/performance.md).
let yamlModule: typeof import('yaml') | undefined;
/** The `yaml` library, for the full reading path. */
function yamlLibrary(): typeof import('yaml') {
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}

/** The pseudo path that means standard input. */
export const STDIN_PATH = '-';
/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';
/** File name endings read when a directory is given. */
export const YAML_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/**
 * Default per-file size limit (10 MiB). A single Kubernetes object is at most about 1.5 MiB (etcd's request limit),
 * so this leaves room for files of many objects (`oc get ... -o yaml`) while bounding the memory one file can take.
 */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** At most this many aliases are expanded per document (the `yaml` library's guard against alias bombs). */
export const MAX_ALIAS_COUNT = 1000;

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
  /**
   * Set when the source is not read: a folder that cannot be listed (an `input-unreadable` problem), or a symbolic
   * link to a folder already read, such as a link that loops back (a note).
   * @default - the source is read
   */
  readonly skipped?: { readonly kind: 'unreadable' | 'already-read'; readonly reason: string };
}

/** One YAML document (or one item of a `kind: List`) with its position. */
export interface InputDocument {
  /** The source's name (file path or `<stdin>`). */
  readonly file: string;
  /** Position of the document in its file, from 0 (items of a `List` share their list's position). */
  readonly documentIndex: number;
  /** For an item of a `kind: List` document, its position in `items` (in the innermost list, for nested lists). */
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
  /** Stable code: `yaml-syntax`, `input-unreadable` or `input-too-large`. */
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
export type InputProblemCode = 'yaml-syntax' | 'input-unreadable' | 'input-too-large';

/** Documentation of the input problem codes (the CLI documents them next to the rule codes). */
export const INPUT_PROBLEM_CODES: ReadonlyArray<{ readonly code: InputProblemCode; readonly summary: string; readonly fix: string }> = [
  {
    code: 'yaml-syntax',
    summary: 'A document is not valid YAML (or JSON): the parser stopped at the line shown. The other documents of the file and the other files are still checked.',
    fix: 'Fix the YAML at the line shown (indentation, an unclosed quote or bracket, a duplicate key, a tab used for indentation).',
  },
  {
    code: 'input-unreadable',
    summary: 'A file given with `-f`, or found in a directory, cannot be read; or a directory cannot be listed.',
    fix: 'Check the file\'s or the directory\'s permissions, or that it is a regular file.',
  },
  {
    code: 'input-too-large',
    summary: 'A file (or standard input) is larger than the per-file size limit (10 MiB unless changed), so it is not read: reading it would take memory without bound. The other files are still checked.',
    fix: 'Split the file, or raise the limit with `--max-file-size` (or `maxFileSize:` in `.ocp-images.yaml`), e.g. `--max-file-size 50MiB`.',
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

/** Something about the input the user should know that is no problem, e.g. a symbolic link not followed twice. */
export interface InputNote {
  /** The file or folder it is about. */
  readonly file: string;
  readonly message: string;
}

/** What {@link readInputs} returns. */
export interface LoadedInput {
  /** Every non-empty document, in the order of the sources and of the documents in each source. */
  readonly documents: InputDocument[];
  /** Input that could not be read or parsed; documents around a broken one are still returned. */
  readonly problems: InputProblem[];
  /** Documents that are not Kubernetes manifests, passed over (the CLI notes them). */
  readonly passedOver: PassedOverDocument[];
  /** Notes about the input (the CLI prints them). */
  readonly notes: InputNote[];
  /** The sources read, in order (skipped ones left out). */
  readonly sources: InputSource[];
}

/** Options of {@link readInputs}. */
export interface ReadInputsOptions {
  /** Reads standard input. @default reads file descriptor 0, at most `maxFileSize` bytes */
  readonly readStdin?: () => string;
  /** Expand `kind: List` documents into their items. @default true */
  readonly expandLists?: boolean;
  /** Files (and standard input) larger than this many bytes are not read: an `input-too-large` problem. @default DEFAULT_MAX_FILE_SIZE */
  readonly maxFileSize?: number;
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
  /**
   * The folder relative paths are read from. Names shown to the user stay as given (`cluster/image.yaml`), only the
   * files read are found under this folder: a program that runs the CLI in its own process passes its working folder.
   * @default - the process's working directory
   */
  readonly cwd?: string;
}

/**
 * `file` under `cwd` when it is relative and `cwd` is another folder than the process's; as given otherwise, so
 * messages name a path as the user wrote it.
 */
export function underFolder(cwd: string | undefined, file: string): string {
  return cwd === undefined || path.isAbsolute(file) || path.resolve(cwd) === process.cwd() ? file : path.join(cwd, file);
}

/** A predicate for {@link ExpandOptions.exclude}: whether a path (or a folder above it) matches a pattern. */
export function excludeMatcher(patterns: readonly string[]): (given: string) => boolean {
  if (patterns.length === 0) {
    return () => false;
  }
  const picomatch = require('picomatch') as typeof import('picomatch');
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
 * `exclude` glob are left out (a directory's whole subtree). A folder that cannot be listed, and a symbolic link to a
 * folder already read (a loop), come back as skipped sources, so the caller reports them.
 * @throws UsageError when a path does not exist or is neither a file nor a directory.
 */
export function expandPaths(paths: readonly string[], options: ExpandOptions = {}): InputSource[] {
  const at = (file: string) => underFolder(options.cwd, file);
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
      stat = fs.statSync(at(given));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'EACCES' ? `${given}: permission denied` : code === 'ELOOP' ? `${given}: too many levels of symbolic links` : `${given}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      // Inside a folder given with -f, a pattern matches the path relative to that folder, or the path as found.
      const excludedHere = (candidate: string) => excluded(candidate) || excluded(path.relative(given, candidate));
      for (const found of listYamlFiles(given, excludedHere, at)) {
        if (!excludedHere(found.name)) {
          add(found, found.skipped ? `skipped\u0000${found.path}` : realPath(found.path));
        }
      }
    } else if (stat.isFile()) {
      add({ name: given, path: at(given) }, realPath(at(given)));
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

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied';
  }
  return code ?? (error as Error).message;
}

/**
 * Files under `dir` with a YAML or JSON extension, recursively, sorted by path (code-unit order, locale-free); a
 * folder that cannot be listed and a link to a folder already walked are returned as skipped sources in that order.
 */
function listYamlFiles(dir: string, excluded: (given: string) => boolean, at: (file: string) => string): InputSource[] {
  const found: InputSource[] = [];
  const visited = new Set<string>();
  const walk = (current: string, viaLink: boolean): void => {
    // Symbolic links may loop back; each real directory is walked once.
    const real = realPath(at(current));
    if (visited.has(real)) {
      if (viaLink) {
        found.push({ name: current, path: at(current), skipped: { kind: 'already-read', reason: `a symbolic link to ${real}, a folder already read (a loop, or a second path to it): not read again` } });
      }
      return;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(at(current), { withFileTypes: true });
    } catch (error) {
      found.push({ name: current, path: at(current), skipped: { kind: 'unreadable', reason: `cannot list the folder ${current}: ${errorReason(error)}` } });
      return;
    }
    for (const entry of entries) {
      const child = path.join(current, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        try {
          const target = fs.statSync(at(child));
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link is not input
        }
      }
      if (isDirectory) {
        if (entry.name !== '.git' && entry.name !== 'node_modules' && !excluded(child)) {
          walk(child, isLink);
        }
      } else if (isFile && YAML_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
        found.push({ name: child, path: at(child) });
      }
    }
  };
  walk(dir, false);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `10 MiB`, `512 KiB`, `1234 bytes`: a size for messages. */
export function formatByteSize(bytes: number): string {
  const units: Array<[number, string]> = [[1024 * 1024 * 1024, 'GiB'], [1024 * 1024, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1, 'b': 1, 'k': 1000, 'kb': 1000, 'ki': 1024, 'kib': 1024, 'm': 1000 ** 2, 'mb': 1000 ** 2, 'mi': 1024 ** 2, 'mib': 1024 ** 2,
  'g': 1000 ** 3, 'gb': 1000 ** 3, 'gi': 1024 ** 3, 'gib': 1024 ** 3,
};

/**
 * Reads a size as `--max-file-size` and `maxFileSize:` take it: bytes (`1048576`), or a number with a unit (`512KiB`,
 * `10MiB`, `50MB`, `1GiB`; `Ki`/`Mi`/`Gi` are powers of 1024, `K`/`M`/`G` of 1000). Returns `undefined` when the text
 * is not such a size or is not at least 1 byte.
 */
export function parseByteSize(text: string | number): number | undefined {
  if (typeof text === 'number') {
    return Number.isSafeInteger(text) && text > 0 ? text : undefined;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) {
    return undefined;
  }
  const unit = match[2].toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(SIZE_UNITS, unit)) {
    return undefined;
  }
  const bytes = Math.floor(Number(match[1]) * SIZE_UNITS[unit]);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * The per-file size limit from `--max-file-size`, else the configuration, else the default. Here with the reading of
 * sizes rather than in a command, so a command that needs it (preview) does not load another's (validate's rule engine).
 */
export function maxFileSizeOf(flag: string | undefined, configured: number | undefined): number {
  if (flag === undefined) {
    return configured ?? DEFAULT_MAX_FILE_SIZE;
  }
  const bytes = parseByteSize(flag);
  if (bytes === undefined) {
    throw new UsageError(`--max-file-size ${JSON.stringify(clip(flag, 40))} is not a size: give bytes or a number with a unit, e.g. 50MiB, 512KiB (default ${formatByteSize(DEFAULT_MAX_FILE_SIZE)})`);
  }
  return bytes;
}

/** Standard input, at most `limit` bytes: `undefined` when there is more. */
function readStdinBounded(limit: number): string | undefined {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  let total = 0;
  for (;;) {
    let count: number;
    try {
      count = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking standard input with nothing yet: wait a little, then read again.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') {
        break;
      }
      throw error;
    }
    if (count === 0) {
      break;
    }
    total += count;
    if (total > limit) {
      return undefined;
    }
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(file: string, limit: number, size?: number): InputProblem {
  return {
    code: 'input-too-large', file, line: 1,
    message: `${file} is ${size === undefined ? 'larger than' : `${formatByteSize(size)}, more than`} the size limit of ${formatByteSize(limit)} per file, so it was not read`,
  };
}

/** The text of a file, or the problem that keeps it from being read. Checks the size before reading anything. */
function readSourceFile(source: InputSource, limit: number): { text: string } | { problem: InputProblem } {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(source.path, 'r');
    const stat = fs.fstatSync(descriptor);
    if (stat.isDirectory()) {
      return { problem: { code: 'input-unreadable', file: source.name, line: 1, message: `cannot read ${source.name}: it is a folder` } };
    }
    if (stat.isFile() && stat.size > limit) {
      return { problem: tooLarge(source.name, limit, stat.size) };
    }
    const text = fs.readFileSync(descriptor, 'utf8');
    // A file that grew between the check and the read, or a device without a size.
    if (text.length > limit && Buffer.byteLength(text, 'utf8') > limit) {
      return { problem: tooLarge(source.name, limit) };
    }
    return { text };
  } catch (error) {
    return { problem: { code: 'input-unreadable', file: source.name, line: 1, message: `cannot read ${source.name}: ${errorReason(error)}` } };
  } finally {
    if (descriptor !== undefined) {
      fs.closeSync(descriptor);
    }
  }
}

/**
 * Reads and parses every source. Each file may hold several YAML documents (`---`); empty documents are dropped;
 * a document that does not parse becomes an {@link InputProblem} and the others are still returned. With
 * `expandLists` (the default), a `kind: List` (or `*List`) document with `items`, as `oc get -o yaml` prints, yields
 * one document per item (lists in lists too). A file larger than `maxFileSize` is not read (`input-too-large`).
 */
export function readInputs(sources: readonly InputSource[], options: ReadInputsOptions = {}): LoadedInput {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const readStdin = options.readStdin ?? (() => readStdinBounded(limit));
  const documents: InputDocument[] = [];
  const problems: InputProblem[] = [];
  const passedOver: PassedOverDocument[] = [];
  const notes: InputNote[] = [];
  const read: InputSource[] = [];
  for (const source of sources) {
    if (source.skipped) {
      if (source.skipped.kind === 'unreadable') {
        problems.push({ code: 'input-unreadable', file: source.name, line: 1, message: source.skipped.reason });
      } else {
        notes.push({ file: source.name, message: source.skipped.reason });
      }
      continue;
    }
    read.push(source);
    let text: string;
    if (source.path === STDIN_PATH) {
      let stdin: string | undefined;
      try {
        stdin = readStdin();
      } catch (error) {
        problems.push({ code: 'input-unreadable', file: source.name, line: 1, message: `cannot read ${source.name}: ${errorReason(error)}` });
        continue;
      }
      if (stdin === undefined || (stdin.length > limit && Buffer.byteLength(stdin, 'utf8') > limit)) {
        problems.push(tooLarge(source.name, limit));
        continue;
      }
      text = stdin;
    } else {
      const outcome = readSourceFile(source, limit);
      if ('problem' in outcome) {
        problems.push(outcome.problem);
        continue;
      }
      text = outcome.text;
    }
    const parsed = parseText(text, source.name, options.expandLists ?? true);
    // One by one: a spread of a list this long would overflow the call stack.
    for (const document of parsed.documents) {
      documents.push(document);
    }
    for (const problem of parsed.problems) {
      problems.push(problem);
    }
    for (const note of parsed.passedOver) {
      passedOver.push(note);
    }
  }
  return { documents, problems, passedOver, notes, sources: read };
}

/**
 * Whether a parsed document is meant as a Kubernetes object: a mapping that names a `kind`. An `apiVersion` alone is
 * not enough: an install-config has one and is no object; a manifest without `kind` cannot be applied either.
 */
function looksLikeKubernetesObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'kind');
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

/** Options of {@link parseText}. */
export interface ParseTextOptions {
  /** Expand `kind: List` documents into their items. @default true */
  readonly expandLists?: boolean;
  /**
   * Which reading path to use: `auto` and `light` try the light path first (it hands back to the full path what it
   * does not model); `full` never uses it.
   * @default 'auto'
   */
  readonly reader?: 'auto' | 'light' | 'full';
}

/** What {@link parseText} returns. */
export interface ParsedText {
  readonly documents: InputDocument[];
  readonly problems: InputProblem[];
  readonly passedOver: PassedOverDocument[];
}

/** Parses one source's text (exported for callers that already hold the text, and for tests). */
export function parseText(text: string, file: string, options: boolean | ParseTextOptions = true): ParsedText {
  const { expandLists = true, reader = 'auto' } = typeof options === 'boolean' ? { expandLists: options } : options;
  // A byte-order mark is common in files saved on Windows and means nothing to YAML.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const light = reader === 'full' ? undefined : parseLight(source);
  return light ? fromLightDocuments(source, file, light, expandLists) : parseFull(source, file, expandLists);
}

/** Where a document of one file came from, to find its lines later: the document, then list items in lists. */
interface DocumentOrigin {
  readonly documentIndex: number;
  readonly itemPath: readonly number[];
}

/** Visits a document and, with `expandLists`, the items of `kind: List` documents inside it, recursively. */
function expandDocument(object: unknown, itemPath: readonly number[], expandLists: boolean, visit: (object: unknown, itemPath: readonly number[]) => void): void {
  if (expandLists && isKubernetesList(object)) {
    const items = (object as { items: unknown[] }).items;
    for (let index = 0; index < items.length; index++) {
      expandDocument(items[index], [...itemPath, index], expandLists, visit);
    }
    return;
  }
  visit(object, itemPath);
}

function fromLightDocuments(text: string, file: string, light: readonly { line: number; value: unknown }[], expandLists: boolean): ParsedText {
  const documents: InputDocument[] = [];
  const passedOver: PassedOverDocument[] = [];
  // Built on the first line asked for, for every document of the file at once (one more reading of the text).
  let positions: DocumentPositions[] | undefined;
  const positionsOf = (origin: DocumentOrigin): { line: number; node?: PositionNode } => {
    positions ??= indexPositions(text);
    let current: { line: number; node?: PositionNode } = positions[origin.documentIndex] ?? { line: 1 };
    for (const index of origin.itemPath) {
      const items = current.node?.mapping ? findKey(current.node, 'items')?.child : undefined;
      if (!items || items.mapping || index >= items.lines.length) {
        return current;
      }
      current = { line: items.lines[index], node: items.children[index] };
    }
    return current;
  };
  light.forEach((document, documentIndex) => {
    const object = document.value;
    if (object === null || object === undefined) {
      return; // an empty document, e.g. after a trailing `---`
    }
    if (!looksLikeKubernetesObject(object)) {
      passedOver.push({ file, line: document.line, reason: describeNonObject(object) });
      return;
    }
    expandDocument(object, [], expandLists, (item, itemPath) => {
      const origin: DocumentOrigin = { documentIndex, itemPath };
      documents.push({
        file,
        documentIndex,
        ...(itemPath.length > 0 ? { listItemIndex: itemPath[itemPath.length - 1] } : {}),
        // Items of a list need the position index; a document's own line is known already.
        get line(): number {
          return itemPath.length === 0 ? document.line : positionsOf(origin).line;
        },
        object: item,
        lineOf: (fieldPath: string) => {
          const start = positionsOf(origin);
          return lineInIndex(start.line, start.node, parseFieldPath(fieldPath));
        },
      });
    });
  });
  return { documents, problems: [], passedOver };
}

/** {@link lineOfPath} over the light path's position index. */
function lineInIndex(rootLine: number, root: PositionNode | undefined, segments: readonly PathSegment[]): number {
  let line = rootLine;
  let current = root;
  for (const segment of segments) {
    if (current?.mapping && typeof segment === 'string') {
      const found = findKey(current, segment);
      if (!found) {
        break;
      }
      line = found.line;
      current = found.child;
    } else if (current && !current.mapping && typeof segment === 'number' && segment < current.lines.length) {
      line = current.lines[segment];
      current = current.children[segment];
    } else {
      break;
    }
  }
  return line;
}

/** The `yaml` library's reading, with its Document for the lines. */
function parseFull(source: string, file: string, expandLists: boolean): ParsedText {
  const { isScalar, isSeq, LineCounter, parseAllDocuments } = yamlLibrary();
  const lineCounter = new LineCounter();
  const documents: InputDocument[] = [];
  const problems: InputProblem[] = [];
  const passedOver: PassedOverDocument[] = [];
  let list: Document.Parsed[];
  try {
    // Merge keys (`<<: *base`) as kubectl reads them (YAML 1.1 merge keys, which the `yaml` library offers in 1.2 mode).
    const parsedDocuments = parseAllDocuments(source, { lineCounter, prettyErrors: false, merge: true });
    // `parseAllDocuments` returns an EmptyStream (no documents) for empty input.
    list = Array.isArray(parsedDocuments) ? parsedDocuments : [];
  } catch (error) {
    // Absurd nesting can exhaust the parser's stack; that is input we cannot read, not a crash.
    problems.push({ code: 'yaml-syntax', file, line: 1, message: `YAML cannot be read: ${firstLine((error as Error).message)}` });
    return { documents, problems, passedOver };
  }
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
      object = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const position = lineCounter.linePos(contents.range?.[0] ?? 0);
      problems.push({ code: 'yaml-syntax', file, line: position.line, column: position.col, message: `YAML does not parse (document ${documentIndex + 1}): ${firstLine((error as Error).message)}` });
      return;
    }
    if (!looksLikeKubernetesObject(object)) {
      passedOver.push({ file, line: lineAt(contents.range?.[0] ?? 0), reason: describeNonObject(object) });
      return;
    }
    expandDocument(object, [], expandLists, (item, itemPath) => {
      let node: Node = contents as Node;
      for (const index of itemPath) {
        const itemsNode = findPair(doc, node, 'items');
        const itemNode = isSeq(itemsNode) ? (itemsNode.items[index] as Node | undefined) : undefined;
        if (!itemNode) {
          break;
        }
        node = itemNode;
      }
      documents.push(makeDocument(doc, file, documentIndex, item, node, lineAt, itemPath.length > 0 ? itemPath[itemPath.length - 1] : undefined));
    });
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
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(candidate, key) ? candidate[key] : undefined);
  const kind = own('kind');
  return typeof kind === 'string' && /List$/.test(kind) && typeof own('apiVersion') === 'string' && Array.isArray(own('items'));
}

function makeDocument(doc: Document.Parsed, file: string, documentIndex: number, object: unknown, node: Node, lineAt: (offset: number) => number, listItemIndex?: number): InputDocument {
  const line = lineAt(node.range?.[0] ?? 0);
  return {
    file,
    documentIndex,
    listItemIndex,
    line,
    object,
    lineOf: (fieldPath: string) => lineOfPath(doc, node, parseFieldPath(fieldPath), lineAt) ?? line,
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

/** A mapping node with aliases resolved (a merge source is usually an alias). */
function resolved(doc: Document.Parsed, node: unknown): unknown {
  return yamlLibrary().isAlias(node) ? node.resolve(doc) : node;
}

/** The pair of `key` in a mapping node, looking into merged mappings (`<<: *base`, `<<: [*a, *b]`) as the values do. */
function findMapPair(doc: Document.Parsed, map: unknown, key: string, depth = 0): { key: unknown; value: unknown } | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (!isMap(map) || depth > 32) {
    return undefined;
  }
  const keyOf = (candidate: unknown): unknown => (isScalar(candidate) && typeof candidate.value !== 'symbol' ? (candidate.value === null ? '' : String(candidate.value)) : candidate);
  const own = map.items.find((candidate) => isPair(candidate) && keyOf(candidate.key) === key && !isMergeKey(candidate.key));
  if (own) {
    return own;
  }
  for (const pair of map.items) {
    if (!isPair(pair) || !isMergeKey(pair.key)) {
      continue;
    }
    const value = resolved(doc, pair.value);
    const sources = isSeq(value) ? value.items.map((item) => resolved(doc, item)) : [value];
    for (const source of sources) {
      const found = findMapPair(doc, source, key, depth + 1);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

/** A `<<` key of a merge (the `yaml` library resolves it to a symbol when merge keys are on). */
function isMergeKey(key: unknown): boolean {
  const { isScalar } = yamlLibrary();
  if (!isScalar(key) || (key.type !== undefined && key.type !== 'PLAIN')) {
    return false;
  }
  const value: unknown = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function findPair(doc: Document.Parsed, node: unknown, key: string): unknown {
  return resolved(doc, findMapPair(doc, node, key)?.value ?? undefined);
}

/**
 * The line of the deepest node along `segments`: for a map entry, the line of its key (so `spec.registrySources`
 * points at `registrySources:`, not at its first child); for a list item, the line of the item. A key that comes from
 * a merged mapping (`<<: *base`) gives the line where the anchored mapping holds it.
 */
function lineOfPath(doc: Document.Parsed, root: Node, segments: readonly PathSegment[], lineAt: (offset: number) => number): number | undefined {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  let current: unknown = root;
  let line = root.range ? lineAt(root.range[0]) : undefined;
  for (const segment of segments) {
    current = resolved(doc, current);
    if (isMap(current) && typeof segment === 'string') {
      const pair = findMapPair(doc, current, segment);
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
