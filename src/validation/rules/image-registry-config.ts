/**
 * Rules of `imageregistry.operator.openshift.io/v1` `Config` (the internal registry, named `cluster`): the CRD schema
 * and its CEL and `anyOf` rules restated, plus what the registry operator refuses or the documentation warns about.
 *
 * The Kubernetes core types (affinity, tolerations, resources, topology spread) are encoded here once and shared
 * with `ImagePruner`, whose CRD embeds the same Go types.
 */
import { isDns1123Subdomain } from '../../model/dns';
import { isGoDuration, isKubeOpenApiDuration, parseGoDuration } from '../../model/go-duration';
import {
  AzureNetworkAccessType, IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND,
  IMAGE_REGISTRY_SINGLETON_NAME, ManagementState, OssEncryptionMethod, RolloutStrategy, STORAGE_BACKENDS,
  StorageManagementState,
} from '../../model/api/image-registry';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { CheckedObject, KindDefinition, ObjectCheckContext, RuleModule } from '../rule-module';
import { fieldPath, indexPath, isApiInteger, NodeCheck, report, s, SchemaNode } from '../schema';

const CONFIG = [IMAGE_REGISTRY_CONFIG_KIND];

export const ImageRegistryConfigRules = {
  // --- restated from the CRD (schema level) -------------------------------------------------------------------
  durationFormat: defineRule({
    code: 'duration-format', severity: 'error', source: 'api-server', kinds: [IMAGE_REGISTRY_CONFIG_KIND, IMAGE_PRUNER_KIND], schemaLevel: true,
    summary: 'A `format: duration` field (`keepYoungerThanDuration`, `cloudFront.duration`, `maxWaitInQueue`) holds something the API server does not read as a duration.',
    fix: 'Write a Go duration such as `60m`, `1h30m` or `24h`.',
  }),
  azureInternalForbidden: defineRule({
    code: 'azure-network-access-internal-forbidden', severity: 'error', source: 'api-server', kinds: CONFIG, schemaLevel: true,
    summary: '`storage.azure.networkAccess.internal` is set while `type` is not `Internal` (absent `type` defaults to `External`); the API server: "internal is forbidden when type is not Internal".',
    fix: 'Set `networkAccess.type: Internal`, or remove `networkAccess.internal`.',
  }),
  ossEncryption: defineRule({
    code: 'oss-encryption-kms-mismatch', severity: 'error', source: 'api-server', kinds: CONFIG, schemaLevel: true,
    summary: '`storage.oss.encryption` gives `kms` without `method: KMS` (absent `method` defaults to `AES256`), or `method: KMS` without `kms`.',
    fix: 'Give `method: KMS` together with `kms.keyID`, or neither.',
  }),
  // --- operator and documentation rules --------------------------------------------------------------------------
  goDuration: defineRule({
    code: 'go-duration-invalid', severity: 'error', source: 'operator', kinds: [IMAGE_REGISTRY_CONFIG_KIND, IMAGE_PRUNER_KIND],
    summary: 'A duration passes the API server\'s lenient check (`7d`, `2 weeks`) but is not a Go duration, so the operator cannot decode the object.',
    fix: 'Use only the units ns, us, ms, s, m and h, e.g. `168h` for a week.',
  }),
  multipleBackends: defineRule({
    code: 'registry-storage-multiple-backends', severity: 'error', source: 'operator', kinds: CONFIG,
    summary: 'More than one storage backend is configured; the operator refuses: "exactly one storage type should be configured at the same time, got %d: %v".',
    fix: 'Keep exactly one of `emptyDir`, `s3`, `gcs`, `swift`, `pvc`, `azure`, `ibmcos` (and `oss`).',
  }),
  replicasMinimum: defineRule({
    code: 'registry-replicas-minimum', severity: 'error', source: 'operator', kinds: CONFIG,
    summary: '`replicas` is below 1: the registry runs no pod, so pushes, pulls from image streams and builds fail.',
    fix: 'Set `replicas` to 1 or more (2 for availability, 1 with a ReadWriteOnce claim); to turn the registry off, set `managementState: Removed`.',
  }),
  routeNameDuplicate: defineRule({
    code: 'registry-route-name-duplicate', severity: 'error', source: 'operator', kinds: CONFIG,
    summary: 'Two entries of `routes` have the same name; the operator creates one Route per name, so one entry silently replaces the other.',
    fix: 'Give every route its own name.',
  }),
  routeNameInvalid: defineRule({
    code: 'registry-route-name-invalid', severity: 'error', source: 'operator', kinds: CONFIG,
    summary: 'A route `name` or `secretName` is not a valid object name (lower-case DNS-1123 subdomain); the Route cannot be created or the Secret cannot exist.',
    fix: 'Use lower-case letters, digits, `-` and `.`, e.g. `registry-external`.',
  }),
  routeHostnameInvalid: defineRule({
    code: 'registry-route-hostname-invalid', severity: 'error', source: 'operator', kinds: CONFIG,
    summary: 'A route `hostname` is not a valid DNS host name (lower-case labels of at most 63 characters), so the Route API refuses the Route the operator creates.',
    fix: 'Write a lower-case host name, e.g. `registry.apps.example.com`, without scheme, port or path.',
  }),
  managedUserBucket: defineRule({
    code: 'registry-storage-managed-user-bucket', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: 'An S3 bucket is named while `storage.managementState` is `Managed` or unset (unset becomes `Managed` whenever the operator creates or cannot see the bucket): the operator then rewrites its tags, encryption and lifecycle, and deletes it with every image when the registry is set to `Removed`.',
    fix: 'Set `storage.managementState: Unmanaged` for a bucket you provision (e.g. with Terraform).',
  }),
  ossNoDriver: defineRule({
    code: 'registry-storage-oss-no-driver', severity: 'warning', source: 'operator', kinds: CONFIG,
    summary: '`storage.oss` (Alibaba OSS) is set, but the current registry operator has no OSS driver; with OSS alone it reports "storage backend not configured".',
    fix: 'Use another backend supported by your OpenShift version (e.g. `s3` against an S3-compatible endpoint, or `pvc`).',
  }),
  pvcReplicas: defineRule({
    code: 'registry-pvc-replicas', severity: 'warning', source: 'operator', kinds: CONFIG,
    summary: 'PVC storage with more than one replica: with a ReadWriteOnce claim the operator refuses ("cannot use ReadWriteOnce access mode with more than one replica of the image registry").',
    fix: 'Set `replicas: 1`, or make sure the claim is ReadWriteMany and acknowledge this warning.',
  }),
  pvcRollout: defineRule({
    code: 'registry-pvc-rollout-strategy', severity: 'warning', source: 'operator', kinds: CONFIG,
    summary: 'PVC storage without `rolloutStrategy: Recreate`: with a ReadWriteOnce claim the operator refuses any other strategy (and an absent field keeps whatever the cluster has, often `RollingUpdate`).',
    fix: 'Set `rolloutStrategy: Recreate`, or make sure the claim is ReadWriteMany and acknowledge this warning.',
  }),
  emptyDir: defineRule({
    code: 'registry-storage-emptydir', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`emptyDir` storage: every image is lost when a registry pod restarts, and replicas do not share images; the documentation says not for production.',
    fix: 'Use object storage (`s3`, `gcs`, `azure`, `swift`, `ibmcos`) or a `pvc`.',
  }),
  httpSecretLiteral: defineRule({
    code: 'registry-http-secret-literal', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`httpSecret` is given as a literal: it ends up in plain text in the manifest, the Git history and every copy of the YAML.',
    fix: 'Leave `httpSecret` out; the operator generates one and keeps it. If one is leaked, rotate it.',
  }),
  removed: defineRule({
    code: 'registry-management-state-removed', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`managementState: Removed` makes the operator delete the registry deployment, its service and routes (and, with `Managed` storage, the bucket or container with every image); builds and image-stream pushes stop working.',
    fix: 'Keep `Managed` unless the cluster must have no internal registry; pin `storage.managementState: Unmanaged` to keep the data.',
  }),
  force: defineRule({
    code: 'registry-management-state-force', severity: 'warning', source: 'operator', kinds: CONFIG,
    summary: '`managementState: Force` passes the API but the registry operator does not handle it ("unknown custom resource state") and does nothing.',
    fix: 'Use `Managed`, `Unmanaged` or `Removed`.',
  }),
  keyIdWithoutEncrypt: defineRule({
    code: 'registry-s3-keyid-without-encrypt', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`storage.s3.keyID` is set without `encrypt: true`, so the registry ignores the KMS key.',
    fix: 'Add `encrypt: true`.',
  }),
  unsupportedOverrides: defineRule({
    code: 'registry-unsupported-config-overrides', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`unsupportedConfigOverrides` is set; the cluster cannot be upgraded while it is.',
    fix: 'Remove `unsupportedConfigOverrides`.',
  }),
  credentialsInvalid: defineRule({
    code: 'registry-credentials-invalid', severity: 'error', source: 'operator', kinds: ['Secret', 'ExternalSecret'],
    summary: 'The registry\'s storage credentials are malformed: a web-identity role ARN that is not an IAM role ARN, or an ExternalSecret without a secret store or remote entry, so the operator cannot authenticate to S3.',
    fix: 'Give the ARN of the IAM role (`arn:aws:iam::<account>:role/<name>`), and the name of the secret store and of the Secrets Manager entry.',
  }),
  loggingDeprecated: defineRule({
    code: 'registry-logging-deprecated', severity: 'warning', source: 'documentation', kinds: CONFIG,
    summary: '`logging` is deprecated.',
    fix: 'Use `logLevel` (`Normal`, `Debug`, `Trace`, `TraceAll`) instead.',
  }),
};

