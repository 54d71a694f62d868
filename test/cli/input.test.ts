import * as path from 'path';
import { expandPaths, parseFieldPath, parseText, readInputs, UsageError } from '../../src/cli/input';
import { shouldColour } from '../../src/cli/output';
import { tempTree } from '../support/cli';

describe('parseFieldPath', () => {
  test.each([
    ['spec.registrySources.allowedRegistries[0]', ['spec', 'registrySources', 'allowedRegistries', 0]],
    ['spec.nodeSelector["kubernetes.io/os"]', ['spec', 'nodeSelector', 'kubernetes.io/os']],
    ['spec.imageDigestMirrors[2].mirrors[10]', ['spec', 'imageDigestMirrors', 2, 'mirrors', 10]],
    ['', []],
  ])('%s', (given, expected) => {
    expect(parseFieldPath(given)).toEqual(expected);
  });
});

describe('parseText', () => {
  const text = [
    '# leading comment',         // 1
    '---',                       // 2
    '---',                       // 3 (empty document before it)
    'apiVersion: v1',            // 4
    'kind: ConfigMap',           // 5
    'metadata:',                 // 6
    '  name: ca',                // 7
    'data:',                     // 8
    '  "registry.corp..5000": |', // 9
    '    -----BEGIN CERTIFICATE-----', // 10
    '',
  ].join('\n');

  test('GIVEN empty documents and comments WHEN parsed THEN only real documents, with their start line', () => {
    const { documents, problems } = parseText(text, 'f.yaml');
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0].line).toBe(4);
  });

  test('GIVEN a path with a quoted key WHEN located THEN the key line; a missing field THEN its closest ancestor', () => {
    const [document] = parseText(text, 'f.yaml').documents;
    expect(document.lineOf('data["registry.corp..5000"]')).toBe(9);
    expect(document.lineOf('metadata.name')).toBe(7);
    expect(document.lineOf('metadata.namespace')).toBe(6);
    expect(document.lineOf('spec.whatever[3]')).toBe(4);
  });

  test('GIVEN a byte-order mark and a duplicate key WHEN parsed THEN the BOM is ignored and the duplicate is a yaml-syntax problem', () => {
    const { documents, problems } = parseText('\ufeffkind: A\nkind: B\n---\nkind: C\n', 'bom.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: 'bom.yaml', line: 2 })]);
    expect(documents.map((document) => document.object)).toEqual([{ kind: 'C' }]);
  });

  test('GIVEN documents that are no Kubernetes objects WHEN parsed THEN they are passed over with a reason, not reported as problems', () => {
    // GIVEN an Ansible task list, an install-config (apiVersion but no kind), a scalar and a Jinja template
    const text = '- name: mirror\n  shell: oc apply -f x\n---\napiVersion: v1\nbaseDomain: example.com\n---\njust text\n---\n{% for x in y %}\n- a: b\n{% endfor %}\n';
    // WHEN
    const { documents, problems, passedOver } = parseText(text, 'play.yaml');
    // THEN
    expect(documents).toEqual([]);
    expect(problems).toEqual([]);
    expect(passedOver.map((note) => [note.line, note.reason])).toEqual([
      [1, expect.stringContaining('a YAML list')],
      [4, expect.stringContaining('without `kind`')],
      [7, expect.stringContaining('a plain value')],
      [8, expect.stringContaining('does not parse')],
    ]);
  });

  test('GIVEN a broken manifest that names its kind WHEN parsed THEN the syntax error is a problem, not passed over', () => {
    const { problems, passedOver } = parseText('kind: ImageDigestMirrorSet\nspec: [\n', 'broken.yaml');
    expect(problems.map((problem) => problem.code)).toEqual(['yaml-syntax']);
    expect(passedOver).toEqual([]);
  });
});

describe('expandPaths and readInputs', () => {
  test('GIVEN the same file twice and stdin twice WHEN expanded THEN each is read once', () => {
    const dir = tempTree({ 'a.yaml': 'kind: A\n' });
    const file = path.join(dir, 'a.yaml');
    const sources = expandPaths([file, '-', file, dir, '-']);
    expect(sources.map((source) => source.name)).toEqual([file, '<stdin>']);
    const read = readInputs(sources, { readStdin: () => 'kind: B\n' });
    expect(read.documents.map((document) => [document.file, document.object])).toEqual([[file, { kind: 'A' }], ['<stdin>', { kind: 'B' }]]);
  });

  test('GIVEN excludes WHEN a directory is expanded THEN matching files and whole folders are left out', () => {
    // GIVEN
    const dir = tempTree({ 'base/a.yaml': 'kind: A\n', 'overlays/prod/b.yaml': 'kind: B\n', 'c.tmpl.yaml': 'kind: C\n', 'd.yaml': 'kind: D\n' });
    // WHEN
    const names = (exclude: string[]) => expandPaths([dir], { exclude }).map((source) => path.relative(dir, source.path));
    // THEN
    expect(names([])).toEqual(['base/a.yaml', 'c.tmpl.yaml', 'd.yaml', 'overlays/prod/b.yaml']);
    expect(names(['overlays'])).toEqual(['base/a.yaml', 'c.tmpl.yaml', 'd.yaml']);
    expect(names([`${dir}/overlays/**`, '*.tmpl.yaml'])).toEqual(['base/a.yaml', 'd.yaml']);
  });

  test('GIVEN a path that does not exist WHEN expanded THEN a UsageError', () => {
    expect(() => expandPaths(['/no/such/file.yaml'])).toThrow(UsageError);
  });
});

describe('shouldColour', () => {
  test.each([
    [true, {}, true, true],
    [false, {}, true, false],
    [true, { NO_COLOR: '1' }, true, false],
    [true, { NO_COLOR: '' }, true, true],
    [true, {}, false, false],
  ])('isTTY=%s env=%j option=%s -> %s', (isTTY, env, option, expected) => {
    expect(shouldColour({ isTTY }, env as NodeJS.ProcessEnv, option)).toBe(expected);
  });
});
