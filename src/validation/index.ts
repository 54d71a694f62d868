export * from './finding';
export { ruleCatalog, findRule, ruleModules } from './catalog';
export type { RuleDefinition } from './rule';
export { validateObjects, checkObjects, knownKinds, isKnownKind, objectRef, RuleEngine, defaultRuleEngine, checkOptionsOrThrow, InvalidReleaseImageError } from './engine';
export type { CheckResult } from './engine';
export type { KubernetesObject, LocatedFinding, CheckedObject, CheckOptions, CheckTarget, RuleModule, KindDefinition } from './rule-module';
export { DEFAULT_RULE_MODULES } from './rules';
export * from './validation-error';