const LOG_LEVELS = ['', 'Normal', 'Debug', 'Trace', 'TraceAll'];

/** Kubernetes resource quantity, as the CRD writes it (linear-time: no ambiguous repetition). */
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** A `format: duration` string: the API server's check (schema level), then the operator's (Go only). */
export function durationCheck(): NodeCheck {
  return (value: string, path, ctx) => {
    if (!isKubeOpenApiDuration(value)) {
      const go = parseGoDuration(value);
      report(ctx, ImageRegistryConfigRules.durationFormat, path,
        `\`${path}\` is ${quote(value)}, which is not a duration${go.ok ? '' : ` (${go.problem})`}; the API server refuses it.`,
        'Write a Go duration such as `60m`, `1h30m` or `24h`.');
    } else if (!isGoDuration(value)) {
      const go = parseGoDuration(value);
      report(ctx, ImageRegistryConfigRules.goDuration, path,
        `\`${path}\` is ${quote(value)}: the API server stores it, but it is not a Go duration${go.ok ? '' : ` (${go.problem})`}, so the operator fails to decode the object.`,
        'Write it with the units ns, us, ms, s, m, h only, e.g. `168h` for 7 days, `24h` for 1 day.');
    }
  };
}

const stringList = () => s.array(s.string(), { listType: 'atomic' });
const stringMap = () => s.map(s.string());

