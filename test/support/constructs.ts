/** Helpers of the cdk8s construct tests: a fresh chart, and what the cluster would say of the emitted objects. */
import { Chart, Testing } from 'cdk8s';
import { isClusterScoped, validateWithCrd } from './crd-oracle';

/** A fresh chart in a fresh app; `namespace` set to prove cluster-scoped kinds ignore it. */
export function newChart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', namespace ? { namespace } : {});
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
