/**
 * Picking the objects the MCO reads out of a mixed list of Kubernetes objects (YAML documents, synthesized charts):
 * the `Image` named `cluster` and every `ImageDigestMirrorSet`, `ImageTagMirrorSet` (`config.openshift.io`) and
 * `ImageContentSourcePolicy` (`operator.openshift.io`). Everything else is passed over.
 */
import { IMAGE_KIND, CLUSTER_SINGLETON_NAME } from '../model/api/image';
import { ICSP_KIND, IDMS_KIND, ITMS_KIND } from '../model/api/mirror-sets';
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
  /** Objects of the four kinds that were used, by kind. */
  readonly counts: Readonly<Record<'Image' | 'ImageDigestMirrorSet' | 'ImageTagMirrorSet' | 'ImageContentSourcePolicy', number>>;
  /** Positions of `Image` objects with another name (the MCO reads only `cluster`). */
  readonly otherImages: readonly number[];
  /** Number of objects of other kinds (or not objects at all). */
  readonly ignored: number;
  /** Problems that make the input ambiguous (several `Image` objects named `cluster`). */
  readonly problems: readonly CollectProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API group of an `apiVersion` (`config.openshift.io/v1` → `config.openshift.io`). */
function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

type CollectedKind = keyof CollectedObjects['counts'];

function kindOf(object: Record<string, unknown>): CollectedKind | undefined {
  const group = groupOf(object.apiVersion);
  switch (object.kind) {
    case IMAGE_KIND:
    case IDMS_KIND:
    case ITMS_KIND:
      return group === 'config.openshift.io' ? (object.kind as CollectedKind) : undefined;
    case ICSP_KIND:
      return group === 'operator.openshift.io' ? ICSP_KIND : undefined;
    default:
      return undefined;
  }
}

function nameOf(object: Record<string, unknown>): unknown {
  return isRecord(object.metadata) ? object.metadata.name : undefined;
}

/** Sorts `objects` into the renderer's input. Never throws. */
export function collectNodeFilesInput(objects: readonly unknown[]): CollectedObjects {
  const images: number[] = [];
  const otherImages: number[] = [];
  const idms: Record<string, unknown>[] = [];
  const itms: Record<string, unknown>[] = [];
  const icsp: Record<string, unknown>[] = [];
  let ignored = 0;
  objects.forEach((object, index) => {
    const kind = isRecord(object) ? kindOf(object) : undefined;
    if (!kind || !isRecord(object)) {
      ignored++;
      return;
    }
    if (kind === IMAGE_KIND) {
      (nameOf(object) === CLUSTER_SINGLETON_NAME ? images : otherImages).push(index);
    } else {
      ({ ImageDigestMirrorSet: idms, ImageTagMirrorSet: itms, ImageContentSourcePolicy: icsp } as const)[kind].push(object);
    }
  });
  const problems: CollectProblem[] =
    images.length > 1
      ? [{ indexes: images, message: `${images.length} Image objects are named "cluster"; the cluster holds exactly one, so the preview cannot tell which applies` }]
      : [];
  return {
    input: {
      ...(images.length > 0 ? { imageConfig: objects[images[0]] as NodeFilesInput['imageConfig'] } : {}),
      idms,
      itms,
      icsp,
    },
    ...(images.length > 0 ? { imageIndex: images[0] } : {}),
    counts: {
      Image: Math.min(images.length, 1),
      ImageDigestMirrorSet: idms.length,
      ImageTagMirrorSet: itms.length,
      ImageContentSourcePolicy: icsp.length,
    },
    otherImages,
    ignored,
    problems,
  };
}