const selectorRequirement = s.object({ key: s.string(), operator: s.string(), values: stringList() }, { required: ['key', 'operator'] });
const labelSelector = s.object({ matchExpressions: s.array(selectorRequirement, { listType: 'atomic' }), matchLabels: stringMap() });
const nodeSelectorTerm = s.object({ matchExpressions: s.array(selectorRequirement, { listType: 'atomic' }), matchFields: s.array(selectorRequirement, { listType: 'atomic' }) });
const podAffinityTerm = s.object({
  labelSelector,
  matchLabelKeys: stringList(),
  mismatchLabelKeys: stringList(),
  namespaceSelector: labelSelector,
  namespaces: stringList(),
  topologyKey: s.string(),
}, { required: ['topologyKey'] });
const podAffinity = s.object({
  preferredDuringSchedulingIgnoredDuringExecution: s.array(s.object({ podAffinityTerm, weight: s.integer({ format: 'int32' }) }, { required: ['podAffinityTerm', 'weight'] }), { listType: 'atomic' }),
  requiredDuringSchedulingIgnoredDuringExecution: s.array(podAffinityTerm, { listType: 'atomic' }),
});

/** `corev1` types embedded in the registry CRDs, restated once. */
export const CoreSchemas = {
  affinity: s.object({
    nodeAffinity: s.object({
      preferredDuringSchedulingIgnoredDuringExecution: s.array(s.object({ preference: nodeSelectorTerm, weight: s.integer({ format: 'int32' }) }, { required: ['preference', 'weight'] }), { listType: 'atomic' }),
      requiredDuringSchedulingIgnoredDuringExecution: s.object({ nodeSelectorTerms: s.array(nodeSelectorTerm, { listType: 'atomic' }) }, { required: ['nodeSelectorTerms'] }),
    }),
    podAffinity,
    podAntiAffinity: podAffinity,
  }) as SchemaNode,
  tolerations: (listType?: 'atomic') => s.array(s.object({
    effect: s.string(), key: s.string(), operator: s.string(), tolerationSeconds: s.integer({ format: 'int64' }), value: s.string(),
  }), listType ? { listType } : {}),
  resources: s.object({
    claims: s.array(s.object({ name: s.string(), request: s.string() }, { required: ['name'] }), { listType: 'map', mapKeys: ['name'] }),
    limits: s.map(s.intOrString({ pattern: QUANTITY, patternDescription: 'a resource quantity (e.g. `500m`, `256Mi`, `2`)' })),
    requests: s.map(s.intOrString({ pattern: QUANTITY, patternDescription: 'a resource quantity (e.g. `500m`, `256Mi`, `2`)' })),
  }) as SchemaNode,
  topologySpreadConstraints: s.array(s.object({
    labelSelector,
    matchLabelKeys: stringList(),
    maxSkew: s.integer({ format: 'int32' }),
    minDomains: s.integer({ format: 'int32' }),
    nodeAffinityPolicy: s.string(),
    nodeTaintsPolicy: s.string(),
    topologyKey: s.string(),
    whenUnsatisfiable: s.string(),
  }, { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] }), { listType: 'atomic' }),
  nodeSelector: stringMap(),
  logLevel: s.string({ enum: LOG_LEVELS }),
};

