import { Finding, findRule, validateObjects } from '../../src/validation';
import { validateWithCrd } from '../support/crd-oracle';

export const API_VERSION = 'imageregistry.operator.openshift.io/v1';

/** A registry `Config` named `cluster` with `spec`. */
export function config(spec: Record<string, unknown>, name = 'cluster'): Record<string, unknown> {
  return { apiVersion: API_VERSION, kind: 'Config', metadata: { name }, spec };
}

/** An `ImagePruner` named `cluster` with `spec`. */
export function pruner(spec: Record<string, unknown>, name = 'cluster'): Record<string, unknown> {
  return { apiVersion: API_VERSION, kind: 'ImagePruner', metadata: { name }, spec };
}

/** Every finding of the engine on one object. */
export function findingsOf(object: unknown): Finding[] {
  return validateObjects([object]).findings;
}

/** The findings of one code. */
export function findingsWithCode(object: unknown, code: string): Finding[] {
  return findingsOf(object).filter((finding) => finding.code === code);
}

/** The codes of the error findings. */
export function errorCodes(object: unknown): string[] {
  return findingsOf(object).filter((finding) => finding.severity === 'error').map((finding) => finding.code);
}

/** The codes of the warning findings. */
export function warningCodes(object: unknown): string[] {
  return findingsOf(object).filter((finding) => finding.severity === 'warning').map((finding) => finding.code);
}

/** Whether the engine reports an error of a schema-level rule (what the conformance test compares with the CRDs). */
export function schemaLevelErrors(object: unknown): Finding[] {
  return findingsOf(object).filter((finding) => finding.severity === 'error' && findRule(finding.code)?.schemaLevel === true);
}

/** Asserts the upstream CRD accepts `object`. */
export function expectCrdAccepts(object: unknown): void {
  const verdict = validateWithCrd(object);
  expect({ object: (object as { kind?: string }).kind, errors: verdict.errors }).toEqual({ object: (object as { kind?: string }).kind, errors: [] });
}

/** Asserts the upstream CRD rejects `object`, with an error containing `fragment`. */
export function expectCrdRejects(object: unknown, fragment: string): void {
  const verdict = validateWithCrd(object);
  expect(verdict.valid).toBe(false);
  expect(verdict.errors.join('\n')).toContain(fragment);
}
