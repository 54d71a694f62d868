/**
 * Reading findings in tests: the engine's findings on one object, the codes of a `ValidationError`, and the upstream
 * CRD's verdict next to ours.
 */
import { ValidationError } from 'cdk-openshift-images';
import { Finding, findRule, validateObjects } from '../../src/validation';
import { validateWithCrd } from './crd-oracle';

/** Runs `fn`, expecting a ValidationError (what constructs throw at construction), and returns it. */
export function expectValidationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) {
      return error;
    }
    throw new Error(`expected a ValidationError, got ${error instanceof Error ? error.stack : String(error)}`);
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** The codes of a ValidationError's findings, in order. */
export function codesOf(error: ValidationError): string[] {
  return error.findings.map((finding) => finding.code);
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

/** The errors of schema-level rules (what the conformance test compares with the CRDs). */
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
