/**
 * The light reading path (js-yaml, tried first for every file) and the full one (the `yaml` library's Document) read the same
 * text the same way: the same documents, values, start lines, list items, passed-over notes and problems, and the same
 * line for every field path. Checked over generated YAML written the ways people write it (block and flow style,
 * every plain-scalar form of the core schema and of YAML 1.1 that the core schema reads as a string, quoted keys,
 * null keys, keys named like Object.prototype members, inline merge keys, lists of Kubernetes objects, several
 * documents) and over YAML the `yaml` library writes from arbitrary values.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { InputDocument, parseText, ParsedText } from '../../src/cli/input';

const RUNS = Number(process.env.LIGHT_YAML_RUNS ?? 400);

/** Every field path of a value, as the rule engine writes them. */
function pathsOf(value: unknown, prefix = '', out: string[] = []): string[] {
  if (out.length > 400) {
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const at = `${prefix}[${index}]`;
      out.push(at);
      pathsOf(item, at, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const at = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? (prefix ? `${prefix}.${key}` : key) : `${prefix}[${JSON.stringify(key)}]`;
      out.push(at);
      pathsOf(item, at, out);
    }
  }
  return out;
}

function view(parsed: ParsedText): unknown {
  return {
    documents: parsed.documents.map((document: InputDocument) => ({
      line: document.line,
      listItemIndex: document.listItemIndex,
      object: document.object,
      lines: pathsOf(document.object).concat(['no.such.field', 'metadata.missing[3]']).map((at) => [at, document.lineOf(at)]),
    })),
    problems: parsed.problems,
    passedOver: parsed.passedOver,
  };
}

function expectSameReading(text: string): void {
  const full = parseText(text, 'f.yaml', { reader: 'full' });
  const light = parseText(text, 'f.yaml', { reader: 'light' });
  expect(view(light)).toEqual(view(full));
}

// ---------------------------------------------------------------------------------------------------------------
// A small emitter of YAML text from trees whose leaves are scalar texts as written

type Tree = { readonly scalar: string } | { readonly map: ReadonlyArray<readonly [string, Tree]>; readonly flow: boolean } | { readonly seq: readonly Tree[]; readonly flow: boolean };

const PLAIN_SCALARS = [
  'a', 'quay.io/team', 'cluster', '1', '0', '-0', '+5', '007', '0o17', '0x1F', '0b101', '1_000', '.5', '5.', '1.0', '1e3', '1E-3', '-.inf', '.Inf', '.NaN',
  '99999999999999999999', '1e308', 'yes', 'no', 'on', 'off', 'y', 'n', 'True', 'TRUE', 'false', 'null', 'Null', '~', '12:30:45', '2001-12-14',
  '<<', 'a b', 'x:y', 'NeverContactSource', 'registry.example.com:5000', '*.example.com'.replace('*', 'w'),
];
const QUOTED_SCALARS = ['""', '\'\'', '"1"', '\'true\'', '"a\\tb"', '"\\u00e9t\\u00e9"', '\'it\'\'s\'', '"line\\nbreak"', '"*.example.com"', '"<<"', '"~"'];
const KEYS = ['a', 'b', 'kind', 'apiVersion', 'metadata', 'name', 'spec', 'items', 'toString', '__proto__', 'constructor', 'valueOf', '1', '"quoted key"', '\'x.y/z\'', 'null', '~', 'true', '"kubernetes.io/os"'];

const scalarText = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PLAIN_SCALARS) }, { weight: 1, arbitrary: fc.constantFrom(...QUOTED_SCALARS) });

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText.map((scalar) => ({ scalar })),
    fc.record({ map: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { maxLength: 4, selector: ([key]) => key }), flow: fc.boolean() }),
    fc.record({ seq: fc.array(tie('tree'), { maxLength: 3 }), flow: fc.boolean() }),
  ),
})).tree;

function flowText(node: Tree): string {
  if ('scalar' in node) {
    return node.scalar;
  }
  if ('map' in node) {
    return `{${node.map.map(([key, value]) => `${key}: ${flowText(value)}`).join(', ')}}`;
  }
  return `[${node.seq.map(flowText).join(', ')}]`;
}

const isEmptyCollection = (node: Tree) => ('map' in node && node.map.length === 0) || ('seq' in node && node.seq.length === 0);

/** Lines of `node` at `indent` as the value of a key (or a document when `indent` is 0). */
function blockLines(node: Tree, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if ('scalar' in node || node.flow || isEmptyCollection(node)) {
    return [`${pad}${flowText(node)}`];
  }
  if ('map' in node) {
    return node.map.flatMap(([key, value]) => ('scalar' in value || value.flow || isEmptyCollection(value)
      ? [`${pad}${key}: ${flowText(value)}`]
      : [`${pad}${key}:`, ...blockLines(value, indent + 2)]));
  }
  return node.seq.flatMap((item) => {
    const inner = blockLines(item, indent + 2);
    // The first line of the item goes after the dash: `- key: value`, `- scalar`.
    return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
  });
}

