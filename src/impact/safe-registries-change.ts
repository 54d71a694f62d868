/**
 * Whether a registries.conf change lets the node skip the drain, as the Machine Config Operator's daemon decides it
 * (openshift/machine-config-operator `pkg/daemon/drain.go`, `isSafeContainerRegistryConfChanges`, at 7ff337a4). The
 * daemon reads both files as TOML and calls the change safe when all of these hold:
 *
 * 1. `unqualified-search-registries` keeps every entry at its position (entries may only be appended);
 * 2. no `[[registry]]` table disappears (tables are keyed by their scope: `prefix`, else `location`; a later table
 *    with the same scope replaces an earlier one);
 * 3. a table present on both sides keeps its `prefix`, `location`, `blocked` and `insecure`;
 * 4. it keeps every mirror (by location; order does not matter);
 * 5. a mirror present on both sides only changes `pull-from-mirror` to `digest-only`;
 * 6. a mirror it gains is `digest-only` (or the table is `mirror-by-digest-only`);
 * 7. a table that appears has only `digest-only` mirrors (or, without mirrors, is `mirror-by-digest-only`).
 *
 * The daemon stops at the first failure; this module lists every failure, so a user sees them all, and gives the same
 * verdict (safe exactly when nothing fails). Everything else (mirror `insecure`, entries reordered, mirrors reordered)
 * is not looked at, so it is safe.
 */
// The scope rule is the renderer's own (`prefix`, else `location`): one definition for writing and reading the tables.
import { scopeOf } from '../node-files';
import { ConfEndpoint, ConfRegistry, parseRegistriesConf, ParsedRegistriesConf } from './registries-conf-toml';

/** The `pull-from-mirror` value the daemon accepts for new mirrors. */
export const DIGEST_ONLY = 'digest-only';

/** Which of the rules a change breaks (numbered as in the module comment). */
export type UnsafeChangeKind =
  | 'search-registries'
  | 'registry-removed'
  | 'registry-prefix'
  | 'registry-location'
  | 'registry-blocked'
  | 'registry-insecure'
  | 'mirror-removed'
  | 'mirror-pull-changed'
  | 'mirror-added'
  | 'registry-added';

/** One reason a change is not safe. */
export interface UnsafeChange {
  readonly kind: UnsafeChangeKind;
  /** The registry scope concerned (empty for the search list). */
  readonly scope: string;
  /** A sentence: what changed, and why the daemon drains for it. */
  readonly message: string;
}

/** What the check finds. */
export interface RegistriesChangeVerdict {
  /** Whether the daemon skips the drain (it then only reloads CRI-O). */
  readonly safe: boolean;
  /** Why it is not safe: every failing rule, empty exactly when `safe`. */
  readonly problems: readonly UnsafeChange[];
  /** The changes that are safe, described (mirrors or entries added digest-only, mirrors reordered...). */
  readonly safeChanges: readonly string[];
}

function q(value: string): string {
  return JSON.stringify(value);
}

/** The first mirror with `location` (`searchRegistryMirror`). */
function findMirror(location: string, mirrors: readonly ConfEndpoint[]): ConfEndpoint | undefined {
  return mirrors.find((mirror) => mirror.location === location);
}

/** Whether a new table is safe to add (`allDigestOnlyMirror`). */
export function allDigestOnlyMirrors(registry: ConfRegistry): boolean {
  if (registry.mirrors.length === 0) {
    return registry.mirrorByDigestOnly;
  }
  return registry.mirrors.every((mirror) => mirror.pullFromMirror === DIGEST_ONLY);
}

/** Tables keyed by scope, a later table with the same scope replacing an earlier one (as a Go map is filled). */
function byScope(registries: readonly ConfRegistry[]): Map<string, ConfRegistry> {
  const map = new Map<string, ConfRegistry>();
  for (const registry of registries) {
    map.set(scopeOf(registry), registry);
  }
  return map;
}

function sameEndpoint(a: ConfEndpoint, b: ConfEndpoint): boolean {
  return a.location === b.location && a.insecure === b.insecure && a.pullFromMirror === b.pullFromMirror;
}

