import * as fs from 'node:fs';
import * as path from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { ValidationError } from 'cdk-openshift-images';
import { isClusterScoped, validateWithCrd } from '../support/crd-oracle';

/** A CA certificate that parses as X.509 (the one the bundled example trusts). */
export const CA_PEM = fs.readFileSync(path.resolve(__dirname, '../../examples/k8s/mirror-ca.pem'), 'utf8');

/** A fresh chart in a fresh app; `namespace` set to prove cluster-scoped kinds ignore it. */
export function newChart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', namespace ? { namespace } : {});
}

/** Runs `fn`, expecting a ValidationError, and returns it. */
export function expectValidationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** The codes of a ValidationError's findings. */
export function codesOf(error: ValidationError): string[] {
  return error.findings.map((finding) => finding.code);
}

/**
 * Asserts that every object of one of the six upstream kinds passes the upstream CRD (schema and CEL) and carries no
 * namespace when its kind is cluster-scoped. Other kinds (ConfigMap, Secret) are checked for a namespace only.
 */
export function expectAcceptedByCluster(objects: any[]): void {
  for (const object of objects) {
    const upstream = ['config.openshift.io/v1', 'operator.openshift.io/v1alpha1', 'imageregistry.operator.openshift.io/v1'].includes(object.apiVersion);
    if (!upstream) {
      expect(object.metadata.namespace).toBeDefined();
      continue;
    }
    const verdict = validateWithCrd(object);
    expect({ object: `${object.kind}/${object.metadata.name}`, errors: verdict.errors }).toEqual({ object: `${object.kind}/${object.metadata.name}`, errors: [] });
    if (isClusterScoped(object.kind)) {
      expect(object.metadata.namespace).toBeUndefined();
    }
  }
}
