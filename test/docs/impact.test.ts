/**
 * The worked examples of docs/impact.md, executed: each `<!-- impact-example: NAME -->` is followed by YAML blocks
 * whose first line names their file (`# before.yaml`) and a `console` block with the command (`$ ocp-images ...`) and
 * its output. The output printed must start with the documented lines (equal them all when the block does not end
 * in `...`), and the exit status must be 0 or the block's `exit=N`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCliInProcess, tempTree } from '../support/cli';

const DOC = path.resolve(__dirname, '../../docs/impact.md');

interface Example {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly argv: string[];
  readonly expected: string[];
  readonly complete: boolean;
  readonly exit: number;
}

function examples(markdown: string): Example[] {
  const parts = markdown.split(/<!-- impact-example: ([a-z0-9-]+) -->/);
  const found: Example[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const body = parts[i + 1];
    const files: Record<string, string> = {};
    let command: { argv: string[]; expected: string[]; complete: boolean; exit: number } | undefined;
    for (const block of body.matchAll(/```([^\n]*)\n([\s\S]*?)```/g)) {
      const [info, text] = [block[1].trim(), block[2]];
      if (info === 'yaml') {
        const [first, ...rest] = text.split('\n');
        const file = /^# (\S+)$/.exec(first)?.[1];
        if (!file) {
          throw new Error(`example ${name}: a YAML block must start with "# FILE"`);
        }
        files[file] = rest.join('\n');
      } else if (info.startsWith('console') && command === undefined) {
        const lines = text.replace(/\n$/, '').split('\n');
        const argv = lines[0].replace(/^\$ ocp-images /, '').split(/\s+/);
        const complete = lines[lines.length - 1] !== '...';
        command = {
          argv,
          expected: complete ? lines.slice(1) : lines.slice(1, -1),
          complete,
          exit: Number(/exit=(\d+)/.exec(info)?.[1] ?? 0),
        };
      }
    }
    if (!command || Object.keys(files).length === 0) {
      throw new Error(`example ${name}: it needs YAML blocks and a console block`);
    }
    found.push({ name, files, ...command });
  }
  return found;
}

const documented = examples(fs.readFileSync(DOC, 'utf8'));

describe('GIVEN the worked examples of docs/impact.md', () => {
  test('WHEN they are collected THEN every example the issue asks for is there', () => {
    expect(documented.map((example) => example.name)).toEqual(
      expect.arrayContaining(['add-idms', 'add-itms', 'remove-mirror', 'search-registries', 'migrate-icsp']),
    );
  });

  test.each(documented.map((example) => [example.name, example] as const))('WHEN the %s example runs THEN it prints what the documentation shows', async (_name, example) => {
    const dir = tempTree(example.files);
    const argv = example.argv.map((arg) => (arg in example.files ? path.join(dir, arg) : arg));
    const run = await runCliInProcess(argv);
    expect(run.status).toBe(example.exit);
    const printed = run.stdout.replace(/\n$/, '').split('\n');
    if (example.complete) {
      expect(printed).toEqual(example.expected);
    } else {
      expect(printed.slice(0, example.expected.length)).toEqual(example.expected);
    }
  });
});
