export * from './finding';
export { ruleCatalog, findRule } from './rule';
export type { RuleDefinition } from './rule';
export { validateObjects, checkObjects, knownKinds, isKnownKind, objectRef } from './engine';
export type { KubernetesObject, LocatedFinding, CheckedObject } from './engine';
export * from './validation-error';
