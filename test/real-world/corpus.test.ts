/**
 * The real-world corpus: manifests published in public repositories (GitOps catalogs, telco reference configs,
 * oc-mirror output, operator build repos, documentation snippets), each with the verdict an OpenShift expert gives
 * for `ocp-images validate -f <input>` and, for mirror sets, `ocp-images preview`. The verdicts are written from
 * upstream facts (CRD schemas, operator and MCO code), not from what the tool says, so a failing case here is a
 * disagreement to look at: either the rule or the verdict is wrong, and the entry's `reasoning` says why the
 * verdict is what it is.
 *
 * Data: test/fixtures/real-world/corpus.json (provenance, licence, verdicts) and the files next to it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { planPreview } from '../../src/cli/preview';
import { INPUT_PROBLEM_CODES, UsageError } from '../../src/cli/input';
import { validateInputs } from '../../src/cli/validate';
import { MachineConfigOperatorError } from '../../src/node-files';
import { ruleCatalog } from '../../src/validation';

const CORPUS_DIR = path.resolve(__dirname, '../fixtures/real-world');
const REPO_ROOT = path.resolve(__dirname, '../..');

interface Source {
  /** File under test/fixtures/real-world. */
  readonly fixture: string;
  /** Path of the file in its repository. */
  readonly path: string;
  /** Commit of the stored version the fixture was taken from. */
  readonly commit: string;
}

interface ValidateVerdict {
  readonly exitCode: 0 | 1 | 2;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly reasoning: string;
}

interface PreviewVerdict {
  readonly exitCode: 0 | 1 | 2;
  /** Node paths of the files written, when the preview succeeds. */
  readonly files?: readonly string[];
  /** Part of the MCO's message, when the preview fails. */
  readonly messageIncludes?: string;
  readonly reasoning?: string;
}

interface Entry {
  readonly id: string;
  readonly repository: string;
  readonly licence: string;
  /** Files or folders (ending in `/`) given to `-f`, relative to the corpus folder. */
  readonly input: readonly string[];
  readonly sources: readonly Source[];
  readonly changes: string;
  readonly what: string;
  readonly expected: ValidateVerdict;
  readonly preview?: PreviewVerdict;
  readonly proposedCodes?: readonly string[];
}

interface Corpus {
  readonly proposedCodes: Readonly<Record<string, string>>;
  readonly entries: readonly Entry[];
}

const corpus = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'corpus.json'), 'utf8')) as Corpus;

/** Files of the corpus folder that are not manifests: the index itself, the licence texts and the read-me. */
function isCorpusMetadata(relative: string): boolean {
  return relative === 'corpus.json' || relative === 'README.md' || relative.startsWith('licenses/');
}

function corpusFiles(dir = CORPUS_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((dirent) => {
    const full = path.join(dir, dirent.name);
    return dirent.isDirectory() ? corpusFiles(full) : [path.relative(CORPUS_DIR, full).split(path.sep).join('/')];
  });
}

const inputPaths = (entry: Entry): string[] => entry.input.map((input) => path.join(CORPUS_DIR, input));
const uniqueSorted = (codes: Iterable<string>): string[] => [...new Set(codes)].sort();

/** What `ocp-images validate -f <input>` concludes, in the terms of a verdict. */
function validateVerdict(entry: Entry): Omit<ValidateVerdict, 'reasoning'> {
  try {
    const result = validateInputs({ filename: inputPaths(entry) }, { cwd: REPO_ROOT });
    return {
      exitCode: result.summary.passed ? 0 : 1,
      errors: uniqueSorted(result.errors.map((finding) => finding.code)),
      warnings: uniqueSorted(result.warnings.map((finding) => finding.code)),
    };
  } catch (error) {
    if (error instanceof UsageError) {
      return { exitCode: 2, errors: [], warnings: [] };
    }
    throw error;
  }
}