function sameRegistry(a: ConfRegistry, b: ConfRegistry): boolean {
  return a.prefix === b.prefix && sameEndpoint(a, b) && a.blocked === b.blocked && a.mirrorByDigestOnly === b.mirrorByDigestOnly
    && a.mirrors.length === b.mirrors.length && a.mirrors.every((mirror, index) => sameEndpoint(mirror, b.mirrors[index]));
}

function pullLabel(value: string): string {
  return value === '' ? 'no pull-from-mirror (tags and digests)' : `pull-from-mirror ${q(value)}`;
}

function searchProblems(before: readonly string[], after: readonly string[]): UnsafeChange[] {
  if (before.length > after.length) {
    const lost = before.filter((entry) => !after.includes(entry));
    const what = lost.length > 0 ? `lost ${lost.map(q).join(', ')}` : `went from ${before.length} to ${after.length} entries`;
    return [{ kind: 'search-registries', scope: '', message: `unqualified-search-registries ${what}: removing a search registry is not a safe change` }];
  }
  const index = before.findIndex((entry, i) => after[i] !== entry);
  if (index >= 0) {
    return [{
      kind: 'search-registries', scope: '',
      message: `unqualified-search-registries holds ${q(after[index])} at position ${index + 1} where it held ${q(before[index])}: only appending a search registry is a safe change`,
    }];
  }
  return [];
}

function changedTableProblems(scope: string, before: ConfRegistry, after: ConfRegistry): UnsafeChange[] {
  const problems: UnsafeChange[] = [];
  const field = (kind: UnsafeChangeKind, name: string, from: string | boolean, to: string | boolean) => {
    if (from !== to) {
      const show = (value: string | boolean) => (typeof value === 'string' ? q(value) : String(value));
      problems.push({ kind, scope, message: `registry ${scope}: ${name} changed from ${show(from)} to ${show(to)}: changing ${name} is not a safe change` });
    }
  };
  field('registry-prefix', 'prefix', before.prefix, after.prefix);
  field('registry-location', 'location', before.location, after.location);
  field('registry-blocked', 'blocked', before.blocked, after.blocked);
  field('registry-insecure', 'insecure', before.insecure, after.insecure);
  for (const mirror of before.mirrors) {
    if (!findMirror(mirror.location, after.mirrors)) {
      problems.push({ kind: 'mirror-removed', scope, message: `mirror ${mirror.location} removed from ${scope}: removing a mirror is not a safe change` });
    }
  }
  for (const mirror of after.mirrors) {
    const previous = findMirror(mirror.location, before.mirrors);
    if (previous) {
      if (mirror.pullFromMirror !== previous.pullFromMirror && mirror.pullFromMirror !== DIGEST_ONLY) {
        problems.push({
          kind: 'mirror-pull-changed', scope,
          message: `mirror ${mirror.location} of ${scope}: ${pullLabel(previous.pullFromMirror)} became ${pullLabel(mirror.pullFromMirror)}: only a change to digest-only is safe`,
        });
      }
    } else if (mirror.pullFromMirror !== DIGEST_ONLY && !after.mirrorByDigestOnly) {
      problems.push({
        kind: 'mirror-added', scope,
        message: `mirror ${mirror.location} added to ${scope} with ${pullLabel(mirror.pullFromMirror)}: only digest-only mirrors can be added safely (an ImageTagMirrorSet mirror is tag-only)`,
      });
    }
  }
  return problems;
}

