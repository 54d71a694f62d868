/**
 * The safe-change check against a naive restatement of the upstream rule: a line-by-line transcription of the daemon's
 * `isSafeContainerRegistryConfChanges` (early returns and all) over the decoded structs, compared with our check over
 * the same files written as TOML text. The implementation under test lists every problem; the restatement stops at the
 * first, as the daemon does. Both must agree on every pair of generated files.
 */
import fc from 'fast-check';
import { compareRegistriesConfText } from '../../src/impact';

interface Endpoint { location: string; insecure: boolean; pullFromMirror: string }
interface Registry extends Endpoint { prefix: string; mirrors: Endpoint[]; blocked: boolean; mirrorByDigestOnly: boolean }
interface Conf { search: string[]; registries: Registry[] }

/** The daemon's function, restated naively (drain.go, isSafeContainerRegistryConfChanges). */
function naiveIsSafe(oldConf: Conf, newConf: Conf): boolean {
  if (oldConf.search.length > newConf.search.length) {
    return false;
  }
  for (let i = 0; i < oldConf.search.length; i++) {
    if (newConf.search[i] !== oldConf.search[i]) {
      return false;
    }
  }
  const scopeOf = (reg: Registry) => (reg.prefix !== '' ? reg.prefix : reg.location);
  const oldMap: Record<string, Registry> = {};
  for (const reg of oldConf.registries) {
    oldMap[scopeOf(reg)] = reg;
  }
  const newMap: Record<string, Registry> = {};
  for (const reg of newConf.registries) {
    newMap[scopeOf(reg)] = reg;
  }
  for (const loc of Object.keys(oldMap)) {
    if (!(loc in newMap)) {
      return false;
    }
  }
  const search = (loc: string, mirrors: Endpoint[]): Endpoint | undefined => {
    for (const m of mirrors) {
      if (m.location === loc) {
        return m;
      }
    }
    return undefined;
  };
  for (const loc of Object.keys(newMap)) {
    const newReg = newMap[loc];
    const oldReg = oldMap[loc];
    if (oldReg !== undefined) {
      if (JSON.stringify(oldReg) !== JSON.stringify(newReg)) {
        if (oldReg.prefix !== newReg.prefix) return false;
        if (oldReg.location !== newReg.location) return false;
        if (oldReg.blocked !== newReg.blocked) return false;
        if (oldReg.insecure !== newReg.insecure) return false;
        for (const m of oldReg.mirrors) {
          if (!search(m.location, newReg.mirrors)) return false;
        }
        for (const m of newReg.mirrors) {
          const oldMirror = search(m.location, oldReg.mirrors);
          if (oldMirror && m.pullFromMirror !== oldMirror.pullFromMirror && m.pullFromMirror !== 'digest-only') return false;
          if (!oldMirror && m.pullFromMirror !== 'digest-only' && !newReg.mirrorByDigestOnly) return false;
        }
      }
    } else {
      const allDigestOnly = newReg.mirrors.length === 0 ? newReg.mirrorByDigestOnly : newReg.mirrors.every((m) => m.pullFromMirror === 'digest-only');
      if (!allDigestOnly) return false;
    }
  }
  return true;
}

/** TOML text of a struct; zero values are sometimes written, sometimes left out (the decoder must not care). */
function toToml(conf: Conf, writeZeros: boolean): string {
  const lines: string[] = [];
  const str = (value: string) => JSON.stringify(value);
  if (conf.search.length > 0 || writeZeros) {
    lines.push(`unqualified-search-registries = [${conf.search.map(str).join(', ')}]`);
  }
  const endpointLines = (endpoint: Endpoint, indent: string) => {
    const out: string[] = [];
    if (endpoint.location !== '' || writeZeros) out.push(`${indent}location = ${str(endpoint.location)}`);
    if (endpoint.insecure || writeZeros) out.push(`${indent}insecure = ${endpoint.insecure}`);
    if (endpoint.pullFromMirror !== '' || writeZeros) out.push(`${indent}pull-from-mirror = ${str(endpoint.pullFromMirror)}`);
    return out;
  };
  for (const reg of conf.registries) {
    lines.push('', '[[registry]]', `  prefix = ${str(reg.prefix)}`, ...endpointLines(reg, '  '));
    if (reg.blocked || writeZeros) lines.push(`  blocked = ${reg.blocked}`);
    if (reg.mirrorByDigestOnly || writeZeros) lines.push(`  mirror-by-digest-only = ${reg.mirrorByDigestOnly}`);
    for (const mirror of reg.mirrors) {
      lines.push('', '  [[registry.mirror]]', ...endpointLines(mirror, '    '));
    }
  }
  return `${lines.join('\n')}\n`;
}

