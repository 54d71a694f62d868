/**
 * `ImageContentSourcePolicy` → `ImageDigestMirrorSet`, as `oc adm migrate icsp` converts them (openshift/oc
 * pkg/cli/admin/migrate/icsp: same metadata, `repositoryDigestMirrors[]` → `imageDigestMirrors[]` with the same
 * sources and mirrors in order, no `mirrorSourcePolicy`), planned in memory and proven with the node-file renderer:
 * the registries.conf the Machine Config Operator writes from the policies and from their replacements is compared
 * byte for byte.
 *
 * Differences from `oc`: any number of policies per file and `List`s are read, one file per policy with a stable name
 * (`imagedigestmirrorset_<name>.yaml`, no random suffix), server fields are dropped (oc copies the whole metadata,
 * `uid` and `resourceVersion` included, which makes the API server refuse the create), and a mirror repeated in one
 * entry is written once (the IDMS `mirrors` list is a set, which the API server enforces; the ICSP's was not).
 */
import { stringify } from 'yaml';
import { CLUSTER_SINGLETON_NAME, IMAGE_API_VERSION, IMAGE_KIND } from '../model/api/image';
import {
  ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ImageContentSourcePolicySpec, imageDigestMirrorsFromIcsp, ITMS_KIND,
  MIRROR_SET_API_VERSION,
} from '../model/api/mirror-sets';
import { isDns1123Subdomain } from '../model/dns';
import { MachineConfigOperatorError } from '../node-files/errors';
import { NodeFilesInput } from '../node-files/input';
import { NodeFile, NodeFilesResult, REGISTRIES_CONF_PATH, renderNodeFiles } from '../node-files/render';
import { quote } from '../validation/finding';
import { toManifest } from './server-fields';

/** One object to consider, with where it was read (`file:line`). */
export interface MigrationInputObject {
  readonly object: unknown;
  readonly where: string;
}

/** Options of {@link planIcspMigration}: the cluster the configuration is for, as `preview` takes them. */
export interface IcspMigrationOptions {
  /** `4.N`. @default '4.19' */
  readonly openshiftVersion?: string;
  /** The cluster's release image, for the MCO's payload check. @default - unknown (the check is skipped) */
  readonly releaseImage?: string;
}

/** One `ImageDigestMirrorSet` file to write. */
export interface MigratedFile {
  /** `imagedigestmirrorset_<name>.yaml`. */
  readonly fileName: string;
  /** The YAML document. */
  readonly content: string;
  /** The IDMS as a plain object (what `content` holds). */
  readonly object: Record<string, unknown>;
  /** `ImageContentSourcePolicy/<name>`. */
  readonly from: string;
  /** Where the policy was read. */
  readonly where: string;
}

/** The node files of one state of the cluster, or the MCO's failure on it. */
export type RenderOutcome =
  | { readonly ok: true; readonly result: NodeFilesResult }
  | { readonly ok: false; readonly message: string };

/** What the MCO renders before, after, while both are applied, and with the policies deleted on their own. */
export interface RenderComparison {
  /** The input as it is (the policies applied). */
  readonly before: RenderOutcome;
  /** The policies replaced by their `ImageDigestMirrorSet`s. */
  readonly after: RenderOutcome;
  /** Both applied at once (the moment between two steps of a rollout that applies them one after the other). */
  readonly during: RenderOutcome;
  /** The policies deleted without their replacements. */
  readonly withoutReplacement: RenderOutcome;
  /** Whether the Image came from the input (otherwise an empty Image was assumed, as every cluster has one). */
  readonly imageGiven: boolean;
  /** Whether `before`, `after` and `during` give the same files (or the same failure), byte for byte. */
  readonly identical: boolean;
  /** Whether deleting the policies alone changes registries.conf. */
  readonly deletionAloneChangesNodes: boolean;
  /** Whether a policy repeats a mirror within one entry (written once in the ImageDigestMirrorSet). */
  readonly repeatedMirrors: boolean;
}

