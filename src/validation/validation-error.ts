import { Finding } from './finding';

/** Where a finding comes from, for the message: a construct path, or a file and line. */
export type FindingLocator = (finding: Finding) => string | undefined;

/**
 * Thrown when input breaks one or more rules: at construction for a single construct, at synth for rules that span
 * several constructs. Every problem is listed, not only the first, with the construct path, the field path, the value
 * received and what to change.
 */
export class ValidationError extends Error {
  /** Every error finding that caused the throw. */
  public declare readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[], locate: FindingLocator = () => undefined) {
    super(ValidationError.render(findings, locate));
    this.name = 'ValidationError';
    Object.setPrototypeOf(this, ValidationError.prototype);
    // Uncaught, the error must print as the list of problems, once. Node prints an error's own enumerable properties
    // after its message, so `findings` is not enumerable (every problem would appear twice); and the stack has no
    // frames: they would point into this library (or, through source maps, into sources it does not ship), while the
    // message already says where the problem is: the construct path or file:line.
    Object.defineProperty(this, 'findings', { value: findings, enumerable: false });
    Object.defineProperty(this, 'stack', { value: `${this.name}: ${this.message}`, enumerable: false, writable: true, configurable: true });
  }

  private static render(findings: readonly Finding[], locate: FindingLocator): string {
    const count = findings.length === 1 ? '1 problem' : `${findings.length} problems`;
    const lines = [`Invalid OpenShift image configuration (${count}):`];
    for (const finding of findings) {
      const where = locate(finding);
      lines.push(`  - ${where ? `[${where}] ` : ''}${finding.object} ${finding.path}: ${finding.message} (${finding.code})`);
      lines.push(`    Fix: ${finding.hint}`);
    }
    return lines.join('\n');
  }
}
