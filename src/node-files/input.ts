/**
 * The renderer's input: the plain spec shapes of the cluster `Image` and of the mirror kinds (see `model/api`), as
 * they come from YAML or from constructs. Either a whole object (with `spec`) or its `spec` is accepted. Absent and
 * `null` lists are Go's nil; an explicit `[]` is a non-nil empty list, which the MCO treats differently.
 */
import { ImageSpec, RegistrySources } from '../model/api/image';
import {
  ICSP_KIND,
  IDMS_KIND,
  ImageContentSourcePolicySpec,
  ImageDigestMirrorSetSpec,
  ImageTagMirrorSetSpec,
  ITMS_KIND,
} from '../model/api/mirror-sets';
import { MirrorKind, mirrorEntriesOf, MirrorEntryRef, MIRROR_KINDS } from '../model/mirror-rules';
import { MirrorRule } from './mirror-sets';

/** A whole object of a kind (only its `spec` is read), or the `spec` itself. */
export type SpecOrObject<S> = S | { readonly spec?: S | null };

/** Everything the MCO reads to render the node files. */
export interface NodeFilesInput {
  /**
   * The `Image` named `cluster` (or its spec).
   * @default - no Image: the MCO's controller writes no MachineConfig at all (at bootstrap, only the mirrors render)
   */
  readonly imageConfig?: SpecOrObject<ImageSpec> | null;
  /** `ImageDigestMirrorSet` objects or specs. @default - none */
  readonly idms?: readonly SpecOrObject<ImageDigestMirrorSetSpec>[] | null;
  /** `ImageTagMirrorSet` objects or specs. @default - none */
  readonly itms?: readonly SpecOrObject<ImageTagMirrorSetSpec>[] | null;
  /** `ImageContentSourcePolicy` objects or specs. @default - none */
  readonly icsp?: readonly SpecOrObject<ImageContentSourcePolicySpec>[] | null;
  /**
   * The release image the cluster runs (`ClusterVersion` `status.desired.image`), needed to tell whether a blocked
   * registry would block the payload.
   * @default - unknown: the payload pre-processing is skipped and every blocked registry is kept (noted in the result)
   */
  readonly releaseImage?: string | null;
  /**
   * OpenShift release whose file format to produce, `4.N`.
   * @default '4.19' (current format)
   */
  readonly openshiftVersion?: string;
  /**
   * Render as the bootstrap (installation) path does rather than the running controller.
   * @default false
   */
  readonly bootstrap?: boolean;
  /**
   * Take an absent `imageConfig` as the cluster's `Image` with an empty spec: every cluster has `Image/cluster` (its
   * operator creates it), so input that leaves it out means "unchanged", not "none". Noted in the result.
   * @default false (an absent Image means none: the controller writes no MachineConfig)
   */
  readonly assumeEmptyImage?: boolean;
}

/** Plain-object check that never throws on odd input. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The spec of an object or the spec itself; `undefined` for anything that is neither. */
export function specOf<S>(value: SpecOrObject<S> | null | undefined): S | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  if ('spec' in value || 'kind' in value || 'apiVersion' in value) {
    const spec = value.spec;
    return (isRecord(spec) ? spec : {}) as S;
  }
  return value as S;
}

/**
 * A non-string value as text for the renderer (the API server refuses such objects, and the rule engine reports them;
 * the renderer must still not fail on them). `String()` is not safe on user data: a mapping with a `toString` key,
 * or an object without a prototype, makes it throw.
 */
function textOf(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value !== 'object' && typeof value !== 'function') {
    return String(value);
  }
  try {
    return String(value);
  } catch {
    return Array.isArray(value) ? '[list]' : '[object]';
  }
}

/** A string list as Go would decode it: `null` for absent or null, strings kept, other items stringified. */
export function stringListOrNil(value: unknown): string[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  if (value.every((item) => typeof item === 'string')) {
    return value as string[];
  }
  return value.map((item) => (typeof item === 'string' ? item : textOf(item)));
}

function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : textOf(value);
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An entry as the MCO decodes it: strings as they are, nil for absent lists, no policy on ICSP entries. */
function ruleOf(entry: MirrorEntryRef, objectPosition: number): MirrorRule {
  return {
    source: stringOrEmpty(entry.raw.source),
    mirrors: stringListOrNil(entry.raw.mirrors),
    mirrorSourcePolicy: MIRROR_KINDS[entry.kind].hasSourcePolicy ? stringOrEmpty(entry.raw.mirrorSourcePolicy) : '',
    origin: { kind: entry.kind, objectPosition, entryIndex: entry.entryIndex },
  };
}

/** The rules of every object of one mirror kind, objects in order, entries in order. */
function rulesOf(kind: MirrorKind, specs: readonly unknown[]): MirrorRule[] {
  return specs.flatMap((spec, objectPosition) => mirrorEntriesOf(kind, spec).map((entry) => ruleOf(entry, objectPosition)));
}

/** The input, normalized to what the algorithm needs. */
export interface NormalizedInput {
  /** `undefined` when there is no Image object. */
  readonly registrySources?: {
    readonly insecure: string[] | null;
    readonly blocked: string[] | null;
    readonly allowed: string[] | null;
    readonly search: string[] | null;
  };
  /** IDMS rules (objects in order, entries in order), then ICSP rules (no source policy). */
  readonly digestRules: MirrorRule[];
  /** ITMS rules. */
  readonly tagRules: MirrorRule[];
  /** Number of IDMS, ITMS and ICSP objects: any object, even an empty one, makes the MCO re-render registries.conf. */
  readonly mirrorObjectCount: number;
}

/** Normalizes the mirror-set lists and the Image's registry sources. */
export function normalizeInput(input: NodeFilesInput): NormalizedInput {
  const idms = arrayOf(input.idms).map((item) => specOf<ImageDigestMirrorSetSpec>(item as ImageDigestMirrorSetSpec) ?? {});
  const itms = arrayOf(input.itms).map((item) => specOf<ImageTagMirrorSetSpec>(item as ImageTagMirrorSetSpec) ?? {});
  const icsp = arrayOf(input.icsp).map((item) => specOf<ImageContentSourcePolicySpec>(item as ImageContentSourcePolicySpec) ?? {});
  const digestRules = [...rulesOf(IDMS_KIND, idms), ...rulesOf(ICSP_KIND, icsp)];
  const tagRules = rulesOf(ITMS_KIND, itms);
  const imageSpec = input.imageConfig === undefined || input.imageConfig === null ? undefined : specOf<ImageSpec>(input.imageConfig);
  let registrySources: NormalizedInput['registrySources'];
  if (imageSpec !== undefined) {
    const sources: Partial<Record<keyof RegistrySources, unknown>> = isRecord(imageSpec.registrySources) ? imageSpec.registrySources : {};
    registrySources = {
      insecure: stringListOrNil(sources.insecureRegistries),
      blocked: stringListOrNil(sources.blockedRegistries),
      allowed: stringListOrNil(sources.allowedRegistries),
      search: stringListOrNil(sources.containerRuntimeSearchRegistries),
    };
  }
  return {
    ...(registrySources ? { registrySources } : {}),
    digestRules,
    tagRules,
    mirrorObjectCount: idms.length + itms.length + icsp.length,
  };
}