/** The migration, planned in memory: nothing is written yet. */
export interface IcspMigrationPlan {
  readonly files: readonly MigratedFile[];
  readonly comparison: RenderComparison;
  /** Things the user should know: dropped fields, objects passed over. */
  readonly notes: readonly string[];
}

/** Why the input cannot be migrated as given; every problem is listed (the CLI exits with code 2). */
export class MigrationInputError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'MigrationInputError';
    Object.setPrototypeOf(this, MigrationInputError.prototype);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The name of the file an ICSP's replacement is written to. */
export function migratedFileName(name: string): string {
  return `imagedigestmirrorset_${name}.yaml`;
}

/** Problems that stop one policy from being converted; an empty list when it converts. */
function icspProblems(object: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  const ref = `${ICSP_KIND}/${isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '<unnamed>'}`;
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    // The name becomes a file name: only a name the API server accepts is used, so no path can be made of it.
    problems.push(`${where}: ${ref} metadata.name: ${name === undefined ? 'missing' : `${quote(name)} is not`} a valid object name (a lower-case DNS-1123 subdomain); the API server never held this policy. Fix the name.`);
  }
  const spec = object.spec;
  if (spec !== undefined && spec !== null && !isRecord(spec)) {
    problems.push(`${where}: ${ref} spec: ${quote(spec)} is not a mapping. Give \`spec.repositoryDigestMirrors\` as a list of {source, mirrors}.`);
    return problems;
  }
  const list = isRecord(spec) ? spec.repositoryDigestMirrors : undefined;
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    problems.push(`${where}: ${ref} spec.repositoryDigestMirrors: ${quote(list)} is not a list. Give a list of {source, mirrors}.`);
    return problems;
  }
  (Array.isArray(list) ? list : []).forEach((entry, index) => {
    const path = `spec.repositoryDigestMirrors[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${where}: ${ref} ${path}: ${quote(entry)} is not a mapping. Give {source, mirrors}.`);
      return;
    }
    if (typeof entry.source !== 'string') {
      problems.push(`${where}: ${ref} ${path}.source: ${entry.source === undefined ? 'missing' : `${quote(entry.source)} is not a string`}; every entry needs the repository it mirrors.`);
    }
    const mirrors = entry.mirrors;
    if (mirrors !== undefined && mirrors !== null && !(Array.isArray(mirrors) && mirrors.every((mirror) => typeof mirror === 'string'))) {
      problems.push(`${where}: ${ref} ${path}.mirrors: ${quote(mirrors)} is not a list of strings. Give the mirror locations, e.g. ["mirror.example.com/ocp"].`);
    }
  });
  return problems;
}

/** The `ImageDigestMirrorSet` of one policy (already checked by {@link icspProblems}). */
export function imageDigestMirrorSetOf(icsp: Record<string, unknown>): { object: Record<string, unknown>; notes: string[] } {
  const manifest = toManifest(icsp);
  const notes = manifest.dropped.map((field) => `${field.path} not carried over: ${field.reason}`);
  const spec = isRecord(icsp.spec) ? icsp.spec : {};
  for (const field of Object.keys(spec)) {
    if (field !== 'repositoryDigestMirrors') {
      notes.push(`spec.${field} not carried over: an ImageContentSourcePolicy has no such field, and an ImageDigestMirrorSet neither`);
    }
  }
  const entries = Array.isArray(spec.repositoryDigestMirrors) ? (spec.repositoryDigestMirrors as Record<string, unknown>[]) : [];
  entries.forEach((entry, index) => {
    const mirrors = Array.isArray(entry.mirrors) ? (entry.mirrors as string[]) : [];
    if (new Set(mirrors).size !== mirrors.length) {
      notes.push(`spec.repositoryDigestMirrors[${index}].mirrors repeats a mirror: written once (an ImageDigestMirrorSet's mirrors are a set, the API server refuses a repeated one)`);
    }
  });
  const converted = imageDigestMirrorsFromIcsp({
    repositoryDigestMirrors: entries.map((entry) => ({
      source: entry.source as string,
      ...(Array.isArray(entry.mirrors) ? { mirrors: entry.mirrors as string[] } : {}),
    })),
  } as ImageContentSourcePolicySpec);
  const metadata = manifest.object.metadata as Record<string, unknown>;
  const object: Record<string, unknown> = {
    apiVersion: MIRROR_SET_API_VERSION,
    kind: IDMS_KIND,
    metadata,
    spec: {
      imageDigestMirrors: (converted.imageDigestMirrors ?? []).map((entry) => ({
        source: entry.source,
        ...(entry.mirrors !== undefined && entry.mirrors.length > 0 ? { mirrors: entry.mirrors } : {}),
      })),
    },
  };
  return { object, notes };
}

