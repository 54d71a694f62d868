/**
 * The node-file preview for cdk8s apps: renders, at synth time, the files the Machine Config Operator would write on
 * every node from the `Image` and mirror objects of an app or chart. Objects are collected generically (every
 * `ApiObject` in the construct tree, rendered with `toJson()`), so hand-written `ApiObject`s and `Include`d YAML
 * count as well as this library's constructs.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { OpenShiftCluster } from './openshift-cluster';
import { computeImpact, ImpactPlatform, ImpactReport, loadBaseline, renderImpactText } from '../../impact';
import {
  collectNodeFilesInput,
  NodeFilesResult,
  renderNodeFiles,
  writeNodeFiles,
} from '../../node-files';

/** Options of {@link NodeFilesPreview}. */
export interface NodeFilesPreviewOptions {
  /**
   * The cluster's release image (`ClusterVersion` `status.desired.image`), so blocked registries that would block
   * the payload are handled as the MCO handles them.
   * @default - the `releaseImage` of the {@link OpenShiftCluster} the scope belongs to; without one the payload check
   * is skipped (noted in the result)
   */
  readonly releaseImage?: string;
  /**
   * OpenShift release whose file format to produce, `4.N`.
   * @default - the `openshiftVersion` of the {@link OpenShiftCluster} the scope belongs to, else '4.19'
   */
  readonly openshiftVersion?: string;
  /**
   * Render as at installation (an absent `Image` still renders the mirrors).
   * @default false
   */
  readonly bootstrap?: boolean;
  /**
   * What the cluster holds now, to say what applying this app does to the nodes: a folder of the previous synth's YAML
   * (e.g. a copy of `dist/`, or `dist/` itself when `write()` runs before `app.synth()` overwrites it), a file such as
   * an `oc get -o yaml` dump, or the objects themselves. With it, {@link NodeFilesPreview.write} also prints the
   * rollout impact (the verdict, the reasons per file, the diffs).
   * @default - no baseline: nothing is compared or printed
   */
  readonly baseline?: string | readonly unknown[];
  /**
   * Where the cluster runs, for the rollout impact: on hosted control planes a change replaces the nodes.
   * @default 'standalone'
   */
  readonly platform?: ImpactPlatform;
  /**
   * Where {@link NodeFilesPreview.write} prints the rollout impact.
   * @default - standard output
   */
  readonly impactOutput?: (text: string) => void;
}

/** The scope holds more than one cluster, or the same object (e.g. `Image/cluster`) twice. */
export class NodeFilesPreviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeFilesPreviewError';
  }
}

/**
 * Renders (and writes) the node files of a cdk8s app or chart.
 *
 * @example
 * const app = new App();
 * const chart = new Chart(app, 'cluster');
 * new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: ['docker.io'] } });
 * app.synth();
 * NodeFilesPreview.write(app, 'preview', { releaseImage: 'quay.io/openshift-release-dev/ocp-release@sha256:...' });
 */
export class NodeFilesPreview {
  /** The JSON of every `ApiObject` under `scope`, in construct-tree order. */
  public static objectsOf(scope: IConstruct): unknown[] {
    return scope.node
      .findAll()
      .filter((construct): construct is ApiObject => ApiObject.isApiObject(construct))
      .map((apiObject) => apiObject.toJson() as unknown);
  }

  /**
   * The cluster whose node files `scope` describes: the {@link OpenShiftCluster} it belongs to, or the only one
   * under it (`undefined` when there is none: the app is one cluster).
   * @throws NodeFilesPreviewError when `scope` holds several clusters
   */
  public static clusterOf(scope: IConstruct): OpenShiftCluster | undefined {
    const enclosing = OpenShiftCluster.of(scope);
    if (enclosing) {
      return enclosing;
    }
    const inside = scope.node.findAll().filter(OpenShiftCluster.isOpenShiftCluster);
    if (inside.length > 1) {
      throw new NodeFilesPreviewError(
        `${scope.node.path || '<app>'} holds ${inside.length} clusters (${inside.map((cluster) => cluster.node.path).join(', ')}); every node gets one cluster's files: preview each cluster on its own`,
      );
    }
    return inside[0];
  }