const azureNetworkAccess: NodeCheck = (value: Record<string, unknown>, path, ctx) => {
  // The API server defaults an absent `type` to `External` before the CEL rule runs, and drops nulls.
  const type = value.type === undefined || value.type === null ? AzureNetworkAccessType.EXTERNAL : value.type;
  if (type !== AzureNetworkAccessType.INTERNAL && value.internal !== undefined && value.internal !== null) {
    const at = fieldPath(path, 'internal');
    report(ctx, ImageRegistryConfigRules.azureInternalForbidden, at,
      `\`${at}\` is set while \`${path}.type\` is ${value.type === undefined || value.type === null ? 'absent (the API defaults it to "External")' : quote(value.type)}; the API server refuses it: "internal is forbidden when type is not Internal".`,
      `Add \`type: Internal\` to \`${path}\`, or remove \`internal\`.`);
  }
};

const ossEncryption: NodeCheck = (value: Record<string, unknown>, path, ctx) => {
  const method = value.method === undefined || value.method === null ? OssEncryptionMethod.AES256 : value.method;
  const hasKms = value.kms !== undefined && value.kms !== null;
  if (typeof method !== 'string') {
    return;
  }
  if (hasKms && method !== OssEncryptionMethod.KMS) {
    report(ctx, ImageRegistryConfigRules.ossEncryption, fieldPath(path, 'kms'),
      `\`${path}.kms\` is set while \`${path}.method\` is ${value.method === undefined || value.method === null ? 'absent (the API defaults it to "AES256")' : quote(method)}; the API server accepts \`kms\` only with \`method: KMS\`.`,
      `Add \`method: KMS\` to \`${path}\`, or remove \`kms\`.`);
  } else if (!hasKms && method === OssEncryptionMethod.KMS) {
    report(ctx, ImageRegistryConfigRules.ossEncryption, fieldPath(path, 'method'),
      `\`${path}.method\` is "KMS" but \`${path}.kms\` is missing; the API server requires the key with \`method: KMS\`.`,
      `Add \`kms: { keyID: ... }\` to \`${path}\`, or use \`method: AES256\`.`);
  }
};

