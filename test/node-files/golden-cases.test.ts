/**
 * Every case of `mco-cases.json`, table-driven by level: texts compared byte for byte, the texts parsed back (TOML
 * with smol-toml, JSON with JSON.parse) and compared with the parsed expectations, plus errors, intermediate lists,
 * merged mirror sets and file sets.
 */
import { parse as parseToml } from 'smol-toml';
import {
  getValidBlockedAndAllowedRegistries,
  MachineConfigOperatorError,
  mergeMirrorRules,
  MergedMirrorSet,
  NodeFilesInput,
  normalizeInput,
  parseOpenShiftVersion,
  PolicyDocument,
  PolicyJsonError,
  renderNodeFiles,
  renderRegistriesConf,
  updatePolicyJson,
  validateRegistriesConfScopes,
} from '../../src/node-files';
import { loadReference } from './reference';

interface GoldenCase {
  readonly name: string;
  readonly level: string;
  readonly input: Record<string, unknown> & NodeFilesInput;
  readonly expected: Record<string, unknown>;
}

const cases = loadReference<GoldenCase[]>('mco-cases.json');
const LATEST = parseOpenShiftVersion();

type StringList = string[] | null;

function list(value: unknown): StringList {
  return Array.isArray(value) ? (value as string[]) : null;
}

function rulesOf(input: GoldenCase['input']) {
  return normalizeInput({ idms: input.idms, itms: input.itms, icsp: input.icsp });
}

function expectRegistriesConf(text: string, expected: GoldenCase['expected']): void {
  expect(text).toBe(expected.registriesConfText);
  expect(parseToml(text)).toEqual(expected.registriesConf);
}

/** The merged sets in the shape of the golden data. */
function goldenMergedSets(sets: readonly MergedMirrorSet[]) {
  return sets.map((set) => ({
    ...(set.neverContactSource ? { mirrorSourcePolicy: 'NeverContactSource' } : {}),
    mirrors: set.mirrors,
    source: set.source,
  }));
}

function casesOf(level: string): [string, GoldenCase][] {
  return cases.filter((c) => c.level === level).map((c) => [c.name, c]);
}

test('GIVEN the golden data WHEN it is loaded THEN it holds the 74 upstream-derived cases', () => {
  expect(cases).toHaveLength(74);
});

describe('updateRegistriesConfig', () => {
  test.each(casesOf('updateRegistriesConfig'))('GIVEN %s WHEN registries.conf is rendered THEN the text is byte-exact', (_, c) => {
    const rules = rulesOf(c.input);
    const rendered = renderRegistriesConf({
      insecure: list(c.input.insecure),
      blocked: list(c.input.blocked),
      digestRules: rules.digestRules,
      tagRules: rules.tagRules,
      version: LATEST,
    });
    expectRegistriesConf(rendered.text, c.expected);
  });
});

describe('EditRegistriesConfig', () => {
  test.each(casesOf('EditRegistriesConfig'))('GIVEN %s WHEN the entries are edited THEN the text is byte-exact', (_, c) => {
    const rules = rulesOf(c.input);
    const rendered = renderRegistriesConf({
      insecure: list(c.input.insecure),
      blocked: list(c.input.blocked),
      digestRules: rules.digestRules,
      tagRules: rules.tagRules,
      version: LATEST,
      skipValidation: true,
    });
    expectRegistriesConf(rendered.text, c.expected);
  });
});

describe('mergedMirrorSets', () => {
  test.each(casesOf('mergedMirrorSets'))('GIVEN %s WHEN the mirror sets are merged THEN sets and text match', (_, c) => {
    const rules = rulesOf(c.input);
    const tag = c.expected.pullFromMirror === 'tag-only';
    const merged = mergeMirrorRules(tag ? rules.tagRules : rules.digestRules);
    expect(goldenMergedSets(merged)).toEqual(c.expected.mergedMirrorSets);
    const rendered = renderRegistriesConf({
      insecure: null,
      blocked: null,
      digestRules: rules.digestRules,
      tagRules: rules.tagRules,
      version: LATEST,
      skipValidation: true,
    });
    expectRegistriesConf(rendered.text, c.expected);
    for (const entry of rendered.conf.registries) {
      for (const mirror of entry.mirrors) {
        expect(mirror.pullFromMirror).toBe(c.expected.pullFromMirror);
      }
    }
  });
});

describe('updatePolicyJSON', () => {
  test.each(casesOf('updatePolicyJSON'))('GIVEN %s WHEN policy.json is updated THEN text, structure or error match', (_, c) => {
    const template = c.input.basePolicyJson as unknown as PolicyDocument;
    const run = () =>
      updatePolicyJson({
        blocked: list(c.input.blocked),
        allowed: list(c.input.allowed),
        releaseImage: c.input.releaseImage as string,
        indented: true,
        template,
        templateText: `${JSON.stringify(template)}\n`,
      });
    if (c.expected.error !== undefined) {
      expect(run).toThrow(PolicyJsonError);
      expect(run).toThrow(c.expected.error as string);
      return;
    }
    const text = run();
    expect(JSON.parse(text)).toEqual(c.expected.policyJson);
    if (c.expected.policyJsonText !== undefined) {
      expect(text).toBe(c.expected.policyJsonText);
    }
  });
});

