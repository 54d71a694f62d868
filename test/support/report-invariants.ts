/**
 * What every report of the engine must be, whatever the input: each finding names a rule of the catalog with that
 * rule's severity and source, an object, a path and a message of bounded length, and `errors` and `warnings` split
 * the findings exactly. A property test that only asks for "no exception" asserts these instead.
 */
import { findRule, ValidationReport } from '../../src/validation';

export function expectWellFormedReport(report: ValidationReport): void {
  for (const finding of report.findings) {
    const rule = findRule(finding.code);
    expect({ code: finding.code, known: rule !== undefined }).toEqual({ code: finding.code, known: true });
    expect(finding.severity).toBe(rule!.severity);
    expect(finding.source).toBe(rule!.source);
    expect(typeof finding.object).toBe('string');
    expect(finding.object).toMatch(/^[^/]+\/.+$/s);
    expect(typeof finding.path).toBe('string');
    expect(finding.message.length).toBeGreaterThan(0);
    expect(finding.message.length).toBeLessThan(20_000);
    expect(finding.hint.length).toBeGreaterThan(0);
  }
  expect(report.errors).toEqual(report.findings.filter((finding) => finding.severity === 'error'));
  expect(report.warnings).toEqual(report.findings.filter((finding) => finding.severity === 'warning'));
}