const BUCKET_NAME = /^[0-9a-z]+(-[0-9a-z]+)*$/;
const DNS1123_OR_EMPTY = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const storageSchema = s.object({
  managementState: s.string({ pattern: /^(Managed|Unmanaged)$/, patternDescription: 'one of "Managed", "Unmanaged"', suggestions: ['Managed', 'Unmanaged'] }),
  emptyDir: s.object({}),
  s3: s.object({
    bucket: s.string(),
    region: s.string(),
    regionEndpoint: s.string(),
    chunkSizeMiB: s.integer({ minimum: 5, maximum: 5120, format: 'int32' }),
    encrypt: s.boolean(),
    keyID: s.string(),
    cloudFront: s.object({
      baseURL: s.string(),
      duration: s.string({ checks: [durationCheck()] }),
      keypairID: s.string(),
      privateKey: s.object({ key: s.string(), name: s.string(), optional: s.boolean() }, { required: ['key'] }),
    }, { required: ['baseURL', 'keypairID', 'privateKey'] }),
    virtualHostedStyle: s.boolean(),
    trustedCA: s.object({ name: s.string({ maxLength: 253, pattern: DNS1123_OR_EMPTY, patternDescription: 'a ConfigMap name (lower-case DNS-1123 subdomain) or empty' }) }),
  }),
  gcs: s.object({ bucket: s.string(), region: s.string(), projectID: s.string(), keyID: s.string() }),
  swift: s.object({
    authURL: s.string(), authVersion: s.string(), container: s.string(), domain: s.string(), domainID: s.string(),
    tenant: s.string(), tenantID: s.string(), regionName: s.string(),
  }),
  pvc: s.object({ claim: s.string() }),
  azure: s.object({
    accountName: s.string(),
    container: s.string({ minLength: 3, maxLength: 63, pattern: BUCKET_NAME, patternDescription: 'a container name (lower-case letters and digits in groups joined by single dashes)' }),
    cloudName: s.string(),
    networkAccess: s.object({
      type: s.string({ enum: [AzureNetworkAccessType.INTERNAL, AzureNetworkAccessType.EXTERNAL] }),
      internal: s.object({
        networkResourceGroupName: s.string({ minLength: 1, maxLength: 90, pattern: /^[0-9A-Za-z_.-](?:[0-9A-Za-z_.-]*[0-9A-Za-z_-])?$/, patternDescription: 'an Azure resource group name (letters, digits, `_`, `.`, `-`, not ending with `.`)' }),
        vnetName: s.string({ minLength: 2, maxLength: 64, pattern: /^[0-9A-Za-z][0-9A-Za-z_.-]*[0-9A-Za-z_]$/, patternDescription: 'an Azure virtual network name' }),
        subnetName: s.string({ minLength: 1, maxLength: 80, pattern: /^[0-9A-Za-z](?:[0-9A-Za-z_.-]*[0-9A-Za-z_])?$/, patternDescription: 'an Azure subnet name' }),
        privateEndpointName: s.string({ minLength: 2, maxLength: 64, pattern: /^[0-9A-Za-z][0-9A-Za-z_.-]*[0-9A-Za-z_]$/, patternDescription: 'an Azure private endpoint name' }),
      }),
    }, { checks: [azureNetworkAccess] }),
  }),
  ibmcos: s.object({
    bucket: s.string(),
    location: s.string(),
    resourceGroupName: s.string(),
    resourceKeyCRN: s.string({ pattern: /^crn:.+:.+:.+:cloud-object-storage:.+:.+:.+:resource-key:.+$/, patternDescription: 'a resource key CRN (`crn:...:cloud-object-storage:...:resource-key:...`)' }),
    serviceInstanceCRN: s.string({ pattern: /^crn:.+:.+:.+:cloud-object-storage:.+:.+:.+::$/, patternDescription: 'a service instance CRN (`crn:...:cloud-object-storage:...::`)' }),
  }),
  oss: s.object({
    bucket: s.string({ minLength: 3, maxLength: 63, pattern: BUCKET_NAME, patternDescription: 'a bucket name (lower-case letters and digits in groups joined by single dashes)' }),
    region: s.string(),
    endpointAccessibility: s.string({ enum: ['Internal', 'Public', ''] }),
    encryption: s.object({
      method: s.string({ enum: [OssEncryptionMethod.KMS, OssEncryptionMethod.AES256] }),
      kms: s.object({ keyID: s.string({ minLength: 1 }) }, { required: ['keyID'] }),
    }, { checks: [ossEncryption] }),
  }),
});

