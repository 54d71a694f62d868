/**
 * Manifests (hand-written, exported with `oc get -o yaml`, or written by oc-mirror) into a TypeScript module that
 * builds the same objects with this library's constructs: `export function build(scope: Construct): void`.
 *
 * The code is generated from the data alone; no construct is loaded (the CLI never loads cdk8s). So what each
 * construct renders from its props is mirrored here, and wherever a construct would render something other than the
 * manifest (a default it adds, a `null` that props cannot hold), the module says so with an escape-hatch patch on the
 * construct's `apiObject`, with a comment: compiled and synthesized, the module yields the objects it was made from
 * (less the server fields, the fields the API server prunes, and a secret, each reported).
 */
import { CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND, ImageStreamImportMode, OPENSHIFT_CONFIG_NAMESPACE } from '../model/api/image';
import {
  AzureNetworkAccessType, IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND, LogLevel, ManagementState,
  OssEncryptionMethod, OssEndpointAccessibility, RolloutStrategy, StorageManagementState,
} from '../model/api/image-registry';
import { ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy } from '../model/api/mirror-sets';
import { trustedCaKey } from '../model/dns';
import { checkObjects, LocatedFinding } from '../validation';
import { quote } from '../validation/finding';
import { fieldPath, indexPath } from '../validation/schema';
import { isOcMirrorObject, normalizeOcMirrorObject } from './oc-mirror';
import { DroppedField, toManifest } from './server-fields';
import { array, call, Code, object, ObjectEntry, print, ref, stringLiteral, value } from './ts-code';

/** One object read from the input. */
export interface ImportInputObject {
  readonly object: unknown;
  /** Where it was read, `file:line`. */
  readonly where: string;
  /** The file it was read from (oc-mirror's files are recognised by name). @default - unknown */
  readonly file?: string;
}

/** Options of {@link importObjects}. */
export interface ImportOptions {
  /** Line width the code is laid out for. @default 120 */
  readonly width?: number;
}

/** An object turned into a construct. */
export interface ImportedObject {
  /** `Kind/name`. */
  readonly ref: string;
  readonly where: string;
  /** The construct class, e.g. `ImageDigestMirrorSet`. */
  readonly construct: string;
  /** The construct id in the module. */
  readonly id: string;
  /** Fields of the manifest that the module does not reproduce, with why (server fields are not listed). */
  readonly dropped: readonly DroppedField[];
  /** Whether oc-mirror's annotations were dropped and its entries sorted. */
  readonly ocMirror: boolean;
  /** For an `Image` that took its trusted-CA ConfigMap along: where the ConfigMap was read. */
  readonly trustedCaConfigMap?: string;
}

/** An object left out of the module, with why. */
export interface SkippedObject {
  readonly ref: string;
  readonly where: string;
  readonly reason: string;
}

/** A finding of the rule engine on an imported object, with where the object was read. */
export interface ImportFinding extends Omit<LocatedFinding, 'index'> {
  readonly where: string;
}

/** What {@link importObjects} returns. */
export interface ImportResult {
  /** The TypeScript module. */
  readonly module: string;
  readonly imported: readonly ImportedObject[];
  readonly skipped: readonly SkippedObject[];
  /**
   * The rule engine's findings on the imported objects (one cluster): an error means the construct refuses the
   * object until the value in the module is fixed.
   */
  readonly findings: readonly ImportFinding[];
}

/** How a supported kind becomes a construct. */
interface KindInfo {
  readonly kind: string;
  readonly apiVersion: string;
  readonly construct: string;
  /** The one name a singleton has; undefined for named kinds. */
  readonly singleton?: string;
  /** Construct id and variable name of a singleton; prefix of ids and variables of a named kind. */
  readonly short: string;
  /** Enums of the spec, by field path with `[]` for list items. */
  readonly enums: Readonly<Record<string, EnumInfo>>;
}

interface EnumInfo {
  readonly name: string;
  readonly members: Readonly<Record<string, string>>;
}

function enumInfo(name: string, members: object): EnumInfo {
  return { name, members: Object.fromEntries(Object.entries(members).filter(([, value]) => typeof value === 'string')) as Record<string, string> };
}

