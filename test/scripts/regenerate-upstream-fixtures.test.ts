/**
 * The upstream fixtures the tests compare with (test/fixtures/upstream/) and the script that regenerates them
 * (scripts/regenerate-upstream-fixtures.js): the committed files are exactly what the script makes of upstream-shaped
 * input, with the description texts gone and every constraint kept, and a missing fixture fails instead of skipping.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { readUpstreamFixture, UPSTREAM_CRD_FILES, UPSTREAM_FIXTURES_DIR, upstreamFixturePath } from '../support/upstream-fixtures';

const SCRIPT = path.resolve(__dirname, '../../scripts/regenerate-upstream-fixtures.js');
const GOLDEN_FILES = ['mco-cases.json', 'mco-predicates.json', 'safe-regex.json'];

type Json = Record<string, unknown>;

function regenerate(...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir`, relative path -> content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}

/** Calls `visit` on every schema node of a CRD's versions, with its path. */
function walkSchemas(crd: Json, visit: (node: Json, where: string) => void): void {
  const walk = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null) {
      return;
    }
    const schema = node as Json;
    visit(schema, where);
    for (const keyword of ['items', 'not', 'additionalProperties']) {
      walk(schema[keyword], `${where}.${keyword}`);
    }
    for (const keyword of ['anyOf', 'allOf', 'oneOf']) {
      ((schema[keyword] as unknown[] | undefined) ?? []).forEach((child, index) => walk(child, `${where}.${keyword}[${index}]`));
    }
    for (const [name, child] of Object.entries((schema.properties as Json | undefined) ?? {})) {
      walk(child, `${where}.properties.${name}`);
    }
  };
  const versions = (crd.spec as { versions: Array<{ name: string; schema: { openAPIV3Schema: unknown } }> }).versions;
  for (const version of versions) {
    walk(version.schema.openAPIV3Schema, version.name);
  }
}

/** A CRD fixture as upstream writes it: YAML, a description on every schema node, a deprecation warning. */
function upstreamShaped(crd: Json): string {
  const copy = JSON.parse(JSON.stringify(crd)) as Json;
  walkSchemas(copy, (node, where) => {
    const entries = Object.entries(node);
    for (const key of Object.keys(node)) {
      delete node[key];
    }
    Object.assign(node, { description: `Prose about ${where} that must not reach the fixtures.` }, Object.fromEntries(entries));
  });
  (copy.spec as { versions: Json[] }).versions.forEach((version) => {
    version.deprecationWarning = 'A sentence that must not reach the fixtures either.';
  });
  return stringify(copy);
}

let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-fixtures-'));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('GIVEN the committed upstream fixtures', () => {
  test('WHEN the test support reads them THEN the seven CRDs and the three golden files are there and parse', () => {
    for (const file of [...UPSTREAM_CRD_FILES, ...GOLDEN_FILES]) {
      expect(readUpstreamFixture<unknown>(file)).toBeTruthy();
    }
    expect(fs.readdirSync(path.join(UPSTREAM_FIXTURES_DIR, 'crds')).sort()).toEqual(UPSTREAM_CRD_FILES.map((file) => path.basename(file)).sort());
  });

  test('WHEN every schema node is inspected THEN none carries description, example or title text, and the CEL rules keep their messages', () => {
    const prose: string[] = [];
    const celRules: Record<string, number> = {};
    for (const file of UPSTREAM_CRD_FILES) {
      const kind = path.basename(file, '.crd.json');
      celRules[kind] = 0;
      walkSchemas(readUpstreamFixture<Json>(file), (node, where) => {
        prose.push(...['description', 'example', 'externalDocs', 'title'].filter((keyword) => keyword in node).map((keyword) => `${file} ${where}.${keyword}`));
        for (const rule of (node['x-kubernetes-validations'] as Array<{ rule: string; message?: string }> | undefined) ?? []) {
          celRules[kind]++;
          expect(rule.message).toEqual(expect.any(String));
        }
      });
    }
    expect(prose).toEqual([]);
    // Upstream's rules: Image has the allowed/blocked exclusivity and one entry regex per registry list; Config has
    // the azure network-access rule (in spec and status) and one status transition rule; MachineConfiguration's
    // node disruption policy has, per action list (files, units, sshkey), two rules on the list, two on each action and
    // two on each of its two service names, plus two on the unit name.
    expect(celRules).toEqual({ Config: 3, Image: 4, ImageContentSourcePolicy: 0, ImageDigestMirrorSet: 0, ImagePruner: 0, ImageTagMirrorSet: 0, MachineConfiguration: 26 });
  });

  test('WHEN the golden cases and predicates are read THEN they hold data and sources only, no explanatory notes', () => {
    const entries = [
      ...readUpstreamFixture<Json[]>('mco-cases.json'),
      ...readUpstreamFixture<Json[]>('mco-predicates.json'),
    ];
    expect(entries).toHaveLength(74 + 51);
    expect(entries.filter((entry) => 'notes' in entry || 'provenance' in entry)).toEqual([]);
    expect(entries.filter((entry) => typeof entry.source !== 'string' || !/^openshift\/[a-z-]+@[0-9a-f]{12} /.test(entry.source))).toEqual([]);
  });

  test('WHEN the regeneration script takes them as its input in --check mode THEN it finds them up to date (a fixed point)', () => {
    const result = regenerate('--crds', path.join(UPSTREAM_FIXTURES_DIR, 'crds'), '--golden', UPSTREAM_FIXTURES_DIR, '--check');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('10 fixture(s) up to date');
    expect(result.code).toBe(0);
  });
});

