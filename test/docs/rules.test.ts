import * as fs from 'fs';
import { INPUT_PROBLEM_CODES } from '../../src/cli/input';
import { RuleDefinition, ruleCatalog, ruleModules } from '../../src/validation';

interface DocumentedModule {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly RuleDefinition[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderRulesDoc, documentedModules, DOC } = require('../../scripts/rules-doc.js') as {
  renderRulesDoc(modules: readonly DocumentedModule[], inputProblems: typeof INPUT_PROBLEM_CODES): string;
  documentedModules(modules: typeof ruleModules): DocumentedModule[];
  DOC: string;
};

describe('docs/rules.md', () => {
  test('GIVEN the rule modules WHEN rendered THEN docs/rules.md is identical (run `npm run rules:docs` when this fails)', () => {
    const expected = renderRulesDoc(documentedModules(ruleModules), INPUT_PROBLEM_CODES);
    const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
    expect(current).toBe(expected);
  });

  test('GIVEN the rule catalog THEN every code appears in docs/rules.md with its severity, in its module\'s section', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const module of ruleModules()) {
      const section = doc.slice(doc.indexOf(`## \`${module.name}\``));
      for (const rule of module.rules) {
        expect(section).toContain(`| \`${rule.code}\` | ${rule.definition.severity} |`);
      }
    }
    expect(ruleCatalog().length).toBe(ruleModules().reduce((sum, module) => sum + module.rules.length, 0));
    for (const problem of INPUT_PROBLEM_CODES) {
      expect(doc).toContain(`| \`${problem.code}\` | error |`);
    }
  });

});
