/** How bad a finding is: an `error` stops synthesis and fails the CLI, a `warning` is reported and can be acknowledged. */
export type Severity = 'error' | 'warning';

/**
 * Who enforces a rule, so a user knows what happens if it is ignored:
 * - `api-server`: the upstream CRD schema or its CEL rules; the cluster rejects the object.
 * - `machine-config-operator`: the MCO fails to render the node files and keeps the previous ones.
 * - `operator`: the image registry operator rejects or misbehaves on the configuration.
 * - `documentation`: the product documentation advises against it; nothing rejects it.
 * - `cluster`: the cluster accepts the object but ignores it (for example a singleton with another name).
 * - `aws`: AWS (S3, IAM, KMS, STS) refuses the resource when Terraform applies it, or the registry's AWS access would
 *   be wider than it needs; reported by the AWS constructs, and by `terraform plan` for values only Terraform knows.
 */
export type RuleSource = 'api-server' | 'machine-config-operator' | 'operator' | 'documentation' | 'cluster' | 'aws';

/** One problem found in one object. */
export interface Finding {
  /** Stable identifier of the rule, e.g. `registry-sources-exclusive`. */
  readonly code: string;
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** The object, as `Kind/name`. */
  readonly object: string;
  /** The field path inside the object, e.g. `spec.registrySources.allowedRegistries[0]`. */
  readonly path: string;
  /** What is wrong, quoting the value received and what is expected. */
  readonly message: string;
  /** What to change. */
  readonly hint: string;
  /** Who enforces the rule. */
  readonly source: RuleSource;
}

/** The outcome of validating a set of objects. */
export interface ValidationReport {
  /** Every finding, errors and warnings, in a deterministic order. */
  readonly findings: Finding[];
  /** The findings of severity `error`. */
  readonly errors: Finding[];
  /** The findings of severity `warning`. */
  readonly warnings: Finding[];
  /** How many objects were of a kind this library checks. */
  readonly checkedObjects: number;
  /** `Kind` (with apiVersion) of every object that was passed over because its kind is not one this library checks. */
  readonly skippedKinds: string[];
}

/** Renders a finding on one line: `error registry-sources-exclusive Image/cluster spec.registrySources: ...`. */
export function formatFinding(finding: Finding): string {
  const where = finding.path ? `${finding.object} ${finding.path}` : finding.object;
  return `${finding.severity} ${finding.code} ${where}: ${finding.message} Fix: ${finding.hint}`;
}

/** At most this many characters of a value reach a message. */
export const MAX_QUOTED_LENGTH = 200;

/** `text`, cut to `max` characters with `...` when longer (for names and keys that reach a message). */
export function clip(text: string, max: number = MAX_QUOTED_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * A message from elsewhere (the Machine Config Operator's, which quotes whole values) made fit for a report: every
 * double-quoted value longer than {@link MAX_QUOTED_LENGTH} is cut, and the whole is at most `max` characters.
 */
export function boundMessage(message: string, max: number = 2000): string {
  const cut = message.length <= MAX_QUOTED_LENGTH ? message
    : message.replace(/"((?:[^"\\\n]|\\.){200,})"/g, (_match, inner: string) => `"${inner.slice(0, MAX_QUOTED_LENGTH - 3)}..."`);
  return clip(cut, max);
}

/**
 * Quotes a value for a message: strings in double quotes, everything else as compact JSON, at most
 * {@link MAX_QUOTED_LENGTH} characters. Never throws, whatever the value (a cycle, a bigint, a throwing getter), and
 * reads no more of a large value than it shows.
 */
export function quote(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  return clip(boundedJson(value, MAX_QUOTED_LENGTH + 1));
}

/** Compact JSON of `value`, stopping once `budget` characters are written (the caller cuts the rest). */
function boundedJson(value: unknown, budget: number): string {
  const out: string[] = [];
  let length = 0;
  const emit = (text: string): void => {
    out.push(text);
    length += text.length;
  };
  const ancestors = new Set<object>();
  const write = (item: unknown, depth: number): void => {
    if (length >= budget) {
      return;
    }
    switch (typeof item) {
      case 'string':
        emit(JSON.stringify(item.length > budget ? item.slice(0, budget) : item));
        return;
      case 'number':
        emit(Number.isFinite(item) ? JSON.stringify(item) : String(item));
        return;
      case 'boolean':
        emit(String(item));
        return;
      case 'bigint':
        emit(`${item.toString()}n`);
        return;
      case 'undefined':
        emit('null');
        return;
      case 'symbol':
        emit(item.toString());
        return;
      case 'function':
        emit('[function]');
        return;
      default:
        break;
    }
    if (item === null) {
      emit('null');
      return;
    }
    const object = item as object;
    if (ancestors.has(object)) {
      emit('[circular]');
      return;
    }
    if (depth > 32) {
      emit(Array.isArray(object) ? '[...]' : '{...}');
      return;
    }
    ancestors.add(object);
    try {
      const toJson = (object as { toJSON?: unknown }).toJSON;
      if (typeof toJson === 'function') {
        write(toJson.call(object), depth + 1);
      } else if (Array.isArray(object)) {
        emit('[');
        for (let index = 0; index < object.length && length < budget; index++) {
          if (index > 0) {
            emit(',');
          }
          const element: unknown = object[index];
          write(typeof element === 'function' || typeof element === 'symbol' ? null : element, depth + 1);
        }
        emit(']');
      } else {
        emit('{');
        let first = true;
        for (const key of Object.keys(object)) {
          if (length >= budget) {
            break;
          }
          const field: unknown = (object as Record<string, unknown>)[key];
          if (field === undefined || typeof field === 'function' || typeof field === 'symbol') {
            continue;
          }
          emit(`${first ? '' : ','}${JSON.stringify(key.length > budget ? key.slice(0, budget) : key)}:`);
          first = false;
          write(field, depth + 1);
        }
        emit('}');
      }
    } catch {
      // A getter or a proxy that throws: say what it is rather than fail the report.
      emit(Array.isArray(object) ? '[a list that cannot be read]' : '{an object that cannot be read}');
    } finally {
      ancestors.delete(object);
    }
  };
  write(value, 0);
  return out.join('');
}
