/**
 * The rule catalog: every rule of every module the library's engine runs, derived from the module list (so the
 * catalog, the CLI's acknowledgements and docs/rules.md can never list a rule the engine does not have).
 */
import { RuleDefinition } from './rule';
import { RuleModule } from './rule-module';
import { DEFAULT_RULE_MODULES } from './rules';

const catalogModules: readonly RuleModule[] = DEFAULT_RULE_MODULES;

/** Every rule this library knows, sorted by code. */
export function ruleCatalog(): RuleDefinition[] {
  return catalogModules
    .flatMap((module) => module.rules.map((rule) => rule.definition))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The definition of one rule code, if it exists. */
export function findRule(code: string): RuleDefinition | undefined {
  for (const module of catalogModules) {
    const rule = module.rules.find((candidate) => candidate.code === code);
    if (rule) {
      return rule.definition;
    }
  }
  return undefined;
}

/** The modules of the catalog, in documentation order. */
export function ruleModules(): readonly RuleModule[] {
  return catalogModules;
}