const SOURCE_POLICY = enumInfo('MirrorSourcePolicy', MirrorSourcePolicy);
const LOG_LEVEL = enumInfo('LogLevel', LogLevel);
const STORAGE_STATE = enumInfo('StorageManagementState', StorageManagementState);

const KINDS: readonly KindInfo[] = [
  { kind: IMAGE_KIND, apiVersion: IMAGE_API_VERSION, construct: 'ImageConfig', singleton: CLUSTER_SINGLETON_NAME, short: 'image', enums: { 'spec.imageStreamImportMode': enumInfo('ImageStreamImportMode', ImageStreamImportMode) } },
  { kind: IDMS_KIND, apiVersion: MIRROR_SET_API_VERSION, construct: 'ImageDigestMirrorSet', short: 'idms', enums: { 'spec.imageDigestMirrors[].mirrorSourcePolicy': SOURCE_POLICY } },
  { kind: ITMS_KIND, apiVersion: MIRROR_SET_API_VERSION, construct: 'ImageTagMirrorSet', short: 'itms', enums: { 'spec.imageTagMirrors[].mirrorSourcePolicy': SOURCE_POLICY } },
  { kind: ICSP_KIND, apiVersion: ICSP_API_VERSION, construct: 'ImageContentSourcePolicy', short: 'icsp', enums: {} },
  {
    kind: IMAGE_REGISTRY_CONFIG_KIND, apiVersion: IMAGE_REGISTRY_API_VERSION, construct: 'ImageRegistryConfig', singleton: CLUSTER_SINGLETON_NAME, short: 'registry',
    enums: {
      'spec.managementState': enumInfo('ManagementState', ManagementState),
      'spec.logLevel': LOG_LEVEL,
      'spec.operatorLogLevel': LOG_LEVEL,
      'spec.rolloutStrategy': enumInfo('RolloutStrategy', RolloutStrategy),
      'spec.storage.managementState': STORAGE_STATE,
      'spec.storage.azure.networkAccess.type': enumInfo('AzureNetworkAccessType', AzureNetworkAccessType),
      'spec.storage.oss.endpointAccessibility': enumInfo('OssEndpointAccessibility', OssEndpointAccessibility),
      'spec.storage.oss.encryption.method': enumInfo('OssEncryptionMethod', OssEncryptionMethod),
    },
  },
  { kind: IMAGE_PRUNER_KIND, apiVersion: IMAGE_REGISTRY_API_VERSION, construct: 'ImagePruner', singleton: CLUSTER_SINGLETON_NAME, short: 'pruner', enums: { 'spec.logLevel': LOG_LEVEL } },
];

/** Kinds whose name belongs to this library only, so another apiVersion is a mistake rather than another API. */
const UNAMBIGUOUS_KINDS: readonly string[] = [IDMS_KIND, ITMS_KIND, ICSP_KIND, IMAGE_PRUNER_KIND];

/** The ConfigMap name `ImageConfig` uses for `trustedCAs` when none is given. */
const DEFAULT_TRUSTED_CA_CONFIG_MAP = 'registry-trusted-cas';

/** Backends `RegistryStorage` has a factory for (its method names are the field names). */
const STORAGE_FACTORIES: readonly string[] = ['s3', 'gcs', 'azure', 'swift', 'ibmcos', 'oss', 'pvc'];

/** Spec fields the constructs render, by kind (a field a construct does not render cannot be given to it). */
const RENDERED_SPEC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [IMAGE_KIND]: ['allowedRegistriesForImport', 'externalRegistryHostnames', 'additionalTrustedCA', 'registrySources', 'imageStreamImportMode'],
  [IMAGE_REGISTRY_CONFIG_KIND]: [
    'managementState', 'logLevel', 'operatorLogLevel', 'unsupportedConfigOverrides', 'observedConfig', 'httpSecret', 'proxy', 'storage', 'readOnly',
    'disableRedirect', 'requests', 'defaultRoute', 'routes', 'replicas', 'logging', 'resources', 'nodeSelector', 'tolerations', 'rolloutStrategy',
    'affinity', 'topologySpreadConstraints',
  ],
  [IMAGE_PRUNER_KIND]: [
    'schedule', 'suspend', 'keepTagRevisions', 'keepYoungerThan', 'keepYoungerThanDuration', 'resources', 'affinity', 'nodeSelector', 'tolerations',
    'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'ignoreInvalidImageReferences', 'logLevel',
  ],
};

