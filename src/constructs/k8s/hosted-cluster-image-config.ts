import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { ImageSpec } from '../../model/api/image';
import { Finding } from '../../validation/finding';
import {
  DEFAULT_HOSTED_CLUSTER_NAMESPACE,
  HostedClusterExport,
  HostedClusterImageContentSource,
  tryExportHostedCluster,
} from '../../targets/hosted-cluster';
import { ImageConfigurationInput } from '../../targets/input';
import { TargetCheckOptions } from '../../targets/outcome';
import { exportOrThrow } from '../target-export';
import { isAcknowledged } from './acknowledgements';

/** Properties of a {@link HostedClusterImageConfig}: the image configuration, and where your HostedCluster lives. */
export interface HostedClusterImageConfigProps extends ImageConfigurationInput, TargetCheckOptions {
  /**
   * Namespace of your HostedCluster on the management cluster: the trusted-CA ConfigMap must be there.
   * @default 'clusters'
   */
  readonly namespace?: string;
}

/**
 * The image configuration of a HyperShift hosted cluster, for your own `HostedCluster` object (from `cdk8s import` of
 * the HyperShift CRDs, or an `ApiObject`): `image` goes to its `spec.configuration.image`, `imageContentSources` to its
 * `spec.imageContentSources` (the mirror sets merged by source, as the Machine Config Operator merges them), and the
 * trusted-CA ConfigMap is created in its namespace (child id `TrustedCA`). `applyTo()` patches an `ApiObject` with both.
 *
 * The configuration is checked with the rules of `ocp-images validate --target hypershift` at construction: what the
 * HostedCluster cannot carry (tag mirrors, `NeverContactSource`, more than 255 sources...) throws a `ValidationError`
 * listing every problem. Any change rolls out new nodes in every NodePool.
 *
 * @example
 * const images = new HostedClusterImageConfig(chart, 'images', {
 *   image: { registrySources: { blockedRegistries: ['docker.io'] } },
 *   trustedCAs: { 'mirror.example.com:8443': pem },
 *   imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.example.com:8443/ocp'] }],
 * });
 * new ApiObject(chart, 'hc', { apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster',
 *   metadata: { name: 'my-cluster', namespace: 'clusters' },
 *   spec: { configuration: { image: images.image }, imageContentSources: images.imageContentSources, ... } });
 */
export class HostedClusterImageConfig extends Construct {
  /** For `spec.configuration.image`; `undefined` when the configuration has no Image. */
  public readonly image?: ImageSpec;
  /** For `spec.imageContentSources`; `undefined` when the configuration has no digest mirrors. */
  public readonly imageContentSources?: readonly HostedClusterImageContentSource[];
  /** The trusted-CA ConfigMap, in the HostedCluster's namespace, when the configuration gives trusted CAs. */
  public readonly trustedCAConfigMap?: ApiObject;
  /** Warnings of the rules (printed at synth unless acknowledged with `Warnings.acknowledge`). */
  public readonly warnings: readonly Finding[];
  /** The export in HyperShift's terms. */
  public readonly exported: HostedClusterExport;

  constructor(scope: Construct, id: string, props: HostedClusterImageConfigProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_HOSTED_CLUSTER_NAMESPACE;
    // The fragment's own name is not used here: the HostedCluster is yours.
    this.exported = exportOrThrow(this, props, (objects, options) => tryExportHostedCluster(objects, { name: 'hosted-cluster', namespace, ...options }));
    this.warnings = this.exported.warnings;
    const spec = this.exported.hostedCluster.spec;
    this.image = spec.configuration?.image;
    this.imageContentSources = spec.imageContentSources;
    const configMap = this.exported.trustedCaConfigMap;
    if (configMap) {
      this.trustedCAConfigMap = new ApiObject(this, 'TrustedCA', {
        apiVersion: configMap.apiVersion,
        kind: configMap.kind,
        metadata: { name: configMap.metadata.name, namespace: configMap.metadata.namespace },
        data: { ...configMap.data },
      });
    }
    const printed = new Set<string>();
    this.node.addValidation({
      validate: () => {
        for (const warning of this.warnings) {
          const key = `${warning.code}|${warning.path}|${warning.message}`;
          if (!printed.has(key) && !isAcknowledged(this, warning.code)) {
            printed.add(key);
            process.stderr.write(`[cdk-openshift-images] WARNING ${warning.code} at ${this.node.path} (${warning.object} ${warning.path}): ${warning.message} Fix: ${warning.hint}\n`);
          }
        }
        return [];
      },
    });
  }

  /**
   * Patches your HostedCluster `ApiObject` with `spec.configuration.image` (keeping the rest of
   * `spec.configuration`) and `spec.imageContentSources` (replacing the list). Reads the object as it is at the call,
   * to know whether `spec.configuration` exists: call it after the object's `spec` is complete.
   */
  public applyTo(hostedCluster: ApiObject): void {
    const current = hostedCluster.toJson() as { spec?: { configuration?: unknown } };
    if (current.spec === undefined) {
      hostedCluster.addJsonPatch(JsonPatch.add('/spec', {}));
    }
    if (this.image !== undefined) {
      hostedCluster.addJsonPatch(current.spec?.configuration === undefined
        ? JsonPatch.add('/spec/configuration', { image: this.image })
        : JsonPatch.add('/spec/configuration/image', this.image));
    }
    if (this.imageContentSources !== undefined) {
      hostedCluster.addJsonPatch(JsonPatch.add('/spec/imageContentSources', this.imageContentSources));
    }
  }
}