/** A document: a mapping, often with a kind (some a List of objects), an inline merge now and then. */
const documentText: fc.Arbitrary<string> = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...KEYS), tree), { maxLength: 4 }),
  fc.constantFrom('none', 'kind', 'list', 'merge', 'scalar'),
).map(([entries, shape]) => {
  const unique = [...new Map(entries.map(([key, value]) => [key, value])).entries()].filter(([key]) => key !== 'kind' && key !== 'items');
  const body: Tree = { map: unique, flow: false };
  const lines = shape === 'scalar' ? [flowText(entries[0]?.[1] ?? { scalar: 'a' })] : blockLines(body, 0).filter((line) => line.trim() !== '{}');
  if (shape === 'kind') {
    lines.unshift('kind: Thing');
  } else if (shape === 'merge') {
    lines.unshift('kind: Thing', '<<: {extra: 1, kind: Shadowed, a: from-merge}');
  } else if (shape === 'list') {
    const items = blockLines({ seq: [body, { map: [['kind', { scalar: 'Inner' }], ['x', { scalar: '1' }]], flow: false }], flow: false }, 0);
    return ['apiVersion: v1', 'kind: List', 'items:', ...items.map((line) => `${line}`)].join('\n');
  }
  return lines.join('\n');
});

describe('GIVEN YAML as people write it', () => {
  test('WHEN read by the light and the full path THEN documents, values, lines and notes are the same', () => {
    fc.assert(fc.property(fc.array(documentText, { minLength: 1, maxLength: 4 }), fc.constantFrom('---\n', '\n---\n', '\n...\n---\n'), (documents, separator) => {
      expectSameReading(`${documents.join(separator)}\n`);
    }), { numRuns: RUNS, seed: Number(process.env.LIGHT_YAML_SEED ?? 1234) });
  });
});

describe('GIVEN YAML the yaml library writes from arbitrary values', () => {
  test('WHEN read by both paths THEN the same', () => {
    const value = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }).map((object) => ({ kind: 'Thing', ...object }));
    const options = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN'>,
      indent: fc.integer({ min: 1, max: 4 }),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), options, (values, stringifyOptions) => {
      expectSameReading(values.map((item) => stringify(item, stringifyOptions)).join('---\n'));
    }), { numRuns: RUNS, seed: Number(process.env.LIGHT_YAML_SEED ?? 4321) });
  });
});

describe('GIVEN what the light path hands back to the full one', () => {
  test.each([
    ['a syntax error between good documents', 'kind: A\n---\nkind: B\nspec: [\n---\nkind: C\n'],
    ['a duplicate key', 'kind: A\nkind: B\n'],
    ['anchors and aliases', 'base: &b {a: 1}\nkind: X\nx:\n  <<: *b\n  c: 2\n'],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\nkind: X\nflag: yes\n'],
    ['a collection as a key', '? [a, b]\n: 1\nkind: X\n'],
    ['an unknown tag', 'kind: !Ref X\n'],
    ['deep nesting', `kind: X\nspec: ${'['.repeat(300)}${']'.repeat(300)}\n`],
  ])('WHEN the text holds %s THEN both read it the same', (_name, text) => {
    expectSameReading(text);
  });

  test('WHEN a file is large THEN the light path is used by default, and reads it as the full path does', () => {
    const entry = (i: number) => `  - source: quay.io/team${i}\n    mirrors: [mirror.example.com/team${i}]\n`;
    const lines = ['apiVersion: config.openshift.io/v1', 'kind: ImageDigestMirrorSet', 'metadata:', '  name: big', 'spec:', '  imageDigestMirrors:'];
    let text = `${lines.join('\n')}\n`;
    for (let i = 0; text.length < 128 * 1024; i++) {
      text += entry(i);
    }
    text += '  - source: quay.io/Bad\n    mirrors: []\n';
    const auto = parseText(text, 'big.yaml');
    const full = parseText(text, 'big.yaml', { reader: 'full' });
    const last = (auto.documents[0].object as { spec: { imageDigestMirrors: unknown[] } }).spec.imageDigestMirrors.length - 1;
    expect(auto.documents[0].lineOf(`spec.imageDigestMirrors[${last}].source`)).toBe(full.documents[0].lineOf(`spec.imageDigestMirrors[${last}].source`));
    expect(auto.documents[0].lineOf(`spec.imageDigestMirrors[${last}].source`)).toBe(text.split('\n').length - 2);
    expect(auto.documents[0].object).toEqual(full.documents[0].object);
  });
});
