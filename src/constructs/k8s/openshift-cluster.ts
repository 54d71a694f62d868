import { Construct, IConstruct } from 'constructs';
import { CheckOptions } from '../../validation/rule-module';
import { parseOpenShiftVersion } from '../../node-files/version';
import { checkOptionsOrThrow } from '../../validation/check-options';
import { ValidationError } from '../../validation/validation-error';
import { checkPropsObject, optionalString, PropIssues, propsRecord, readProp } from './props';

/** Properties of {@link OpenShiftCluster}: what the checks need to know about the cluster. */
export interface OpenShiftClusterProps {
  /**
   * The cluster's OpenShift release, `4.N` (or `5.N`): the Machine Config Operator's checks and the node files
   * differ between releases.
   * @default '4.19' (the current behaviour)
   */
  readonly openshiftVersion?: string;
  /**
   * The cluster's release image (`oc get clusterversion version -o jsonpath='{.status.desired.image}'`), so the
   * checks and the node-file preview handle a blocked registry that serves the payload as the Machine Config
   * Operator does.
   * @default - unknown: the payload rules are not applied
   */
  readonly releaseImage?: string;
}

const CLUSTER_SYMBOL = Symbol.for('cdk-openshift-images.OpenShiftCluster');

/**
 * One cluster's configuration: the rules that span objects (a mirror covered by `allowedRegistries`, conflicting
 * `mirrorSourcePolicy`, the trusted-CA ConfigMap, the same object defined twice) run over the constructs under it,
 * and only those. A fleet app holds one per cluster, with that cluster's charts under it; an app without any is one
 * cluster.
 *
 * @example
 * const app = new App();
 * for (const name of ['prod-eu', 'prod-us']) {
 *   const cluster = new OpenShiftCluster(app, name, { openshiftVersion: '4.18' });
 *   const chart = new Chart(cluster, 'images');
 *   new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: ['docker.io'] } });
 * }
 * app.synth();
 */
export class OpenShiftCluster extends Construct {
  /** Whether `x` is an {@link OpenShiftCluster}. */
  public static isOpenShiftCluster(x: unknown): x is OpenShiftCluster {
    return typeof x === 'object' && x !== null && CLUSTER_SYMBOL in x;
  }

  /** The cluster `construct` belongs to: its nearest {@link OpenShiftCluster} ancestor (or itself), if any. */
  public static of(construct: IConstruct): OpenShiftCluster | undefined {
    const scopes = construct.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const candidate = scopes[i];
      if (OpenShiftCluster.isOpenShiftCluster(candidate)) {
        return candidate;
      }
    }
    return undefined;
  }

  /** The OpenShift release given, if any. */
  public readonly openshiftVersion?: string;
  /** The release image given, if any. */
  public readonly releaseImage?: string;

  constructor(scope: Construct, id: string, props: OpenShiftClusterProps = {}) {
    super(scope, id);
    Object.defineProperty(this, CLUSTER_SYMBOL, { value: true });
    const issues = new PropIssues(() => `OpenShiftCluster/${this.node.id}`);
    checkPropsObject(props, issues);
    const given = propsRecord(props);
    const openshiftVersion = optionalString(readProp(given, 'openshiftVersion'), 'openshiftVersion', issues, 'a release such as "4.19"');
    const releaseImage = optionalString(readProp(given, 'releaseImage'), 'releaseImage', issues, 'an image reference such as "quay.io/openshift-release-dev/ocp-release@sha256:..."');
    if (openshiftVersion !== undefined) {
      // Refused here, where the value is given, rather than at synth.
      try {
        parseOpenShiftVersion(openshiftVersion);
        this.openshiftVersion = openshiftVersion;
      } catch (error) {
        issues.report('openshiftVersion', `\`openshiftVersion\`: ${(error as Error).message}.`, 'Give the cluster\'s release as 4.N (4.13 or later) or 5.N, e.g. "4.19".');
      }
    }
    if (releaseImage !== undefined) {
      try {
        checkOptionsOrThrow({ releaseImage });
        this.releaseImage = releaseImage;
      } catch (error) {
        issues.report('releaseImage', `\`releaseImage\`: ${(error as Error).message}.`, 'Give the release image as `oc get clusterversion version -o jsonpath=\'{.status.desired.image}\'` prints it.');
      }
    }
    if (issues.findings.length > 0) {
      throw new ValidationError(issues.findings, () => this.node.path);
    }
    if (OpenShiftCluster.of(scope) !== undefined) {
      throw new Error(`OpenShiftCluster ${this.node.path} is inside OpenShiftCluster ${OpenShiftCluster.of(scope)!.node.path}: a cluster cannot hold another; put both directly under the app.`);
    }
  }

  /** What the checks of this cluster's objects take into account. */
  public get checkOptions(): CheckOptions {
    return {
      ...(this.openshiftVersion !== undefined ? { openshiftVersion: this.openshiftVersion } : {}),
      ...(this.releaseImage !== undefined ? { releaseImage: this.releaseImage } : {}),
    };
  }
}