type PathSegment = string | number;

/** Stands for the construct's variable in statements until its name is known. */
const VARIABLE = '\u0000variable\u0000';

function isRecord(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && !Array.isArray(item);
}

/**
 * `spec.a[0]["b/c"]` from segments, written by the engine's own functions: the pruned paths come from its findings, so
 * a path must be spelt as it spells it (a very long key cut) or the field would not be found and not be pruned.
 */
function pathOf(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? indexPath(path, segment) : fieldPath(path, segment)), '');
}

/** The enum pattern of a path: list positions as `[]`. */
function patternOf(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? `${path}[]` : path === '' ? segment : `${path}.${segment}`), '');
}

/** A JSON pointer (RFC 6901) for a patch. */
function jsonPointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** State of the conversion of one object. */
interface Conversion {
  readonly info: KindInfo;
  /** Paths (engine notation) the API server prunes: left out of the props. */
  readonly pruned: ReadonlySet<string>;
  /** Paths of explicit nulls: props cannot hold null, so each becomes a patch. */
  readonly nulls: PathSegment[][];
  /** Enum names used. */
  readonly enums: Set<string>;
}

/** Keys printed first, in this order, where a reader looks for them first (a mirror entry's source). */
const KEY_ORDER: Readonly<Record<string, readonly string[]>> = {
  'spec.imageDigestMirrors[]': ['source', 'mirrors', 'mirrorSourcePolicy'],
  'spec.imageTagMirrors[]': ['source', 'mirrors', 'mirrorSourcePolicy'],
  'spec.repositoryDigestMirrors[]': ['source', 'mirrors'],
};

/** A plain value as code: enums by member, nulls collected, pruned fields left out. */
function toCode(item: unknown, segments: readonly PathSegment[], conversion: Conversion): Code | undefined {
  if (item === undefined) {
    return undefined;
  }
  if (item === null) {
    conversion.nulls.push([...segments]);
    return undefined;
  }
  if (Array.isArray(item)) {
    // A null inside a list stays a null: cdk8s keeps list items as they are.
    return array(item.map((element, index) => (element === null ? value(null) : toCode(element, [...segments, index], conversion) ?? value(null))));
  }
  if (isRecord(item)) {
    const entries: ObjectEntry[] = [];
    const preferred = KEY_ORDER[patternOf(segments)] ?? [];
    const keys = [...preferred.filter((key) => key in item), ...Object.keys(item).filter((key) => !preferred.includes(key))];
    for (const key of keys) {
      const child = item[key];
      const childPath = [...segments, key];
      if (conversion.pruned.has(pathOf(childPath))) {
        continue;
      }
      const code = toCode(child, childPath, conversion);
      if (code !== undefined) {
        entries.push({ key, value: code });
      }
    }
    return object(entries);
  }
  if (typeof item === 'string') {
    const enumeration = conversion.info.enums[patternOf(segments)];
    const member = enumeration && Object.entries(enumeration.members).find(([, memberValue]) => memberValue === item)?.[0];
    if (enumeration && member !== undefined) {
      conversion.enums.add(enumeration.name);
      return ref(`${enumeration.name}.${member}`);
    }
    return value(item);
  }
  if (typeof item === 'number' || typeof item === 'boolean') {
    return value(item);
  }
  return value(String(item));
}

/** The converted module parts of one object. */
interface ConstructCode {
  readonly info: KindInfo;
  readonly ref: string;
  readonly where: string;
  readonly id: string;
  readonly props: ObjectEntry[];
  /** Statements after the construction, using the variable. */
  readonly after: { readonly comment?: string; readonly statement: string }[];
  readonly dropped: DroppedField[];
  readonly ocMirror: boolean;
  readonly trustedCaConfigMap?: string;
  readonly usesRegistryStorage: boolean;
  readonly usesJsonPatch: boolean;
  readonly enums: Set<string>;
}

