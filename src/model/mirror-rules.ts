/**
 * The mirror and registry facts that the rule engine and the node-file renderer both need, in one place: which
 * objects the Machine Config Operator (MCO) reads, the walk over their mirror entries (with field paths), the
 * normalisation of `mirrorSourcePolicy`, and whether an entry has a real mirror. Pure functions over plain objects.
 */
import { CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND } from './api/image';
import { ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy } from './api/mirror-sets';

/** `mirrorSourcePolicy` value that makes the node never contact the source. */
export const NEVER_CONTACT_SOURCE: string = MirrorSourcePolicy.NEVER_CONTACT_SOURCE;
/** `mirrorSourcePolicy` value the MCO assumes when none is set (and for every ICSP entry). */
export const ALLOW_CONTACTING_SOURCE: string = MirrorSourcePolicy.ALLOW_CONTACTING_SOURCE;

/** The three kinds that carry mirror entries. */
export type MirrorKind = typeof IDMS_KIND | typeof ITMS_KIND | typeof ICSP_KIND;

/** Where each mirror kind is served and keeps its entries. */
export interface MirrorKindInfo {
  readonly kind: MirrorKind;
  /** The only apiVersion the API server serves for the kind (and the MCO reads). */
  readonly apiVersion: string;
  /** The spec field holding the entries. */
  readonly listField: 'imageDigestMirrors' | 'imageTagMirrors' | 'repositoryDigestMirrors';
  /** Whether entries carry `mirrorSourcePolicy` (ICSP entries do not). */
  readonly hasSourcePolicy: boolean;
  /** Whether the mirrors serve pulls by digest (IDMS, ICSP) or by tag (ITMS). */
  readonly pulls: 'digest' | 'tag';
}

/** The mirror kinds, in the order the MCO feeds them to its checks: digest sets, then ICSP, then tag sets. */
export const MIRROR_KINDS: Readonly<Record<MirrorKind, MirrorKindInfo>> = {
  [IDMS_KIND]: { kind: IDMS_KIND, apiVersion: MIRROR_SET_API_VERSION, listField: 'imageDigestMirrors', hasSourcePolicy: true, pulls: 'digest' },
  [ICSP_KIND]: { kind: ICSP_KIND, apiVersion: ICSP_API_VERSION, listField: 'repositoryDigestMirrors', hasSourcePolicy: false, pulls: 'digest' },
  [ITMS_KIND]: { kind: ITMS_KIND, apiVersion: MIRROR_SET_API_VERSION, listField: 'imageTagMirrors', hasSourcePolicy: true, pulls: 'tag' },
};

/** A mirror kind's info, when `kind` is one. */
export function mirrorKindInfo(kind: unknown): MirrorKindInfo | undefined {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(MIRROR_KINDS, kind) ? MIRROR_KINDS[kind as MirrorKind] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The policy the MCO applies to an entry: an unset, empty or non-string `mirrorSourcePolicy` (and every ICSP entry)
 * counts as `AllowContactingSource`.
 */
export function effectiveSourcePolicy(rawPolicy: unknown): string {
  return typeof rawPolicy === 'string' && rawPolicy !== '' ? rawPolicy : ALLOW_CONTACTING_SOURCE;
}

/** Whether `mirrors` holds anything but the source itself; the MCO ignores an entry without a real mirror entirely. */
export function mirrorsContainsARealMirror(source: string, mirrors: readonly string[] | null | undefined): boolean {
  for (const mirror of mirrors ?? []) {
    if (mirror !== source) {
      return true;
    }
  }
  return false;
}

/** One mirror entry of one object, as the API object holds it, with where it is. */
export interface MirrorEntryRef {
  readonly kind: MirrorKind;
  /** Position of the entry in its object's list. */
  readonly entryIndex: number;
  /** Field path of the entry, e.g. `spec.imageDigestMirrors[0]`. */
  readonly path: string;
  /** The entry as given (`{}` when it is not a mapping). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** `source`, when it is a string. */
  readonly source: string | undefined;
  /** `mirrors`, as given (not checked to be a list of strings). */
  readonly mirrors: unknown;
  /** {@link effectiveSourcePolicy} of the entry (always `AllowContactingSource` for ICSP). */
  readonly policy: string;
}

/** The mirror entries of one object of a mirror kind, in order; none when the spec holds no list. */
export function mirrorEntriesOf(kind: MirrorKind, spec: unknown): MirrorEntryRef[] {
  const info = MIRROR_KINDS[kind];
  const list = isRecord(spec) ? spec[info.listField] : undefined;
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((item, entryIndex) => {
    const raw = isRecord(item) ? item : {};
    return {
      kind,
      entryIndex,
      path: `spec.${info.listField}[${entryIndex}]`,
      raw,
      source: typeof raw.source === 'string' ? raw.source : undefined,
      mirrors: raw.mirrors,
      policy: info.hasSourcePolicy ? effectiveSourcePolicy(raw.mirrorSourcePolicy) : ALLOW_CONTACTING_SOURCE,
    };
  });
}

/** An object the MCO reads, with its position in the list it was found in. */
export interface McoReadObject {
  /** Position in the list given to {@link selectMcoObjects}. */
  readonly index: number;
  readonly object: Readonly<Record<string, unknown>>;
}

/** The objects of a configuration that the MCO reads to render the node files. */
export interface McoObjects {
  /** Every `config.openshift.io/v1` `Image` named `cluster` (one in a valid configuration). */
  readonly images: readonly McoReadObject[];
  /** `config.openshift.io/v1` `Image` objects with another name: the MCO ignores them. */
  readonly otherImages: readonly McoReadObject[];
  readonly idms: readonly McoReadObject[];
  readonly itms: readonly McoReadObject[];
  readonly icsp: readonly McoReadObject[];
  /** How many objects are none of the above (other kinds, other apiVersions, not objects). */
  readonly ignored: number;
}

function nameOf(object: Readonly<Record<string, unknown>>): unknown {
  return isRecord(object.metadata) ? object.metadata.name : undefined;
}

/**
 * Picks what the MCO reads out of a mixed list: the `Image` named `cluster` and every IDMS, ITMS (`config.openshift.io/
 * v1`) and ICSP (`operator.openshift.io/v1alpha1`). The apiVersion must match exactly: the API server serves no other
 * version of these kinds, so an object under another one never reaches the cluster. Never throws.
 */
export function selectMcoObjects(objects: readonly unknown[]): McoObjects {
  const images: McoReadObject[] = [];
  const otherImages: McoReadObject[] = [];
  const byKind: Record<MirrorKind, McoReadObject[]> = { [IDMS_KIND]: [], [ITMS_KIND]: [], [ICSP_KIND]: [] };
  let ignored = 0;
  objects.forEach((object, index) => {
    if (!isRecord(object)) {
      ignored++;
      return;
    }
    if (object.kind === IMAGE_KIND && object.apiVersion === IMAGE_API_VERSION) {
      (nameOf(object) === CLUSTER_SINGLETON_NAME ? images : otherImages).push({ index, object });
      return;
    }
    const info = mirrorKindInfo(object.kind);
    if (info && object.apiVersion === info.apiVersion) {
      byKind[info.kind].push({ index, object });
      return;
    }
    ignored++;
  });
  return { images, otherImages, idms: byKind[IDMS_KIND], itms: byKind[ITMS_KIND], icsp: byKind[ICSP_KIND], ignored };
}
