/** Plain objects for the impact tests, as the cluster holds them. */

export const image = (registrySources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources, ...extra } });

export const idms = (name: string, entries: ReadonlyArray<{ source: string; mirrors: string[]; mirrorSourcePolicy?: string }>) =>
  ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name }, spec: { imageDigestMirrors: entries } });

export const itms = (name: string, entries: ReadonlyArray<{ source: string; mirrors: string[]; mirrorSourcePolicy?: string }>) =>
  ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name }, spec: { imageTagMirrors: entries } });

export const icsp = (name: string, entries: ReadonlyArray<{ source: string; mirrors: string[] }>) =>
  ({ apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name }, spec: { repositoryDigestMirrors: entries } });

export const machineConfiguration = (nodeDisruptionPolicy: unknown, name = 'cluster') =>
  ({ apiVersion: 'operator.openshift.io/v1', kind: 'MachineConfiguration', metadata: { name }, spec: { nodeDisruptionPolicy } });

export const DROP_IN = '/etc/containers/registries.conf.d/01-image-searchRegistries.conf';
export const REGISTRIES = '/etc/containers/registries.conf';
export const POLICY = '/etc/containers/policy.json';

/** The mirror every example uses. */
export const OPENSHIFT_MIRROR = { source: 'quay.io/openshift', mirrors: ['mirror.example.com/ns'] };