  /**
   * The files the MCO would write for the objects under `scope` (one cluster). Every cluster has `Image/cluster`, so
   * without one under `scope` an Image with an empty spec is assumed (noted in the result).
   * @throws MachineConfigOperatorError when the MCO would fail to render them
   * @throws NodeFilesPreviewError when `scope` holds several clusters or the same object twice
   */
  public static render(scope: IConstruct, options: NodeFilesPreviewOptions = {}): NodeFilesResult {
    const cluster = NodeFilesPreview.clusterOf(scope);
    const collected = collectNodeFilesInput(NodeFilesPreview.objectsOf(scope));
    if (collected.problems.length > 0) {
      throw new NodeFilesPreviewError(`${scope.node.path || '<app>'}: ${collected.problems[0].message}`);
    }
    const releaseImage = options.releaseImage ?? cluster?.releaseImage;
    const openshiftVersion = options.openshiftVersion ?? cluster?.openshiftVersion;
    return renderNodeFiles({
      ...collected.input,
      ...(releaseImage !== undefined ? { releaseImage } : {}),
      ...(openshiftVersion !== undefined ? { openshiftVersion } : {}),
      bootstrap: options.bootstrap ?? false,
      assumeEmptyImage: true,
    });
  }

  /**
   * Renders and writes the files under `outDir` at their node paths (`outDir/etc/containers/registries.conf`, ...),
   * replacing a previous preview there as a whole; nothing is written when rendering fails. `outDir` is owned as
   * `ocp-images preview --out` owns it (docs/cli.md): `outDir/etc/containers` becomes a link the preview switches in
   * one step, and a symbolic link on a write path is refused.
   * With `baseline`, the rollout impact is computed first and printed after the files are written (to
   * `impactOutput`, by default standard output).
   * @returns the rendered result
   * @throws MachineConfigOperatorError when the MCO would fail to render the files
   * @throws BaselineError or ImpactInvalidError when a `baseline` is given and cannot be read or rendered; nothing
   * is written then
   * @throws OutputFolderError when `outDir` cannot be used (a symbolic link on a write path, a file, no permission,
   * files in `outDir/etc/containers` the preview did not write); the previous preview is then intact
   */
  public static write(scope: IConstruct, outDir: string, options: NodeFilesPreviewOptions = {}): NodeFilesResult {
    const result = NodeFilesPreview.render(scope, options);
    const impact = options.baseline !== undefined ? NodeFilesPreview.impact(scope, options.baseline, options) : undefined;
    writeNodeFiles(outDir, result.files);
    if (impact) {
      (options.impactOutput ?? ((text: string) => process.stdout.write(text)))(renderImpactText(impact));
    }
    return result;
  }

  /**
   * The rollout impact of applying the objects under `scope` over `baseline`: what the nodes do (none, a CRI-O reload,
   * a drain, a reboot, or on hosted platforms a node replacement), with the reasons per node file.
   * @param baseline a folder of the previous synth's YAML, a YAML file (an `oc get -o yaml` dump), or the objects
   * @throws BaselineError when the baseline cannot be read
   * @throws ImpactInvalidError when the MCO would fail to render either configuration
   */
  public static impact(scope: IConstruct, baseline: string | readonly unknown[], options: Omit<NodeFilesPreviewOptions, 'baseline'> = {}): ImpactReport {
    const cluster = NodeFilesPreview.clusterOf(scope);
    const before = typeof baseline === 'string' ? loadBaseline(baseline) : baseline;
    const releaseImage = options.releaseImage ?? cluster?.releaseImage;
    const openshiftVersion = options.openshiftVersion ?? cluster?.openshiftVersion;
    return computeImpact(before, NodeFilesPreview.objectsOf(scope), {
      ...(releaseImage !== undefined ? { releaseImage } : {}),
      ...(openshiftVersion !== undefined ? { openshiftVersion } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
    });
  }

  private constructor() {}
}

