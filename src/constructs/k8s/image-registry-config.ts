import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND, IMAGE_REGISTRY_SINGLETON_NAME, ImageRegistryConfigRequestsLimits,
  ImageRegistryConfigRoute, ImageRegistryConfigStorage, ImageRegistrySpec, QuantityObject, QuantityValue, RolloutStrategy,
} from '../../model/api/image-registry';
import type { ResourceClaim, Toleration, TopologySpreadConstraint } from '../../model/api/kubernetes-core';
import { OpenShiftResource, ResourceMetadata } from './base';
import { dropUndefined, renderDuration, renderResources, toPlain } from './registry-render';
import { RegistryStorage } from './registry-storage';

/** Request limits, with the queue wait as a value object or a Go duration string. */
export interface ImageRegistryRequestsLimitsProps extends Omit<ImageRegistryConfigRequestsLimits, 'maxWaitInQueue'> {
  /**
   * How long a request may wait in the queue.
   * @default - no limit
   */
  readonly maxWaitInQueue?: Duration | string;
}

/** Concurrency limits of reads and writes. */
export interface ImageRegistryRequestsProps {
  /**
   * Limits on reads (pulls).
   * @default - unlimited
   */
  readonly read?: ImageRegistryRequestsLimitsProps;
  /**
   * Limits on writes (pushes).
   * @default - unlimited
   */
  readonly write?: ImageRegistryRequestsLimitsProps;
}

/**
 * Resource requirements with quantities as YAML writes them (`'256Mi'`), or as quantity objects such as cdk8s-plus
 * `k8s.Quantity` (a cdk8s-plus `k8s.ResourceRequirements` fits as it is).
 */
export interface ResourceRequirementsInput {
  /**
   * Dynamic resource claims used by the container.
   * @default - none
   */
  readonly claims?: ResourceClaim[];
  /**
   * Upper bounds, e.g. `{ memory: '1Gi' }`.
   * @default - none
   */
  readonly limits?: { [resource: string]: QuantityValue | QuantityObject };
  /**
   * Reserved amounts, e.g. `{ cpu: '100m', memory: '256Mi' }`.
   * @default - none
   */
  readonly requests?: { [resource: string]: QuantityValue | QuantityObject };
}

/**
 * Properties of {@link ImageRegistryConfig}: the upstream `Config` spec fields at top level, with their upstream names
 * and nesting, plus conveniences (storage factories, value-object durations, quantity objects).
 */
export interface ImageRegistryConfigProps extends Omit<ImageRegistrySpec, 'storage' | 'requests' | 'resources'> {
  /**
   * Labels and annotations of the `Config` (its name is always `cluster`).
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
  /**
   * The storage: a {@link RegistryStorage} factory (`RegistryStorage.s3({...})`, `.fromAwsHandoff(handoff)`,
   * `.pvc()`...), or the upstream `storage` object as in the documentation.
   * @default - not set: the cluster keeps the storage the operator chose at install
   */
  readonly storage?: RegistryStorage | ImageRegistryConfigStorage;
  /**
   * Concurrency limits.
   * @default - unlimited
   */
  readonly requests?: ImageRegistryRequestsProps;
  /**
   * Resources of the registry pods.
   * @default - the operator's defaults
   */
  readonly resources?: ResourceRequirementsInput;
  /**
   * How the deployment replaces pods.
   * @default - `Recreate` with PVC storage (a ReadWriteOnce claim needs it), otherwise not set (the cluster keeps its
   * value, `RollingUpdate` from install)
   */
  readonly rolloutStrategy?: RolloutStrategy | `${RolloutStrategy}`;
}

/**
 * The internal image registry: `imageregistry.operator.openshift.io/v1` `Config` named `cluster`, the only one the
 * operator reads. The object already exists on every cluster (the operator creates it), so apply this one with
 * server-side apply or `oc apply`, which merge into it; never `oc replace` or `oc create`.
 *
 * @example
 * new ImageRegistryConfig(chart, 'registry', {
 *   managementState: ManagementState.MANAGED,
 *   replicas: 2,
 *   storage: RegistryStorage.s3({ bucket: 'prod-image-registry-eu-west-1', region: 'eu-west-1', encrypt: true }),
 * });
 */
