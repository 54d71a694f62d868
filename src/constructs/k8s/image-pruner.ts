import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_SINGLETON_NAME, ImagePrunerSpec } from '../../model/api/image-registry';
import type { Toleration } from '../../model/api/kubernetes-core';
import { OpenShiftResource, ResourceMetadata } from './base';
import { ResourceRequirementsInput } from './image-registry-config';
import { dropUndefined, renderDuration, renderResources, toPlain } from './registry-render';

/**
 * Properties of {@link ImagePruner}: the upstream `ImagePruner` spec fields at top level, plus conveniences
 * (value-object durations, quantity objects such as cdk8s-plus `k8s.Quantity`). Absent fields keep the operator's
 * defaults: schedule `0 0 * * *`, 3 tag revisions, `60m`, 3 successful and 3 failed jobs.
 */
export interface ImagePrunerProps extends Omit<ImagePrunerSpec, 'keepYoungerThanDuration' | 'resources' | 'ignoreInvalidImageReferences'> {
  /**
   * Labels and annotations of the `ImagePruner` (its name is always `cluster`).
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
  /**
   * Images younger than this are kept: a cdk8s `Duration` (rendered as a Go duration such as `1h` or `36h`) or a Go
   * duration string (`60m`, `24h`; Go has no `d` or `w` unit).
   * @default - the operator's 60m
   */
  readonly keepYoungerThanDuration?: Duration | string;
  /**
   * Resources of the pruner pod.
   * @default - the operator's requests: cpu 100m, memory 256Mi
   */
  readonly resources?: ResourceRequirementsInput;
  /**
   * Skip image references that do not parse instead of failing the whole run.
   *
   * Always written, and `true` by default, as on the object the operator creates: the API's own default is `false`,
   * so an apply that replaces the object and leaves the field out would silently turn it to false, and from then on a
   * single bad reference in any image stream fails every pruner run and degrades the `image-registry` ClusterOperator.
   * @default true
   */
  readonly ignoreInvalidImageReferences?: boolean;
}

/**
 * The image pruner: `imageregistry.operator.openshift.io/v1` `ImagePruner` named `cluster`, from which the registry
 * operator generates the CronJob `openshift-image-registry/image-pruner` (`oc adm prune images`). The object already
 * exists on every cluster; apply it with server-side apply or `oc apply`.
 *
 * @example
 * new ImagePruner(chart, 'pruner', {
 *   schedule: '30 2 * * *',
 *   keepTagRevisions: 5,
 *   keepYoungerThanDuration: Duration.hours(48),
 * });
 */
export class ImagePruner extends OpenShiftResource {
  private readonly props: ImagePrunerProps;
  private tolerations?: Toleration[];
  private nodeSelector?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: ImagePrunerProps = {}) {
    super(scope, id, {
      apiVersion: IMAGE_REGISTRY_API_VERSION,
      kind: IMAGE_PRUNER_KIND,
      name: IMAGE_REGISTRY_SINGLETON_NAME,
      clusterScoped: true,
      metadata: props.metadata,
    });
    this.props = props;
    this.tolerations = props.tolerations?.map((toleration) => ({ ...toleration }));
    this.nodeSelector = props.nodeSelector && { ...props.nodeSelector };
    this.validateNow();
  }

  /** Adds tolerations to the pruner pod. */
  public addToleration(...tolerations: Toleration[]): void {
    this.tolerations = [...(this.tolerations ?? []), ...tolerations.map((toleration) => ({ ...toleration }))];
    this.validateNow();
  }

  /** Adds a label the pruner pod's node must have. */
  public addNodeSelector(key: string, value: string): void {
    this.nodeSelector = { ...(this.nodeSelector ?? {}), [key]: value };
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    return dropUndefined({
      schedule: p.schedule,
      suspend: p.suspend,
      keepTagRevisions: p.keepTagRevisions,
      keepYoungerThan: p.keepYoungerThan,
      keepYoungerThanDuration: renderDuration(p.keepYoungerThanDuration),
      resources: renderResources(p.resources),
      affinity: p.affinity && toPlain(p.affinity),
      nodeSelector: this.nodeSelector,
      tolerations: this.tolerations && toPlain(this.tolerations),
      successfulJobsHistoryLimit: p.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: p.failedJobsHistoryLimit,
      ignoreInvalidImageReferences: p.ignoreInvalidImageReferences ?? true,
      logLevel: p.logLevel,
    });
  }
}
