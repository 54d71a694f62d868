/**
 * A baseline for the construct-side impact: the objects of a previous synth (`dist/*.k8s.yaml`) or of an
 * `oc get ... -o yaml` dump, read from a file or a directory (recursively: `*.yaml`, `*.yml`, `*.json`, in path
 * order). `kind: List` documents are expanded into their items; documents without a `kind` are passed over.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** A baseline that cannot be read: a missing path, YAML that does not parse. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

const EXTENSIONS = ['.yaml', '.yml', '.json'];

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        found.push(...filesUnder(child));
      }
    } else if (entry.isFile() && EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
      found.push(child);
    }
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Kubernetes objects of one YAML or JSON text (`List` items expanded). */
export function objectsOfText(text: string, name: string): unknown[] {
  const objects: unknown[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new BaselineError(`${name}: the YAML does not parse: ${document.errors[0].message.split('\n')[0]}`);
    }
    const value: unknown = document.toJS({ maxAliasCount: 1000 });
    if (!isRecord(value) || typeof value.kind !== 'string') {
      continue;
    }
    if (/List$/.test(value.kind) && Array.isArray(value.items)) {
      objects.push(...value.items);
    } else {
      objects.push(value);
    }
  }
  return objects;
}

/**
 * Reads the baseline's objects.
 * @throws BaselineError when the path does not exist or a file does not parse
 */
export function loadBaseline(location: string): unknown[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(location);
  } catch {
    throw new BaselineError(`${location}: no such file or directory (the baseline is a folder of the previous synth's YAML, or an \`oc get -o yaml\` dump)`);
  }
  const files = stat.isDirectory() ? filesUnder(location) : [location];
  return files.flatMap((file) => objectsOfText(fs.readFileSync(file, 'utf8'), file));
}