const requestLimits = s.object({ maxInQueue: s.integer(), maxRunning: s.integer(), maxWaitInQueue: s.string({ checks: [durationCheck()] }) });

const configSpecSchema = s.object({
  managementState: s.string({ pattern: /^(Managed|Unmanaged|Force|Removed)$/, patternDescription: 'one of "Managed", "Unmanaged", "Removed" (or "Force")', suggestions: ['Managed', 'Unmanaged', 'Removed'] }),
  logLevel: CoreSchemas.logLevel,
  operatorLogLevel: CoreSchemas.logLevel,
  unsupportedConfigOverrides: s.object({}, { preserveUnknown: true }),
  observedConfig: s.object({}, { preserveUnknown: true }),
  httpSecret: s.string(),
  proxy: s.object({ http: s.string(), https: s.string(), noProxy: s.string() }),
  storage: storageSchema,
  readOnly: s.boolean(),
  disableRedirect: s.boolean(),
  requests: s.object({ read: requestLimits, write: requestLimits }),
  defaultRoute: s.boolean(),
  routes: s.array(s.object({ hostname: s.string(), name: s.string(), secretName: s.string() }, { required: ['name'] }), { listType: 'atomic' }),
  replicas: s.integer({ format: 'int32' }),
  logging: s.integer({ format: 'int64' }),
  resources: CoreSchemas.resources,
  nodeSelector: CoreSchemas.nodeSelector,
  tolerations: CoreSchemas.tolerations('atomic'),
  rolloutStrategy: s.string({ pattern: /^(RollingUpdate|Recreate)$/, patternDescription: 'one of "RollingUpdate", "Recreate"', suggestions: ['RollingUpdate', 'Recreate'] }),
  affinity: CoreSchemas.affinity,
  topologySpreadConstraints: CoreSchemas.topologySpreadConstraints,
}, { required: ['replicas'] });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Names of the storage backends set in `storage` (present and not null), in the API's order. */
export function configuredBackends(storage: Record<string, unknown>): string[] {
  return STORAGE_BACKENDS.filter((name) => present(storage[name]));
}

/** A host name as the Route API accepts it: a lower-case DNS-1123 subdomain with labels of at most 63 characters. */
export function isRouteHostname(value: string): boolean {
  return isDns1123Subdomain(value) && value.split('.').every((label) => label.length <= 63);
}

