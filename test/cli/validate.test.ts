import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { Testing } from 'cdk8s';
import { ImageConfig, ImageDigestMirrorSet, ValidationError } from '../../src';
import { validateObjects } from '../../src/validation';
import { parseReport, requireBuiltCli, runCliInProcess, tempTree, yaml } from '../support/cli';

beforeAll(() => requireBuiltCli());

describe('ocp-images validate: exit codes', () => {
  test('GIVEN a clean file WHEN validated THEN exit 0 and an OK summary', async () => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage });
    const run = await runCliInProcess(['validate', '-f', path.join(dir, 'image.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: 0 errors, 0 warnings; 1 object checked in 1 file\.$/m);
  });

  test('GIVEN a file with an error WHEN validated THEN exit 1', async () => {
    const dir = tempTree({ 'image.yaml': yaml.taggedImage });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAILED');
  });

  test('GIVEN only warnings WHEN validated THEN exit 0; WITH --strict THEN exit 1', async () => {
    const dir = tempTree({ 'image.yaml': yaml.typoImage });
    expect((await runCliInProcess(['validate', '-f', 'image.yaml'], { cwd: dir })).status).toBe(0);
    const strict = await runCliInProcess(['validate', '-f', 'image.yaml', '--strict'], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('FAILED (--strict)');
  });

  test.each([
    ['a missing file', ['validate', '-f', 'does-not-exist.yaml'], 'does-not-exist.yaml: no such file or directory'],
    ['no -f', ['validate'], "required option '-f, --filename <path...>' not specified"],
    ['an unknown flag', ['validate', '-f', 'image.yaml', '--frobnicate'], "unknown option '--frobnicate'"],
    ['an unknown format', ['validate', '-f', 'image.yaml', '--format', 'xml'], 'xml'],
    ['an unknown acknowledged code', ['validate', '-f', 'image.yaml', '--ack', 'no-such-rule'], 'unknown rule code `no-such-rule`'],
    ['an acknowledged error code', ['validate', '-f', 'image.yaml', '--ack', 'registry-scope-invalid'], 'only warnings can be acknowledged'],
    ['a missing config file', ['validate', '-f', 'image.yaml', '--config', 'nope.yaml'], 'nope.yaml: configuration file not found'],
  ])('GIVEN %s WHEN run THEN exit 2 with the reason on stderr and nothing on stdout', async (_case, args, reason) => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage });
    const run = await runCliInProcess(args, { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stdout).toBe('');
  });
});

