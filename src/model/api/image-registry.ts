/**
 * Plain shapes of the internal registry operator's API, `imageregistry.operator.openshift.io/v1`: `Config` and
 * `ImagePruner`, both cluster singletons named `cluster`, with the upstream field names and nesting, so YAML from the
 * documentation translates one to one.
 *
 * The Kubernetes core types (tolerations, affinity, topology spread constraints, resource claims) come from
 * `./kubernetes-core`, with the JSON field names; cdk8s-plus objects fit them structurally. Resource quantities are
 * plain strings or numbers here (`'256Mi'`, `2`), as in YAML; the constructs also accept quantity objects such as
 * cdk8s-plus `k8s.Quantity` and convert them.
 *
 * @see https://docs.openshift.com/container-platform/latest/registry/configuring-registry-operator.html
 */
import type { Affinity, ResourceClaim, Toleration, TopologySpreadConstraint } from './kubernetes-core';

export const IMAGE_REGISTRY_API_VERSION = 'imageregistry.operator.openshift.io/v1';
export const IMAGE_REGISTRY_CONFIG_KIND = 'Config';
export const IMAGE_PRUNER_KIND = 'ImagePruner';
/** The only `Config` and `ImagePruner` the operator reads. */
export const IMAGE_REGISTRY_SINGLETON_NAME = 'cluster';
/** Namespace of the registry, its operator, its secrets and the pruner CronJob. */
export const IMAGE_REGISTRY_NAMESPACE = 'openshift-image-registry';
/** The secret with static S3 keys the operator reads first (user-managed). */
export const REGISTRY_USER_CREDENTIALS_SECRET = 'image-registry-private-configuration-user';
/** The secret the cloud credential operator (or ROSA) writes; on STS clusters it names a role, not keys. */
export const REGISTRY_INSTALLER_CREDENTIALS_SECRET = 'installer-cloud-credentials';
/** Where the registry pods and the operator find their projected service-account token (audience `openshift`). */
export const REGISTRY_WEB_IDENTITY_TOKEN_FILE = '/var/run/secrets/openshift/serviceaccount/token';

/** What the operator does with the registry (`spec.managementState`). */
export enum ManagementState {
  /** The operator deploys the registry and keeps it as configured. */
  MANAGED = 'Managed',
  /** The operator leaves the registry's resources alone (no updates); you maintain them. */
  UNMANAGED = 'Unmanaged',
  /** The operator removes the registry deployment, its service and routes, and managed storage with its data. */
  REMOVED = 'Removed',
}

/** Helpers of {@link ManagementState}. */
export namespace ManagementState {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link ManagementState}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): ManagementState {
    return value as ManagementState;
  }
}
// Not enumerable: `Object.values(ManagementState)` lists the API's values only.
Object.defineProperty(ManagementState, 'of', { enumerable: false });

/** Verbosity of the registry (`logLevel`) or of the operator (`operatorLogLevel`) and the pruner. */
export enum LogLevel {
  /** Same as `Normal` (the API defaults an absent value to `Normal`). */
  DEFAULT = '',
  NORMAL = 'Normal',
  DEBUG = 'Debug',
  TRACE = 'Trace',
  TRACE_ALL = 'TraceAll',
}

/** Helpers of {@link LogLevel}. */
export namespace LogLevel {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link LogLevel}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): LogLevel {
    return value as LogLevel;
  }
}
// Not enumerable: `Object.values(LogLevel)` lists the API's values only.
Object.defineProperty(LogLevel, 'of', { enumerable: false });

/** How the registry deployment replaces its pods. */
export enum RolloutStrategy {
  /** New pods start before old ones stop (the default, except on PVC storage). */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Old pods stop first: required with a ReadWriteOnce claim. */
  RECREATE = 'Recreate',
}

/** Helpers of {@link RolloutStrategy}. */
export namespace RolloutStrategy {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link RolloutStrategy}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): RolloutStrategy {
    return value as RolloutStrategy;
  }
}
// Not enumerable: `Object.values(RolloutStrategy)` lists the API's values only.
Object.defineProperty(RolloutStrategy, 'of', { enumerable: false });

