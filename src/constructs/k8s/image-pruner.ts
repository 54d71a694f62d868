import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_SINGLETON_NAME, ImagePrunerSpec } from '../../model/api/image-registry';
import type { Toleration } from '../../model/api/kubernetes-core';
import { OpenShiftResource, ResourceMetadata } from './base';
import { ResourceRequirementsInput } from './image-registry-config';
import { addNodeSelectorLabel, appendCopies, checkPropsObject, copySpecFields, propsRecord, readProp } from './props';
import { renderDuration, renderResources } from './registry-render';

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
  /** The spec as given, copied (a wrong type stays, for the rules to report with its path). */
  private readonly spec: Record<string, unknown> = {};

  constructor(scope: Construct, id: string, props: ImagePrunerProps = {}) {
    const given = propsRecord(props);
    super(scope, id, {
      apiVersion: IMAGE_REGISTRY_API_VERSION,
      kind: IMAGE_PRUNER_KIND,
      name: IMAGE_REGISTRY_SINGLETON_NAME,
      clusterScoped: true,
      metadata: readProp(given, 'metadata') as ResourceMetadata | undefined,
    });
    checkPropsObject(props, this.propIssues);
    const converted: Readonly<Record<string, (value: unknown) => unknown>> = {
      keepYoungerThanDuration: renderDuration,
      resources: renderResources,
      // Always written, true unless given: see the prop.
      ignoreInvalidImageReferences: (value) => (value === undefined || value === null ? true : value),
    };
    copySpecFields(given, PRUNER_SPEC_FIELDS, converted, this.spec, this.propIssues);
    this.validateNow();
  }

  /** Adds tolerations to the pruner pod. */
  public addToleration(...tolerations: Toleration[]): void {
    appendCopies(this.spec, 'tolerations', tolerations, this.propIssues);
    this.validateNow();
  }

  /** Adds a label the pruner pod's node must have. */
  public addNodeSelector(key: string, value: string): void {
    addNodeSelectorLabel(this.spec, key, value, this.propIssues);
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.spec };
  }
}

/** The fields of the `ImagePruner` spec, in the API's order (the order they are written in). */
const PRUNER_SPEC_FIELDS = [
  'schedule', 'suspend', 'keepTagRevisions', 'keepYoungerThan', 'keepYoungerThanDuration', 'resources', 'affinity', 'nodeSelector',
  'tolerations', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'ignoreInvalidImageReferences', 'logLevel',
] as const;