function hasRepeatedMirror(icsp: Record<string, unknown>): boolean {
  const entries = isRecord(icsp.spec) && Array.isArray(icsp.spec.repositoryDigestMirrors) ? icsp.spec.repositoryDigestMirrors : [];
  return entries.some((entry) => isRecord(entry) && Array.isArray(entry.mirrors) && new Set(entry.mirrors).size !== entry.mirrors.length);
}

function nameOf(object: Record<string, unknown>): string {
  return isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
}

function render(input: NodeFilesInput): RenderOutcome {
  try {
    return { ok: true, result: renderNodeFiles({ ...input, assumeEmptyImage: true }) };
  } catch (error) {
    if (error instanceof MachineConfigOperatorError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

function sameFiles(a: readonly NodeFile[], b: readonly NodeFile[]): boolean {
  return a.length === b.length && a.every((file, index) => file.path === b[index].path && file.content === b[index].content);
}

function sameOutcome(a: RenderOutcome, b: RenderOutcome): boolean {
  if (a.ok && b.ok) {
    return sameFiles(a.result.files, b.result.files);
  }
  return !a.ok && !b.ok && a.message === b.message;
}

function registriesConfOf(outcome: RenderOutcome): string | undefined {
  return outcome.ok ? outcome.result.files.find((file) => file.path === REGISTRIES_CONF_PATH)?.content : undefined;
}

/**
 * Plans the migration of every `ImageContentSourcePolicy` among `inputs`. The cluster `Image` and the mirror sets of
 * the input take part in the rendering (they stay as they are); other objects are passed over with a note.
 * @throws MigrationInputError when no policy is given, a policy cannot be converted, or two outputs would collide
 * @throws OpenShiftVersionError for an unsupported `openshiftVersion`
 */
export function planIcspMigration(inputs: readonly MigrationInputObject[], options: IcspMigrationOptions = {}): IcspMigrationPlan {
  const problems: string[] = [];
  const notes: string[] = [];
  const policies: MigrationInputObject[] = [];
  const digestSets: MigrationInputObject[] = [];
  const tagSets: MigrationInputObject[] = [];
  const images: MigrationInputObject[] = [];
  const passedOver = new Map<string, number>();
  for (const input of inputs) {
    const object = input.object;
    if (!isRecord(object)) {
      continue;
    }
    if (object.kind === ICSP_KIND && object.apiVersion === ICSP_API_VERSION) {
      policies.push(input);
    } else if (object.kind === ICSP_KIND) {
      notes.push(`${input.where}: ${ICSP_KIND}/${nameOf(object)} passed over: its apiVersion is ${quote(object.apiVersion)}, but the API serves the kind only as ${ICSP_API_VERSION}, so no cluster ever read it`);
    } else if (object.kind === IDMS_KIND && object.apiVersion === MIRROR_SET_API_VERSION) {
      digestSets.push(input);
    } else if (object.kind === ITMS_KIND && object.apiVersion === MIRROR_SET_API_VERSION) {
      tagSets.push(input);
    } else if (object.kind === IMAGE_KIND && object.apiVersion === IMAGE_API_VERSION && nameOf(object) === CLUSTER_SINGLETON_NAME) {
      images.push(input);
    } else {
      const key = `${String(object.apiVersion)}/${String(object.kind)}`;
      passedOver.set(key, (passedOver.get(key) ?? 0) + 1);
    }
  }
  if (policies.length === 0) {
    throw new MigrationInputError([`no ${ICSP_KIND} (${ICSP_API_VERSION}) in the input: nothing to migrate`]);
  }
  if (images.length > 1) {
    problems.push(`${images.length} Image objects named cluster (${images.map((image) => image.where).join(', ')}): a cluster holds one; give one so registries.conf can be rendered`);
  }
  const existingDigestSets = new Map<string, string>();
  for (const set of digestSets) {
    existingDigestSets.set(nameOf(set.object as Record<string, unknown>), set.where);
  }
  const files: MigratedFile[] = [];
  const written = new Map<string, string>();
  for (const policy of policies) {
    const object = policy.object as Record<string, unknown>;
    const own = icspProblems(object, policy.where);
    if (own.length > 0) {
      problems.push(...own);
      continue;
    }
    const name = nameOf(object);
    if (written.has(name)) {
      problems.push(`${policy.where}: ${ICSP_KIND}/${name} is also at ${written.get(name)}: both would be written to ${migratedFileName(name)}, and a cluster holds one object per name. Migrate each cluster's policies in a run of their own.`);
      continue;
    }
    if (existingDigestSets.has(name)) {
      problems.push(`${policy.where}: ${ICSP_KIND}/${name}: the input already has an ${IDMS_KIND} named ${quote(name)} (${existingDigestSets.get(name)}); the migrated one would replace it on the cluster. Rename one of them.`);
      continue;
    }
    written.set(name, policy.where);
    const { object: idms, notes: ownNotes } = imageDigestMirrorSetOf(object);
    notes.push(...ownNotes.map((note) => `${policy.where}: ${ICSP_KIND}/${name}: ${note}`));
    files.push({
      fileName: migratedFileName(name),
      content: stringify(idms, { lineWidth: 0, indentSeq: false }),
      object: idms,
      from: `${ICSP_KIND}/${name}`,
      where: policy.where,
    });
  }
  if (problems.length > 0) {
    throw new MigrationInputError(problems);
  }
  for (const [kind, count] of passedOver) {
    notes.push(`${count} object(s) of ${kind} passed over (only ${ICSP_KIND} is migrated; the Image and the mirror sets are read for the comparison)`);
  }
  files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));

  const common: NodeFilesInput = {
    ...(images.length === 1 ? { imageConfig: images[0].object as NodeFilesInput['imageConfig'] } : {}),
    itms: tagSets.map((set) => set.object as Record<string, unknown>),
    ...(options.openshiftVersion !== undefined ? { openshiftVersion: options.openshiftVersion } : {}),
    ...(options.releaseImage !== undefined ? { releaseImage: options.releaseImage } : {}),
  };
  const existing = digestSets.map((set) => set.object as Record<string, unknown>);
  const icsp = policies.map((policy) => policy.object as Record<string, unknown>);
  const replacements = files.map((file) => file.object);
  const before = render({ ...common, idms: existing, icsp });
  const after = render({ ...common, idms: [...existing, ...replacements], icsp: [] });
  const during = render({ ...common, idms: [...existing, ...replacements], icsp });
  const withoutReplacement = render({ ...common, idms: existing, icsp: [] });
  const comparison: RenderComparison = {
    before,
    after,
    during,
    withoutReplacement,
    imageGiven: images.length === 1,
    identical: sameOutcome(before, after) && sameOutcome(before, during),
    deletionAloneChangesNodes: registriesConfOf(before) !== registriesConfOf(withoutReplacement),
    repeatedMirrors: icsp.some(hasRepeatedMirror),
  };
  return { files, comparison, notes };
}
