/**
 * What changed in a node file, in a person's words: the scopes of policy.json, the search list of the drop-in. The
 * registries.conf changes are described by the safe-change check itself.
 */
import { parse } from 'smol-toml';

type Requirements = Readonly<Record<string, string>>;

interface PolicyView {
  readonly defaultTypes: string;
  readonly docker: Requirements;
}

function typesOf(requirements: unknown): string {
  return Array.isArray(requirements)
    ? requirements.map((requirement) => (typeof requirement === 'object' && requirement !== null ? String((requirement as { type?: unknown }).type) : '?')).join('+')
    : '?';
}

function policyView(text: string): PolicyView | undefined {
  try {
    const document = JSON.parse(text) as { default?: unknown; transports?: { docker?: Record<string, unknown> } };
    const docker: Record<string, string> = {};
    for (const [scope, requirements] of Object.entries(document.transports?.docker ?? {})) {
      docker[scope] = typesOf(requirements);
    }
    return { defaultTypes: typesOf(document.default), docker };
  } catch {
    return undefined;
  }
}

/** The policy.json changes: the default requirement and the `docker` scopes added, removed or changed. */
export function describePolicyJsonChange(before: string, after: string): string[] {
  const old = policyView(before);
  const current = policyView(after);
  if (!old || !current) {
    return ['policy.json changed'];
  }
  const lines: string[] = [];
  if (old.defaultTypes !== current.defaultTypes) {
    lines.push(`policy.json: the default for images of any other registry went from ${old.defaultTypes} to ${current.defaultTypes}`);
  }
  for (const [scope, types] of Object.entries(current.docker)) {
    if (!(scope in old.docker)) {
      lines.push(`policy.json: ${scope} now ${types}`);
    } else if (old.docker[scope] !== types) {
      lines.push(`policy.json: ${scope} went from ${old.docker[scope]} to ${types}`);
    }
  }
  for (const scope of Object.keys(old.docker)) {
    if (!(scope in current.docker)) {
      lines.push(`policy.json: ${scope} no longer ${old.docker[scope]}`);
    }
  }
  return lines.length > 0 ? lines : ['policy.json changed in layout only'];
}

function searchList(text: string): string[] | undefined {
  try {
    const list = (parse(text) as Record<string, unknown>)['unqualified-search-registries'];
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return undefined;
  }
}

/** The drop-in change: the search list before and after (`null`: no drop-in). */
export function describeSearchDropInChange(before: string | null, after: string | null): string {
  const show = (list: string[] | undefined) => (list === undefined ? '(unreadable)' : `[${list.join(', ')}]`);
  if (before === null && after !== null) {
    return `search-registries drop-in added: short names now resolve through ${show(searchList(after))}`;
  }
  if (before !== null && after === null) {
    return `search-registries drop-in removed (was ${show(searchList(before))}): short names resolve through registries.conf alone again`;
  }
  return `search registries changed from ${show(searchList(before ?? ''))} to ${show(searchList(after ?? ''))}`;
}
