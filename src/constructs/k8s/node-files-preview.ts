/**
 * The node-file preview for cdk8s apps: renders, at synth time, the files the Machine Config Operator would write on
 * every node from the `Image` and mirror objects of an app or chart. Objects are collected generically (every
 * `ApiObject` in the construct tree, rendered with `toJson()`), so hand-written `ApiObject`s and `Include`d YAML
 * count as well as this library's constructs.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
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
   * @default - the payload check is skipped (noted in the result)
   */
  readonly releaseImage?: string;
  /**
   * OpenShift release whose file format to produce, `4.N`.
   * @default '4.19'
   */
  readonly openshiftVersion?: string;
  /**
   * Render as at installation (an absent `Image` still renders the mirrors).
   * @default false
   */
  readonly bootstrap?: boolean;
}

/** The app or chart holds more than one `Image` named `cluster`. */
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
   * The files the MCO would write for the objects under `scope`.
   * @throws MachineConfigOperatorError when the MCO would fail to render them
   * @throws NodeFilesPreviewError when several `Image` objects are named `cluster`
   */
  public static render(scope: IConstruct, options: NodeFilesPreviewOptions = {}): NodeFilesResult {
    const collected = collectNodeFilesInput(NodeFilesPreview.objectsOf(scope));
    if (collected.problems.length > 0) {
      throw new NodeFilesPreviewError(`${scope.node.path || '<app>'}: ${collected.problems[0].message}`);
    }
    return renderNodeFiles({
      ...collected.input,
      ...(options.releaseImage !== undefined ? { releaseImage: options.releaseImage } : {}),
      ...(options.openshiftVersion !== undefined ? { openshiftVersion: options.openshiftVersion } : {}),
      bootstrap: options.bootstrap ?? false,
    });
  }

  /**
   * Renders and writes the files under `outDir` at their node paths (`outDir/etc/containers/registries.conf`, ...),
   * replacing a previous preview there as a whole; nothing is written when rendering fails. `outDir` is owned as
   * `ocp-images preview --out` owns it (docs/cli.md): `outDir/etc/containers` becomes a link the preview switches in
   * one step, and a symbolic link on a write path is refused.
   * @returns the rendered result
   * @throws MachineConfigOperatorError when the MCO would fail to render the files
   * @throws OutputFolderError when `outDir` cannot be used (a symbolic link on a write path, a file, no permission,
   * files in `outDir/etc/containers` the preview did not write); the previous preview is then intact
   */
  public static write(scope: IConstruct, outDir: string, options: NodeFilesPreviewOptions = {}): NodeFilesResult {
    const result = NodeFilesPreview.render(scope, options);
    writeNodeFiles(outDir, result.files);
    return result;
  }

  private constructor() {}
}
