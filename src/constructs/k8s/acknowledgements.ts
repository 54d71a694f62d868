import { IConstruct } from 'constructs';

/** Warning codes acknowledged on a scope, with the reason given. */
const acknowledgements = new WeakMap<IConstruct, Map<string, string>>();

/** Records that warnings of `code` are expected on `scope` and everything below it. */
export function acknowledgeOn(scope: IConstruct, code: string, reason: string): void {
  let codes = acknowledgements.get(scope);
  if (!codes) {
    codes = new Map();
    acknowledgements.set(scope, codes);
  }
  codes.set(code, reason);
}

/** Whether `code` is acknowledged on `construct` or one of its ancestors. */
export function isAcknowledged(construct: IConstruct, code: string): boolean {
  return construct.node.scopes.some((scope) => acknowledgements.get(scope)?.has(code) ?? false);
}
