/**
 * Picking the objects the MCO reads out of a mixed list of Kubernetes objects (YAML documents, synthesized charts),
 * with the selection the rule engine uses too (`model/mirror-rules.ts`): the `Image` named `cluster` and every
 * `ImageDigestMirrorSet`, `ImageTagMirrorSet` (`config.openshift.io/v1`) and `ImageContentSourcePolicy`
 * (`operator.openshift.io/v1alpha1`). Everything else is passed over.
 */
import { ICSP_KIND, IDMS_KIND, ITMS_KIND } from '../model/api/mirror-sets';
import { McoReadObject, selectMcoObjects } from '../model/mirror-rules';
import { NodeFilesInput } from './input';

/** Why a set of objects cannot be previewed as given. */
export interface CollectProblem {
  /** Positions (in the list given) of the objects involved. */
  readonly indexes: readonly number[];
  readonly message: string;
}

/** The renderer input found in the objects, and what was passed over. */
export interface CollectedObjects {
  /** `imageConfig`, `idms`, `itms`, `icsp`; the caller adds the release image and version. */
  readonly input: Pick<NodeFilesInput, 'imageConfig' | 'idms' | 'itms' | 'icsp'>;
  /** Position of the `Image` named `cluster`, when there is one. */
  readonly imageIndex?: number;
  /**
   * Positions (in the list given) of the objects behind `input.idms`, `input.itms` and `input.icsp`, in the same
   * order, so a problem the renderer reports on a mirror rule can be traced back to its object.
   */
  readonly positions: Readonly<Record<'ImageDigestMirrorSet' | 'ImageTagMirrorSet' | 'ImageContentSourcePolicy', readonly number[]>>;
  /** Objects of the four kinds that were used, by kind. */
  readonly counts: Readonly<Record<'Image' | 'ImageDigestMirrorSet' | 'ImageTagMirrorSet' | 'ImageContentSourcePolicy', number>>;
  /** Positions of `Image` objects with another name (the MCO reads only `cluster`). */
  readonly otherImages: readonly number[];
  /** Number of objects of other kinds (or not objects at all). */
  readonly ignored: number;
  /** Problems that make the input ambiguous: the same object (kind and name) given more than once. */
  readonly problems: readonly CollectProblem[];
}

function nameOf(read: McoReadObject): string {
  const metadata = read.object.metadata as { name?: unknown } | undefined;
  return typeof metadata?.name === 'string' ? metadata.name : '';
}

/** Objects of one kind that share a name: the cluster holds one object per name, so which one applies is unknown. */
function duplicates(kind: string, reads: readonly McoReadObject[]): CollectProblem[] {
  const byName = new Map<string, number[]>();
  for (const read of reads) {
    const list = byName.get(nameOf(read)) ?? [];
    list.push(read.index);
    byName.set(nameOf(read), list);
  }
  return [...byName]
    .filter(([, indexes]) => indexes.length > 1)
    .map(([name, indexes]) => ({
      indexes,
      message: `${indexes.length} ${kind} objects are named ${JSON.stringify(name)}; the cluster holds exactly one, so the preview cannot tell which applies`,
    }));
}

/** Sorts `objects` into the renderer's input. Never throws. */
export function collectNodeFilesInput(objects: readonly unknown[]): CollectedObjects {
  const selected = selectMcoObjects(objects);
  const image = selected.images[0];
  const problems = [
    ...duplicates('Image', selected.images),
    ...duplicates(IDMS_KIND, selected.idms),
    ...duplicates(ITMS_KIND, selected.itms),
    ...duplicates(ICSP_KIND, selected.icsp),
  ];
  const objectsOf = (reads: readonly McoReadObject[]) => reads.map((read) => read.object);
  const indexesOf = (reads: readonly McoReadObject[]) => reads.map((read) => read.index);
  return {
    input: {
      ...(image ? { imageConfig: image.object as NodeFilesInput['imageConfig'] } : {}),
      idms: objectsOf(selected.idms),
      itms: objectsOf(selected.itms),
      icsp: objectsOf(selected.icsp),
    },
    ...(image ? { imageIndex: image.index } : {}),
    positions: {
      ImageDigestMirrorSet: indexesOf(selected.idms),
      ImageTagMirrorSet: indexesOf(selected.itms),
      ImageContentSourcePolicy: indexesOf(selected.icsp),
    },
    counts: {
      Image: Math.min(selected.images.length, 1),
      ImageDigestMirrorSet: selected.idms.length,
      ImageTagMirrorSet: selected.itms.length,
      ImageContentSourcePolicy: selected.icsp.length,
    },
    otherImages: indexesOf(selected.otherImages),
    ignored: selected.ignored,
    problems,
  };
}