describe('validateRegistriesConfScopes', () => {
  test.each(casesOf('validateRegistriesConfScopes'))('GIVEN %s WHEN the scopes are validated THEN the first error matches', (_, c) => {
    const rules = rulesOf(c.input);
    const problem = validateRegistriesConfScopes({
      insecure: list(c.input.insecure),
      blocked: list(c.input.blocked),
      allowed: list(c.input.allowed),
      digestRules: rules.digestRules,
      tagRules: rules.tagRules,
    });
    expect(problem ?? null).toBe(c.expected.error);
  });
});

describe('getValidBlockedAndAllowedRegistries', () => {
  test.each(casesOf('getValidBlockedAndAllowedRegistries'))('GIVEN %s WHEN the payload is checked THEN the lists match', (_, c) => {
    const sources = normalizeInput({ imageConfig: c.input.imageConfig }).registrySources;
    const lists = getValidBlockedAndAllowedRegistries(c.input.releaseImage as string, {
      insecure: sources?.insecure ?? null,
      blocked: sources?.blocked ?? null,
      allowed: sources?.allowed ?? null,
      digestRules: rulesOf(c.input).digestRules,
    });
    const e = c.expected;
    const suffix = 'registriesBlocked' in e ? '' : '_harness';
    expect(lists.registriesBlocked).toEqual(e[`registriesBlocked${suffix}`]);
    expect(lists.policyBlocked).toEqual(e[`policyBlocked${suffix}`]);
    expect(lists.allowed).toEqual(e[`allowed${suffix}`]);
    expect(lists.error !== undefined).toBe(e.error);
    if (e.errorMessage !== undefined) {
      expect(lists.error).toBe(e.errorMessage);
    }
    if (e.registriesBlockedMustNotContain !== undefined) {
      expect(lists.registriesBlocked ?? []).not.toContain(e.registriesBlockedMustNotContain);
    }
  });
});

describe('controller and bootstrap', () => {
  const pipeline = [...casesOf('controller'), ...casesOf('bootstrap')];
  test.each(pipeline)('GIVEN %s WHEN the node files are rendered THEN files, texts and lists match', (_, c) => {
    const e = c.expected;
    let result;
    try {
      result = renderNodeFiles(c.input);
    } catch (error) {
      expect(error).toBeInstanceOf(MachineConfigOperatorError);
      expect((error as Error).message).toBe(e.error);
      return;
    }
    expect(e.error).toBeUndefined();
    const byPath = new Map(result.files.map((file) => [file.path, file.content]));
    expect([...byPath.keys()].sort()).toEqual([...(e.files as string[])].sort());
    const registries = byPath.get('/etc/containers/registries.conf');
    if (e.registriesConf === null) {
      expect(registries).toBeUndefined();
    } else if (e.registriesConfText !== undefined) {
      expectRegistriesConf(registries as string, e);
    }
    const policy = byPath.get('/etc/containers/policy.json');
    if (e.policyJson === null) {
      expect(policy).toBeUndefined();
    } else if (e.policyJson !== undefined) {
      expect(JSON.parse(policy as string)).toEqual(e.policyJson);
    }
    if (e.policyJsonText !== undefined) {
      expect(policy).toBe(e.policyJsonText);
    }
    const dropIn = byPath.get('/etc/containers/registries.conf.d/01-image-searchRegistries.conf');
    if (e.searchRegistriesDropIn === null) {
      expect(dropIn).toBeUndefined();
    } else if (e.searchRegistriesDropIn !== undefined) {
      expect(parseToml(dropIn as string)).toEqual(e.searchRegistriesDropIn);
    }
    if (e.searchRegistriesDropInText !== undefined) {
      expect(dropIn).toBe(e.searchRegistriesDropInText);
    }
    if (e.intermediate !== undefined) {
      expect(result.intermediate).toEqual(e.intermediate);
    }
    expect(result.controllerLog).toEqual(e.controllerLog ?? []);
  });
});

test('GIVEN every case WHEN grouped by level THEN no level is left without a runner', () => {
  const known = new Set([
    'updateRegistriesConfig',
    'EditRegistriesConfig',
    'mergedMirrorSets',
    'updatePolicyJSON',
    'validateRegistriesConfScopes',
    'getValidBlockedAndAllowedRegistries',
    'controller',
    'bootstrap',
  ]);
  expect(cases.filter((c) => !known.has(c.level)).map((c) => c.name)).toEqual([]);
});
