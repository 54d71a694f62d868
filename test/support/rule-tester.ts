/**
 * A table-driven tester for one rule module, in the manner of eslint's RuleTester: `valid` configurations produce no
 * finding of the module's rules; each `invalid` configuration produces exactly the listed findings of the module's
 * rules (code, object, path; and a fragment of the message when given), no more, no fewer. Findings of other modules
 * are ignored, so a case only has to be right about its own module.
 *
 * `coveredCodes` lets a meta-test check that every rule of every module has at least one invalid case.
 */
import { checkObjects, CheckOptions, RuleModule } from '../../src/validation';

/** One configuration: the objects of one cluster, and the options it is checked with. */
export interface RuleTesterCase {
  readonly name: string;
  readonly objects: readonly unknown[];
  readonly options?: CheckOptions;
}

/** A finding an invalid case must produce. */
export interface ExpectedFinding {
  readonly code: string;
  /** `Kind/name`. */
  readonly object: string;
  readonly path: string;
  /** A fragment the message must contain. @default - not checked */
  readonly says?: string;
}

export interface InvalidRuleTesterCase extends RuleTesterCase {
  readonly findings: readonly ExpectedFinding[];
}

export interface RuleTesterTable {
  readonly valid: readonly RuleTesterCase[];
  readonly invalid: readonly InvalidRuleTesterCase[];
  /**
   * Rules with no case here, each with the reason and where they are tested instead (a rule a construct reports from
   * its props, a safety net the engine cannot reach from objects). Keep it short.
   * @default - none
   */
  readonly testedElsewhere?: Readonly<Record<string, string>>;
}

const covered = new Map<string, Set<string>>();

/** Codes of `module` that have an invalid case run so far. */
export function coveredCodes(module: RuleModule): ReadonlySet<string> {
  return covered.get(module.name) ?? new Set();
}

/** The module's findings for a case, as comparable rows. */
function findingsOf(module: RuleModule, testCase: RuleTesterCase): { code: string; object: string; path: string; message: string }[] {
  const codes = new Set(module.rules.map((rule) => rule.code));
  return checkObjects(testCase.objects, testCase.options).findings
    .filter((finding) => codes.has(finding.code))
    .map((finding) => ({ code: finding.code, object: finding.object, path: finding.path, message: finding.message }));
}

const byKey = (a: { code: string; object: string; path: string }, b: { code: string; object: string; path: string }) =>
  `${a.code} ${a.object} ${a.path}`.localeCompare(`${b.code} ${b.object} ${b.path}`);

/** Declares the tests of one module's table. */
export function ruleTester(module: RuleModule, table: RuleTesterTable): void {
  const codes = new Set(module.rules.map((rule) => rule.code));
  describe(`GIVEN the rule module "${module.name}"`, () => {
    if (table.valid.length > 0) {
      test.each(table.valid.map((testCase) => [testCase.name, testCase] as const))('WHEN %s THEN no finding of the module', (_name, testCase) => {
        expect(findingsOf(module, testCase)).toEqual([]);
      });
    }
    test.each(table.invalid.map((testCase) => [testCase.name, testCase] as const))('WHEN %s THEN exactly the expected findings', (_name, testCase) => {
      for (const expected of testCase.findings) {
        // A table that names a code of another module is a mistake in the table, not a passing case.
        expect({ code: expected.code, inModule: codes.has(expected.code) }).toEqual({ code: expected.code, inModule: true });
      }
      const actual = findingsOf(module, testCase);
      expect(actual.map(({ code, object, path }) => ({ code, object, path })).sort(byKey))
        .toEqual(testCase.findings.map(({ code, object, path }) => ({ code, object, path })).sort(byKey));
      for (const expected of testCase.findings.filter((finding) => finding.says !== undefined)) {
        const match = actual.find((finding) => finding.code === expected.code && finding.object === expected.object && finding.path === expected.path);
        expect(match?.message).toContain(expected.says);
      }
      const set = covered.get(module.name) ?? new Set<string>();
      testCase.findings.forEach((finding) => set.add(finding.code));
      covered.set(module.name, set);
    });
    // Runs after the cases above (jest runs a file's tests in order).
    test('WHEN the table is read THEN every rule of the module has an invalid case, or says where it is tested', () => {
      const elsewhere = new Set(Object.keys(table.testedElsewhere ?? {}));
      const missing = [...codes].filter((code) => !coveredCodes(module).has(code) && !elsewhere.has(code));
      expect(missing).toEqual([]);
      const stale = [...elsewhere].filter((code) => !codes.has(code) || coveredCodes(module).has(code));
      expect(stale).toEqual([]);
    });
  });
}
