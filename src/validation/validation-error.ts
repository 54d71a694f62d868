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
  public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[], locate: FindingLocator = () => undefined) {
    super(ValidationError.render(findings, locate));
    this.name = 'ValidationError';
    this.findings = findings;
    Object.setPrototypeOf(this, ValidationError.prototype);
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
