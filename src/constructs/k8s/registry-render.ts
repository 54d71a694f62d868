/**
 * Rendering helpers shared by the registry constructs: props (which may hold cdk8s `Duration`s and quantity objects
 * such as cdk8s-plus `k8s.Quantity`) to plain JSON. Internal: not exported from the package.
 */
import { Duration, Lazy } from 'cdk8s';
import { QuantityObject, QuantityValue, ResourceRequirements } from '../../model/api/image-registry';
import { goDurationFromMilliseconds } from '../../model/go-duration';
import type { ResourceRequirementsInput } from './image-registry-config';

/** Renders a cdk8s `Duration` as a Go duration string; strings pass through unchanged (the rules check them). */
export function renderDuration(value: Duration | string | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') {
    return value;
  }
  return goDurationFromMilliseconds(value.toMilliseconds({ integral: false }));
}

/** A quantity object (cdk8s-plus `k8s.Quantity`) has a `value`; YAML quantities are strings or numbers. */
function quantityValue(quantity: QuantityValue | QuantityObject): QuantityValue {
  return typeof quantity === 'object' && quantity !== null ? quantity.value : quantity;
}

function renderQuantities(map: { [key: string]: QuantityValue | QuantityObject } | undefined): { [key: string]: QuantityValue } | undefined {
  return map && Object.fromEntries(Object.entries(map).map(([key, quantity]) => [key, quantityValue(quantity)]));
}

/** Resources as JSON: quantities unwrapped (no runtime dependency on cdk8s-plus, hence the structural check). */
export function renderResources(resources: ResourceRequirementsInput | undefined): ResourceRequirements | undefined {
  if (!resources) {
    return undefined;
  }
  return dropUndefined({
    claims: resources.claims && toPlain(resources.claims),
    limits: renderQuantities(resources.limits),
    requests: renderQuantities(resources.requests),
  });
}

/**
 * A deep copy as plain JSON (drops `undefined`, so user objects are never shared with the rendered spec). A cdk8s
 * `Lazy` inside is kept as it is (cdk8s produces it when the object is written); JSON would make it `{"producer":{}}`.
 */
export function toPlain<T>(value: T): T {
  return (containsLazy(value) ? copyKeepingLazy(value) : JSON.parse(JSON.stringify(value))) as T;
}

function containsLazy(value: unknown): boolean {
  if (value instanceof Lazy) {
    return true;
  }
  return typeof value === 'object' && value !== null && Object.values(value).some(containsLazy);
}

function copyKeepingLazy(value: unknown): unknown {
  if (value instanceof Lazy) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((element) => (containsLazy(element) ? copyKeepingLazy(element) : JSON.parse(JSON.stringify(element) ?? 'null')));
  }
  return Object.fromEntries(Object.entries(value as object)
    .filter(([, inner]) => inner !== undefined && typeof inner !== 'function' && typeof inner !== 'symbol')
    .map(([key, inner]) => [key, containsLazy(inner) ? copyKeepingLazy(inner) : JSON.parse(JSON.stringify(inner))]));
}

/** The object without its `undefined` fields (cdk8s drops them too, but the engine sees the spec first). */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
