/**
 * Turning an object read from a cluster (`oc get -o yaml`, an insights archive, a backup) back into a manifest: the
 * fields the API server writes are dropped, and so is every other metadata field a manifest of a cluster-scoped
 * configuration object has no business carrying. Pure functions over plain objects.
 */

/** `metadata` fields the API server sets; a manifest that carries them is a copy of a live object. */
export const SERVER_METADATA_FIELDS: readonly string[] = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/**
 * The annotation `kubectl apply` (client-side) writes: the previous manifest as JSON. Carried into another object or
 * into code it would make the next `kubectl apply` compute its three-way merge against a manifest that is not this
 * one, so it goes with the server fields.
 */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The metadata a manifest of this library's kinds keeps. */
const KEPT_METADATA_FIELDS: readonly string[] = ['name', 'labels', 'annotations'];

/** A field that was not a server field but is not carried over either, with why. */
export interface DroppedField {
  /** Field path, e.g. `metadata.ownerReferences`. */
  readonly path: string;
  /** Why it is not carried over, in a few words. */
  readonly reason: string;
}

/** What {@link toManifest} returns. */
export interface ManifestOf {
  /** The object without server fields: `apiVersion`, `kind`, `metadata` (name, labels, annotations) and the rest. */
  readonly object: Record<string, unknown>;
  /** Other fields left out, each with its reason (the caller reports them). */
  readonly dropped: readonly DroppedField[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function droppedMetadataReason(field: string): string {
  switch (field) {
    case 'namespace':
      return 'the kind is cluster-scoped: the API server ignores a namespace on it';
    case 'ownerReferences':
      return 'owner references name live objects by uid, which only the cluster they were read from has';
    case 'finalizers':
      return 'finalizers belong to the controllers of the cluster they were read from';
    case 'generateName':
      return 'the object is named; a generated name would create a second object';
    default:
      return 'not a field a manifest of this kind carries';
  }
}

/**
 * The manifest of a live or hand-written cluster-scoped object: server fields, `status` and the last-applied
 * annotation dropped without a word (they are the cluster's, not the user's); any other metadata field but `name`,
 * `labels` and `annotations` dropped and listed in {@link ManifestOf.dropped}. Key order: `apiVersion`, `kind`,
 * `metadata`, then the rest as given. The input is not changed.
 */
export function toManifest(object: Record<string, unknown>): ManifestOf {
  const dropped: DroppedField[] = [];
  const metadata: Record<string, unknown> = {};
  const given = isRecord(object.metadata) ? object.metadata : {};
  for (const [field, value] of Object.entries(given)) {
    if (SERVER_METADATA_FIELDS.includes(field)) {
      // The cluster's, not the user's: dropped without a word.
      continue;
    }
    if (KEPT_METADATA_FIELDS.includes(field)) {
      if (value !== null && value !== undefined) {
        metadata[field] = value;
      }
    } else if (value !== null && value !== undefined) {
      dropped.push({ path: `metadata.${field}`, reason: droppedMetadataReason(field) });
    }
  }
  if (isRecord(metadata.annotations) && LAST_APPLIED_ANNOTATION in metadata.annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...rest } = metadata.annotations;
    if (Object.keys(rest).length > 0) {
      metadata.annotations = rest;
    } else {
      delete metadata.annotations;
    }
  }
  // A stable metadata order (name, labels, annotations), whatever the input's.
  const ordered = Object.fromEntries(KEPT_METADATA_FIELDS.filter((field) => field in metadata).map((field) => [field, metadata[field]]));
  const result: Record<string, unknown> = { apiVersion: object.apiVersion, kind: object.kind, metadata: ordered };
  for (const [field, value] of Object.entries(object)) {
    if (field === 'apiVersion' || field === 'kind' || field === 'metadata') {
      continue;
    }
    if (field === 'status') {
      continue;
    }
    result[field] = value;
  }
  return { object: result, dropped };
}