describe('ocp-images validate: JSON output', () => {
  test('GIVEN errors and warnings WHEN --format json THEN stdout is one object with errors, warnings and a summary, each finding located', async () => {
    const dir = tempTree({ 'a.yaml': yaml.taggedImage, 'b.yaml': yaml.typoImage.replace('name: cluster', 'name: other') });
    const run = await runCliInProcess(['validate', '-f', 'a.yaml', '-f', 'b.yaml', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = parseReport(run);
    expect(Object.keys(report).sort()).toEqual(['acknowledged', 'errors', 'notes', 'passedOver', 'summary', 'warnings']);
    for (const finding of [...report.errors, ...report.warnings]) {
      expect(Object.keys(finding).sort()).toEqual(['code', 'file', 'hint', 'line', 'message', 'object', 'path', 'severity', 'source']);
      expect(typeof finding.line).toBe('number');
    }
    expect(report.errors).toContainEqual(expect.objectContaining({
      code: 'registry-scope-invalid', severity: 'error', object: 'Image/cluster',
      path: 'spec.registrySources.allowedRegistries[1]', file: 'a.yaml', line: 9, source: 'api-server',
    }));
    expect(report.errors).toContainEqual(expect.objectContaining({ code: 'singleton-name', object: 'Image/other', path: 'metadata.name', file: 'b.yaml', line: 4 }));
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'schema-unknown-field', severity: 'warning', path: 'spec.registrySource', file: 'b.yaml', line: 6 }));
    expect(report.summary).toEqual(expect.objectContaining({
      files: 2, documents: 2, checkedObjects: 2, skippedObjects: 0, errors: report.errors.length, warnings: report.warnings.length, passed: false, strict: false,
    }));
  });

  test('GIVEN kinds the library does not check WHEN validated THEN they are passed over and counted', async () => {
    const dir = tempTree({ 'all.yaml': [yaml.configMap, yaml.goodImage, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'].join('---\n') });
    const report = parseReport(await runCliInProcess(['validate', '-f', 'all.yaml', '-o', 'json'], { cwd: dir }));
    expect(report.summary.checkedObjects).toBe(1);
    expect(report.summary.skippedObjects).toBe(2);
    expect(report.summary.skippedKinds).toEqual({ 'apps/v1/Deployment': 1, 'v1/ConfigMap': 1 });
    expect(report.errors).toEqual([]);
  });
});

describe('ocp-images validate: inputs', () => {
  test('GIVEN a directory WHEN validated THEN it recurses into *.yaml, *.yml and *.json only, in sorted order', async () => {
    const dir = tempTree({
      'z.yaml': yaml.taggedImage,
      'nested/deeper/b.yml': yaml.taggedImage,
      'nested/a.json': JSON.stringify(parse(yaml.taggedImage), null, 2),
      'notes.txt': 'this: is not read',
      'README.md': '# not read',
    });
    const report = parseReport(await runCliInProcess(['validate', '-f', dir, '-o', 'json'], { cwd: dir }));
    const files = [...new Set(report.errors.map((finding) => path.relative(dir, finding.file)))];
    expect(files).toEqual([path.join('nested', 'a.json'), path.join('nested', 'deeper', 'b.yml'), 'z.yaml']);
    expect(report.summary.files).toBe(3);
    const jsonFinding = report.errors.find((finding) => finding.file.endsWith('a.json') && finding.code === 'registry-scope-invalid');
    expect(jsonFinding?.line).toBe(11); // JSON keeps line numbers too
  });

  test('GIVEN YAML on stdin with - WHEN validated THEN findings name <stdin> with lines', async () => {
    const report = parseReport(await runCliInProcess(['validate', '-f', '-', '--format', 'json'], { stdin: yaml.taggedImage }));
    expect(report.errors).toContainEqual(expect.objectContaining({ code: 'registry-scope-invalid', file: '<stdin>', line: 9 }));
  });

  test('GIVEN a stream with a broken document between good ones WHEN validated THEN the parse error has file:line and the others are still checked', async () => {
    const stream = [yaml.taggedImage, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n', yaml.idms('mirrors', 'quay.io', 'Never')].join('---\n');
    const dir = tempTree({ 'stream.yaml': stream });
    const run = await runCliInProcess(['validate', '-f', 'stream.yaml', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = parseReport(run);
    const parseError = report.errors.find((finding) => finding.code === 'yaml-syntax');
    expect(parseError).toEqual(expect.objectContaining({ severity: 'error', file: 'stream.yaml', source: 'input' }));
    expect(parseError!.line).toBeGreaterThanOrEqual(11);
    expect(parseError!.line).toBeLessThanOrEqual(14);
    expect(report.errors.map((finding) => finding.code)).toEqual(expect.arrayContaining(['registry-scope-invalid', 'schema-enum']));
    const enumError = report.errors.find((finding) => finding.code === 'schema-enum');
    expect(enumError?.line).toBe(15 + 9); // third document starts on line 15; the policy is its 10th line
  });

  test('GIVEN documents without apiVersion, kind or metadata.name WHEN validated THEN clear errors at their lines, others still checked', async () => {
    const stream = ['kind: Image\nmetadata:\n  name: cluster\nspec: {}\n', 'apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nspec: {}\n', yaml.taggedImage].join('---\n');
    const dir = tempTree({ 'm.yaml': stream });
    const report = parseReport(await runCliInProcess(['validate', '-f', 'm.yaml', '-o', 'json'], { cwd: dir }));
    const malformed = report.errors.filter((finding) => finding.code === 'object-malformed');
    expect(malformed.map((finding) => [finding.path, finding.line])).toEqual([['apiVersion', 1], ['metadata.name', 6]]);
    expect(report.errors.some((finding) => finding.code === 'registry-scope-invalid' && finding.line === 9 + 9)).toBe(true);
  });

  test('GIVEN a kind: List WHEN validated THEN each item is checked with its own lines', async () => {
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: config.openshift.io/v1',
      '  kind: ImageTagMirrorSet',
      '  metadata:',
      '    name: tags',
      '  spec:',
      '    imageTagMirrors:',
      '    - source: quay.io/Team',
      '      mirrors: [mirror.corp]',
      '',
    ].join('\n');
    const report = parseReport(await runCliInProcess(['validate', '-f', '-', '-o', 'json'], { stdin: list }));
    expect(report.summary.checkedObjects).toBe(1);
    expect(report.errors).toContainEqual(expect.objectContaining({ code: 'mirror-source-invalid', object: 'ImageTagMirrorSet/tags', line: 10 }));
  });
});

describe('ocp-images validate: cross-object rules over everything given', () => {
  test('GIVEN an IDMS and an ITMS in different files disagreeing on a source policy WHEN validated together THEN the conflict is reported', async () => {
    const dir = tempTree({
      'idms.yaml': yaml.idms('digests', 'quay.io/team', 'NeverContactSource'),
      'more/itms.yaml': yaml.itms('tags', 'quay.io/team', 'AllowContactingSource'),
    });
    const together = parseReport(await runCliInProcess(['validate', '-f', dir, '-o', 'json']));
    expect(together.errors.map((finding) => finding.code)).toContain('mirror-source-policy-conflict');
    const alone = parseReport(await runCliInProcess(['validate', '-f', path.join(dir, 'idms.yaml'), '-o', 'json']));
    expect(alone.errors.map((finding) => finding.code)).not.toContain('mirror-source-policy-conflict');
  });
});

describe('ocp-images validate: acknowledging warnings', () => {
  test('GIVEN --strict and a warning WHEN its code is acknowledged with --ack THEN exit 0 and it is listed as acknowledged', async () => {
    const dir = tempTree({ 'image.yaml': yaml.typoImage });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml', '--strict', '--ack', 'schema-unknown-field', '-o', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    const report = parseReport(run);
    expect(report.warnings).toEqual([]);
    expect(report.acknowledged.map((finding) => finding.code)).toEqual(['schema-unknown-field']);
    expect(report.summary.acknowledged).toBe(1);
  });

  test('GIVEN a .ocp-images.yaml acknowledging the code WHEN run in that directory THEN --strict passes; --config picks another file', async () => {
    const dir = tempTree({
      'image.yaml': yaml.typoImage,
      '.ocp-images.yaml': 'acknowledge:\n  - code: schema-unknown-field\n    reason: vendor extension kept on purpose\n',
      'ci/strict.yaml': 'acknowledge: []\n',
    });
    expect((await runCliInProcess(['validate', '-f', 'image.yaml', '--strict'], { cwd: dir })).status).toBe(0);
    expect((await runCliInProcess(['validate', '-f', 'image.yaml', '--strict', '--config', 'ci/strict.yaml'], { cwd: dir })).status).toBe(1);
  });

  test('GIVEN a config file with an unknown key WHEN run THEN exit 2', async () => {
    const dir = tempTree({ 'image.yaml': yaml.goodImage, '.ocp-images.yaml': 'acknowledged: [schema-unknown-field]\n' });
    const run = await runCliInProcess(['validate', '-f', 'image.yaml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown key(s) `acknowledged`');
  });
});

describe('ocp-images validate: text output', () => {
  test('GIVEN findings in two files WHEN text output is piped THEN grouped by file, file:line on each finding, no colour codes', async () => {
    const dir = tempTree({ 'a.yaml': yaml.taggedImage, 'b.yaml': yaml.typoImage });
    const run = await runCliInProcess(['validate', '-f', 'a.yaml', 'b.yaml'], { cwd: dir });
    const lines = run.stdout.split('\n');
    expect(lines.indexOf('a.yaml')).toBeLessThan(lines.indexOf('b.yaml'));
    expect(run.stdout).toMatch(/^ {2}a\.yaml:9: error \[registry-scope-invalid\] Image\/cluster spec\.registrySources\.allowedRegistries\[1\]: /m);
    expect(run.stdout).toMatch(/^ {2}b\.yaml:6: warning \[schema-unknown-field\] /m);
    expect(run.stdout).toMatch(/^ {6}fix: /m);
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('the CLI and the engine agree', () => {
  test('GIVEN the same objects WHEN validated by the engine and by the CLI THEN the same codes, paths and objects', async () => {
    const documents = [yaml.taggedImage, yaml.typoImage.replace('cluster', 'second'), yaml.idms('digests', 'quay.io/team', 'NeverContactSource', 'quay.io/team'),
      yaml.itms('tags', 'quay.io/team', 'AllowContactingSource', '*.bad'), yaml.configMap];
    const objects = documents.map((document) => parse(document) as unknown);
    const engine = validateObjects(objects);
    const dir = tempTree({ 'all.yaml': documents.join('---\n') });
    const report = parseReport(await runCliInProcess(['validate', '-f', 'all.yaml', '-o', 'json'], { cwd: dir }));
    const key = (finding: { code: string; object: string; path: string; severity: string }) => `${finding.severity} ${finding.code} ${finding.object} ${finding.path}`;
    expect([...report.errors, ...report.warnings].map(key).sort()).toEqual(engine.findings.map(key).sort());
    expect(engine.findings.length).toBeGreaterThan(3);
  });
});

describe('the CLI and the constructs agree', () => {
  function constructErrors(build: () => void): string[] {
    try {
      build();
    } catch (error) {
      if (error instanceof ValidationError) {
        return error.findings.map((finding) => `${finding.code} ${finding.path}`).sort();
      }
      throw error;
    }
    return [];
  }

  test.each([
    ['an Image with a tagged allowed registry', yaml.taggedImage, () => new ImageConfig(Testing.chart(), 'images', { registrySources: { allowedRegistries: ['quay.io', 'quay.io/team/app:latest'] } })],
    ['an IDMS with a wildcard mirror', yaml.idms('digests', 'quay.io/team', 'AllowContactingSource', '*.bad'),
      () => new ImageDigestMirrorSet(Testing.chart(), 'm', { metadata: { name: 'digests' }, imageDigestMirrors: [{ source: 'quay.io/team', mirrors: ['*.bad'], mirrorSourcePolicy: 'AllowContactingSource' }] })],
  ])('GIVEN %s WHEN built as a construct and validated as YAML THEN the same error codes and paths', async (_case, document, build) => {
    const fromConstruct = constructErrors(build);
    const report = parseReport(await runCliInProcess(['validate', '-f', '-', '-o', 'json'], { stdin: document }));
    expect(fromConstruct.length).toBeGreaterThan(0);
    expect(report.errors.map((finding) => `${finding.code} ${finding.path}`).sort()).toEqual(fromConstruct);
  });
});

test('the README of the CLI (docs/cli.md) exists and names every exit code', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/cli.md'), 'utf8');
  for (const code of ['0', '1', '2']) {
    expect(doc).toMatch(new RegExp(`\\| \`?${code}\`? \\|`));
  }
});