/** Who owns the storage (`spec.storage.managementState`). */
export enum StorageManagementState {
  /**
   * The operator owns the bucket or container: it creates it, rewrites its tags, encryption, public-access block and
   * lifecycle, and deletes it with its data when the registry is set to `Removed`.
   */
  MANAGED = 'Managed',
  /** You own the storage: the operator only uses it. */
  UNMANAGED = 'Unmanaged',
}

/** Helpers of {@link StorageManagementState}. */
export namespace StorageManagementState {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link StorageManagementState}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): StorageManagementState {
    return value as StorageManagementState;
  }
}
// Not enumerable: `Object.values(StorageManagementState)` lists the API's values only.
Object.defineProperty(StorageManagementState, 'of', { enumerable: false });

/** Network access of the Azure storage account. */
export enum AzureNetworkAccessType {
  /** Through a private endpoint in a virtual network (`internal` describes it). */
  INTERNAL = 'Internal',
  /** Over the public endpoint (the API's default). */
  EXTERNAL = 'External',
}

/** Helpers of {@link AzureNetworkAccessType}. */
export namespace AzureNetworkAccessType {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link AzureNetworkAccessType}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): AzureNetworkAccessType {
    return value as AzureNetworkAccessType;
  }
}
// Not enumerable: `Object.values(AzureNetworkAccessType)` lists the API's values only.
Object.defineProperty(AzureNetworkAccessType, 'of', { enumerable: false });

/** Which Alibaba OSS endpoint the registry uses. */
export enum OssEndpointAccessibility {
  /** The intranet endpoint (the API's default). */
  INTERNAL = 'Internal',
  /** The public endpoint. */
  PUBLIC = 'Public',
  /** Unset; the API stores `Internal`. */
  DEFAULT = '',
}

/** Helpers of {@link OssEndpointAccessibility}. */
export namespace OssEndpointAccessibility {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link OssEndpointAccessibility}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): OssEndpointAccessibility {
    return value as OssEndpointAccessibility;
  }
}
// Not enumerable: `Object.values(OssEndpointAccessibility)` lists the API's values only.
Object.defineProperty(OssEndpointAccessibility, 'of', { enumerable: false });

/** Server-side encryption of Alibaba OSS objects. */
export enum OssEncryptionMethod {
  /** KMS-managed keys; `kms.keyID` is then required. */
  KMS = 'KMS',
  /** OSS-managed AES-256 (the API's default). */
  AES256 = 'AES256',
}

/** Helpers of {@link OssEncryptionMethod}. */
export namespace OssEncryptionMethod {
  /**
   * A value this library does not list yet (an API newer than the library), as a {@link OssEncryptionMethod}: the escape hatch
   * for the types. The rules still check the value against the API they know, and say so when they refuse it.
   */
  export function of(value: string): OssEncryptionMethod {
    return value as OssEncryptionMethod;
  }
}
// Not enumerable: `Object.values(OssEncryptionMethod)` lists the API's values only.
Object.defineProperty(OssEncryptionMethod, 'of', { enumerable: false });

/** A resource quantity as YAML writes it: `'500m'`, `'256Mi'`, `2`. */
export type QuantityValue = string | number;

/**
 * A resource quantity as an object, such as cdk8s-plus `k8s.Quantity.fromString('1Gi')`: only its `value` is read.
 */
export interface QuantityObject {
  /** The quantity as YAML writes it. */
  readonly value: QuantityValue;
}

/** `corev1.ResourceRequirements` with JSON quantities. */
export interface ResourceRequirements {
  /**
   * Dynamic resource claims used by the container (alpha in Kubernetes).
   * @default - none
   */
  readonly claims?: ResourceClaim[];
  /**
   * Upper bounds, e.g. `{ memory: '1Gi' }`.
   * @default - none
   */
  readonly limits?: { [resource: string]: QuantityValue };
  /**
   * Reserved amounts, e.g. `{ cpu: '100m', memory: '256Mi' }`.
   * @default - none (the operator's own defaults apply)
   */
  readonly requests?: { [resource: string]: QuantityValue };
}

