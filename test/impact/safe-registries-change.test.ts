/**
 * The daemon's safe-change check for registries.conf (`isSafeContainerRegistryConfChanges`), rule by rule and both
 * ways: each rule with a change it lets through (no drain) and a change it stops (drain), on TOML text as the daemon
 * reads it.
 */
import { compareRegistriesConfText, parseRegistriesConf, RegistriesConfParseError, UnsafeChangeKind } from '../../src/impact';
import { ConfSpec, confText, digestMirror, MirrorSpec, RegistrySpec, tagMirror } from './registries-conf-fixtures';

const SEARCH = ['registry.access.redhat.com', 'docker.io'];
const quay = (mirrors: readonly MirrorSpec[] = [digestMirror('mirror.example.com/ns')], extra: Partial<RegistrySpec> = {}): RegistrySpec =>
  ({ location: 'quay.io/openshift', mirrors, ...extra });

interface Case {
  readonly rule: string;
  readonly before: ConfSpec;
  readonly after: ConfSpec;
  /** `undefined`: safe; otherwise the kinds of the problems, in order. */
  readonly unsafe?: readonly UnsafeChangeKind[];
  /** A fragment of the (first) reason. */
  readonly says: string;
}

const CASES: readonly Case[] = [
  // 1. unqualified-search-registries
  { rule: 'search list: an entry appended', before: { search: SEARCH }, after: { search: [...SEARCH, 'quay.io'] }, says: 'gained "quay.io" at the end' },
  { rule: 'search list: an entry removed', before: { search: SEARCH }, after: { search: ['docker.io'] }, unsafe: ['search-registries'], says: 'lost "registry.access.redhat.com"' },
  { rule: 'search list: reordered', before: { search: SEARCH }, after: { search: ['docker.io', 'registry.access.redhat.com'] }, unsafe: ['search-registries'], says: 'holds "docker.io" at position 1' },
  { rule: 'search list: an entry prepended', before: { search: SEARCH }, after: { search: ['quay.io', ...SEARCH] }, unsafe: ['search-registries'], says: 'only appending a search registry is a safe change' },
  { rule: 'search list: gone entirely', before: { search: SEARCH }, after: {}, unsafe: ['search-registries'], says: 'removing a search registry is not a safe change' },
  // 2. registry tables removed
  { rule: 'registry table: kept as it was, others added digest-only', before: { registries: [quay()] }, after: { registries: [quay(), { location: 'registry.redhat.io', mirrors: [digestMirror('m.example.com/rh')] }] }, says: 'registry registry.redhat.io added with digest-only mirrors' },
  { rule: 'registry table: removed', before: { registries: [quay(), { location: 'docker.io', blocked: true }] }, after: { registries: [quay()] }, unsafe: ['registry-removed'], says: 'registry docker.io removed' },
  // 3. prefix, location, blocked, insecure of a kept table
  { rule: 'prefix: a wildcard table keeps its prefix', before: { registries: [{ prefix: '*.example.com', mirrors: [digestMirror('m.corp/a')] }] }, after: { registries: [{ prefix: '*.example.com', mirrors: [digestMirror('m.corp/a'), digestMirror('m.corp/b')] }] }, says: 'mirror m.corp/b added to *.example.com, digest-only: a safe change' },
  { rule: 'prefix: set where it was empty (same scope)', before: { registries: [{ location: 'quay.io' }] }, after: { registries: [{ prefix: 'quay.io', location: 'quay.io' }] }, unsafe: ['registry-prefix'], says: 'registry quay.io: prefix changed from "" to "quay.io"' },
  { rule: 'location: changed under the same prefix', before: { registries: [{ prefix: 'quay.io', location: 'quay.io' }] }, after: { registries: [{ prefix: 'quay.io', location: 'mirror.corp/quay' }] }, unsafe: ['registry-location'], says: 'location changed from "quay.io" to "mirror.corp/quay"' },
  { rule: 'blocked: set', before: { registries: [{ location: 'docker.io' }] }, after: { registries: [{ location: 'docker.io', blocked: true }] }, unsafe: ['registry-blocked'], says: 'blocked changed from false to true' },
  { rule: 'blocked: unset', before: { registries: [{ location: 'docker.io', blocked: true }] }, after: { registries: [{ location: 'docker.io' }] }, unsafe: ['registry-blocked'], says: 'blocked changed from true to false' },
  { rule: 'insecure: set', before: { registries: [{ location: 'reg.corp:5000' }] }, after: { registries: [{ location: 'reg.corp:5000', insecure: true }] }, unsafe: ['registry-insecure'], says: 'insecure changed from false to true' },
  { rule: 'insecure: of a mirror (not looked at)', before: { registries: [quay()] }, after: { registries: [quay([{ location: 'mirror.example.com/ns', pull: 'digest-only', insecure: true }])] }, says: 'insecure changed to true: the daemon does not look at it' },
  // 4. mirrors removed
  { rule: 'mirrors: reordered', before: { registries: [quay([digestMirror('a.corp/x'), digestMirror('b.corp/x')])] }, after: { registries: [quay([digestMirror('b.corp/x'), digestMirror('a.corp/x')])] }, says: 'mirrors of quay.io/openshift reordered' },
  { rule: 'mirrors: one removed', before: { registries: [quay([digestMirror('mirror.example.com/ns'), digestMirror('b.corp/x')])] }, after: { registries: [quay([digestMirror('b.corp/x')])] }, unsafe: ['mirror-removed'], says: 'mirror mirror.example.com/ns removed from quay.io/openshift: removing a mirror is not a safe change' },
  // 5. pull-from-mirror of a kept mirror
  { rule: 'pull-from-mirror: tag-only becomes digest-only', before: { registries: [quay([tagMirror('a.corp/x')])] }, after: { registries: [quay([digestMirror('a.corp/x')])] }, says: 'mirror a.corp/x of quay.io/openshift became digest-only' },
  { rule: 'pull-from-mirror: unset becomes digest-only', before: { registries: [quay([{ location: 'a.corp/x' }])] }, after: { registries: [quay([digestMirror('a.corp/x')])] }, says: 'became digest-only' },
  { rule: 'pull-from-mirror: digest-only becomes tag-only', before: { registries: [quay([digestMirror('a.corp/x')])] }, after: { registries: [quay([tagMirror('a.corp/x')])] }, unsafe: ['mirror-pull-changed'], says: 'pull-from-mirror "digest-only" became pull-from-mirror "tag-only"' },
  { rule: 'pull-from-mirror: digest-only is unset', before: { registries: [quay([digestMirror('a.corp/x')])] }, after: { registries: [quay([{ location: 'a.corp/x' }])] }, unsafe: ['mirror-pull-changed'], says: 'became no pull-from-mirror' },
  // 6. mirrors added to a kept table
  { rule: 'mirror added: digest-only', before: { registries: [quay()] }, after: { registries: [quay([digestMirror('mirror.example.com/ns'), digestMirror('second.example.com/ns')])] }, says: 'mirror second.example.com/ns added to quay.io/openshift, digest-only' },
  { rule: 'mirror added: tag-only', before: { registries: [quay()] }, after: { registries: [quay([digestMirror('mirror.example.com/ns'), tagMirror('second.example.com/ns')])] }, unsafe: ['mirror-added'], says: 'mirror second.example.com/ns added to quay.io/openshift with pull-from-mirror "tag-only"' },
  { rule: 'mirror added: no pull-from-mirror, but the table is mirror-by-digest-only', before: { registries: [quay(undefined, { mirrorByDigestOnly: true })] }, after: { registries: [quay([digestMirror('mirror.example.com/ns'), { location: 'second.example.com/ns' }], { mirrorByDigestOnly: true })] }, says: 'added to quay.io/openshift, digest-only' },
  { rule: 'mirror added: no pull-from-mirror', before: { registries: [quay()] }, after: { registries: [quay([digestMirror('mirror.example.com/ns'), { location: 'second.example.com/ns' }])] }, unsafe: ['mirror-added'], says: 'with no pull-from-mirror (tags and digests)' },
  // 7. tables added
  { rule: 'table added: every mirror digest-only', before: {}, after: { registries: [quay([digestMirror('a.corp/x'), digestMirror('b.corp/x')])] }, says: 'registry quay.io/openshift added with digest-only mirrors (a.corp/x, b.corp/x)' },
  { rule: 'table added: one mirror tag-only', before: {}, after: { registries: [quay([digestMirror('a.corp/x'), tagMirror('b.corp/x')])] }, unsafe: ['registry-added'], says: 'registry quay.io/openshift added with mirror b.corp/x (pull-from-mirror "tag-only")' },
  { rule: 'table added: no mirrors, mirror-by-digest-only', before: {}, after: { registries: [{ location: 'quay.io/x', mirrorByDigestOnly: true }] }, says: 'registry quay.io/x added, mirror-by-digest-only' },
  { rule: 'table added: no mirrors (a blocked registry)', before: {}, after: { registries: [{ location: 'docker.io', blocked: true }] }, unsafe: ['registry-added'], says: 'registry docker.io added without mirrors, blocked' },
];

