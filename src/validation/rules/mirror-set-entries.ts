/**
 * The walk over mirror-set entries that several cross-object rules share. No rule is registered here, so importing
 * it does not change the order in which rule modules register (and findings are reported).
 */
import { ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION, MirrorSourcePolicy } from '../../model/api/mirror-sets';
import { CheckedObject } from '../engine';
import { indexPath } from '../schema';

/** One entry of a mirror set (IDMS, ITMS or ICSP), with where it is declared and its effective source policy. */
export interface MirrorSetEntry {
  readonly subject: CheckedObject;
  /** e.g. `spec.imageDigestMirrors[0]`. */
  readonly path: string;
  /** The `source`, when it is a string. */
  readonly source: string | undefined;
  /** `mirrorSourcePolicy`, with unset (and ICSP) counting as `AllowContactingSource`, as the operator counts it. */
  readonly policy: string;
  /** The entry's `mirrors`, as given (not checked to be a list). */
  readonly mirrors: unknown;
}

/** Where each mirror kind keeps its entries. */
const MIRROR_LISTS: Readonly<Record<string, readonly [apiVersion: string, field: string]>> = {
  [IDMS_KIND]: [MIRROR_SET_API_VERSION, 'imageDigestMirrors'],
  [ITMS_KIND]: [MIRROR_SET_API_VERSION, 'imageTagMirrors'],
  [ICSP_KIND]: [ICSP_API_VERSION, 'repositoryDigestMirrors'],
};

/** Every entry of every mirror set among `objects`, in input order: the one walk the cross-object rules share. */
export function mirrorSetEntries(objects: readonly CheckedObject[]): MirrorSetEntry[] {
  const entries: MirrorSetEntry[] = [];
  for (const subject of objects) {
    const list = MIRROR_LISTS[subject.kind];
    if (!subject.known || !list || subject.apiVersion !== list[0] || !Array.isArray(subject.spec[list[1]])) {
      continue;
    }
    (subject.spec[list[1]] as unknown[]).forEach((raw, index) => {
      const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const policy = typeof entry.mirrorSourcePolicy === 'string' && entry.mirrorSourcePolicy !== '' ? entry.mirrorSourcePolicy : MirrorSourcePolicy.ALLOW_CONTACTING_SOURCE;
      const source = typeof entry.source === 'string' ? entry.source : undefined;
      entries.push({ subject, path: indexPath(`spec.${list[1]}`, index), source, policy, mirrors: entry.mirrors });
    });
  }
  return entries;
}

