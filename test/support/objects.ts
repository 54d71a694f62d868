/**
 * Builders of plain API objects for tests, one per kind, with the apiVersions the cluster serves. Every test that
 * needs an object writes it through here, so a kind's shape is written once.
 */

type Spec = Record<string, unknown>;
type Metadata = Record<string, unknown>;

/** A release image whose repository is `quay.io/openshift-release-dev/ocp-release`, by digest. */
export const RELEASE_IMAGE = `quay.io/openshift-release-dev/ocp-release@sha256:${'0123456789abcdef'.repeat(4)}`;

/** `config.openshift.io/v1` `Image` (named `cluster` unless told). */
export function image(spec: Spec = {}, metadata: Metadata = {}): Record<string, unknown> {
  return { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster', ...metadata }, spec };
}

/** An `Image` with just `spec.registrySources`. */
export function imageWithSources(registrySources: Spec, metadata: Metadata = {}): Record<string, unknown> {
  return image({ registrySources }, metadata);
}

/** `config.openshift.io/v1` `ImageDigestMirrorSet`. */
export function idms(name: string, entries: unknown[], apiVersion = 'config.openshift.io/v1'): Record<string, unknown> {
  return { apiVersion, kind: 'ImageDigestMirrorSet', metadata: { name }, spec: { imageDigestMirrors: entries } };
}

/** `config.openshift.io/v1` `ImageTagMirrorSet`. */
export function itms(name: string, entries: unknown[]): Record<string, unknown> {
  return { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name }, spec: { imageTagMirrors: entries } };
}

/** `operator.openshift.io/v1alpha1` `ImageContentSourcePolicy`. */
export function icsp(name: string, entries: unknown[]): Record<string, unknown> {
  return { apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name }, spec: { repositoryDigestMirrors: entries } };
}

/** `imageregistry.operator.openshift.io/v1` `Config` (named `cluster` unless told). */
export function registryConfig(spec: Spec = {}, metadata: Metadata = {}): Record<string, unknown> {
  return { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster', ...metadata }, spec };
}

/** `imageregistry.operator.openshift.io/v1` `ImagePruner` (named `cluster` unless told). */
export function imagePruner(spec: Spec = {}, metadata: Metadata = {}): Record<string, unknown> {
  return { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster', ...metadata }, spec };
}

/** `v1` `ConfigMap`. */
export function configMap(name: string, namespace: string | undefined, data: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace !== undefined ? { namespace } : {}) }, data };
}
