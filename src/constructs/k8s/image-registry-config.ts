import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND, IMAGE_REGISTRY_SINGLETON_NAME, ImageRegistryConfigRequestsLimits,
  ImageRegistryConfigRoute, ImageRegistryConfigStorage, ImageRegistrySpec, QuantityObject, QuantityValue, RolloutStrategy,
} from '../../model/api/image-registry';
import type { ResourceClaim, Toleration, TopologySpreadConstraint } from '../../model/api/kubernetes-core';
import { OpenShiftResource, ResourceMetadata } from './base';
import { addNodeSelectorLabel, appendCopies, checkPropsObject, cloneData, copySpecFields, isPlainRecord, propsRecord, readProp } from './props';
import { renderDuration, renderResources } from './registry-render';
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
  /** The spec as given, copied (a wrong type stays, for the rules to report with its path). */
  private readonly spec: Record<string, unknown> = {};

  constructor(scope: Construct, id: string, props: ImageRegistryConfigProps) {
    const given = propsRecord(props);
    super(scope, id, {
      apiVersion: IMAGE_REGISTRY_API_VERSION,
      kind: IMAGE_REGISTRY_CONFIG_KIND,
      name: IMAGE_REGISTRY_SINGLETON_NAME,
      clusterScoped: true,
      metadata: readProp(given, 'metadata') as ResourceMetadata | undefined,
    });
    checkPropsObject(props, this.propIssues);
    const converted: Readonly<Record<string, (value: unknown) => unknown>> = {
      storage: (value) => (value instanceof RegistryStorage ? value.toSpec() : value),
      requests: renderRequests,
      resources: renderResources,
    };
    copySpecFields(given, CONFIG_SPEC_FIELDS, converted, this.spec, this.propIssues);
    if (this.spec.rolloutStrategy === undefined) {
      const storage = this.spec.storage;
      const pvc = isPlainRecord(storage) ? storage.pvc : undefined;
      if (pvc !== undefined && pvc !== null) {
        // A ReadWriteOnce claim can be mounted by one pod at a time: the old pod must go before the new one starts.
        this.spec.rolloutStrategy = RolloutStrategy.RECREATE;
      }
    }
    this.validateNow();
  }

  /** The storage the object ends up with, in the upstream shape. */
  public get storage(): ImageRegistryConfigStorage | undefined {
    return cloneData(this.spec.storage) as ImageRegistryConfigStorage | undefined;
  }

  /** Adds a route to the registry (a Route object named `route.name` in `openshift-image-registry`). */
  public addRoute(route: ImageRegistryConfigRoute): void {
    this.appendTo('routes', [route]);
  }

  /** Adds tolerations to the registry pods. */
  public addToleration(...tolerations: Toleration[]): void {
    this.appendTo('tolerations', tolerations);
  }

  /** Adds topology spread constraints to the registry pods. */
  public addTopologySpreadConstraint(...constraints: TopologySpreadConstraint[]): void {
    this.appendTo('topologySpreadConstraints', constraints);
  }

  /** Adds a label the registry pods' nodes must have. */
  public addNodeSelector(key: string, value: string): void {
    addNodeSelectorLabel(this.spec, key, value, this.propIssues);
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.spec };
  }

  private appendTo(field: 'routes' | 'tolerations' | 'topologySpreadConstraints', items: readonly unknown[]): void {
    appendCopies(this.spec, field, items, this.propIssues);
    this.validateNow();
  }
}

/** The fields of the registry `Config` spec, in the API's order (the order they are written in). */
const CONFIG_SPEC_FIELDS = [
  'managementState', 'logLevel', 'operatorLogLevel', 'unsupportedConfigOverrides', 'observedConfig', 'httpSecret', 'proxy', 'storage',
  'readOnly', 'disableRedirect', 'requests', 'defaultRoute', 'routes', 'replicas', 'logging', 'resources', 'nodeSelector', 'tolerations',
  'rolloutStrategy', 'affinity', 'topologySpreadConstraints',
] as const;

/** `requests` with the queue waits rendered from `Duration`s; anything else as given (the rules check it). */
function renderRequests(requests: unknown): unknown {
  if (!isPlainRecord(requests)) {
    return requests;
  }
  const rendered: Record<string, unknown> = {};
  for (const key of Object.keys(requests)) {
    const limits = readProp(requests, key);
    let value = limits;
    if ((key === 'read' || key === 'write') && isPlainRecord(limits)) {
      const copy: Record<string, unknown> = {};
      for (const name of Object.keys(limits)) {
        Object.defineProperty(copy, name, { value: name === 'maxWaitInQueue' ? renderDuration(readProp(limits, name)) : readProp(limits, name), enumerable: true, writable: true, configurable: true });
      }
      value = copy;
    }
    Object.defineProperty(rendered, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return rendered;
}
