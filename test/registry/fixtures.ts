/** Shared test data of the registry tests. */

/** A complete, valid spec: every field of the API, one backend. */
export const FULL_SPEC: Record<string, any> = {
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

