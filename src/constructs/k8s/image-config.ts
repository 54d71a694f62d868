import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { trustedCaKey } from '../../model/dns';
import {
  CLUSTER_SINGLETON_NAME, ConfigMapNameReference, IMAGE_API_VERSION, IMAGE_KIND, ImageSpec, OPENSHIFT_CONFIG_NAMESPACE,
  RegistryLocation,
} from '../../model/api/image';
import { ImageRules } from '../../validation/rules/image';
import { ValidationError } from '../../validation/validation-error';
import { OpenShiftResource, ResourceMetadata } from './base';

/** Properties of {@link ImageConfig}: the upstream `Image` spec fields at top level, plus conveniences. */
export interface ImageConfigProps extends ImageSpec {
  /**
   * Labels and annotations of the `Image` (its name is always `cluster`).
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
  /**
   * CA certificates (PEM) to trust, keyed by registry `host` or `host:port`. The construct publishes them in a
   * ConfigMap in `openshift-config` (keys `host` or `host..port`) and points `additionalTrustedCA` at it.
   * Exclusive with `additionalTrustedCA`.
   * @default - no ConfigMap is created
   */
  readonly trustedCAs?: { [hostAndPort: string]: string };
  /**
   * Name of the ConfigMap created for `trustedCAs`.
   * @default 'registry-trusted-cas'
   */
  readonly trustedCAConfigMapName?: string;
}

/**
 * The cluster image configuration: `config.openshift.io/v1` `Image` named `cluster`, the only one the cluster reads.
 * It sets which registries pods and builds may pull from (allow or block list), which are insecure, the search list
 * for short names, image stream import restrictions and extra trusted CAs.
 *
 * @example
 * new ImageConfig(chart, 'images', {
 *   registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'mirror.corp.example.com:8443'] },
 *   trustedCAs: { 'mirror.corp.example.com:8443': fs.readFileSync('mirror-ca.pem', 'utf8') },
 * });
 */
export class ImageConfig extends OpenShiftResource {
  /** The trusted-CA ConfigMap, when `trustedCAs` or `addTrustedCA()` is used. */
  public trustedCAConfigMap?: ApiObject;