/** A trusted-CA ConfigMap as `trustedCAs` (`host:port` keys), or why it cannot be one. */
function trustedCasOf(configMap: Record<string, unknown>): { trustedCAs: Record<string, string>; labels?: Record<string, string>; annotations?: Record<string, string> } | { reason: string } {
  const manifest = toManifest(configMap);
  const extraTop = Object.keys(manifest.object).filter((key) => !['apiVersion', 'kind', 'metadata', 'data'].includes(key));
  if (extraTop.length > 0) {
    return { reason: `it has ${extraTop.join(', ')}, which ImageConfig's ConfigMap does not carry` };
  }
  const data = manifest.object.data;
  if (!isRecord(data) || !Object.values(data).every((pem) => typeof pem === 'string')) {
    return { reason: '`data` is not a map of PEM strings' };
  }
  const trustedCAs: Record<string, string> = {};
  for (const [key, pem] of Object.entries(data)) {
    const hostAndPort = key.replace(/\.\.(?=[0-9]+$)/, ':');
    if (trustedCaKey(hostAndPort) !== key || hostAndPort in trustedCAs) {
      return { reason: `its key ${quote(key)} cannot be written as a registry host` };
    }
    trustedCAs[hostAndPort] = pem as string;
  }
  const metadata = manifest.object.metadata as Record<string, unknown>;
  const stringMap = (map: unknown) => (isRecord(map) && Object.values(map).every((item) => typeof item === 'string') ? (map as Record<string, string>) : undefined);
  if (metadata.labels !== undefined && stringMap(metadata.labels) === undefined) {
    return { reason: 'its labels are not a map of strings' };
  }
  if (metadata.annotations !== undefined && stringMap(metadata.annotations) === undefined) {
    return { reason: 'its annotations are not a map of strings' };
  }
  return { trustedCAs, labels: stringMap(metadata.labels), annotations: stringMap(metadata.annotations) };
}

/**
 * `spec.storage` as `RegistryStorage.<backend>({...})` when the factory renders exactly the manifest's storage, else
 * the upstream object as it is (with why in a comment).
 */
function storageCode(storage: Record<string, unknown>, conversion: Conversion): { code: Code; factory: boolean; comment?: string } {
  const plain = (comment?: string) => ({ code: toCode(storage, ['spec', 'storage'], conversion) ?? object([]), factory: false, ...(comment ? { comment } : {}) });
  const backends = Object.keys(storage).filter((key) => key !== 'managementState' && !conversion.pruned.has(pathOf(['spec', 'storage', key])));
  if (backends.length !== 1) {
    return plain();
  }
  const [backend] = backends;
  const settings = storage[backend];
  const state = storage.managementState;
  if (!isRecord(settings) || (state !== undefined && !Object.values(StorageManagementState).includes(state as StorageManagementState))) {
    return plain();
  }
  if (backend === 'emptyDir') {
    return Object.keys(settings).length === 0 && state === undefined
      ? { code: call('RegistryStorage.emptyDir', []), factory: true }
      : plain();
  }
  if (!STORAGE_FACTORIES.includes(backend) || 'managementState' in settings) {
    return plain();
  }
  if (backend === 's3' && state === undefined && typeof settings.bucket === 'string' && settings.bucket !== '') {
    return plain('The manifest leaves storage.managementState to the cluster; RegistryStorage.s3() would set Unmanaged for a named bucket.');
  }
  const options = toCode(settings, ['spec', 'storage', backend], conversion) as Extract<Code, { type: 'object' }>;
  const entries: ObjectEntry[] = [...options.entries];
  if (state !== undefined) {
    const stateCode = toCode(state, ['spec', 'storage', 'managementState'], conversion);
    if (stateCode !== undefined) {
      entries.push({ key: 'managementState', value: stateCode });
    }
  }
  return { code: call(`RegistryStorage.${backend}`, entries.length > 0 ? [object(entries)] : []), factory: true };
}