describe('GIVEN CRDs shaped as upstream writes them (YAML, descriptions everywhere)', () => {
  function writeUpstreamCrds(dir: string, edit?: (kind: string, crd: Json) => void): void {
    fs.mkdirSync(dir, { recursive: true });
    for (const file of UPSTREAM_CRD_FILES) {
      const crd = readUpstreamFixture<Json>(file);
      const kind = path.basename(file, '.crd.json');
      edit?.(kind, crd);
      fs.writeFileSync(path.join(dir, `${kind.toLowerCase()}-upstream.yaml`), upstreamShaped(crd));
    }
  }

  test('WHEN the fixtures are regenerated from them THEN the output equals the committed CRD fixtures byte for byte', () => {
    writeUpstreamCrds(path.join(scratch, 'in'));
    const result = regenerate('--crds', path.join(scratch, 'in'), '--out', path.join(scratch, 'out'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const committed = Object.fromEntries(UPSTREAM_CRD_FILES.map((file) => [file, fs.readFileSync(upstreamFixturePath(file), 'utf8')]));
    expect(tree(path.join(scratch, 'out'))).toEqual(committed);
  });

  test('WHEN a property is named "description" THEN the property stays and only its prose goes', () => {
    writeUpstreamCrds(path.join(scratch, 'in'), (kind, crd) => {
      if (kind === 'ImagePruner') {
        const spec = (crd.spec as { versions: Array<{ schema: { openAPIV3Schema: { properties: { spec: { properties: Json } } } } }> }).versions[0];
        spec.schema.openAPIV3Schema.properties.spec.properties.description = { type: 'string', maxLength: 10 };
      }
    });
    expect(regenerate('--crds', path.join(scratch, 'in'), '--out', path.join(scratch, 'out')).code).toBe(0);
    const pruner = JSON.parse(fs.readFileSync(path.join(scratch, 'out/crds/ImagePruner.crd.json'), 'utf8'));
    expect(pruner.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.description).toEqual({ type: 'string', maxLength: 10 });
  });

  test('WHEN a schema uses a keyword the script does not know THEN it exits 1 naming it and writes nothing', () => {
    writeUpstreamCrds(path.join(scratch, 'in'), (kind, crd) => {
      if (kind === 'Image') {
        (crd.spec as { versions: Array<{ schema: { openAPIV3Schema: Json } }> }).versions[0].schema.openAPIV3Schema['x-new-keyword'] = true;
      }
    });
    const result = regenerate('--crds', path.join(scratch, 'in'), '--out', path.join(scratch, 'out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown schema keyword "x-new-keyword"');
    expect(fs.existsSync(path.join(scratch, 'out'))).toBe(false);
  });

  test('WHEN one kind is missing from the folder THEN it exits 1 naming the kind', () => {
    writeUpstreamCrds(path.join(scratch, 'in'));
    fs.rmSync(path.join(scratch, 'in/imagetagmirrorset-upstream.yaml'));
    const result = regenerate('--crds', path.join(scratch, 'in'), '--out', path.join(scratch, 'out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no CRD for config.openshift.io ImageTagMirrorSet');
  });
});

describe('GIVEN fixtures that drifted from their inputs', () => {
  test('WHEN --check runs THEN it exits 1, names each drifted, missing or extra file, and changes nothing', () => {
    const out = path.join(scratch, 'out');
    fs.cpSync(UPSTREAM_FIXTURES_DIR, out, { recursive: true });
    const image = path.join(out, 'crds/Image.crd.json');
    fs.writeFileSync(image, fs.readFileSync(image, 'utf8').replace('"maxItems"', '"maxItemz"'));
    fs.rmSync(path.join(out, 'safe-regex.json'));
    fs.writeFileSync(path.join(out, 'crds/Stale.crd.json'), '{}\n');
    const before = tree(out);
    const result = regenerate('--crds', path.join(UPSTREAM_FIXTURES_DIR, 'crds'), '--golden', UPSTREAM_FIXTURES_DIR, '--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('differs: crds/Image.crd.json');
    expect(result.stderr).toContain('missing: safe-regex.json');
    expect(result.stderr).toContain('not produced by the inputs: crds/Stale.crd.json');
    expect(tree(out)).toEqual(before);
  });

  test('WHEN regenerated without --check THEN the drift is repaired and the extra CRD file removed', () => {
    const out = path.join(scratch, 'out');
    fs.cpSync(UPSTREAM_FIXTURES_DIR, out, { recursive: true });
    fs.writeFileSync(path.join(out, 'crds/Stale.crd.json'), '{}\n');
    fs.writeFileSync(path.join(out, 'mco-cases.json'), '[]\n');
    expect(regenerate('--crds', path.join(UPSTREAM_FIXTURES_DIR, 'crds'), '--golden', UPSTREAM_FIXTURES_DIR, '--out', out).code).toBe(0);
    expect(tree(out)).toEqual(tree(UPSTREAM_FIXTURES_DIR));
  });

  test('WHEN the script is called without inputs or with both CRD sources THEN it exits 2 with the usage', () => {
    expect(regenerate().code).toBe(2);
    const both = regenerate('--crds', scratch, '--openshift-api', scratch);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('usage:');
  });
});

describe('GIVEN a fixture that is not in the repository', () => {
  test('WHEN a test reads it THEN it throws, naming the file and how to restore it, instead of skipping', () => {
    expect(() => readUpstreamFixture('crds/Missing.crd.json')).toThrow(/upstream test fixture missing: .*crds\/Missing\.crd\.json.*git checkout -- test\/fixtures\/upstream.*regenerate-upstream-fixtures\.js/);
  });
});
