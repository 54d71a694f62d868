/**
 * No stack trace, whatever the input; bounded resources. Each case is an input that once ended in a JavaScript error
 * (or in gigabytes of memory or output) and now ends in a clear finding, note or usage error, through the compiled
 * bin as users run it. Runs also as root (as CI does): what root can read anyway is made unreadable for `nobody`, and
 * the run is made as `nobody`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BIN, parseReport, requireBuiltCli, runCliInProcess, tempTree, yaml } from '../support/cli';

beforeAll(requireBuiltCli);

/** Never a JavaScript error on stderr: a stack line, or the name of an error class. */
function expectNoTrace(run: { stderr: string; stdout: string }): void {
  for (const text of [run.stderr, run.stdout]) {
    expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(text).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError|EACCES|EISDIR)\b/);
  }
}

const IDMS_HEAD = 'apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: mirrors\nspec:\n  imageDigestMirrors:\n';

describe('GIVEN a file of 130,000 documents', () => {
  test('WHEN validated THEN every document is counted, with no call-stack overflow', async () => {
    // GIVEN 65,000 ConfigMaps (objects of another kind) and 65,000 plain mappings (passed over), one per document
    const documents: string[] = [];
    for (let i = 0; i < 65_000; i++) {
      documents.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`, `a: ${i}\n`);
    }
    const dir = tempTree({ 'many.yaml': documents.join('---\n') });
    // WHEN
    const run = await runCliInProcess(['validate', '-f', 'many.yaml', '-o', 'json'], { cwd: dir });
    // THEN
    expectNoTrace(run);
    expect(run.status).toBe(0);
    const report = parseReport(run);
    expect(report.summary.skippedObjects).toBe(65_000);
    expect((report.summary as unknown as { passedOverDocuments: number }).passedOverDocuments).toBe(65_000);
  });

  test('WHEN 130,000 entries share one source and one first mirror THEN preview renders them (the topological sort frees them all at once)', async () => {
    const entries: string[] = [];
    for (let i = 0; i < 130_000; i++) {
      entries.push(`  - source: quay.io/team\n    mirrors: [m0.io/t, m${i}.io/t]\n`);
    }
    const dir = tempTree({ 'fan.yaml': IDMS_HEAD + entries.join('') });
    const run = await runCliInProcess(['preview', '-f', 'fan.yaml', '--out', 'out'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out/etc/containers/registries.conf'), 'utf8')).toContain('m129999.io/t');
  });
});

describe('GIVEN keys named like Object.prototype members', () => {
  const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
  const text = [
    IDMS_HEAD,
    ...names.map((name, i) => `  - source: quay.io/team${i}\n    mirrors: [mirror.example.com/team${i}]\n    ${name}: 1\n`),
    // A mapping where a string belongs, whose key is `toString`: String() of it throws in JavaScript.
    '  - source: {toString: 1}\n    mirrors: [{valueOf: 2}]\n',
    `  ${names.map((name) => `${name}: [1]`).join('\n  ')}\n`,
    '---\napiVersion: config.openshift.io/v1\nkind: Image\nmetadata:\n  name: cluster\nspec:\n  registrySources:\n    toString: [a]\n    __proto__: {allowedRegistries: [quay.io]}\n    blockedRegistries: [{toString: x}]\n',
  ].join('');

  test('WHEN validated THEN each is an unknown field or a wrong type at its line, never "expected undefined"', async () => {
    const dir = tempTree({ 'proto.yaml': text });
    const run = await runCliInProcess(['validate', '-f', 'proto.yaml', '-o', 'json'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(1);
    const report = parseReport(run);
    const all = [...report.errors, ...report.warnings];
    expect(all.some((finding) => /expected undefined|undefined/.test(finding.message))).toBe(false);
    const unknown = report.warnings.filter((finding) => finding.code === 'schema-unknown-field').map((finding) => [finding.path, finding.line]);
    expect(unknown).toEqual([
      ...names.map((name, i) => [`spec.imageDigestMirrors[${i}].${name}`, 9 + 3 * i]),
      ...names.map((name, i) => [`spec.${name}`, 24 + i]),
      ['spec.registrySources.toString', 36],
      ['spec.registrySources.__proto__', 37],
    ]);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'schema-type', path: 'spec.imageDigestMirrors[5].source', line: 22 }),
      expect.objectContaining({ code: 'schema-type', path: 'spec.imageDigestMirrors[5].mirrors[0]', line: 23 }),
      expect.objectContaining({ code: 'schema-type', path: 'spec.registrySources.blockedRegistries[0]', line: 38 }),
    ]));
    // And nothing reached Object.prototype in the process that read it: a fresh object has no `allowedRegistries`.
    expect(({} as Record<string, unknown>).allowedRegistries).toBeUndefined();
  });

  test('WHEN previewed THEN a clear refusal, no stack trace', async () => {
    const dir = tempTree({ 'proto.yaml': text });
    const run = await runCliInProcess(['preview', '-f', 'proto.yaml', '--out', 'out'], { cwd: dir });
    expectNoTrace(run);
    expect([1, 2]).toContain(run.status);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('GIVEN a -f folder holding what cannot be read', () => {
  test('WHEN a subfolder cannot be listed THEN an input-unreadable error names it, and the other files are checked', () => {
    // GIVEN a folder with a good file, a bad file and a subfolder nobody may list
    const dir = tempTree({ 'good.yaml': yaml.goodImage, 'bad.yaml': yaml.idms('m', 'quay.io/Team', 'AllowContactingSource'), 'locked/hidden.yaml': yaml.goodImage });
    fs.chmodSync(dir, 0o755);
    for (const file of ['good.yaml', 'bad.yaml']) {
      fs.chmodSync(path.join(dir, file), 0o644);
    }
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    // Root lists any folder, so as root the run is made as `nobody`, for whom `locked` is closed.
    const asRoot = process.getuid?.() === 0;
    const identity = asRoot ? { uid: 65534, gid: 65534 } : {};
    const spawn = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', ...identity });
    if (asRoot && spawn(['--version']).status !== 0) {
      process.stderr.write('SKIPPED: unreadable subfolder: running as root and nobody cannot read the checkout\n');
      return;
    }
    // WHEN
    const run = spawn(['validate', '-f', '.', '-o', 'json']);
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
    // THEN
    expectNoTrace(run);
    expect(run.status).toBe(1);
    const report = parseReport(run);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'input-unreadable', file: 'locked', message: expect.stringContaining('permission denied') }),
      expect.objectContaining({ code: 'mirror-source-invalid', file: 'bad.yaml' }),
    ]));
  });

  test('WHEN a symbolic link loops back to its folder THEN a note says it was not read again, and the run passes', async () => {
    const dir = tempTree({ 'cluster/image.yaml': yaml.goodImage });
    fs.symlinkSync('.', path.join(dir, 'cluster', 'loop'));
    const run = await runCliInProcess(['validate', '-f', 'cluster'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^note: cluster\/loop: a symbolic link to .*a folder already read \(a loop/m);
    const json = parseReport(await runCliInProcess(['validate', '-f', 'cluster', '-o', 'json'], { cwd: dir })) as unknown as { notes: { file: string }[] };
    expect(json.notes.map((note) => note.file)).toEqual(['cluster/loop']);
  });
});

describe('GIVEN a configuration file that is no file, or an alias bomb', () => {
  test('WHEN --config names a folder THEN exit 2 saying so', async () => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage, 'conf/.keep': '' });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml', '--config', 'conf'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ocp-images validate: conf: is a folder, not a configuration file\n');
  });

  test('WHEN .ocp-images.yaml is an alias bomb THEN exit 2 without expanding it', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const dir = tempTree({ 'image.yaml': yaml.goodImage, '.ocp-images.yaml': `${levels.join('\n')}\nacknowledge: *j\n` });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ocp-images validate: \.ocp-images\.yaml: the configuration cannot be read: .*alias/);
  });
});

describe('GIVEN YAML merge keys', () => {
  const merged = [
    'apiVersion: config.openshift.io/v1',                   // 1
    'kind: ImageDigestMirrorSet',                           // 2
    'metadata:',                                            // 3
    '  name: merged',                                       // 4
    'x-defaults: &defaults',                                // 5
    '  mirrors: [mirror.example.com/team]',                 // 6
    '  mirrorSourcePolicy: NeverContactSourc',              // 7
    'spec:',                                                // 8
    '  imageDigestMirrors:',                                // 9
    '  - <<: *defaults',                                    // 10
    '    source: quay.io/team',                             // 11
    '  - <<: *defaults',                                    // 12
    '    source: quay.io/other',                            // 13
    '    mirrorSourcePolicy: AllowContactingSource',        // 14
    '',
  ].join('\n');

  test('WHEN validated THEN the merged fields are checked, at the line of the mapping they come from', async () => {
    const dir = tempTree({ 'merged.yaml': merged });
    const run = await runCliInProcess(['validate', '-f', 'merged.yaml', '-o', 'json'], { cwd: dir });
    expectNoTrace(run);
    const report = parseReport(run);
    // The first entry takes the misspelt policy from the anchor (line 7); the second overrides it.
    expect(report.errors.map((finding) => [finding.code, finding.path, finding.line])).toEqual([
      ['schema-enum', 'spec.imageDigestMirrors[0].mirrorSourcePolicy', 7],
    ]);
    expect(report.warnings).toEqual([]);
  });

  test('WHEN previewed THEN the merged mirrors are rendered as kubectl would apply them', async () => {
    const dir = tempTree({ 'merged.yaml': merged.replace('NeverContactSourc\n', 'NeverContactSource\n') });
    const run = await runCliInProcess(['preview', '-f', 'merged.yaml', '--out', 'out'], { cwd: dir });
    expect(run.status).toBe(0);
    const conf = fs.readFileSync(path.join(dir, 'out/etc/containers/registries.conf'), 'utf8');
    // The first entry takes NeverContactSource from the anchor: its source is blocked; the second overrides it.
    expect(conf).toMatch(/location = "quay.io\/team"\n {2}blocked = true\n/);
    expect(conf).toMatch(/location = "quay.io\/other"\n\n/);
  });
});

describe('GIVEN a kind: List inside a kind: List', () => {
  test('WHEN validated THEN the inner items are checked too, each at its own line', async () => {
    const list = [
      'apiVersion: v1',                                    // 1
      'kind: List',                                        // 2
      'items:',                                            // 3
      '- apiVersion: v1',                                  // 4
      '  kind: List',                                      // 5
      '  items:',                                          // 6
      '  - apiVersion: config.openshift.io/v1',            // 7
      '    kind: ImageTagMirrorSet',                       // 8
      '    metadata:',                                     // 9
      '      name: tags',                                  // 10
      '    spec:',                                         // 11
      '      imageTagMirrors:',                            // 12
      '      - source: quay.io/Team',                      // 13
      '        mirrors: [mirror.corp]',                    // 14
      '- apiVersion: v1',                                  // 15
      '  kind: ConfigMap',                                 // 16
      '  metadata: {name: ca}',                            // 17
      '',
    ].join('\n');
    const report = parseReport(await runCliInProcess(['validate', '-f', '-', '-o', 'json'], { stdin: list }));
    expect(report.summary.checkedObjects).toBe(1);
    expect(report.summary.skippedObjects).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'mirror-source-invalid', object: 'ImageTagMirrorSet/tags', line: 13 })]);
  });
});

describe('GIVEN input larger than the size limit', () => {
  const big = `${IDMS_HEAD}${'  - source: quay.io/team\n    mirrors: [mirror.example.com/team]\n'.repeat(40)}`;

  test('WHEN a file is over --max-file-size THEN an input-too-large error, and the other files are still checked', async () => {
    const dir = tempTree({ 'big.yaml': big, 'small.yaml': yaml.taggedImage });
    const run = await runCliInProcess(['validate', '-f', '.', '--max-file-size', '1KiB', '-o', 'json'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(1);
    const report = parseReport(run);
    expect(report.errors.map((finding) => [finding.code, finding.file])).toEqual([['input-too-large', 'big.yaml'], ['registry-scope-invalid', 'small.yaml']]);
    expect(report.errors[0].message).toBe(`big.yaml is ${(Buffer.byteLength(big) / 1024).toFixed(1)} KiB, more than the size limit of 1 KiB per file, so it was not read`);
    expect(report.errors[0].hint).toContain('--max-file-size');
  });

  test('WHEN standard input is over the limit THEN the same error for <stdin>', async () => {
    const run = await runCliInProcess(['validate', '-f', '-', '--max-file-size', '1024', '-o', 'json'], { stdin: big });
    expect(parseReport(run).errors.map((finding) => [finding.code, finding.file])).toEqual([['input-too-large', '<stdin>']]);
  });

  test('WHEN .ocp-images.yaml sets maxFileSize THEN it applies, and the flag overrides it', async () => {
    const dir = tempTree({ 'big.yaml': big, '.ocp-images.yaml': 'maxFileSize: 1KiB\n' });
    expect(parseReport(await runCliInProcess(['validate', '-f', 'big.yaml', '-o', 'json'], { cwd: dir })).errors.map((finding) => finding.code)).toEqual(['input-too-large']);
    expect((await runCliInProcess(['validate', '-f', 'big.yaml', '--max-file-size', '1MiB'], { cwd: dir })).status).toBe(0);
  });

  test.each([
    ['--max-file-size nonsense', ['--max-file-size', 'ten'], '--max-file-size "ten" is not a size'],
    ['--max-file-size 0', ['--max-file-size', '0'], '--max-file-size "0" is not a size'],
  ])('WHEN %s THEN exit 2', async (_name, flags, message) => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml', ...flags], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('WHEN maxFileSize in .ocp-images.yaml is not a size THEN exit 2 naming the key', async () => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage, '.ocp-images.yaml': 'maxFileSize: [1]\n' });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('`maxFileSize` is [1]; expected a size');
  });

  test('WHEN previewed THEN exit 2 and nothing written', async () => {
    const dir = tempTree({ 'big.yaml': big });
    const run = await runCliInProcess(['preview', '-f', 'big.yaml', '--max-file-size', '1KiB', '--out', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ocp-images preview: cannot read the input: big.yaml:1: big.yaml is 2.6 KiB, more than the size limit of 1 KiB per file, so it was not read\n');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('GIVEN values of a megabyte', () => {
  const huge = 'a'.repeat(1_000_000);
  const text = [
    `apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: ${huge}\nspec:\n  imageDigestMirrors:\n`,
    `  - source: quay.io/${huge}\n    mirrors: ["mirror.example.com/${huge}", "M:${huge}"]\n    ${huge}: 1\n`,
    `  - source: quay.io/${huge}\n    mirrors: [other.example.com/team]\n    mirrorSourcePolicy: ${huge}\n`,
    `---\napiVersion: ${huge}\nkind: ${huge}\nmetadata:\n  name: ${huge}\n`,
  ].join('');

  test('WHEN validated THEN each message quotes at most ~200 characters of a value, in text and JSON', async () => {
    const dir = tempTree({ 'huge.yaml': text });
    for (const format of ['text', 'json']) {
      const run = await runCliInProcess(['validate', '-f', 'huge.yaml', '-o', format], { cwd: dir });
      expectNoTrace(run);
      expect(run.status).toBe(1);
      expect(run.stdout.length).toBeLessThan(20_000);
      // No run of the value longer than a quote allows.
      expect(run.stdout).not.toMatch(/a{400}/);
    }
    const report = parseReport(await runCliInProcess(['validate', '-f', 'huge.yaml', '-o', 'json'], { cwd: dir }));
    expect(report.errors.map((finding) => finding.code)).toEqual(expect.arrayContaining(['metadata-name-invalid', 'mirror-invalid', 'schema-enum']));
  });

  test('WHEN previewed THEN the Machine Config Operator\'s message is cut too', async () => {
    const dir = tempTree({ 'huge.yaml': text });
    const run = await runCliInProcess(['preview', '-f', 'huge.yaml', '--out', 'out'], { cwd: dir });
    expectNoTrace(run);
    expect(run.status).toBe(1);
    expect(run.stderr.length).toBeLessThan(2_100);
    expect(run.stderr).toMatch(/^could not update registries config with new changes: invalid format for mirror "M:a{190,}\.\.\."/);
  });
});