// A small universe, so that the two sides share scopes, mirrors and search entries often.
const location = fc.constantFrom('quay.io', 'quay.io/openshift', 'registry.redhat.io', 'docker.io', 'm1.corp/x', 'm2.corp/y', '');
const pull = fc.constantFrom('digest-only', 'tag-only', '', 'all');
const endpoint: fc.Arbitrary<Endpoint> = fc.record({ location, insecure: fc.boolean(), pullFromMirror: pull });
const registry: fc.Arbitrary<Registry> = fc.record({
  prefix: fc.constantFrom('', '', '', '*.example.com', 'quay.io'),
  location,
  insecure: fc.boolean(),
  pullFromMirror: fc.constantFrom('', '', 'digest-only'),
  mirrors: fc.array(endpoint, { maxLength: 3 }),
  blocked: fc.boolean(),
  mirrorByDigestOnly: fc.boolean(),
});
const conf: fc.Arbitrary<Conf> = fc.record({
  search: fc.array(fc.constantFrom('registry.access.redhat.com', 'docker.io', 'quay.io'), { maxLength: 3 }),
  registries: fc.array(registry, { maxLength: 4 }),
});

/** A second file near the first: the same file with a few of the edits people make, so verdicts go both ways. */
const edited = (base: Conf): fc.Arbitrary<Conf> => fc.record({
  search: fc.oneof(fc.constant(base.search), fc.constant<string[]>([...base.search, 'quay.io']), fc.constant(base.search.slice(1)), fc.constant([...base.search].reverse())),
  registries: fc.oneof(
    fc.constant(base.registries),
    fc.constant(base.registries.slice(1)),
    fc.tuple(registry).map(([extra]) => [...base.registries, extra]),
    fc.tuple(fc.nat(), endpoint).map(([at, mirror]) => base.registries.map((reg, i) => (i === at % Math.max(1, base.registries.length) ? { ...reg, mirrors: [...reg.mirrors, mirror] } : reg))),
    fc.tuple(fc.nat()).map(([at]) => base.registries.map((reg, i) => (i === at % Math.max(1, base.registries.length) ? { ...reg, mirrors: reg.mirrors.slice(1) } : reg))),
    fc.tuple(fc.nat(), pull).map(([at, value]) => base.registries.map((reg, i) => (i === at % Math.max(1, base.registries.length) ? { ...reg, mirrors: reg.mirrors.map((m) => ({ ...m, pullFromMirror: value })) } : reg))),
    fc.tuple(fc.nat()).map(([at]) => base.registries.map((reg, i) => (i === at % Math.max(1, base.registries.length) ? { ...reg, blocked: !reg.blocked } : reg))),
    fc.tuple(fc.nat()).map(([at]) => base.registries.map((reg, i) => (i === at % Math.max(1, base.registries.length) ? { ...reg, mirrors: [...reg.mirrors].reverse() } : reg))),
    conf.map((other) => other.registries),
  ),
});
const pair = conf.chain((base) => fc.tuple(fc.constant(base), edited(base)));

describe('GIVEN pairs of registries.conf files, most of them one edit apart', () => {
  test('WHEN our check and the naive restatement judge them THEN they agree, and problems are listed exactly when unsafe', () => {
    let safe = 0;
    let unsafe = 0;
    fc.assert(fc.property(pair, fc.boolean(), ([before, after], writeZeros) => {
      const expected = naiveIsSafe(before, after);
      const verdict = compareRegistriesConfText(toToml(before, writeZeros), toToml(after, !writeZeros));
      expect(verdict.safe).toBe(expected);
      expect(verdict.problems.length === 0).toBe(expected);
      if (expected) {
        safe++;
      } else {
        unsafe++;
      }
    }), { numRuns: 3000, seed: 20260901 });
    // Both verdicts must be exercised, or agreement proves little.
    expect(safe).toBeGreaterThan(300);
    expect(unsafe).toBeGreaterThan(300);
  });

  test('WHEN a file is compared with itself THEN it is always safe', () => {
    fc.assert(fc.property(conf, (file) => compareRegistriesConfText(toToml(file, false), toToml(file, true)).safe), { numRuns: 500, seed: 7 });
  });
});
