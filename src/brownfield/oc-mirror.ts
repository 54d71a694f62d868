/**
 * oc-mirror v2 output (`working-dir/cluster-resources/`), as openshift/oc-mirror
 * internal/pkg/clusterresources/clusterresources.go writes it: `idms-oc-mirror.yaml` and `itms-oc-mirror.yaml` hold
 * the mirror sets (objects `idms-release-0`, `idms-operator-0`, `idms-generic-0`, `itms-...`); `cs-*.yaml` are
 * CatalogSources, `cc-*.yaml` ClusterCatalogs, `updateService.yaml` an UpdateService and `signature-configmap.json` /
 * `.yaml` the release signatures. Every object carries the annotations `createdBy: oc-mirror v2`, `createdAt` (the
 * time of the run) and `oc-mirror_version`, and the entries of a set follow Go's map iteration, so two runs over the
 * same mirror differ in both. Normalized here: the annotations dropped, the entries sorted.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The files of the mirror sets. */
export const OC_MIRROR_MIRROR_SET_FILES: readonly string[] = ['idms-oc-mirror.yaml', 'itms-oc-mirror.yaml'];

/** The annotations oc-mirror v2 puts on every object it writes. */
export const OC_MIRROR_ANNOTATIONS: readonly string[] = ['createdBy', 'createdAt', 'oc-mirror_version'];

/** The value of `createdBy` on objects of oc-mirror v2. */
export const OC_MIRROR_CREATED_BY = 'oc-mirror v2';

/** A file of a cluster-resources folder that is not read, with what it holds. */
export interface NotHandledFile {
  readonly file: string;
  readonly holds: string;
}

/** The mirror-set files of a cluster-resources folder to read, and the other files. */
export interface ClusterResourcesFolder {
  readonly read: readonly string[];
  readonly notHandled: readonly NotHandledFile[];
}

/** Whether `dir` is oc-mirror's cluster-resources folder: it holds one of the mirror-set files at its top. */
export function isClusterResourcesFolder(dir: string): boolean {
  return OC_MIRROR_MIRROR_SET_FILES.some((name) => {
    try {
      return fs.statSync(path.join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}

/** What a file of the folder holds, from oc-mirror's naming. */
function describeFile(name: string): string {
  if (/^cs-.*\.ya?ml$/.test(name)) {
    return 'a CatalogSource (operator catalog for OLM v0)';
  }
  if (/^cc-.*\.ya?ml$/.test(name)) {
    return 'a ClusterCatalog (operator catalog for OLM v1)';
  }
  if (name === 'updateService.yaml') {
    return 'an UpdateService (the OpenShift Update Service graph)';
  }
  if (/^signature-configmap\.(json|ya?ml)$/.test(name)) {
    return 'the release signatures ConfigMap (openshift-config-managed)';
  }
  return 'a file oc-mirror does not document';
}

/** The files of a cluster-resources folder: the mirror sets to read, the rest listed as not handled (sorted). */
export function clusterResourcesFiles(dir: string): ClusterResourcesFolder {
  const names = fs.readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    read: names.filter((name) => OC_MIRROR_MIRROR_SET_FILES.includes(name)).map((name) => path.join(dir, name)),
    notHandled: names.filter((name) => !OC_MIRROR_MIRROR_SET_FILES.includes(name)).map((name) => ({ file: path.join(dir, name), holds: describeFile(name) })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an object was written by oc-mirror v2 (its `createdBy` annotation), or read from one of its files. */
export function isOcMirrorObject(object: unknown, file?: string): boolean {
  if (file !== undefined && OC_MIRROR_MIRROR_SET_FILES.includes(path.basename(file))) {
    return true;
  }
  const annotations = isRecord(object) && isRecord(object.metadata) ? object.metadata.annotations : undefined;
  return isRecord(annotations) && annotations.createdBy === OC_MIRROR_CREATED_BY;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sort key of a mirror entry: its source, then its mirrors (their order kept: it is the order of use). */
function entryKey(entry: unknown): string {
  if (!isRecord(entry)) {
    return '';
  }
  const mirrors = Array.isArray(entry.mirrors) ? entry.mirrors.map(String).join('\u0000') : '';
  return `${typeof entry.source === 'string' ? entry.source : ''}\u0001${mirrors}`;
}

/**
 * An object of oc-mirror v2 without its annotations and with the entries of its mirror list sorted by source (the
 * mirrors of an entry keep their order). The input is not changed.
 */
export function normalizeOcMirrorObject(object: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...object };
  if (isRecord(object.metadata)) {
    const metadata = { ...object.metadata };
    if (isRecord(metadata.annotations)) {
      const annotations = Object.fromEntries(Object.entries(metadata.annotations).filter(([key]) => !OC_MIRROR_ANNOTATIONS.includes(key)));
      if (Object.keys(annotations).length > 0) {
        metadata.annotations = annotations;
      } else {
        delete metadata.annotations;
      }
    }
    result.metadata = metadata;
  }
  if (isRecord(object.spec)) {
    const spec = { ...object.spec };
    for (const field of ['imageDigestMirrors', 'imageTagMirrors']) {
      const list = spec[field];
      if (Array.isArray(list)) {
        spec[field] = [...list].sort((a, b) => compare(entryKey(a), entryKey(b)));
      }
    }
    result.spec = spec;
  }
  return result;
}
