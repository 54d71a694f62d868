/**
 * The impact report as people read it in a change review: the verdict in one line, the reasons per file, a policy
 * suggestion when one avoids the reboot, the objects that differ, notes, then a unified diff of every changed file.
 */
import { ImpactReport } from './impact';

/** Colour functions for a terminal; identity without colour. */
interface Paint {
  readonly verdict: (text: string) => string;
  readonly heading: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly added: (text: string) => string;
  readonly removed: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const PLAIN: Paint = { verdict: (t) => t, heading: (t) => t, dim: (t) => t, added: (t) => t, removed: (t) => t };
const COLOURED: Paint = { verdict: ansi(1, 22), heading: ansi(1, 22), dim: ansi(2, 22), added: ansi(32, 39), removed: ansi(31, 39) };

function indent(text: string, prefix: string): string {
  return text.replace(/\n$/, '').split('\n').map((line) => `${prefix}${line}`).join('\n');
}

function paintDiff(diff: string, paint: Paint): string {
  return diff.replace(/\n$/, '').split('\n').map((line) => {
    if (line.startsWith('+++') || line.startsWith('---')) {
      return paint.heading(line);
    }
    if (line.startsWith('+')) {
      return paint.added(line);
    }
    if (line.startsWith('-')) {
      return paint.removed(line);
    }
    return line.startsWith('@@') ? paint.dim(line) : line;
  }).join('\n');
}

/** The text report; `colour` only on a terminal. Ends with a newline. */
export function renderImpactText(report: ImpactReport, colour = false): string {
  const paint = colour ? COLOURED : PLAIN;
  const lines: string[] = [paint.verdict(report.summary)];
  if (report.reasons.length > 0) {
    lines.push(...report.reasons.map((reason) => `  - ${reason}`));
  }
  for (const file of report.files) {
    lines.push('', `${paint.heading(file.path)}: ${file.action} (${file.change})`);
    lines.push(...file.reasons.map((reason) => `  - ${reason}`));
  }
  if (report.suggestion) {
    lines.push('', paint.heading(`Suggestion: ${report.suggestion.reason}.`),
      `With this MachineConfiguration the verdict would be ${report.suggestion.action}${report.suggestion.steps.length > 0 ? ` (every node runs: ${report.suggestion.steps.join(', ')})` : ''}:`,
      indent(report.suggestion.yaml, '  '));
  }
  const { added, removed, changed } = report.objects;
  if (added.length + removed.length + changed.length > 0) {
    lines.push('', paint.heading('Objects:'));
    for (const [label, list] of [['added', added], ['removed', removed], ['changed', changed]] as const) {
      if (list.length > 0) {
        lines.push(`  ${label}: ${list.join(', ')}`);
      }
    }
  }
  if (report.notes.length > 0) {
    lines.push('', ...report.notes.map((note) => paint.dim(`note: ${note}`)));
  }
  for (const file of report.files) {
    lines.push('', paintDiff(file.diff, paint));
  }
  return `${lines.join('\n')}\n`;
}
