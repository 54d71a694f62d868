export * from './finding';
export { RuleDefinition, ruleCatalog, findRule } from './rule';
export { validateObjects, checkObjects, KubernetesObject, LocatedFinding, CheckedObject, knownKinds, isKnownKind, objectRef } from './engine';
export * from './validation-error';