/** Converts one supported object (server fields already dropped) into its construct's code. */
function convert(info: KindInfo, manifest: Record<string, unknown>, context: {
  readonly where: string;
  readonly id: string;
  readonly dropped: DroppedField[];
  readonly pruned: ReadonlySet<string>;
  readonly ocMirror: boolean;
  readonly configMaps: readonly { readonly object: Record<string, unknown>; readonly where: string; used: boolean }[];
}): ConstructCode {
  const conversion: Conversion = { info, pruned: context.pruned, nulls: [], enums: new Set() };
  const metadata = manifest.metadata as Record<string, unknown>;
  const name = String(metadata.name);
  const props: ObjectEntry[] = [];
  const after: { comment?: string; statement: string }[] = [];
  const dropped = [...context.dropped];
  let usesRegistryStorage = false;
  let trustedCaConfigMap: string | undefined;

  const metadataEntries: ObjectEntry[] = [];
  if (info.singleton === undefined) {
    metadataEntries.push({ key: 'name', value: value(name) });
  }
  for (const field of ['labels', 'annotations']) {
    const code = toCode(metadata[field], ['metadata', field], conversion);
    if (code !== undefined) {
      metadataEntries.push({ key: field, value: code });
    }
  }
  if (metadataEntries.length > 0) {
    props.push({ key: 'metadata', value: object(metadataEntries) });
  }
  for (const field of Object.keys(manifest)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(field)) {
      dropped.push({ path: field, reason: `${info.kind} has no top-level \`${field}\` (the API server drops it)` });
    }
  }

  const spec = manifest.spec;
  if (spec === null) {
    conversion.nulls.push(['spec']);
  } else if (spec !== undefined && !isRecord(spec)) {
    dropped.push({ path: 'spec', reason: `${quote(spec)} is not a mapping` });
  }
  const specFields = isRecord(spec) ? spec : {};
  const rendered = RENDERED_SPEC_FIELDS[info.kind];
  for (const [field, item] of Object.entries(specFields)) {
    const path: PathSegment[] = ['spec', field];
    if (context.pruned.has(pathOf(path))) {
      continue;
    }
    if (rendered !== undefined && !rendered.includes(field)) {
      dropped.push({ path: pathOf(path), reason: `not a field the ${info.construct} construct renders` });
      continue;
    }
    if (info.kind === IMAGE_REGISTRY_CONFIG_KIND && field === 'httpSecret' && item !== null) {
      dropped.push({ path: 'spec.httpSecret', reason: 'a secret does not belong in code; left out, the cluster keeps its value (the operator generates one)' });
      continue;
    }
    if (info.kind === IMAGE_REGISTRY_CONFIG_KIND && field === 'storage' && isRecord(item)) {
      const storage = storageCode(item, conversion);
      usesRegistryStorage ||= storage.factory;
      props.push({ key: 'storage', value: storage.code, ...(storage.comment ? { comment: storage.comment } : {}) });
      continue;
    }
    if (info.kind === IMAGE_KIND && field === 'additionalTrustedCA' && isRecord(item) && typeof item.name === 'string' && item.name !== '' && Object.keys(item).length === 1) {
      const candidate = context.configMaps.find((configMap) => !configMap.used && configMapName(configMap.object) === item.name);
      if (candidate) {
        const cas = trustedCasOf(candidate.object);
        if ('trustedCAs' in cas) {
          candidate.used = true;
          trustedCaConfigMap = candidate.where;
          props.push({ key: 'trustedCAs', value: object(Object.entries(cas.trustedCAs).map(([key, pem]) => ({ key, value: value(pem) }))) });
          if (item.name !== DEFAULT_TRUSTED_CA_CONFIG_MAP) {
            props.push({ key: 'trustedCAConfigMapName', value: value(item.name) });
          }
          for (const [method, map] of [['addLabel', cas.labels], ['addAnnotation', cas.annotations]] as const) {
            for (const [key, text] of Object.entries(map ?? {})) {
              after.push({ statement: `${VARIABLE}.trustedCAConfigMap?.metadata.${method}(${stringLiteral(key)}, ${stringLiteral(text)});` });
            }
          }
          continue;
        }
        dropped.push({ path: 'spec.additionalTrustedCA', reason: `kept as a reference: the ConfigMap ${quote(item.name)} (${candidate.where}) cannot be given as trustedCAs: ${cas.reason}` });
      }
    }
    const code = toCode(item, path, conversion);
    if (code !== undefined) {
      props.push({ key: field, value: code });
    }
  }

  // What a construct adds on its own, removed again so the object is the manifest's.
  const removals: { comment: string; path: string }[] = [];
  if (info.kind === IMAGE_REGISTRY_CONFIG_KIND) {
    if (!('replicas' in specFields) || specFields.replicas === null) {
      props.push({
        key: 'replicas',
        value: ref('undefined as unknown as number'),
        comment: 'The manifest leaves replicas to the cluster (unchanged on apply), but the props require a number: set it, or keep this.',
      });
    }
    const storage = specFields.storage;
    if (isRecord(storage) && storage.pvc !== undefined && storage.pvc !== null && !('rolloutStrategy' in specFields)) {
      removals.push({
        comment: 'The manifest leaves rolloutStrategy to the cluster; with PVC storage the construct would set Recreate (a ReadWriteOnce claim needs it).',
        path: '/spec/rolloutStrategy',
      });
    }
  }
  if (info.kind === IMAGE_PRUNER_KIND && !('ignoreInvalidImageReferences' in specFields)) {
    removals.push({
      comment: 'The manifest leaves ignoreInvalidImageReferences to the cluster; the construct would write true (the operator\'s own value).',
      path: '/spec/ignoreInvalidImageReferences',
    });
  }
  for (const removal of removals) {
    after.push({ comment: removal.comment, statement: `${VARIABLE}.apiObject.addJsonPatch(JsonPatch.remove(${stringLiteral(removal.path)}));` });
  }
  if (conversion.nulls.length > 0) {
    after.push({
      comment: 'Explicit nulls delete these fields when applied; props cannot hold null, so patches keep them.',
      statement: conversion.nulls.map((segments) => `${VARIABLE}.apiObject.addJsonPatch(JsonPatch.add(${stringLiteral(jsonPointer(segments))}, null));`).join('\n'),
    });
  }
  return {
    info,
    ref: `${info.kind}/${name}`,
    where: context.where,
    id: context.id,
    props,
    after,
    dropped,
    ocMirror: context.ocMirror,
    ...(trustedCaConfigMap !== undefined ? { trustedCaConfigMap } : {}),
    usesRegistryStorage,
    usesJsonPatch: removals.length > 0 || conversion.nulls.length > 0,
    enums: conversion.enums,
  };
}

