import { Duration, Lazy } from 'cdk8s';
import { SchemaRules } from '../../validation/schema';
import { ValidationError } from '../../validation/validation-error';
import { cloneData, describeValue, isPlainRecord, readProp } from './props';
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
 * The storage management state and the backend settings of a factory's options. Options that are not an object are
 * kept as the settings, so `ImageRegistryConfig` reports them at `spec.storage.<backend>` (nothing is coerced).
 */
function split(options: unknown): { managementState: StorageManagementState | undefined; settings: object } {
  if (options === undefined) {
    return { managementState: undefined, settings: {} };
  }
  if (!isPlainRecord(options)) {
    return { managementState: undefined, settings: options as object };
  }
  const { managementState, ...settings } = options;
  return { managementState: managementState as StorageManagementState | undefined, settings: withoutUndefined(settings) };
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
    const { managementState, settings } = split(options);
    if (!isPlainRecord(settings)) {
      return new RegistryStorage('s3', managementState, settings);
    }
    const cloudFront = readProp(settings, 'cloudFront');
    const bucket = readProp(settings, 'bucket');
    // A bucket named by a cdk8s `Lazy` is a bucket you provisioned too; its value is only known when the app is written.
    const hasBucket = (typeof bucket === 'string' && bucket !== '') || bucket instanceof Lazy;
    const rendered = withoutUndefined({
      ...settings,
      cloudFront: isPlainRecord(cloudFront) ? withoutUndefined({ ...cloudFront, duration: renderDuration(readProp(cloudFront, 'duration')) }) : cloudFront,
    });
    return new RegistryStorage('s3', managementState ?? (hasBucket ? StorageManagementState.UNMANAGED : undefined), rendered);
  }

  /**
   * The S3 bucket the AWS constructs of this library provision (`cdk-openshift-images/aws`), from the handoff both
   * apps compute from the same inputs: storage `Unmanaged`, `encrypt: true`, and the KMS key when there is one.
   */
  public static fromAwsHandoff(handoff: RegistryStorageHandoff): RegistryStorage {
    const storage = isPlainRecord(handoff) ? readProp(handoff, 'storage') : undefined;
    if (!isPlainRecord(storage)) {
      throw new ValidationError([SchemaRules.type.finding('RegistryStorage', 'handoff.storage',
        `The AWS handoff's \`storage\` is ${describeValue(storage)}; expected the object \`registryStorageHandoff()\` returns.`,
        'Pass the handoff computed by `registryStorageHandoff(inputs)` from the storage inputs the AWS stack uses.')]);
    }
    const s3 = readProp(storage, 's3');
    return new RegistryStorage('s3', readProp(storage, 'managementState') as StorageManagementState, isPlainRecord(s3) ? withoutUndefined({ ...s3 }) : s3 as object);
  }

  /**
   * Google Cloud Storage.
   * @default managementState - unset (the operator decides)
   */
  public static gcs(options: GcsStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('gcs', managementState, settings);
  }

  /** Azure Blob Storage. */
  public static azure(options: AzureStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('azure', managementState, settings);
  }

  /** OpenStack Swift. */
  public static swift(options: SwiftStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('swift', managementState, settings);
  }

  /** IBM Cloud Object Storage. */
  public static ibmcos(options: IbmCosStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('ibmcos', managementState, settings);
  }

  /** Alibaba OSS. The current registry operator has no OSS driver; expect the `registry-storage-oss-no-driver` warning. */
  public static oss(options: OssStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('oss', managementState, settings);
  }

  /**
   * A PersistentVolumeClaim in `openshift-image-registry`. With a ReadWriteOnce claim the registry needs one replica
   * and the `Recreate` rollout strategy; `ImageRegistryConfig` sets `Recreate` when you give no strategy.
   */
  public static pvc(options: PvcStorageOptions = {}): RegistryStorage {
    const { managementState, settings } = split(options);
    return new RegistryStorage('pvc', managementState, settings);
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
    return withoutUndefined({ managementState: this.managementState, [this.backend]: cloneData(this.settings) }) as ImageRegistryConfigStorage;
  }
}