function checkStorage(subject: CheckedObject, ctx: ObjectCheckContext): void {
  const spec = subject.spec;
  const storage = isRecord(spec.storage) ? spec.storage : undefined;
  const backends = storage ? configuredBackends(storage) : [];
  const drivers = backends.filter((name) => name !== 'oss');

  if (drivers.length > 1) {
    // The operator's own wording, so a user can match it with the operator's log.
    const goNames = drivers.map((name) => ({ emptyDir: 'EmptyDir', s3: 'S3', gcs: 'GCS', swift: 'Swift', pvc: 'PVC', azure: 'Azure', ibmcos: 'IBMCOS' } as Record<string, string>)[name]);
    report(ctx, ImageRegistryConfigRules.multipleBackends, 'spec.storage',
      `\`spec.storage\` configures ${drivers.length} backends (${drivers.map((name) => `\`${name}\``).join(', ')}); the operator refuses: "exactly one storage type should be configured at the same time, got ${drivers.length}: [${goNames.join(' ')}]".`,
      `Keep one of ${drivers.map((name) => `\`spec.storage.${name}\``).join(', ')} and remove the others.`);
  }
  if (storage && present(storage.oss)) {
    report(ctx, ImageRegistryConfigRules.ossNoDriver, 'spec.storage.oss',
      `\`spec.storage.oss\` is set, but the current registry operator has no Alibaba OSS driver${drivers.length === 0 ? '; with no other backend it reports "storage backend not configured"' : ' and ignores it'}.`);
  }
  if (!storage) {
    return;
  }
  const storageState = storage.managementState;
  const s3 = isRecord(storage.s3) ? storage.s3 : undefined;
  if (s3 && typeof s3.bucket === 'string' && s3.bucket !== '' && storageState !== StorageManagementState.UNMANAGED) {
    report(ctx, ImageRegistryConfigRules.managedUserBucket, present(storageState) ? 'spec.storage.managementState' : 'spec.storage',
      `S3 bucket ${quote(s3.bucket)} is named while \`spec.storage.managementState\` is ${present(storageState) ? quote(storageState) : 'unset (it becomes "Managed" when the operator creates the bucket or cannot see it, e.g. without s3:ListBucket)'}: the operator then replaces the bucket's tags and lifecycle rules, and deletes the bucket with every image if the registry is ever set to \`Removed\`.`,
      'Set `storage.managementState: Unmanaged` for a bucket you provision; keep `Managed` only for a bucket the operator created.');
  }
  if (s3 && typeof s3.keyID === 'string' && s3.keyID !== '' && s3.encrypt !== true) {
    report(ctx, ImageRegistryConfigRules.keyIdWithoutEncrypt, 'spec.storage.s3.keyID',
      `\`spec.storage.s3.keyID\` is ${quote(s3.keyID)} but \`encrypt\` is ${present(s3.encrypt) ? quote(s3.encrypt) : 'unset'}, so the registry ignores the key.`);
  }
  if (present(storage.pvc)) {
    const replicas = spec.replicas;
    if (typeof replicas === 'number' && replicas > 1) {
      report(ctx, ImageRegistryConfigRules.pvcReplicas, 'spec.replicas',
        `\`spec.replicas\` is ${replicas} with PVC storage; with a ReadWriteOnce claim the operator refuses: "cannot use ReadWriteOnce access mode with more than one replica of the image registry".`,
        'Set `replicas: 1`, or use a ReadWriteMany claim and acknowledge this warning.');
    }
    if (spec.rolloutStrategy !== RolloutStrategy.RECREATE) {
      report(ctx, ImageRegistryConfigRules.pvcRollout, 'spec.rolloutStrategy',
        `\`spec.rolloutStrategy\` is ${present(spec.rolloutStrategy) ? quote(spec.rolloutStrategy) : 'unset (the cluster keeps its current value, "RollingUpdate" unless installed with a PVC)'} with PVC storage; a ReadWriteOnce claim needs "Recreate".`,
        'Set `rolloutStrategy: Recreate`.');
    }
  }
  if (present(storage.emptyDir)) {
    report(ctx, ImageRegistryConfigRules.emptyDir, 'spec.storage.emptyDir',
      `\`spec.storage.emptyDir\` keeps images on the pod's local disk: they are lost whenever a registry pod restarts${typeof spec.replicas === 'number' && spec.replicas > 1 ? `, and the ${spec.replicas} replicas do not share them` : ''}.`);
  }
}