function configMapName(configMap: Record<string, unknown>): unknown {
  return isRecord(configMap.metadata) ? configMap.metadata.name : undefined;
}

function isTrustedCaCandidate(item: Record<string, unknown>): boolean {
  return item.apiVersion === 'v1' && item.kind === 'ConfigMap' && isRecord(item.metadata) && item.metadata.namespace === OPENSHIFT_CONFIG_NAMESPACE;
}

/** `idms-release-0` → `idmsRelease0`: a variable name. */
function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const joined = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1))).join('');
  return /^[A-Za-z_$]/.test(joined) ? joined : `_${joined}`;
}

/**
 * Turns the objects into a module. Objects of the six kinds become constructs (an `Image` takes its trusted-CA
 * ConfigMap along as `trustedCAs` when the ConfigMap is given); every other object is skipped with a reason.
 */
export function importObjects(inputs: readonly ImportInputObject[], options: ImportOptions = {}): ImportResult {
  const width = options.width ?? 120;
  const skipped: SkippedObject[] = [];
  const candidates: { info: KindInfo; manifest: Record<string, unknown>; where: string; dropped: DroppedField[]; ocMirror: boolean }[] = [];
  const configMaps: { object: Record<string, unknown>; where: string; used: boolean }[] = [];

  for (const input of inputs) {
    const item = input.object;
    if (!isRecord(item) || typeof item.kind !== 'string') {
      skipped.push({ ref: '-', where: input.where, reason: 'not a Kubernetes object (no kind)' });
      continue;
    }
    const name = isRecord(item.metadata) && typeof item.metadata.name === 'string' ? item.metadata.name : undefined;
    const objectRef = `${item.kind}/${name ?? '<unnamed>'}`;
    const info = KINDS.find((kind) => kind.kind === item.kind && kind.apiVersion === item.apiVersion);
    if (!info) {
      if (isTrustedCaCandidate(item)) {
        configMaps.push({ object: item, where: input.where, used: false });
        continue;
      }
      const sameKind = KINDS.find((kind) => kind.kind === item.kind);
      skipped.push({
        ref: objectRef,
        where: input.where,
        reason: sameKind && UNAMBIGUOUS_KINDS.includes(sameKind.kind)
          ? `${item.apiVersion === undefined ? 'no apiVersion' : `apiVersion ${quote(item.apiVersion)}`}: the API serves ${sameKind.kind} only as ${sameKind.apiVersion}, so no cluster ever held this object; fix the apiVersion and import it again`
          : `${String(item.apiVersion)} ${item.kind} is not a kind of this library`,
      });
      continue;
    }
    if (name === undefined || name === '') {
      skipped.push({ ref: objectRef, where: input.where, reason: 'no metadata.name: not a manifest of an object (a patch, a template?)' });
      continue;
    }
    if (info.singleton !== undefined && name !== info.singleton) {
      skipped.push({ ref: objectRef, where: input.where, reason: `the cluster reads only the ${info.kind} named ${quote(info.singleton)}, and ${info.construct} always emits that one` });
      continue;
    }
    const ocMirror = isOcMirrorObject(item, input.file) && (info.kind === IDMS_KIND || info.kind === ITMS_KIND);
    const normalized = ocMirror ? normalizeOcMirrorObject(item) : item;
    const manifest = toManifest(normalized);
    candidates.push({ info, manifest: manifest.object, where: input.where, dropped: [...manifest.dropped], ocMirror });
  }
  // oc-mirror's objects come in an order of its own; sort them by kind and name so two runs give the same module.
  const ocMirrorOrder = candidates.filter((candidate) => candidate.ocMirror)
    .sort((a, b) => compare(`${a.info.kind}/${String((a.manifest.metadata as Record<string, unknown>).name)}`, `${b.info.kind}/${String((b.manifest.metadata as Record<string, unknown>).name)}`));
  let next = 0;
  const ordered = candidates.map((candidate) => (candidate.ocMirror ? ocMirrorOrder[next++] : candidate));

  // One cluster: the rules see the imported objects and the ConfigMaps next to them.
  const checked = [...ordered.map((candidate) => candidate.manifest), ...configMaps.map((configMap) => toManifest(configMap.object).object)];
  const { findings } = checkObjects(checked);
  const pruned = new Map<number, Set<string>>();
  for (const finding of findings) {
    if (finding.code === 'schema-unknown-field' && finding.index < ordered.length) {
      const set = pruned.get(finding.index) ?? new Set<string>();
      set.add(finding.path);
      pruned.set(finding.index, set);
    }
  }

  const ids = new Set<string>();
  const constructs = ordered.map((candidate, index) => {
    const metadataName = String((candidate.manifest.metadata as Record<string, unknown>).name);
    let id = candidate.info.singleton !== undefined ? candidate.info.short : metadataName;
    if (ids.has(id) && candidate.info.singleton === undefined) {
      // An IDMS and an ITMS may share a name; construct ids of one scope may not.
      id = `${id}-${candidate.info.short}`;
    }
    for (let counter = 2; ids.has(id); counter++) {
      id = `${candidate.info.singleton !== undefined ? candidate.info.short : metadataName}-${counter}`;
    }
    ids.add(id);
    const prunedHere = pruned.get(index) ?? new Set<string>();
    const dropped = [...candidate.dropped, ...[...prunedHere].map((path) => ({ path, reason: 'not a field of the API: the API server prunes it' }))];
    return convert(candidate.info, candidate.manifest, { where: candidate.where, id, dropped, pruned: prunedHere, ocMirror: candidate.ocMirror, configMaps });
  });

  for (const configMap of configMaps.filter((candidate) => !candidate.used)) {
    skipped.push({ ref: `ConfigMap/${String(configMapName(configMap.object))}`, where: configMap.where, reason: 'a ConfigMap that no imported Image names as its trusted CA bundle (or one that cannot be given as trustedCAs)' });
  }

  const module = renderModule(constructs, width);
  const whereOf = (index: number) => (index < ordered.length ? ordered[index].where : configMaps[index - ordered.length].where);
  return {
    module,
    imported: constructs.map((construct) => ({
      ref: construct.ref,
      where: construct.where,
      construct: construct.info.construct,
      id: construct.id,
      dropped: construct.dropped,
      ocMirror: construct.ocMirror,
      ...(construct.trustedCaConfigMap !== undefined ? { trustedCaConfigMap: construct.trustedCaConfigMap } : {}),
    })),
    skipped,
    findings: findings
      .filter((finding) => finding.code !== 'schema-unknown-field')
      .map(({ index, ...finding }) => ({ ...finding, where: whereOf(index) })),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The module text: imports, then `build()` with one statement (or a few) per construct. */
function renderModule(constructs: readonly ConstructCode[], width: number): string {
  const names = new Set<string>();
  const variables = new Set<string>();
  let jsonPatch = false;
  const body: string[] = [];
  for (const construct of constructs) {
    names.add(construct.info.construct);
    construct.enums.forEach((name) => names.add(name));
    if (construct.usesRegistryStorage) {
      names.add('RegistryStorage');
    }
    jsonPatch ||= construct.usesJsonPatch;
    let variable: string | undefined;
    if (construct.after.length > 0) {
      variable = construct.info.singleton !== undefined ? construct.info.short : camelCase(`${construct.info.short}-${construct.id}`);
      for (let counter = 2; variables.has(variable); counter++) {
        variable = `${construct.info.short}${counter}`;
      }
      variables.add(variable);
    }
    const head = `${variable !== undefined ? `const ${variable} = ` : ''}new ${construct.info.construct}(scope, ${stringLiteral(construct.id)}`;
    // Printed at the body's indentation (2): continuation lines carry their own, and a template literal's lines none.
    const statement = construct.props.length > 0
      ? `${head}, ${print(object(construct.props), 2, head.length + 2, width)});`
      : `${head});`;
    const lines = [`// ${construct.ref} (${construct.where})`, statement];
    for (const step of construct.after) {
      const text = step.statement.split(VARIABLE).join(variable ?? construct.info.short);
      if (step.comment !== undefined) {
        lines.push(`// ${step.comment}`);
      }
      lines.push(...text.split('\n'));
    }
    body.push(lines.map((line) => `  ${line}`).join('\n'));
  }
  const imports = [`import { Construct } from 'constructs';`];
  if (jsonPatch) {
    imports.unshift(`import { JsonPatch } from 'cdk8s';`);
  }
  const sorted = [...names].sort(compare);
  if (sorted.length > 0) {
    const single = `import { ${sorted.join(', ')} } from 'cdk-openshift-images';`;
    imports.push(single.length <= width ? single : `import {\n${sorted.map((name) => `  ${name},`).join('\n')}\n} from 'cdk-openshift-images';`);
  }
  const header = [
    '// Generated by `ocp-images import`: the image configuration of a cluster, as constructs of cdk-openshift-images.',
    '// Add it to a chart: build(new Chart(app, \'image-config\'));',
  ];
  const count = constructs.length;
  return [
    ...header,
    ...imports,
    '',
    `/** Adds ${count} object${count === 1 ? '' : 's'} of the imported image configuration to \`scope\`. */`,
    `export function build(${count === 0 ? '_scope' : 'scope'}: Construct): void {`,
    body.join('\n\n'),
    '}',
    '',
  ].filter((line, index, all) => !(line === '' && all[index - 1] === '' )).join('\n').replace(/\{\n\n\}/, '{\n}');
}
