import * as fs from 'fs';
import { INPUT_PROBLEM_CODES } from '../../src/cli/input';
import { RuleDefinition, ruleCatalog } from '../../src/validation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderRulesDoc, DOC } = require('../../scripts/rules-doc.js') as {
  renderRulesDoc(catalog: readonly RuleDefinition[], inputProblems: typeof INPUT_PROBLEM_CODES): string;
  DOC: string;
};

describe('docs/rules.md', () => {
  test('GIVEN the rule catalog WHEN rendered THEN docs/rules.md is identical (run `npm run rules:docs` when this fails)', () => {
    const expected = renderRulesDoc(ruleCatalog(), INPUT_PROBLEM_CODES);
    const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
    expect(current).toBe(expected);
  });

  test('GIVEN the rule catalog THEN every code appears in docs/rules.md with its severity', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const rule of ruleCatalog()) {
      expect(doc).toContain(`| \`${rule.code}\` | ${rule.severity} |`);
    }
    for (const problem of INPUT_PROBLEM_CODES) {
      expect(doc).toContain(`| \`${problem.code}\` | error |`);
    }
  });

  test('GIVEN the same catalog twice THEN the same bytes (deterministic)', () => {
    expect(renderRulesDoc([...ruleCatalog()].reverse(), INPUT_PROBLEM_CODES)).toBe(renderRulesDoc(ruleCatalog(), INPUT_PROBLEM_CODES));
  });
});