const registryConfigKind: KindDefinition = {
  apiVersion: IMAGE_REGISTRY_API_VERSION,
  kind: IMAGE_REGISTRY_CONFIG_KIND,
  clusterScoped: true,
  singletonName: IMAGE_REGISTRY_SINGLETON_NAME,
  specSchema: configSpecSchema,
  checks: [
    checkStorage,
    (subject, ctx) => {
      const spec = subject.spec;
      if (isApiInteger(spec.replicas) && spec.replicas < 1) {
        report(ctx, ImageRegistryConfigRules.replicasMinimum, 'spec.replicas',
          `\`spec.replicas\` is ${spec.replicas}; the registry needs at least 1 pod.`);
      }
      if (typeof spec.httpSecret === 'string' && spec.httpSecret !== '') {
        // Never quote the value: the finding ends up in logs and CI output.
        report(ctx, ImageRegistryConfigRules.httpSecretLiteral, 'spec.httpSecret',
          `\`spec.httpSecret\` is given as a literal (${spec.httpSecret.length} characters, value not shown); it is stored in plain text in this manifest and wherever it is kept.`);
      }
      if (spec.managementState === ManagementState.REMOVED) {
        const storage = isRecord(spec.storage) ? spec.storage : {};
        const storageManaged = storage.managementState === StorageManagementState.MANAGED;
        report(ctx, ImageRegistryConfigRules.removed, 'spec.managementState',
          `\`spec.managementState\` is "Removed": the operator deletes the registry deployment, service and routes${storageManaged ? ', and, because `storage.managementState` is "Managed", the storage with every image in it' : ''}; builds and pushes to image streams stop working.`);
      }
      if (spec.managementState === 'Force') {
        report(ctx, ImageRegistryConfigRules.force, 'spec.managementState',
          '`spec.managementState` is "Force", which the registry operator does not handle; it logs "unknown custom resource state" and does nothing.');
      }
      if (isRecord(spec.unsupportedConfigOverrides) && Object.keys(spec.unsupportedConfigOverrides).length > 0) {
        report(ctx, ImageRegistryConfigRules.unsupportedOverrides, 'spec.unsupportedConfigOverrides',
          `\`spec.unsupportedConfigOverrides\` sets ${Object.keys(spec.unsupportedConfigOverrides).map((key) => quote(key)).join(', ')}; the cluster refuses upgrades while it is set.`);
      }
      if (present(spec.logging)) {
        report(ctx, ImageRegistryConfigRules.loggingDeprecated, 'spec.logging', `\`spec.logging\` is ${quote(spec.logging)}; the field is deprecated.`);
      }
      checkRoutes(spec.routes, ctx);
    },
  ],
};

function checkRoutes(routes: unknown, ctx: ObjectCheckContext): void {
  if (!Array.isArray(routes)) {
    return;
  }
  const seen = new Map<string, number>();
  routes.forEach((route, index) => {
    if (!isRecord(route)) {
      return;
    }
    const at = indexPath('spec.routes', index);
    if (typeof route.name === 'string') {
      const first = seen.get(route.name);
      if (first !== undefined) {
        report(ctx, ImageRegistryConfigRules.routeNameDuplicate, `${at}.name`,
          `Route name ${quote(route.name)} at \`${at}.name\` is already used by \`${indexPath('spec.routes', first)}\`; the operator keeps only one Route of that name.`,
          `Rename \`${at}\` (e.g. ${quote(`${route.name}-${index + 1}`)}) or merge the two entries.`);
      } else {
        seen.set(route.name, index);
      }
      if (!isDns1123Subdomain(route.name)) {
        report(ctx, ImageRegistryConfigRules.routeNameInvalid, `${at}.name`,
          `Route name ${quote(route.name)} at \`${at}.name\` is not a valid object name (lower-case DNS-1123 subdomain).`);
      }
    }
    if (typeof route.secretName === 'string' && route.secretName !== '' && !isDns1123Subdomain(route.secretName)) {
      report(ctx, ImageRegistryConfigRules.routeNameInvalid, `${at}.secretName`,
        `Secret name ${quote(route.secretName)} at \`${at}.secretName\` is not a valid Secret name (lower-case DNS-1123 subdomain).`);
    }
    if (typeof route.hostname === 'string' && route.hostname !== '' && !isRouteHostname(route.hostname)) {
      const lower = route.hostname.toLowerCase();
      const hint = /^[a-z]+:\/\//i.test(route.hostname) || route.hostname.includes('/') || route.hostname.includes(':')
        ? 'Write the bare host name, without scheme, port or path.'
        : lower !== route.hostname && isRouteHostname(lower) ? `Write it in lower case: ${quote(lower)}.` : undefined;
      report(ctx, ImageRegistryConfigRules.routeHostnameInvalid, `${at}.hostname`,
        `Route host name ${quote(route.hostname)} at \`${at}.hostname\` is not a valid DNS host name (lower-case labels of letters, digits and \`-\`, at most 63 characters each).`, hint);
    }
  });
}

export const imageRegistryConfigRulesModule: RuleModule = {
  name: 'image-registry-config',
  description: '`imageregistry.operator.openshift.io/v1` `Config` named `cluster`: the internal registry, its storage, routes and scheduling.',
  rules: Object.values(ImageRegistryConfigRules),
  kinds: [registryConfigKind],
};
