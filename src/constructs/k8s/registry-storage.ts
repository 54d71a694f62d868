import { Duration, Lazy } from 'cdk8s';
import { renderDuration } from './registry-render';
import type { RegistryStorageHandoff } from '../../model/registry-storage';
import {
  ImageRegistryConfigStorage, ImageRegistryConfigStorageAlibabaOSS, ImageRegistryConfigStorageAzure,
  ImageRegistryConfigStorageGCS, ImageRegistryConfigStorageIBMCOS, ImageRegistryConfigStoragePVC,
  ImageRegistryConfigStorageS3, ImageRegistryConfigStorageS3CloudFront, ImageRegistryConfigStorageSwift,
  StorageBackendName, StorageManagementState,
} from '../../model/api/image-registry';

/** Who owns the storage; shared by every factory. */
export interface StorageOwnershipOptions {
  /**
   * `Unmanaged` when you provision the storage, `Managed` when the operator should create and own it (and delete it
   * when the registry is `Removed`).
   * @default - see each factory
   */
  readonly managementState?: StorageManagementState;
}

/** CloudFront settings, with the signed-URL lifetime as a value object or a Go duration string. */
export interface S3CloudFrontOptions extends Omit<ImageRegistryConfigStorageS3CloudFront, 'duration'> {
  /**
   * How long signed URLs stay valid.
   * @default - the registry's default, 20 minutes
   */
  readonly duration?: Duration | string;
}

/** Options of {@link RegistryStorage.s3}: the upstream `storage.s3` fields, plus who owns the bucket. */
export interface S3StorageOptions extends Omit<ImageRegistryConfigStorageS3, 'cloudFront'>, StorageOwnershipOptions {
  /**
   * Serve blobs through CloudFront.
   * @default - none
   */
  readonly cloudFront?: S3CloudFrontOptions;
}

/** Options of {@link RegistryStorage.gcs}. */
export interface GcsStorageOptions extends ImageRegistryConfigStorageGCS, StorageOwnershipOptions {}
/** Options of {@link RegistryStorage.azure}. */
export interface AzureStorageOptions extends ImageRegistryConfigStorageAzure, StorageOwnershipOptions {}
/** Options of {@link RegistryStorage.swift}. */
export interface SwiftStorageOptions extends ImageRegistryConfigStorageSwift, StorageOwnershipOptions {}
/** Options of {@link RegistryStorage.ibmcos}. */
export interface IbmCosStorageOptions extends ImageRegistryConfigStorageIBMCOS, StorageOwnershipOptions {}
/** Options of {@link RegistryStorage.oss}. */
export interface OssStorageOptions extends ImageRegistryConfigStorageAlibabaOSS, StorageOwnershipOptions {}
/** Options of {@link RegistryStorage.pvc}. */
export interface PvcStorageOptions extends ImageRegistryConfigStoragePVC, StorageOwnershipOptions {}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A deep copy of plain settings that keeps cdk8s `Lazy` values as they are (cdk8s resolves them when the object is
 * written); a JSON round trip would turn one into `{"producer":{}}`.
 */
function copySettings(value: unknown): unknown {
  if (value instanceof Lazy || typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(copySettings);
  }
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, copySettings(inner)]));
}

/**
 * The registry's storage: exactly one backend, chosen through a factory so two backends can never be set together.
 * `ImageRegistryConfig` also takes the upstream `storage` object as is; this is the convenience on top.
 *
 * @example
 * RegistryStorage.s3({ bucket: 'prod-image-registry-eu-west-1', region: 'eu-west-1', encrypt: true });
 * RegistryStorage.fromAwsHandoff(registryStorageHandoff(inputs));
 * RegistryStorage.pvc({ claim: 'registry-storage' });
 */