  private readonly props: ImageConfigProps;
  private insecureRegistries?: string[];
  private blockedRegistries?: string[];
  private allowedRegistries?: string[];
  private searchRegistries?: string[];
  private readonly allowedRegistriesForImport?: RegistryLocation[];
  private externalRegistryHostnames?: string[];
  private readonly trustedCAs = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ImageConfigProps = {}) {
    super(scope, id, {
      apiVersion: IMAGE_API_VERSION,
      kind: IMAGE_KIND,
      name: CLUSTER_SINGLETON_NAME,
      clusterScoped: true,
      metadata: props.metadata,
    });
    this.props = props;
    const sources = props.registrySources ?? {};
    this.insecureRegistries = sources.insecureRegistries && [...sources.insecureRegistries];
    this.blockedRegistries = sources.blockedRegistries && [...sources.blockedRegistries];
    this.allowedRegistries = sources.allowedRegistries && [...sources.allowedRegistries];
    this.searchRegistries = sources.containerRuntimeSearchRegistries && [...sources.containerRuntimeSearchRegistries];
    this.allowedRegistriesForImport = props.allowedRegistriesForImport?.map((location) => ({ ...location }));
    this.externalRegistryHostnames = props.externalRegistryHostnames && [...props.externalRegistryHostnames];

    if (props.trustedCAs !== undefined && props.additionalTrustedCA !== undefined) {
      throw new ValidationError([ImageRules.trustedCaPropsConflict.finding(this.objectRef, 'spec.additionalTrustedCA',
        `Both \`additionalTrustedCA\` (${JSON.stringify(props.additionalTrustedCA.name)}) and \`trustedCAs\` are given.`)], () => this.node.path);
    }
    for (const [hostAndPort, pem] of Object.entries(props.trustedCAs ?? {})) {
      this.trustedCAs.set(hostAndPort, pem);
    }
    if (props.trustedCAs !== undefined) {
      this.createTrustedCAConfigMap();
    }
    this.validateNow();
  }

  /** Allows pulls from more registries (`host[:port][/path]` or `*.host`). */
  public addAllowedRegistry(...scopes: string[]): void {
    this.allowedRegistries = [...(this.allowedRegistries ?? []), ...scopes];
    this.validateNow();
  }

  /** Blocks pulls from more registries. */
  public addBlockedRegistry(...scopes: string[]): void {
    this.blockedRegistries = [...(this.blockedRegistries ?? []), ...scopes];
    this.validateNow();
  }

  /** Marks more registries as insecure (no TLS verification). */
  public addInsecureRegistry(...scopes: string[]): void {
    this.insecureRegistries = [...(this.insecureRegistries ?? []), ...scopes];
    this.validateNow();
  }

  /** Appends registries to the search list for short image names. */
  public addSearchRegistry(...hosts: string[]): void {
    this.searchRegistries = [...(this.searchRegistries ?? []), ...hosts];
    this.validateNow();
  }

  /** Adds a host name under which the internal registry is reached from outside. */
  public addExternalRegistryHostname(...hostnames: string[]): void {
    this.externalRegistryHostnames = [...(this.externalRegistryHostnames ?? []), ...hostnames];
    this.validateNow();
  }

  /**
   * Trusts a CA for a registry: adds it to the ConfigMap this construct publishes in `openshift-config`.
   * @param hostAndPort the registry, `host` or `host:port`
   * @param pem one or more PEM certificates
   */
  public addTrustedCA(hostAndPort: string, pem: string): void {
    if (this.props.additionalTrustedCA !== undefined) {
      throw new ValidationError([ImageRules.trustedCaPropsConflict.finding(this.objectRef, 'spec.additionalTrustedCA',
        `\`addTrustedCA(${JSON.stringify(hostAndPort)})\` was called, but \`additionalTrustedCA\` already names ${JSON.stringify(this.props.additionalTrustedCA.name)}.`)], () => this.node.path);
    }
    this.trustedCAs.set(hostAndPort, pem);
    this.createTrustedCAConfigMap();
    this.validateNow();
  }

  /** The ConfigMap reference the Image ends up with. */
  public get additionalTrustedCA(): ConfigMapNameReference | undefined {
    return this.trustedCAConfigMap ? { name: this.trustedCAConfigMap.name } : this.props.additionalTrustedCA;
  }

  protected companionObjects(): ApiObject[] {
    return this.trustedCAConfigMap ? [this.trustedCAConfigMap] : [];
  }

  protected renderSpec(): Record<string, unknown> {
    const registrySources = {
      insecureRegistries: this.insecureRegistries,
      blockedRegistries: this.blockedRegistries,
      allowedRegistries: this.allowedRegistries,
      containerRuntimeSearchRegistries: this.searchRegistries,
    };
    const hasSources = Object.values(registrySources).some((list) => list !== undefined) || this.props.registrySources !== undefined;
    return {
      allowedRegistriesForImport: this.allowedRegistriesForImport,
      externalRegistryHostnames: this.externalRegistryHostnames,
      additionalTrustedCA: this.additionalTrustedCA,
      registrySources: hasSources ? registrySources : undefined,
      imageStreamImportMode: this.props.imageStreamImportMode,
    };
  }

  private createTrustedCAConfigMap(): void {
    if (this.trustedCAConfigMap) {
      return;
    }
    this.trustedCAConfigMap = new ApiObject(this, 'TrustedCA', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.props.trustedCAConfigMapName ?? 'registry-trusted-cas', namespace: OPENSHIFT_CONFIG_NAMESPACE },
      data: Lazy.any({
        produce: () => Object.fromEntries([...this.trustedCAs.entries()].map(([hostAndPort, pem]) => [trustedCaKey(hostAndPort), pem])),
      }),
    });
  }
}