describe('GIVEN two registries.conf files', () => {
  test.each(CASES.map((c) => [c.rule, c] as const))('WHEN %s THEN the daemon decides as upstream does', (_rule, c) => {
    const verdict = compareRegistriesConfText(confText(c.before), confText(c.after));
    expect(verdict.safe).toBe(c.unsafe === undefined);
    expect(verdict.problems.map((problem) => problem.kind)).toEqual(c.unsafe ?? []);
    const said = [...verdict.problems.map((problem) => problem.message), ...verdict.safeChanges].join('\n');
    expect(said).toContain(c.says);
  });

  test('WHEN nothing changes THEN safe, with nothing to say', () => {
    const text = confText({ search: SEARCH, registries: [quay()] });
    expect(compareRegistriesConfText(text, text)).toEqual({ safe: true, problems: [], safeChanges: [] });
  });

  test('WHEN several rules break at once THEN every one is listed (the daemon stops at the first)', () => {
    const verdict = compareRegistriesConfText(
      confText({ search: SEARCH, registries: [quay([digestMirror('a.corp/x')]), { location: 'docker.io', blocked: true }] }),
      confText({ search: ['docker.io'], registries: [quay([tagMirror('b.corp/x')]), { location: 'ghcr.io' }] }),
    );
    expect(verdict.safe).toBe(false);
    expect(verdict.problems.map((problem) => problem.kind)).toEqual(['search-registries', 'registry-removed', 'mirror-removed', 'mirror-added', 'registry-added']);
  });

  test('WHEN two tables share a scope THEN the later one counts, as when the daemon fills its map', () => {
    const before = confText({ registries: [{ location: 'quay.io', blocked: true }, { location: 'quay.io' }] });
    expect(compareRegistriesConfText(before, confText({ registries: [{ location: 'quay.io' }] })).safe).toBe(true);
    expect(compareRegistriesConfText(before, confText({ registries: [{ location: 'quay.io', blocked: true }] })).safe).toBe(false);
  });

  test('WHEN the MCO template (single-quoted TOML) is compared with a rendered file THEN it parses like any TOML', () => {
    const template = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";
    const rendered = 'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\nshort-name-mode = ""\nadditional-layer-store-auth-helper = ""\n';
    expect(compareRegistriesConfText(template, rendered)).toEqual({ safe: true, problems: [], safeChanges: [] });
    expect(compareRegistriesConfText(rendered, template).safe).toBe(true);
  });
});

describe('GIVEN text the daemon cannot decode', () => {
  test.each([
    ['not TOML', 'unqualified-search-registries = [', /not valid TOML/],
    ['a string where a boolean belongs', '[[registry]]\nlocation = "quay.io"\nblocked = "yes"\n', /`blocked` must be true or false/],
    ['a number as a search registry', 'unqualified-search-registries = [1]\n', /array of strings/],
  ])('WHEN it is %s THEN parsing fails with the reason', (_what, text, reason) => {
    expect(() => parseRegistriesConf(text)).toThrow(RegistriesConfParseError);
    expect(() => parseRegistriesConf(text)).toThrow(reason);
  });
});
