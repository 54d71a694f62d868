import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { trustedCaKey } from '../../model/dns';
import {
  CLUSTER_SINGLETON_NAME, ConfigMapNameReference, IMAGE_API_VERSION, IMAGE_KIND, ImageSpec, OPENSHIFT_CONFIG_NAMESPACE,
} from '../../model/api/image';
import { quote } from '../../validation/finding';
import { ImageRules } from '../../validation/rules/image';
import { ValidationError } from '../../validation/validation-error';
import { OpenShiftResource, ResourceMetadata } from './base';
import { checkPropsObject, describeValue, isPlainRecord, optionalString, plainCopy, propsRecord, readProp, stringMap } from './props';

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

  /** The spec fields as given (plain copies: a wrong type stays, for the rules to report with its path). */
  private readonly allowedRegistriesForImport: unknown;
  private externalRegistryHostnames: unknown;
  private readonly givenTrustedCA: unknown;
  private readonly imageStreamImportMode: unknown;
  /** `registrySources` as given when it is no mapping (reported by the rules), else `undefined`. */
  private readonly registrySourcesOther: unknown;
  /** Whether `registrySources` was given (an empty mapping renders as `{}`). */
  private readonly registrySourcesGiven: boolean;
  /** The four lists of `registrySources`, and any other key given there (reported as unknown fields). */
  private readonly sources: Record<string, unknown> = {};
  private readonly trustedCAConfigMapName?: string;
  private readonly trustedCAs = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ImageConfigProps = {}) {
    const given = propsRecord(props);
    super(scope, id, {
      apiVersion: IMAGE_API_VERSION,
      kind: IMAGE_KIND,
      name: CLUSTER_SINGLETON_NAME,
      clusterScoped: true,
      metadata: readProp(given, 'metadata') as ResourceMetadata | undefined,
    });
    const issues = this.propIssues;
    checkPropsObject(props, issues);
    const copy = (name: string) => plainCopy(readProp(given, name), `spec.${name}`, issues);
    this.allowedRegistriesForImport = copy('allowedRegistriesForImport');
    this.externalRegistryHostnames = copy('externalRegistryHostnames');
    this.givenTrustedCA = copy('additionalTrustedCA');
    this.imageStreamImportMode = copy('imageStreamImportMode');
    const registrySources = copy('registrySources');
    this.registrySourcesGiven = registrySources !== undefined;
    if (isPlainRecord(registrySources)) {
      for (const key of Object.keys(registrySources)) {
        Object.defineProperty(this.sources, key, { value: registrySources[key], enumerable: true, writable: true, configurable: true });
      }
    } else {
      this.registrySourcesOther = registrySources;
    }
    this.trustedCAConfigMapName = optionalString(readProp(given, 'trustedCAConfigMapName'), 'trustedCAConfigMapName', issues, 'a ConfigMap name');

    const trustedCAs = readProp(given, 'trustedCAs');
    if (trustedCAs !== undefined && this.givenTrustedCA !== undefined) {
      throw new ValidationError([ImageRules.trustedCaPropsConflict.finding(this.objectRef, 'spec.additionalTrustedCA',
        `Both \`additionalTrustedCA\` (${quote(isPlainRecord(this.givenTrustedCA) ? this.givenTrustedCA.name : this.givenTrustedCA)}) and \`trustedCAs\` are given.`)], () => this.node.path);
    }
    const cas = stringMap(trustedCAs, 'trustedCAs', issues, 'a mapping of registry host (or host:port) to PEM certificates');
    // A ConfigMap is created only for CAs given as they should be: a wrong `trustedCAs` is reported, never an empty ConfigMap.
    if (cas !== undefined && issues.findings.every((finding) => !finding.path.startsWith('trustedCAs'))) {
      for (const [hostAndPort, pem] of Object.entries(cas)) {
        this.trustedCAs.set(hostAndPort, pem);
      }
      this.createTrustedCAConfigMap();
    }
    this.validateNow();
  }

  /** Allows pulls from more registries (`host[:port][/path]` or `*.host`). */
  public addAllowedRegistry(...scopes: string[]): void {
    this.appendToSources('allowedRegistries', scopes);
  }

  /** Blocks pulls from more registries. */
  public addBlockedRegistry(...scopes: string[]): void {
    this.appendToSources('blockedRegistries', scopes);
  }

  /** Marks more registries as insecure (no TLS verification). */
  public addInsecureRegistry(...scopes: string[]): void {
    this.appendToSources('insecureRegistries', scopes);
  }

  /** Appends registries to the search list for short image names. */
  public addSearchRegistry(...hosts: string[]): void {
    this.appendToSources('containerRuntimeSearchRegistries', hosts);
  }

  /** Adds a host name under which the internal registry is reached from outside. */
  public addExternalRegistryHostname(...hostnames: string[]): void {
    this.externalRegistryHostnames = [...listOf(this.externalRegistryHostnames), ...this.copiedItems(hostnames, 'spec.externalRegistryHostnames')];
    this.validateNow();
  }

  /**
   * Trusts a CA for a registry: adds it to the ConfigMap this construct publishes in `openshift-config`.
   * @param hostAndPort the registry, `host` or `host:port`
   * @param pem one or more PEM certificates
   */
  public addTrustedCA(hostAndPort: string, pem: string): void {
    if (this.givenTrustedCA !== undefined) {
      throw new ValidationError([ImageRules.trustedCaPropsConflict.finding(this.objectRef, 'spec.additionalTrustedCA',
        `\`addTrustedCA(${quote(hostAndPort)})\` was called, but \`additionalTrustedCA\` already names ${quote(isPlainRecord(this.givenTrustedCA) ? this.givenTrustedCA.name : this.givenTrustedCA)}.`)], () => this.node.path);
    }
    if (typeof hostAndPort !== 'string') {
      this.propIssues.report('trustedCAs', `\`addTrustedCA()\` was given ${describeValue(hostAndPort)} as the registry; expected \`host\` or \`host:port\`.`);
    }
    const cas = stringMap(typeof hostAndPort === 'string' ? { [hostAndPort]: pem } : {}, 'trustedCAs', this.propIssues, 'a PEM string');
    for (const [key, value] of Object.entries(cas ?? {})) {
      this.trustedCAs.set(key, value);
    }
    this.createTrustedCAConfigMap();
    this.validateNow();
  }

  /** The ConfigMap reference the Image ends up with. */
  public get additionalTrustedCA(): ConfigMapNameReference | undefined {
    return this.trustedCAConfigMap ? { name: this.trustedCAConfigMap.name } : this.givenTrustedCA as ConfigMapNameReference | undefined;
  }

  protected companionObjects(): ApiObject[] {
    return this.trustedCAConfigMap ? [this.trustedCAConfigMap] : [];
  }

  protected renderSpec(): Record<string, unknown> {
    let registrySources: unknown = this.registrySourcesOther;
    if (registrySources === undefined) {
      // The four lists in the API's order, then anything else given (which the rules report as unknown fields).
      const ordered: Record<string, unknown> = {};
      for (const key of [...SOURCE_LISTS, ...Object.keys(this.sources).filter((key) => !(SOURCE_LISTS as readonly string[]).includes(key))]) {
        if (Object.prototype.hasOwnProperty.call(this.sources, key)) {
          Object.defineProperty(ordered, key, { value: this.sources[key], enumerable: true, writable: true, configurable: true });
        }
      }
      registrySources = this.registrySourcesGiven || Object.keys(ordered).length > 0 ? ordered : undefined;
    }
    return {
      allowedRegistriesForImport: this.allowedRegistriesForImport,
      externalRegistryHostnames: this.externalRegistryHostnames,
      additionalTrustedCA: this.additionalTrustedCA,
      registrySources,
      imageStreamImportMode: this.imageStreamImportMode,
    };
  }

  private appendToSources(list: typeof SOURCE_LISTS[number], scopes: readonly string[]): void {
    if (this.registrySourcesOther !== undefined) {
      // `registrySources` was given as something else than a mapping: construction reported it already.
      return;
    }
    const current = Object.prototype.hasOwnProperty.call(this.sources, list) ? this.sources[list] : undefined;
    this.sources[list] = [...listOf(current), ...this.copiedItems(scopes, `spec.registrySources.${list}`)];
    this.validateNow();
  }

  /** Items given to an `addXxx()` method, copied like props (a JavaScript caller may pass anything). */
  private copiedItems(items: readonly unknown[], path: string): unknown[] {
    const copied = plainCopy([...items], path, this.propIssues);
    return Array.isArray(copied) ? copied : [];
  }

  private createTrustedCAConfigMap(): void {
    if (this.trustedCAConfigMap) {
      return;
    }
    this.trustedCAConfigMap = new ApiObject(this, 'TrustedCA', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.trustedCAConfigMapName ?? 'registry-trusted-cas', namespace: OPENSHIFT_CONFIG_NAMESPACE },
      data: Lazy.any({
        produce: () => Object.fromEntries([...this.trustedCAs.entries()].map(([hostAndPort, pem]) => [trustedCaKey(hostAndPort), pem])),
      }),
    });
  }
}

/** The lists of `registrySources`, in the API's order. */
const SOURCE_LISTS = ['insecureRegistries', 'blockedRegistries', 'allowedRegistries', 'containerRuntimeSearchRegistries'] as const;

/** The items of a list given (none when it is no list: construction reported that). */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
