/**
 * Props as they really arrive: JavaScript callers, `as any` and objects loaded from YAML give any value to any prop.
 * The constructs copy props into the plain spec with the helpers here, assuming no shape: a wrong JSON type is kept as
 * it is, so the rule engine's schema walk reports it with its field path (`spec.imageDigestMirrors` is an integer;
 * expected a list); what a Kubernetes object cannot hold at all (a bigint, a function, a symbol, NaN, a cycle, an
 * instance of a class other than a cdk8s `Lazy`) is reported here and left out. Nothing is coerced: `registrySources: 42` is reported, never
 * turned into `{}`. Internal: not exported from the package.
 */
import { Lazy } from 'cdk8s';
import { Finding, quote } from '../../validation/finding';
import { fieldPath, indexPath, ownValue, SchemaRules } from '../../validation/schema';

/** Problems found while copying props; the construct throws them with the rule engine's findings. */
export class PropIssues {
  private readonly list: Array<{ readonly path: string; readonly message: string; readonly hint: string }> = [];

  /** @param objectRef `Kind/name` of the object, asked when the findings are read (the name may not exist yet when reporting) */
  constructor(private readonly objectRef: () => string) {}

  /** Reports a prop (or a part of one) that cannot be used, at its field path (or prop name). */
  public report(path: string, message: string, hint: string = 'Give plain data: strings, numbers, booleans, lists and objects, as in YAML.'): void {
    this.list.push({ path, message, hint });
  }

  /** The problems so far. */
  public get findings(): readonly Finding[] {
    if (this.list.length === 0) {
      return [];
    }
    const object = this.objectRef();
    return this.list.map(({ path, message, hint }) => SchemaRules.type.finding(object, path, message, hint));
  }
}

/** Keys cdk8s cannot write (see {@link plainCopy}). */
const UNWRITABLE_KEYS = new Set(['constructor', '__proto__']);

/** A plain object, as YAML and JSON make them (its prototype is `Object.prototype`, or none). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What a value is, for a message: `a bigint (5n)`, `a Date object`, `a function`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return `a bigint (${quote(value)})`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'number':
      return Number.isFinite(value) ? (Number.isInteger(value) ? `an integer (${quote(value)})` : `a number (${quote(value)})`) : `${String(value)}, not a finite number`;
    case 'string':
      return `a string (${quote(value)})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'undefined':
      return 'undefined';
    default:
      break;
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `a list (${quote(value)})`;
  }
  if (isPlainRecord(value)) {
    return `an object (${quote(value)})`;
  }
  const name = (() => {
    try {
      const constructor = (value as { constructor?: { name?: unknown } }).constructor;
      return typeof constructor?.name === 'string' && constructor.name !== '' ? constructor.name : undefined;
    } catch {
      return undefined;
    }
  })();
  return name ? `a ${name} object` : 'an object that is not plain data';
}

/** `` `path` `` for a field path, `` `name` `` for a prop. */
function shown(path: string): string {
  return `\`${path}\``;
}

/**
 * A deep copy of `value` as plain data. Wrong JSON types are kept for the rules to report; values no Kubernetes object
 * can hold are reported to `issues` and left out (`undefined`). Object fields that are `undefined` are dropped (absent,
 * as cdk8s drops them); keys cdk8s cannot write (`constructor`, `__proto__`) are reported and left out.
 */
export function plainCopy(value: unknown, path: string, issues: PropIssues): unknown {
  return copyPlain(value, () => path, issues, new Set());
}

