/**
 * Rendering of `ocp-images validate` results: text for people (grouped by file, `file:line`, colour only on a
 * terminal) and one JSON object for machines.
 */
import { Finding, RuleSource } from '../validation';
import { boundMessage, clip } from '../validation/finding';

/** A finding located in the input. Parse problems use the same shape, with source `input`. */
export interface CliFinding {
  /** Stable code of the rule (see docs/rules.md) or of the input problem (`yaml-syntax`, `input-unreadable`). */
  readonly code: string;
  readonly severity: Finding['severity'];
  /** `Kind/name`, or `-` for a document that could not be read as an object. */
  readonly object: string;
  /** Field path inside the object, e.g. `spec.registrySources.allowedRegistries[0]` (empty for the whole object). */
  readonly path: string;
  readonly message: string;
  readonly hint: string;
  /** Who enforces the rule; `input` for problems with the files themselves. */
  readonly source: RuleSource | 'input';
  /** The file (as found from the `-f` arguments) or `<stdin>`. */
  readonly file: string;
  /** 1-based line of the field (or of the nearest enclosing field that exists). */
  readonly line: number;
}

/** Counts of one run. */
export interface ValidateSummary {
  /** Sources read (files, and stdin). */
  readonly files: number;
  /** Documents found (items of a `List` count one each). */
  readonly documents: number;
  /** Documents passed over because they are not Kubernetes objects at all. */
  readonly passedOverDocuments: number;
  /** Objects of a kind this library checks. */
  readonly checkedObjects: number;
  /** Objects passed over because their kind is not one this library checks. */
  readonly skippedObjects: number;
  /** The passed-over kinds (`apiVersion/Kind`) with how many objects of each. */
  readonly skippedKinds: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly warnings: number;
  /** Warnings left out of `warnings` because their code is acknowledged. */
  readonly acknowledged: number;
  /** Whether warnings fail the run (`--strict`). */
  readonly strict: boolean;
  /** Whether the run passes (exit code 0). */
  readonly passed: boolean;
}

/** The outcome of a run, as `--format json` prints it. */
export interface ValidateResult {
  readonly errors: CliFinding[];
  readonly warnings: CliFinding[];
  /** Warnings whose code is acknowledged (with `--ack` or the configuration file). */
  readonly acknowledged: CliFinding[];
  /** Documents passed over because they are not Kubernetes objects (an Ansible playbook, an install-config). */
  readonly passedOver: readonly { readonly file: string; readonly line: number; readonly reason: string }[];
  /** Notes about the input, e.g. a symbolic link to a folder already read, not followed again. */
  readonly notes: readonly { readonly file: string; readonly message: string }[];
  readonly summary: ValidateSummary;
}

/**
 * A finding as the CLI prints it: the rules quote at most ~200 characters of a value, and this bounds what comes from
 * elsewhere (an object name, a field path built from keys, a message that quotes another program's), so a huge value
 * in the input never becomes a huge report.
 */
function bounded(finding: CliFinding): CliFinding {
  return {
    ...finding,
    object: clip(finding.object, 450),
    path: clip(finding.path, 1000),
    message: boundMessage(finding.message),
    hint: boundMessage(finding.hint),
  };
}

function boundedResult(result: ValidateResult): ValidateResult {
  return {
    ...result,
    errors: result.errors.map(bounded),
    warnings: result.warnings.map(bounded),
    acknowledged: result.acknowledged.map(bounded),
  };
}

/** The JSON document of `--format json`: one object, stable key order, newline-terminated. */
export function renderJson(result: ValidateResult): string {
  return `${JSON.stringify(boundedResult(result), null, 2)}\n`;
}

/** Whether to colour output written to `stream`: only on a terminal, never with `NO_COLOR` set or `--no-color`. */
export function shouldColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, colourOption: boolean): boolean {
  if (!colourOption) {
    return false;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
    return false;
  }
  return stream.isTTY === true;
}

interface Palette {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly file: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly ok: (text: string) => string;
}

const plain: Palette = { error: (t) => t, warning: (t) => t, file: (t) => t, dim: (t) => t, ok: (t) => t };
const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const coloured: Palette = { error: ansi(31, 39), warning: ansi(33, 39), file: ansi(1, 22), dim: ansi(2, 22), ok: ansi(32, 39) };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The text report: findings grouped by file (in input order), each as `file:line: severity [code] Kind/name path:
 * message` with the fix on the next line, then a summary line.
 */
export function renderText(result: ValidateResult, colour: boolean, fileOrder: readonly string[] = []): string {
  const paint = colour ? coloured : plain;
  const lines: string[] = [];
  const shown = [...result.errors, ...result.warnings].map(bounded);
  const byFile = new Map<string, CliFinding[]>();
  for (const finding of sortFindings(shown, fileOrder)) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(paint.file(file));
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? paint.error('error') : paint.warning('warning');
      const where = [finding.object !== '-' ? finding.object : '', finding.path].filter((part) => part !== '').join(' ');
      lines.push(`  ${file}:${finding.line}: ${severity} [${finding.code}] ${where ? `${where}: ` : ''}${finding.message}`);
      if (finding.hint) {
        lines.push(paint.dim(`      fix: ${finding.hint}`));
      }
    }
    lines.push('');
  }
  for (const note of result.passedOver) {
    lines.push(paint.dim(`note: ${note.file}:${note.line}: passed over: ${note.reason}`));
  }
  for (const note of result.notes) {
    lines.push(paint.dim(`note: ${note.file}: ${note.message}`));
  }
  if (result.passedOver.length > 0 || result.notes.length > 0) {
    lines.push('');
  }
  lines.push(summaryLine(result.summary, paint));
  return `${lines.join('\n')}\n`;
}

function summaryLine(summary: ValidateSummary, paint: Palette): string {
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
  const acknowledged = summary.acknowledged > 0 ? ` (${summary.acknowledged} acknowledged)` : '';
  const scope = `${plural(summary.checkedObjects, 'object')} checked in ${plural(summary.files, 'file')}`;
  const skipped = (summary.skippedObjects > 0
    ? `; passed over ${plural(summary.skippedObjects, 'object')} of other kinds (${Object.entries(summary.skippedKinds).map(([kind, count]) => `${kind} x${count}`).join(', ')})`
    : '') + (summary.passedOverDocuments > 0 ? `; passed over ${plural(summary.passedOverDocuments, 'document')} that ${summary.passedOverDocuments === 1 ? 'is' : 'are'} not Kubernetes objects` : '');
  const verdict = summary.passed ? paint.ok('OK') : paint.error(summary.errors > 0 ? 'FAILED' : 'FAILED (--strict)');
  return `${verdict}: ${counts}${acknowledged}; ${scope}${skipped}.`;
}

/**
 * Deterministic order: files in `fileOrder` (the input order), then files in order of first appearance; within a
 * file by line, then code, path and message.
 */
export function sortFindings(findings: readonly CliFinding[], fileOrder: readonly string[] = []): CliFinding[] {
  const rank = new Map<string, number>();
  for (const file of [...fileOrder, ...findings.map((finding) => finding.file)]) {
    if (!rank.has(file)) {
      rank.set(file, rank.size);
    }
  }
  return [...findings].sort((a, b) =>
    ((rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0))
    || (a.line - b.line)
    || compare(a.code, b.code)
    || compare(a.path, b.path)
    || compare(a.message, b.message));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