function changedTableSafeChanges(scope: string, before: ConfRegistry, after: ConfRegistry): string[] {
  const notes: string[] = [];
  const added = after.mirrors.filter((mirror) => !findMirror(mirror.location, before.mirrors)).map((mirror) => mirror.location);
  if (added.length > 0) {
    notes.push(`mirror${added.length > 1 ? 's' : ''} ${added.join(', ')} added to ${scope}, digest-only: a safe change`);
  }
  const kept = after.mirrors.filter((mirror) => findMirror(mirror.location, before.mirrors)).map((mirror) => mirror.location);
  const keptBefore = before.mirrors.map((mirror) => mirror.location).filter((location) => kept.includes(location));
  if (kept.join('\n') !== keptBefore.join('\n')) {
    notes.push(`mirrors of ${scope} reordered: a safe change (the daemon does not look at the order)`);
  }
  const toDigest = after.mirrors.filter((mirror) => {
    const previous = findMirror(mirror.location, before.mirrors);
    return previous !== undefined && previous.pullFromMirror !== mirror.pullFromMirror && mirror.pullFromMirror === DIGEST_ONLY;
  });
  for (const mirror of toDigest) {
    notes.push(`mirror ${mirror.location} of ${scope} became digest-only: a safe change`);
  }
  const insecureChanged = after.mirrors.filter((mirror) => {
    const previous = findMirror(mirror.location, before.mirrors);
    return previous !== undefined && previous.insecure !== mirror.insecure;
  });
  for (const mirror of insecureChanged) {
    notes.push(`mirror ${mirror.location} of ${scope}: insecure changed to ${mirror.insecure}: the daemon does not look at it, so it counts as safe`);
  }
  if (notes.length === 0 && !sameRegistry(before, after)) {
    notes.push(`registry ${scope} changed in a way the daemon does not look at: a safe change`);
  }
  return notes;
}

/** Compares two decoded registries.conf files. */
export function compareRegistriesConf(before: ParsedRegistriesConf, after: ParsedRegistriesConf): RegistriesChangeVerdict {
  const problems: UnsafeChange[] = [...searchProblems(before.unqualifiedSearchRegistries, after.unqualifiedSearchRegistries)];
  const safeChanges: string[] = [];
  if (problems.length === 0 && after.unqualifiedSearchRegistries.length > before.unqualifiedSearchRegistries.length) {
    const appended = after.unqualifiedSearchRegistries.slice(before.unqualifiedSearchRegistries.length);
    safeChanges.push(`unqualified-search-registries gained ${appended.map(q).join(', ')} at the end: a safe change`);
  }
  const old = byScope(before.registries);
  const current = byScope(after.registries);
  for (const [scope] of old) {
    if (!current.has(scope)) {
      problems.push({ kind: 'registry-removed', scope, message: `registry ${scope} removed (its [[registry]] table is gone): removing a registry entry is not a safe change` });
    }
  }
  for (const [scope, registry] of current) {
    const previous = old.get(scope);
    if (previous) {
      if (!sameRegistry(previous, registry)) {
        const found = changedTableProblems(scope, previous, registry);
        problems.push(...found);
        if (found.length === 0) {
          safeChanges.push(...changedTableSafeChanges(scope, previous, registry));
        }
      }
    } else if (allDigestOnlyMirrors(registry)) {
      safeChanges.push(registry.mirrors.length > 0
        ? `registry ${scope} added with digest-only mirrors (${registry.mirrors.map((mirror) => mirror.location).join(', ')}): a safe change`
        : `registry ${scope} added, mirror-by-digest-only: a safe change`);
    } else {
      const offending = registry.mirrors.find((mirror) => mirror.pullFromMirror !== DIGEST_ONLY);
      const what = offending
        ? `with mirror ${offending.location} (${pullLabel(offending.pullFromMirror)})`
        : `without mirrors${registry.blocked ? ', blocked' : ''}${registry.insecure ? ', insecure' : ''}`;
      problems.push({
        kind: 'registry-added', scope,
        message: `registry ${scope} added ${what}: a new registry entry is safe only when all its mirrors are digest-only`,
      });
    }
  }
  return { safe: problems.length === 0, problems, safeChanges };
}

/**
 * Compares two registries.conf texts as the daemon does.
 * @throws RegistriesConfParseError when a text does not decode (the daemon then fails the update)
 */
export function compareRegistriesConfText(before: string, after: string): RegistriesChangeVerdict {
  return compareRegistriesConf(parseRegistriesConf(before), parseRegistriesConf(after));
}
