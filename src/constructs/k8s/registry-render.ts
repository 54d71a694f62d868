/**
 * Rendering helpers shared by the registry constructs: props (which may hold cdk8s `Duration`s and quantity objects
 * such as cdk8s-plus `k8s.Quantity`) to plain JSON. They assume no shape: a value that is not what a convenience takes
 * is returned as it is, for `plainCopy` and the rules to report. Internal: not exported from the package.
 */
import { goDurationFromMilliseconds } from '../../model/go-duration';
import { isPlainRecord, readProp } from './props';

/** A cdk8s `Duration` (recognised by its method, so a second copy of cdk8s in the app works too). */
function isDurationObject(value: unknown): value is { toMilliseconds(options: { integral: boolean }): number } {
  return typeof value === 'object' && value !== null && typeof (value as { toMilliseconds?: unknown }).toMilliseconds === 'function';
}

/** Renders a cdk8s `Duration` as a Go duration string; anything else is returned as given (the rules check it). */
export function renderDuration(value: unknown): unknown {
  if (!isDurationObject(value)) {
    return value;
  }
  try {
    const milliseconds = value.toMilliseconds({ integral: false });
    return typeof milliseconds === 'number' && Number.isFinite(milliseconds) ? goDurationFromMilliseconds(milliseconds) : value;
  } catch {
    return value; // reported as an object that is not plain data
  }
}

/**
 * A quantity object (cdk8s-plus `k8s.Quantity`, or `{ value }`) unwrapped to its value; YAML quantities (strings,
 * numbers) and anything else as given.
 */
function quantityValue(quantity: unknown): unknown {
  if (typeof quantity !== 'object' || quantity === null || Array.isArray(quantity)) {
    return quantity;
  }
  const plainWithValueOnly = isPlainRecord(quantity) && Object.keys(quantity).length === 1 && Object.prototype.hasOwnProperty.call(quantity, 'value');
  const instanceWithValue = !isPlainRecord(quantity) && 'value' in quantity;
  return plainWithValueOnly || instanceWithValue ? readProp(quantity as Record<string, unknown>, 'value') : quantity;
}

function renderQuantities(map: unknown): unknown {
  if (!isPlainRecord(map)) {
    return map;
  }
  const rendered: Record<string, unknown> = {};
  for (const key of Object.keys(map)) {
    Object.defineProperty(rendered, key, { value: quantityValue(readProp(map, key)), enumerable: true, writable: true, configurable: true });
  }
  return rendered;
}

/** Resources as JSON: quantities unwrapped (no runtime dependency on cdk8s-plus, hence the structural check). */
export function renderResources(resources: unknown): unknown {
  if (!isPlainRecord(resources)) {
    return resources;
  }
  const rendered: Record<string, unknown> = {};
  for (const key of Object.keys(resources)) {
    const value = readProp(resources, key);
    Object.defineProperty(rendered, key, { value: key === 'limits' || key === 'requests' ? renderQuantities(value) : value, enumerable: true, writable: true, configurable: true });
  }
  return rendered;
}