export class ImageRegistryConfig extends OpenShiftResource {
  private readonly props: ImageRegistryConfigProps;
  private readonly storageSpec?: ImageRegistryConfigStorage;
  private routes?: ImageRegistryConfigRoute[];
  private tolerations?: Toleration[];
  private topologySpreadConstraints?: TopologySpreadConstraint[];
  private nodeSelector?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: ImageRegistryConfigProps) {
    super(scope, id, {
      apiVersion: IMAGE_REGISTRY_API_VERSION,
      kind: IMAGE_REGISTRY_CONFIG_KIND,
      name: IMAGE_REGISTRY_SINGLETON_NAME,
      clusterScoped: true,
      metadata: props.metadata,
    });
    this.props = props;
    this.storageSpec = props.storage instanceof RegistryStorage ? props.storage.toSpec() : props.storage && toPlain(props.storage);
    this.routes = props.routes?.map((route) => ({ ...route }));
    this.tolerations = props.tolerations?.map((toleration) => ({ ...toleration }));
    this.topologySpreadConstraints = props.topologySpreadConstraints && toPlain(props.topologySpreadConstraints);
    this.nodeSelector = props.nodeSelector && { ...props.nodeSelector };
    this.validateNow();
  }

  /** The storage the object ends up with, in the upstream shape. */
  public get storage(): ImageRegistryConfigStorage | undefined {
    return this.storageSpec && toPlain(this.storageSpec);
  }

  /** Adds a route to the registry (a Route object named `route.name` in `openshift-image-registry`). */
  public addRoute(route: ImageRegistryConfigRoute): void {
    this.routes = [...(this.routes ?? []), { ...route }];
    this.validateNow();
  }

  /** Adds tolerations to the registry pods. */
  public addToleration(...tolerations: Toleration[]): void {
    this.tolerations = [...(this.tolerations ?? []), ...tolerations.map((toleration) => ({ ...toleration }))];
    this.validateNow();
  }

  /** Adds topology spread constraints to the registry pods. */
  public addTopologySpreadConstraint(...constraints: TopologySpreadConstraint[]): void {
    this.topologySpreadConstraints = [...(this.topologySpreadConstraints ?? []), ...toPlain(constraints)];
    this.validateNow();
  }

  /** Adds a label the registry pods' nodes must have. */
  public addNodeSelector(key: string, value: string): void {
    this.nodeSelector = { ...(this.nodeSelector ?? {}), [key]: value };
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    const usesPvc = this.storageSpec?.pvc !== undefined && this.storageSpec.pvc !== null;
    return dropUndefined({
      managementState: p.managementState,
      logLevel: p.logLevel,
      operatorLogLevel: p.operatorLogLevel,
      unsupportedConfigOverrides: p.unsupportedConfigOverrides && toPlain(p.unsupportedConfigOverrides),
      observedConfig: p.observedConfig && toPlain(p.observedConfig),
      httpSecret: p.httpSecret,
      proxy: p.proxy && toPlain(p.proxy),
      storage: this.storage,
      readOnly: p.readOnly,
      disableRedirect: p.disableRedirect,
      requests: p.requests && dropUndefined({ read: renderRequestLimits(p.requests.read), write: renderRequestLimits(p.requests.write) }),
      defaultRoute: p.defaultRoute,
      routes: this.routes && toPlain(this.routes),
      replicas: p.replicas,
      logging: p.logging,
      resources: renderResources(p.resources),
      nodeSelector: this.nodeSelector,
      tolerations: this.tolerations && toPlain(this.tolerations),
      rolloutStrategy: p.rolloutStrategy ?? (usesPvc ? RolloutStrategy.RECREATE : undefined),
      affinity: p.affinity && toPlain(p.affinity),
      topologySpreadConstraints: this.topologySpreadConstraints,
    });
  }
}

function renderRequestLimits(limits: ImageRegistryRequestsLimitsProps | undefined): ImageRegistryConfigRequestsLimits | undefined {
  return limits && dropUndefined({ ...limits, maxWaitInQueue: renderDuration(limits.maxWaitInQueue) });
}
