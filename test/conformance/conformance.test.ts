/**
 * Our rules are the cluster's rules: for many generated objects of each of the upstream kinds, valid and invalid, our
 * verdict on schema-level rules equals the verdict of the upstream CRDs (ajv over `openAPIV3Schema` plus the CEL
 * rules, see test/support/crd-oracle.ts).
 *
 * "Our verdict" is: does `checkObjects` report any finding of severity `error` whose rule is `schemaLevel: true` in
 * `ruleCatalog()`, apart from the deliberately stricter rules listed below? Semantic rules (MCO, operator,
 * documentation, singleton names) are not part of the comparison: the API server does not enforce them. ICSP has no
 * schema constraints beyond types and `required`, and the MCO's checks of its strings are not schema-level.
 *
 * Runs and seed: `CONFORMANCE_RUNS` (default 1000 per kind) and `CONFORMANCE_SEED`. A failure prints the disagreeing
 * objects grouped by signature, then a shrunk counterexample from fast-check.
 */
import fc from 'fast-check';
import { checkObjects, knownKinds, LocatedFinding, ruleCatalog } from '../../src/validation';
import { crdKinds, CrdVerdict, validateWithCrd } from '../support/crd-oracle';
import { objectArbitrary } from './arbitraries';

const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 1000);
const SEED = Number(process.env.CONFORMANCE_SEED ?? 20260822);

/**
 * Rules that are deliberately stricter than the CRD schema, excluded from the comparison (and only they). Keep this
 * list explicit and small; each entry says why. A rule that is stricter than the API server should normally be a
 * non-schema-level rule (its own code, `schemaLevel: false`), which needs no entry here.
 */
const DELIBERATELY_STRICTER: ReadonlyArray<{ readonly code: string; readonly path?: RegExp; readonly reason: string }> = [];

/**
 * The cluster singletons (`Image`, registry `Config`, `ImagePruner`) always exist: their operators create them, so a
 * manifest of one is applied over the live object, and the API server validates the merge. Our verdict follows that
 * (a spec, or a required field of the spec, left out is kept from the cluster); the oracle sees the manifest merged
 * over a live object that holds what the operator always sets. Deliberately, and only at the spec root: nested
 * mappings a manifest writes are usually new to the cluster, so they are checked as written on both sides.
 */
const LIVE_SPEC_OF_SINGLETON: Readonly<Record<string, Record<string, unknown>>> = {
  Image: {},
  Config: { replicas: 2 },
  ImagePruner: {},
  MachineConfiguration: {},
};

function appliedOverLiveObject(object: unknown): unknown {
  const candidate = object as Record<string, unknown> | null;
  const live = typeof candidate?.kind === 'string' ? LIVE_SPEC_OF_SINGLETON[candidate.kind] : undefined;
  if (!live || candidate === null || candidate.spec === null) {
    // A `spec: null` is not "left out": applied, it deletes the spec.
    return object;
  }
  const spec = candidate.spec;
  if (spec === undefined) {
    return { ...candidate, spec: { ...live } };
  }
  return typeof spec === 'object' && !Array.isArray(spec) ? { ...candidate, spec: { ...live, ...(spec as object) } } : object;
}

interface KindStats {
  kind: string;
  generated: number;
  clusterAccepts: number;
  clusterRejects: number;
  agree: number;
  falseRejects: number;
  falseAccepts: number;
  excludedHits: number;
}

const stats: KindStats[] = [];

function isExcluded(finding: LocatedFinding): boolean {
  return DELIBERATELY_STRICTER.some((rule) => rule.code === finding.code && (!rule.path || rule.path.test(finding.path)));
}

/** A seed per kind, so kinds with the same shape (IDMS, ITMS) do not draw the same values. */
function seedFor(kind: string): number {
  let hash = SEED;
  for (const character of kind) {
    hash = (Math.imul(hash, 31) + character.charCodeAt(0)) | 0;
  }
  return hash;
}

interface OurVerdict {
  readonly valid: boolean;
  readonly findings: LocatedFinding[];
  readonly excludedHit: boolean;
}

function ourVerdict(object: unknown, schemaLevel: ReadonlySet<string>): OurVerdict {
  const { findings } = checkObjects([object]);
  const relevant = findings.filter((finding) => finding.severity === 'error' && schemaLevel.has(finding.code));
  const counted = relevant.filter((finding) => !isExcluded(finding));
  return { valid: counted.length === 0, findings: counted, excludedHit: counted.length < relevant.length };
}

function describeDisagreement(object: unknown, oracle: CrdVerdict, ours: OurVerdict): string {
  const side = oracle.valid ? 'the cluster ACCEPTS but we REJECT' : 'the cluster REJECTS but we ACCEPT';
  return [
    side,
    `  object: ${JSON.stringify(object)}`,
    `  cluster: ${oracle.valid ? 'valid' : oracle.errors.join(' | ')}`,
    `  ours:    ${ours.valid ? 'valid' : ours.findings.map((finding) => `${finding.code} ${finding.path}: ${finding.message}`).join(' | ')}`,
  ].join('\n');
}