/** What `ocp-images preview -f <input>` concludes (rendered in memory; nothing is written). */
function previewVerdict(entry: Entry): { exitCode: number; files?: string[]; message?: string } {
  try {
    const plan = planPreview({ filename: inputPaths(entry), out: path.join(REPO_ROOT, 'never-written') }, {});
    return { exitCode: 0, files: plan.result.files.map((file) => file.path).sort() };
  } catch (error) {
    if (error instanceof UsageError) {
      return { exitCode: 2, message: error.message };
    }
    if (error instanceof MachineConfigOperatorError) {
      return { exitCode: 1, message: error.message };
    }
    throw error;
  }
}

describe('GIVEN the real-world corpus index', () => {
  const knownCodes = new Set([...ruleCatalog().map((rule) => rule.code), ...INPUT_PROBLEM_CODES.map((problem) => problem.code)]);

  test('WHEN counted THEN it holds at least 30 entries, with unique ids', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(30);
    const ids = corpus.entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(corpus.entries.map((entry) => [entry.id, entry] as const))(
    'WHEN entry %s is read THEN it names its repository, licence, and the path and commit of every file',
    (_id, entry) => {
      expect(entry.repository).toMatch(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/);
      expect(entry.licence).toMatch(/\S/);
      expect(entry.what).toMatch(/\S/);
      expect(entry.changes).toMatch(/\S/);
      expect(entry.expected.reasoning).toMatch(/\S/);
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const source of entry.sources) {
        expect(source.path).toMatch(/\S/);
        expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(fs.statSync(path.join(CORPUS_DIR, source.fixture)).isFile()).toBe(true);
      }
      for (const input of entry.input) {
        const stat = fs.statSync(path.join(CORPUS_DIR, input));
        expect(input.endsWith('/') ? stat.isDirectory() : stat.isFile()).toBe(true);
        // Every file an input covers is a source of this entry, so provenance is never borrowed from another entry.
        const covered = input.endsWith('/') ? corpusFiles().filter((file) => file.startsWith(input)) : [input];
        for (const file of covered) {
          expect(entry.sources.map((source) => source.fixture)).toContain(file);
        }
      }
    },
  );

  test('WHEN the folder is listed THEN every manifest in it is the source of some entry', () => {
    const listed = new Set(corpus.entries.flatMap((entry) => entry.sources.map((source) => source.fixture)));
    const unlisted = corpusFiles().filter((file) => !isCorpusMetadata(file) && !listed.has(file));
    expect(unlisted).toEqual([]);
  });

  test('WHEN the expected codes are read THEN each is a documented code or one the corpus proposes', () => {
    const unknown = corpus.entries.flatMap((entry) =>
      [...entry.expected.errors, ...entry.expected.warnings]
        .filter((code) => !knownCodes.has(code) && !(code in corpus.proposedCodes))
        .map((code) => `${entry.id}: ${code}`),
    );
    expect(unknown).toEqual([]);
    for (const entry of corpus.entries) {
      for (const code of entry.proposedCodes ?? []) {
        expect(Object.keys(corpus.proposedCodes)).toContain(code);
      }
    }
  });
});

describe.each(corpus.entries.map((entry) => [entry.id, entry] as const))('GIVEN %s', (_id, entry) => {
  test(`WHEN validated THEN exit ${entry.expected.exitCode}, errors [${entry.expected.errors.join(', ')}], warnings [${entry.expected.warnings.join(', ')}]`, () => {
    const { reasoning: _reasoning, ...expected } = entry.expected;
    expect(validateVerdict(entry)).toEqual({ ...expected, errors: uniqueSorted(expected.errors), warnings: uniqueSorted(expected.warnings) });
  });

  const preview = entry.preview;
  if (preview !== undefined) {
    test(`WHEN previewed THEN exit ${preview.exitCode}${preview.files ? ` with ${preview.files.length} file(s)` : ''}`, () => {
      const actual = previewVerdict(entry);
      expect(actual.exitCode).toBe(preview.exitCode);
      if (preview.files !== undefined) {
        expect(actual.files).toEqual([...preview.files].sort());
      }
      if (preview.messageIncludes !== undefined) {
        expect(actual.message).toContain(preview.messageIncludes);
      }
    });
  }
});
