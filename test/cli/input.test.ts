import * as path from 'path';
import { expandPaths, parseFieldPath, parseText, readInputs, UsageError } from '../../src/cli/input';
import { shouldColour } from '../../src/cli/output';
import { tempTree } from './cli-helpers';

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
    const { documents, problems } = parseText('\ufeffa: 1\na: 2\n---\nb: 1\n', 'bom.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: 'bom.yaml', line: 2 })]);
    expect(documents.map((document) => document.object)).toEqual([{ b: 1 }]);
  });
});

describe('expandPaths and readInputs', () => {
  test('GIVEN the same file twice and stdin twice WHEN expanded THEN each is read once', () => {
    const dir = tempTree({ 'a.yaml': 'a: 1\n' });
    const file = path.join(dir, 'a.yaml');
    const sources = expandPaths([file, '-', file, dir, '-']);
    expect(sources.map((source) => source.name)).toEqual([file, '<stdin>']);
    const read = readInputs(sources, { readStdin: () => 'b: 2\n' });
    expect(read.documents.map((document) => [document.file, document.object])).toEqual([[file, { a: 1 }], ['<stdin>', { b: 2 }]]);
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