export class RegistryStorage {
  /**
   * Amazon S3 or an S3-compatible store.
   *
   * `managementState` defaults to `Unmanaged` when you name a bucket, because a bucket you name is one you provisioned:
   * with `Managed` the operator would replace its tags and lifecycle rules and delete it with every image when the
   * registry is `Removed`. Without a bucket the operator creates one and owns it, so the state is left to it.
   * @param options the upstream `storage.s3` fields
   */
  public static s3(options: S3StorageOptions = {}): RegistryStorage {
    const { managementState, cloudFront, ...s3 } = options;
    // A bucket named by a cdk8s `Lazy` is a bucket you provisioned too; its value is only known when the app is written.
    const hasBucket = (typeof s3.bucket === 'string' && s3.bucket !== '') || (s3.bucket as unknown) instanceof Lazy;
    const rendered: ImageRegistryConfigStorageS3 = withoutUndefined({
      ...s3,
      cloudFront: cloudFront && withoutUndefined({ ...cloudFront, duration: renderDuration(cloudFront.duration) }),
    });
    return new RegistryStorage('s3', managementState ?? (hasBucket ? StorageManagementState.UNMANAGED : undefined), rendered);
  }

  /**
   * The S3 bucket the AWS constructs of this library provision (`cdk-openshift-images/aws`), from the handoff both
   * apps compute from the same inputs: storage `Unmanaged`, `encrypt: true`, and the KMS key when there is one.
   */
  public static fromAwsHandoff(handoff: RegistryStorageHandoff): RegistryStorage {
    const { managementState, s3 } = handoff.storage;
    return new RegistryStorage('s3', managementState as StorageManagementState, withoutUndefined({ ...s3 }));
  }

  /**
   * Google Cloud Storage.
   * @default managementState - unset (the operator decides)
   */
  public static gcs(options: GcsStorageOptions = {}): RegistryStorage {
    const { managementState, ...gcs } = options;
    return new RegistryStorage('gcs', managementState, withoutUndefined(gcs));
  }

  /** Azure Blob Storage. */
  public static azure(options: AzureStorageOptions = {}): RegistryStorage {
    const { managementState, ...azure } = options;
    return new RegistryStorage('azure', managementState, withoutUndefined(azure));
  }

  /** OpenStack Swift. */
  public static swift(options: SwiftStorageOptions = {}): RegistryStorage {
    const { managementState, ...swift } = options;
    return new RegistryStorage('swift', managementState, withoutUndefined(swift));
  }

  /** IBM Cloud Object Storage. */
  public static ibmcos(options: IbmCosStorageOptions = {}): RegistryStorage {
    const { managementState, ...ibmcos } = options;
    return new RegistryStorage('ibmcos', managementState, withoutUndefined(ibmcos));
  }

  /** Alibaba OSS. The current registry operator has no OSS driver; expect the `registry-storage-oss-no-driver` warning. */
  public static oss(options: OssStorageOptions = {}): RegistryStorage {
    const { managementState, ...oss } = options;
    return new RegistryStorage('oss', managementState, withoutUndefined(oss));
  }

  /**
   * A PersistentVolumeClaim in `openshift-image-registry`. With a ReadWriteOnce claim the registry needs one replica
   * and the `Recreate` rollout strategy; `ImageRegistryConfig` sets `Recreate` when you give no strategy.
   */
  public static pvc(options: PvcStorageOptions = {}): RegistryStorage {
    const { managementState, ...pvc } = options;
    return new RegistryStorage('pvc', managementState, withoutUndefined(pvc));
  }

  /** Local `emptyDir` storage, for tests only: images are lost whenever a pod restarts. */
  public static emptyDir(): RegistryStorage {
    return new RegistryStorage('emptyDir', undefined, {});
  }

  private constructor(
    /** The backend, by its field name under `spec.storage`. */
    public readonly backend: StorageBackendName,
    /** The storage management state, when one is set. */
    public readonly managementState: StorageManagementState | undefined,
    private readonly settings: object,
  ) {}

  /** The upstream `spec.storage` object. */
  public toSpec(): ImageRegistryConfigStorage {
    return withoutUndefined({ managementState: this.managementState, [this.backend]: copySettings(this.settings) });
  }
}