/** {@link plainCopy} with the field path built only when a problem is reported (most values have none). */
function copyPlain(value: unknown, pathOf: () => string, issues: PropIssues, ancestors: Set<object>): unknown {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value !== 'object') {
    issues.report(pathOf(), `${shown(pathOf())} is ${describeValue(value)}, which a Kubernetes object cannot hold (YAML and JSON have no such value).`);
    return undefined;
  }
  if (value instanceof Lazy) {
    // A value known only when the app is written: cdk8s produces it then, and the rules check what it produced.
    return value;
  }
  if (ancestors.has(value)) {
    issues.report(pathOf(), `${shown(pathOf())} contains itself (a cycle), which a Kubernetes object cannot hold.`);
    return undefined;
  }
  try {
    if (Array.isArray(value)) {
      ancestors.add(value);
      const copy: unknown[] = [];
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        const itemPath = () => indexPath(pathOf(), index);
        if (item === undefined) {
          issues.report(itemPath(), `${shown(itemPath())} is undefined (an empty slot of the list).`, 'Remove the empty item, or give it a value.');
          copy.push(undefined);
          continue;
        }
        copy.push(copyPlain(item, itemPath, issues, ancestors));
      }
      return copy;
    }
    if (!isPlainRecord(value)) {
      issues.report(pathOf(), `${shown(pathOf())} is ${describeValue(value)}, not plain data.`);
      return undefined;
    }
    ancestors.add(value);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item: unknown = value[key];
      if (item === undefined) {
        continue;
      }
      const itemPath = () => fieldPath(pathOf(), key);
      if (UNWRITABLE_KEYS.has(key)) {
        // cdk8s refuses an object with its own `constructor`, and writes `__proto__` as a prototype (the key is lost):
        // no field of these APIs has either name, so say so rather than crash or lose it.
        issues.report(itemPath(), `${shown(itemPath())} is not a field of this API, and a key named \`${key}\` cannot be written by cdk8s.`, 'Remove the key.');
        continue;
      }
      // Assigned: `__proto__`, the one key whose assignment would not make an own field, was left out above.
      copy[key] = copyPlain(item, itemPath, issues, ancestors);
    }
    return copy;
  } catch {
    issues.report(pathOf(), `${shown(pathOf())} cannot be read (a getter or proxy that throws).`);
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * A deep copy of lists and plain objects, other values as they are; never throws and reports nothing (for values a
 * construct checks later with {@link plainCopy}).
 */
export function cloneData(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (typeof value !== 'object' || value === null || ancestors.has(value)) {
    return value;
  }
  try {
    if (Array.isArray(value)) {
      ancestors.add(value);
      return value.map((item) => cloneData(item, ancestors));
    }
    if (!isPlainRecord(value)) {
      return value;
    }
    ancestors.add(value);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(copy, key, { value: cloneData(value[key], ancestors), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  } catch {
    return value;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Copies the spec fields a construct takes at top level from `given` into `spec`, in `fields` order (the API's, which
 * is the order they are written in), passing each through its conversion first (a value object to its upstream shape).
 * Fields left out stay absent.
 */
export function copySpecFields(
  given: Record<string, unknown>,
  fields: readonly string[],
  conversions: Readonly<Record<string, (value: unknown) => unknown>>,
  spec: Record<string, unknown>,
  issues: PropIssues,
): void {
  for (const field of fields) {
    const raw = readProp(given, field);
    const convert = ownValue(conversions, field);
    const copy = plainCopy(convert ? convert(raw) : raw, `spec.${field}`, issues);
    if (copy !== undefined) {
      spec[field] = copy;
    }
  }
}

/** `spec[field]` with `items` appended as plain copies (numbered after what the list holds already). */
export function appendCopies(spec: Record<string, unknown>, field: string, items: readonly unknown[], issues: PropIssues): void {
  const current = Array.isArray(spec[field]) ? spec[field] as unknown[] : [];
  spec[field] = [...current, ...items.map((item, i) => plainCopy(item, `spec.${field}[${current.length + i}]`, issues))];
}

/** `spec.nodeSelector` with one more label (a later call for the same key wins, as in a mapping). */
export function addNodeSelectorLabel(spec: Record<string, unknown>, key: string, value: string, issues: PropIssues): void {
  const current = isPlainRecord(spec.nodeSelector) ? spec.nodeSelector : {};
  const added = plainCopy({ [String(key)]: value }, 'spec.nodeSelector', issues);
  spec.nodeSelector = { ...current, ...(isPlainRecord(added) ? added : {}) };
}

/** `props` when it is an object (of any class), else `{}`; {@link PropIssues} reports the latter via {@link checkPropsObject}. */
export function propsRecord(props: unknown): Record<string, unknown> {
  return typeof props === 'object' && props !== null && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
}

/** Reports props that are not an object at all (`new ImageConfig(chart, 'x', 5)`). */
export function checkPropsObject(props: unknown, issues: PropIssues): void {
  if (props !== undefined && (typeof props !== 'object' || props === null || Array.isArray(props))) {
    issues.report('', `The props are ${describeValue(props)}; expected an object of props.`, 'Pass an object such as `{ ... }`, or nothing.');
  }
}

/** A prop read defensively: `props[name]` for an own or inherited data property, `undefined` when reading throws. */
export function readProp(props: Record<string, unknown>, name: string): unknown {
  try {
    return props[name];
  } catch {
    return undefined;
  }
}

/** Checks an optional string prop that is not a spec field (a ConfigMap name, an ARN): reports anything else. */
export function optionalString(value: unknown, name: string, issues: PropIssues, expected: string): string | undefined {
  if (value === undefined || typeof value === 'string') {
    return value;
  }
  issues.report(name, `${shown(name)} is ${describeValue(value)}; expected ${expected}.`, `Give \`${name}\` as a string, or leave it out.`);
  return undefined;
}

/** Checks an optional boolean prop that is not a spec field. */
export function optionalBoolean(value: unknown, name: string, issues: PropIssues): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') {
    return value;
  }
  issues.report(name, `${shown(name)} is ${describeValue(value)}; expected true or false.`, `Give \`${name}\` as a boolean, or leave it out.`);
  return undefined;
}

/** A map of strings (labels, annotations, trusted CAs): the entries that are strings; reports the rest. */
export function stringMap(value: unknown, path: string, issues: PropIssues, expected: string): Record<string, string> | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isPlainRecord(value)) {
    issues.report(path, `${shown(path)} is ${describeValue(value)}; expected ${expected}.`);
    return undefined;
  }
  const copy: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const item = readProp(value, key);
    if (UNWRITABLE_KEYS.has(key)) {
      issues.report(fieldPath(path, key), `${shown(fieldPath(path, key))}: a key named \`${key}\` cannot be written by cdk8s.`, 'Use another key.');
    } else if (typeof item === 'string') {
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    } else if (item !== undefined) {
      issues.report(fieldPath(path, key), `${shown(fieldPath(path, key))} is ${describeValue(item)}; expected a string.`, 'Give every value as a string (quote numbers and booleans in YAML).');
    }
  }
  return copy;
}
