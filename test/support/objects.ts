/**
 * Builders of plain API objects for tests, one per kind, with the apiVersions the cluster serves, and the shared test
 * data. Every test that needs an object writes it through here, so a kind's shape is written once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Spec = Record<string, unknown>;

/** One entry of a mirror set, as the API holds it. */
export interface MirrorEntry {
  readonly source: string;
  readonly mirrors?: readonly string[];
  readonly mirrorSourcePolicy?: string;
}
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

/** `operator.openshift.io/v1` `MachineConfiguration` (named `cluster` unless told) with a node disruption policy. */
export function machineConfiguration(nodeDisruptionPolicy: unknown, metadata: Metadata = {}): Record<string, unknown> {
  return { apiVersion: 'operator.openshift.io/v1', kind: 'MachineConfiguration', metadata: { name: 'cluster', ...metadata }, spec: { nodeDisruptionPolicy } };
}

/** `v1` `ConfigMap`. */
export function configMap(name: string, namespace: string | undefined, data: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace !== undefined ? { namespace } : {}) }, data };
}

/** A CA certificate that parses as X.509 (the one the bundled example trusts). */
export const CA_PEM = fs.readFileSync(path.resolve(__dirname, '../../examples/k8s/mirror-ca.pem'), 'utf8');

/** A mirror entry: `quay.io/openshift` mirrored to `mirror.example.com/ns`. */
export const OPENSHIFT_MIRROR = { source: 'quay.io/openshift', mirrors: ['mirror.example.com/ns'] };

/** A complete, valid registry `Config` spec: every field of the API, one storage backend (S3). */
export const FULL_REGISTRY_SPEC: Record<string, any> = {
  managementState: 'Managed',
  logLevel: 'Debug',
  operatorLogLevel: 'Trace',
  proxy: { http: 'http://proxy.corp:3128', https: 'http://proxy.corp:3128', noProxy: '.corp,10.0.0.0/8' },
  storage: {
    managementState: 'Unmanaged',
    s3: {
      bucket: 'prod-image-registry-eu-west-1',
      region: 'eu-west-1',
      regionEndpoint: 'https://s3.eu-west-1.amazonaws.com',
      chunkSizeMiB: 64,
      encrypt: true,
      keyID: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      virtualHostedStyle: false,
      trustedCA: { name: 's3-ca' },
      cloudFront: { baseURL: 'https://d111111abcdef8.cloudfront.net', keypairID: 'K2JCJMDEHXQW5F', privateKey: { name: 'cloudfront-key', key: 'private.pem' }, duration: '20m' },
    },
  },
  readOnly: false,
  disableRedirect: true,
  requests: { read: { maxRunning: 100, maxInQueue: 200, maxWaitInQueue: '30s' }, write: { maxRunning: 10, maxInQueue: 20, maxWaitInQueue: '1m' } },
  defaultRoute: true,
  routes: [{ name: 'registry-external', hostname: 'registry.apps.example.com', secretName: 'registry-tls' }],
  replicas: 2,
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '2Gi', 'nvidia.com/gpu': 1 } },
  nodeSelector: { 'node-role.kubernetes.io/infra': '' },
  tolerations: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' }, { key: 'maint', operator: 'Equal', value: 'yes', effect: 'NoExecute', tolerationSeconds: 300 }],
  rolloutStrategy: 'RollingUpdate',
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists' }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] } }],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'docker-registry': 'default' } } } }],
      requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', namespaces: ['openshift-image-registry'], matchLabelKeys: ['pod-template-hash'] }],
    },
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] } }] },
  },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'docker-registry': 'default' } }, minDomains: 2, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', matchLabelKeys: ['pod-template-hash'] }],
};