/** Groups disagreements by what went wrong, so one cause is one line however many objects show it. */
function signature(oracle: CrdVerdict, ours: OurVerdict): string {
  const cluster = oracle.valid ? 'cluster:valid' : `cluster:${[...new Set(oracle.errors.map((error) => error.replace(/\/\d+/g, '/*').replace(/: .*$/, '')))].sort().join(',')}`;
  const mine = ours.valid ? 'ours:valid' : `ours:${[...new Set(ours.findings.map((finding) => `${finding.code}@${finding.path.replace(/\[\d+\]/g, '[*]')}`))].sort().join(',')}`;
  return `${cluster} ${mine}`;
}

describe('conformance: our schema-level verdict equals the upstream CRDs\'', () => {
  const schemaLevel = new Set(ruleCatalog().filter((rule) => rule.schemaLevel === true).map((rule) => rule.code));

  test('the exclusion list names only existing schema-level rules', () => {
    for (const rule of DELIBERATELY_STRICTER) {
      expect(schemaLevel.has(rule.code)).toBe(true);
    }
  });

  // Read while collecting the tests: a missing CRD fixture fails the suite here, with the fixture's name.
  const kinds = crdKinds().sort((a, b) => a.kind.localeCompare(b.kind));
  test.each(kinds.map((crd) => [`${crd.kind} (${crd.apiVersion})`, crd] as const))('%s', (_name, crd) => {
    const registered = knownKinds().some((kind) => kind.apiVersion === crd.apiVersion && kind.kind === crd.kind);
    if (!registered) {
      throw new Error(`${crd.apiVersion} ${crd.kind} is not registered with the rule engine yet, so nothing checks its schema; this conformance test stays red until it is.`);
    }
    const arbitrary = objectArbitrary(crd);
    const seed = seedFor(crd.kind);
    const samples = fc.sample(arbitrary, { numRuns: RUNS, seed });
    const row: KindStats = { kind: crd.kind, generated: samples.length, clusterAccepts: 0, clusterRejects: 0, agree: 0, falseRejects: 0, falseAccepts: 0, excludedHits: 0 };
    const disagreements = new Map<string, { count: number; example: string }>();
    for (const object of samples) {
      const oracle = validateWithCrd(appliedOverLiveObject(object));
      const ours = ourVerdict(object, schemaLevel);
      row.clusterAccepts += oracle.valid ? 1 : 0;
      row.clusterRejects += oracle.valid ? 0 : 1;
      row.excludedHits += ours.excludedHit ? 1 : 0;
      if (oracle.valid === ours.valid) {
        row.agree++;
        continue;
      }
      if (oracle.valid) {
        row.falseRejects++;
      } else {
        row.falseAccepts++;
      }
      const key = signature(oracle, ours);
      const known = disagreements.get(key);
      disagreements.set(key, { count: (known?.count ?? 0) + 1, example: known?.example ?? describeDisagreement(object, oracle, ours) });
    }
    stats.push(row);

    // Both sides of the comparison must be exercised, or agreement proves little.
    expect(row.clusterAccepts).toBeGreaterThan(RUNS / 40);
    expect(row.clusterRejects).toBeGreaterThan(RUNS / 40);

    if (disagreements.size > 0) {
      const report = [...disagreements.entries()].sort((a, b) => b[1].count - a[1].count)
        .map(([key, { count, example }]) => `${count} x ${key}\n${example}`).join('\n\n');
      // Let fast-check shrink one disagreement to a minimal object, which is usually the clearest explanation.
      let shrunk = '';
      try {
        fc.assert(fc.property(arbitrary, (object) => {
          const oracle = validateWithCrd(appliedOverLiveObject(object));
          const ours = ourVerdict(object, schemaLevel);
          if (oracle.valid !== ours.valid) {
            throw new Error(describeDisagreement(object, oracle, ours));
          }
        }), { numRuns: RUNS, seed });
      } catch (error) {
        shrunk = (error as Error).message.split('\n').slice(0, 12).join('\n');
      }
      throw new Error(`${crd.kind}: ${row.falseRejects + row.falseAccepts} of ${row.generated} generated objects disagree with the CRD.\n\n${report}\n\nShrunk by fast-check:\n${shrunk}`);
    }
  });

  afterAll(() => {
    if (stats.length === 0) {
      return;
    }
    const header = ['kind', 'generated', 'cluster accepts', 'cluster rejects', 'agree', 'we reject, cluster accepts', 'we accept, cluster rejects', 'excluded-rule hits'];
    const rows = stats.map((row) => [row.kind, row.generated, row.clusterAccepts, row.clusterRejects, row.agree, row.falseRejects, row.falseAccepts, row.excludedHits].map(String));
    const total = ['total', ...[1, 2, 3, 4, 5, 6, 7].map((column) => String(rows.reduce((sum, row) => sum + Number(row[column]), 0)))];
    const widths = header.map((title, column) => Math.max(title.length, ...[...rows, total].map((row) => row[column].length)));
    const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
    // eslint-disable-next-line no-console
    console.log([
      `Conformance with the upstream CRDs (base seed ${SEED}, ${RUNS} objects per kind; excluded rules: ${DELIBERATELY_STRICTER.map((rule) => rule.code).join(', ') || 'none'})`,
      line(header),
      `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
      ...rows.map(line),
      line(total),
    ].join('\n'));
  });
});