/** `corev1.SecretKeySelector`: one key of a Secret in `openshift-image-registry`. */
export interface SecretKeySelector {
  /** The key in the Secret. */
  readonly key: string;
  /**
   * Name of the Secret.
   * @default '' (the API's default; the operator then finds nothing)
   */
  readonly name?: string;
  /**
   * Whether the Secret or key may be missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** HTTP proxies the registry uses to reach its storage. */
export interface ImageRegistryConfigProxy {
  /**
   * Proxy for plain HTTP.
   * @default - the cluster-wide proxy
   */
  readonly http?: string;
  /**
   * Proxy for HTTPS.
   * @default - the cluster-wide proxy
   */
  readonly https?: string;
  /**
   * Comma-separated hosts reached without the proxy.
   * @default - the cluster-wide setting
   */
  readonly noProxy?: string;
}

/** Limits on concurrent requests of one kind. */
export interface ImageRegistryConfigRequestsLimits {
  /**
   * Requests served at the same time.
   * @default - unlimited
   */
  readonly maxRunning?: number;
  /**
   * Requests waiting in the queue.
   * @default - unlimited
   */
  readonly maxInQueue?: number;
  /**
   * How long a request may wait in the queue, a Go duration (`30s`, `1m`).
   * @default - no limit
   */
  readonly maxWaitInQueue?: string;
}

/** Concurrency limits of reads (pulls) and writes (pushes). */
export interface ImageRegistryConfigRequests {
  /**
   * Limits on reads.
   * @default - unlimited
   */
  readonly read?: ImageRegistryConfigRequestsLimits;
  /**
   * Limits on writes.
   * @default - unlimited
   */
  readonly write?: ImageRegistryConfigRequestsLimits;
}

/** An extra route to the registry. */
export interface ImageRegistryConfigRoute {
  /** Name of the Route object in `openshift-image-registry`. */
  readonly name: string;
  /**
   * Host name of the route.
   * @default - generated by the ingress controller
   */
  readonly hostname?: string;
  /**
   * Secret in `openshift-image-registry` with the route's TLS certificate (`tls.crt`, `tls.key`).
   * @default - the ingress controller's default certificate
   */
  readonly secretName?: string;
}

/** A ConfigMap in `openshift-config` with a CA bundle under the key `ca-bundle.crt`. */
export interface S3TrustedCASource {
  /**
   * Name of the ConfigMap.
   * @default '' (the cloud provider's default bundle)
   */
  readonly name?: string;
}

/** Serving the registry's blobs through Amazon CloudFront. */
export interface ImageRegistryConfigStorageS3CloudFront {
  /** `SCHEME://HOST[/PATH]` of the distribution. */
  readonly baseURL: string;
  /** The Secret key (in `openshift-image-registry`) holding the CloudFront private key. */
  readonly privateKey: SecretKeySelector;
  /** The CloudFront key pair id. */
  readonly keypairID: string;
  /**
   * How long signed URLs stay valid, a Go duration.
   * @default - the registry's default, 20 minutes
   */
  readonly duration?: string;
}

/** Amazon S3 (or an S3-compatible store). */
export interface ImageRegistryConfigStorageS3 {
  /**
   * Bucket name.
   * @default - generated by the operator (`<infrastructureName>-image-registry-<region>`), which then owns it
   */
  readonly bucket?: string;
  /**
   * AWS region of the bucket.
   * @default - the cluster's region
   */
  readonly region?: string;
  /**
   * Endpoint URL with scheme (`https://s3.example.com`), for S3-compatible stores; leave it out on Amazon S3.
   * @default - the AWS endpoint of the region
   */
  readonly regionEndpoint?: string;
  /**
   * Size of multipart upload chunks in MiB, 5 to 5120.
   * @default - 10 MiB
   */
  readonly chunkSizeMiB?: number;
  /**
   * Whether the registry writes objects with server-side encryption (SSE-KMS with `keyID`, else SSE-S3).
   * @default - false (the operator sets it to true on buckets it manages)
   */
  readonly encrypt?: boolean;
  /**
   * KMS key id or ARN for SSE-KMS; ignored unless `encrypt` is true.
   * @default - none (SSE-S3)
   */
  readonly keyID?: string;
  /**
   * Serve blobs through CloudFront.
   * @default - none
   */
  readonly cloudFront?: ImageRegistryConfigStorageS3CloudFront;
  /**
   * Use virtual-hosted-style bucket addressing instead of path style.
   * @default false
   */
  readonly virtualHostedStyle?: boolean;
  /**
   * Extra CA bundle for the endpoint (a ConfigMap in `openshift-config`, key `ca-bundle.crt`).
   * @default - the cloud provider's bundle and the system trust store
   */
  readonly trustedCA?: S3TrustedCASource;
}

/** Google Cloud Storage. */
export interface ImageRegistryConfigStorageGCS {
  /**
   * Bucket name.
   * @default - generated by the operator
   */
  readonly bucket?: string;
  /**
   * GCS location.
   * @default - the cluster's region
   */
  readonly region?: string;
  /**
   * Project id.
   * @default - the cluster's project
   */
  readonly projectID?: string;
  /**
   * KMS key id for encryption.
   * @default - Google-managed encryption
   */
  readonly keyID?: string;
}

/** OpenStack Swift. */
export interface ImageRegistryConfigStorageSwift {
  /**
   * Keystone URL.
   * @default - from the cluster's cloud credentials
   */
  readonly authURL?: string;
  /**
   * Keystone API version.
   * @default - from the cluster's cloud credentials
   */
  readonly authVersion?: string;
  /**
   * Container name.
   * @default - generated by the operator
   */
  readonly container?: string;
  /**
   * Keystone domain name (v3).
   * @default - none
   */
  readonly domain?: string;
  /**
   * Keystone domain id (v3).
   * @default - none
   */
  readonly domainID?: string;
  /**
   * Tenant name.
   * @default - from the cluster's cloud credentials
   */
  readonly tenant?: string;
  /**
   * Tenant id.
   * @default - from the cluster's cloud credentials
   */
  readonly tenantID?: string;
  /**
   * Region.
   * @default - from the cluster's cloud credentials
   */
  readonly regionName?: string;
}

/** A PersistentVolumeClaim in `openshift-image-registry`. */
export interface ImageRegistryConfigStoragePVC {
  /**
   * Name of the claim.
   * @default - `image-registry-storage`, created by the operator when missing
   */
  readonly claim?: string;
}

/** The private endpoint of an Azure storage account with `Internal` network access. */
export interface AzureNetworkAccessInternal {
  /**
   * Resource group of the virtual network.
   * @default - the cluster's network resource group
   */
  readonly networkResourceGroupName?: string;
  /**
   * Virtual network name.
   * @default - discovered from the cluster
   */
  readonly vnetName?: string;
  /**
   * Subnet name.
   * @default - discovered from the cluster
   */
  readonly subnetName?: string;
  /**
   * Name of the private endpoint.
   * @default - generated
   */
  readonly privateEndpointName?: string;
}

/** Network access of the Azure storage account. */
export interface AzureNetworkAccess {
  /**
   * `Internal` (private endpoint) or `External`.
   * @default AzureNetworkAccessType.EXTERNAL
   */
  readonly type?: AzureNetworkAccessType | `${AzureNetworkAccessType}`;
  /**
   * The private endpoint; only with `type: Internal`.
   * @default - none
   */
  readonly internal?: AzureNetworkAccessInternal;
}

/** Azure Blob Storage. */
export interface ImageRegistryConfigStorageAzure {
  /**
   * Storage account name.
   * @default - generated by the operator
   */
  readonly accountName?: string;
  /**
   * Blob container, 3 to 63 lower-case letters, digits and single dashes.
   * @default - generated by the operator
   */
  readonly container?: string;
  /**
   * Azure environment (`AzurePublicCloud`, `AzureUSGovernmentCloud`...).
   * @default - from the cluster's Infrastructure
   */
  readonly cloudName?: string;
  /**
   * Network access of the storage account.
   * @default { type: 'External' }
   */
  readonly networkAccess?: AzureNetworkAccess;
}

/** IBM Cloud Object Storage. */
export interface ImageRegistryConfigStorageIBMCOS {
  /**
   * Bucket name.
   * @default - generated by the operator
   */
  readonly bucket?: string;
  /**
   * Bucket location.
   * @default - the cluster's region
   */
  readonly location?: string;
  /**
   * Resource group of the service instance.
   * @default - the cluster's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * CRN of the resource key (`crn:...:cloud-object-storage:...:resource-key:...`).
   * @default - created by the operator
   */
  readonly resourceKeyCRN?: string;
  /**
   * CRN of the service instance (`crn:...:cloud-object-storage:...::`).
   * @default - created by the operator
   */
  readonly serviceInstanceCRN?: string;
}

/** KMS settings of Alibaba OSS encryption. */
export interface OssKmsEncryption {
  /** KMS key id. */
  readonly keyID: string;
}

/** Server-side encryption of Alibaba OSS. */
export interface OssEncryption {
  /**
   * `KMS` or `AES256`; `kms` must be given exactly when this is `KMS`.
   * @default OssEncryptionMethod.AES256
   */
  readonly method?: OssEncryptionMethod | `${OssEncryptionMethod}`;
  /**
   * The KMS key; only with `method: KMS`.
   * @default - none
   */
  readonly kms?: OssKmsEncryption;
}

/** Alibaba Cloud Object Storage Service (the current operator has no driver for it). */
export interface ImageRegistryConfigStorageAlibabaOSS {
  /**
   * Bucket name, 3 to 63 lower-case letters, digits and single dashes.
   * @default - generated
   */
  readonly bucket?: string;
  /**
   * Region.
   * @default - the cluster's region
   */
  readonly region?: string;
  /**
   * Intranet or public endpoint.
   * @default OssEndpointAccessibility.INTERNAL
   */
  readonly endpointAccessibility?: OssEndpointAccessibility | `${OssEndpointAccessibility}`;
  /**
   * Server-side encryption.
   * @default - AES256
   */
  readonly encryption?: OssEncryption;
}

/** Local `emptyDir` storage: no fields, data lost when a pod restarts. */
export interface ImageRegistryConfigStorageEmptyDir {}

/** `spec.storage`: exactly one backend, plus who owns it. */
export interface ImageRegistryConfigStorage {
  /**
   * `Managed` (the operator owns the storage) or `Unmanaged` (you do).
   * @default - set by the operator: `Unmanaged` for an existing bucket it can reach, `Managed` for one it creates
   */
  readonly managementState?: StorageManagementState | `${ManagementState}`;
  /**
   * Local pod storage (tests only).
   * @default - none
   */
  readonly emptyDir?: ImageRegistryConfigStorageEmptyDir;
  /**
   * Amazon S3.
   * @default - none
   */
  readonly s3?: ImageRegistryConfigStorageS3;
  /**
   * Google Cloud Storage.
   * @default - none
   */
  readonly gcs?: ImageRegistryConfigStorageGCS;
  /**
   * OpenStack Swift.
   * @default - none
   */
  readonly swift?: ImageRegistryConfigStorageSwift;
  /**
   * A PersistentVolumeClaim.
   * @default - none
   */
  readonly pvc?: ImageRegistryConfigStoragePVC;
  /**
   * Azure Blob Storage.
   * @default - none
   */
  readonly azure?: ImageRegistryConfigStorageAzure;
  /**
   * IBM Cloud Object Storage.
   * @default - none
   */
  readonly ibmcos?: ImageRegistryConfigStorageIBMCOS;
  /**
   * Alibaba OSS.
   * @default - none
   */
  readonly oss?: ImageRegistryConfigStorageAlibabaOSS;
}

/** The storage backends, by their field name under `spec.storage`. */
export const STORAGE_BACKENDS = ['emptyDir', 's3', 'gcs', 'swift', 'pvc', 'azure', 'ibmcos', 'oss'] as const;
export type StorageBackendName = typeof STORAGE_BACKENDS[number];

/** `spec` of `Config`. */
export interface ImageRegistrySpec {
  /**
   * What the operator does with the registry.
   * @default - `Managed` on platforms with object storage, `Removed` elsewhere (set by the operator at install)
   */
  readonly managementState?: ManagementState | `${ManagementState}`;
  /**
   * Log level of the registry.
   * @default LogLevel.NORMAL
   */
  readonly logLevel?: LogLevel | `${LogLevel}`;
  /**
   * Log level of the operator.
   * @default LogLevel.NORMAL
   */
  readonly operatorLogLevel?: LogLevel | `${LogLevel}`;
  /**
   * Overrides the operator does not support; setting them blocks cluster upgrades.
   * @default - none
   */
  readonly unsupportedConfigOverrides?: { [key: string]: unknown };
  /**
   * Written by the operator; do not set.
   * @default - none
   */
  readonly observedConfig?: { [key: string]: unknown };
  /**
   * Secret used to sign upload state. Better left to the operator, which generates one: a literal here is stored in
   * plain text in the manifest and in Git.
   * @default - generated by the operator
   */
  readonly httpSecret?: string;
  /**
   * Proxies for reaching the storage.
   * @default - the cluster-wide proxy
   */
  readonly proxy?: ImageRegistryConfigProxy;
  /**
   * The storage backend.
   * @default - chosen by the operator from the platform at install
   */
  readonly storage?: ImageRegistryConfigStorage;
  /**
   * Refuse pushes and deletes.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Serve blobs through the registry instead of redirecting clients to the storage (needed when clients cannot
   * reach the bucket, e.g. with a VPC-endpoint-only bucket policy).
   * @default false
   */
  readonly disableRedirect?: boolean;
  /**
   * Concurrency limits.
   * @default - unlimited
   */
  readonly requests?: ImageRegistryConfigRequests;
  /**
   * Create the `default-route` with a generated host name.
   * @default false
   */
  readonly defaultRoute?: boolean;
  /**
   * Extra routes.
   * @default - none
   */
  readonly routes?: ImageRegistryConfigRoute[];
  /** Number of registry pods (at least 1; 1 with a ReadWriteOnce claim). */
  readonly replicas: number;
  /**
   * Deprecated registry log verbosity; use `logLevel`.
   * @default - none
   */
  readonly logging?: number;
  /**
   * Resources of the registry pods.
   * @default - the operator's defaults
   */
  readonly resources?: ResourceRequirements;
  /**
   * Node selector of the registry pods.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Tolerations of the registry pods.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * How the deployment replaces pods.
   * @default RolloutStrategy.ROLLING_UPDATE (RECREATE with PVC storage)
   */
  readonly rolloutStrategy?: RolloutStrategy | `${RolloutStrategy}`;
  /**
   * Affinity of the registry pods.
   * @default - the operator's pod anti-affinity across nodes
   */
  readonly affinity?: Affinity;
  /**
   * Topology spread constraints of the registry pods.
   * @default - the operator's spread across zones and nodes
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** `spec` of `ImagePruner`. Every field is optional; the operator's defaults are given for each. */
export interface ImagePrunerSpec {
  /**
   * When the pruner runs: a standard five-field cron schedule (or `@daily` and the like), in the controller
   * manager's time zone (UTC).
   * @default '0 0 * * *' (the operator's default, daily at midnight)
   */
  readonly schedule?: string;
  /**
   * Suspend the pruner CronJob.
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Number of revisions of each tag to keep.
   * @default 3
   */
  readonly keepTagRevisions?: number;
  /**
   * Deprecated: minimum age in nanoseconds; ignored when `keepYoungerThanDuration` is set.
   * @default - none
   */
  readonly keepYoungerThan?: number;
  /**
   * Images younger than this are kept, a Go duration (`60m`, `24h`; no `d` or `w`).
   * @default '60m'
   */
  readonly keepYoungerThanDuration?: string;
  /**
   * Resources of the pruner pod.
   * @default - requests cpu 100m, memory 256Mi
   */
  readonly resources?: ResourceRequirements;
  /**
   * Affinity of the pruner pod.
   * @default - none
   */
  readonly affinity?: Affinity;
  /**
   * Node selector of the pruner pod.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Tolerations of the pruner pod.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Successful jobs kept (at least 1, so the pruner's metrics are reported).
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed jobs kept (at least 1, so the pruner's metrics are reported).
   * @default 3
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Skip image references that do not parse instead of aborting the whole run.
   * @default - false in the API; the operator's own object, and our construct, set true
   */
  readonly ignoreInvalidImageReferences?: boolean;
  /**
   * Log level of the pruner.
   * @default LogLevel.NORMAL
   */
  readonly logLevel?: LogLevel | `${LogLevel}`;
}

/** The pruner defaults the operator applies to absent fields. */
export const IMAGE_PRUNER_DEFAULTS = Object.freeze({
  schedule: '0 0 * * *',
  suspend: false,
  keepTagRevisions: 3,
  keepYoungerThanDuration: '60m',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
});
