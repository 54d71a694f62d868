/**
 * Memory grows no faster than the input: `validate` of a valid ImageDigestMirrorSet of 10 and 20 MB, each in its own
 * process, peaks at most about 20 times the input above what the same command takes on a one-line file (the `yaml`
 * library's Document took about 55 times, and 2.7 GB for 50 MB). Speed is measured in bench/, not here.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, requireBuiltCli, tempTree } from '../support/cli';

beforeAll(requireBuiltCli);

const MIB = 1024 * 1024;

/** A valid IDMS of about `size` bytes: distinct sources, two mirrors each. */
function bigMirrorSet(size: number): string {
  const parts = ['apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: big\nspec:\n  imageDigestMirrors:\n'];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const entry = `  - source: registry${i % 1000}.example.com/team${i}/app\n    mirrors:\n    - mirror.corp.example.com/team${i}/app\n    - mirror2.corp.example.com/team${i}/app\n`;
    parts.push(entry);
    length += entry.length;
  }
  return parts.join('');
}

/** Peak resident memory (bytes) of `ocp-images validate -f file`, run in a process of its own. */
function peakRss(file: string): number {
  const script = [
    `const { runCli } = require(${JSON.stringify(path.join(REPO_ROOT, 'lib/cli/main'))});`,
    `runCli(['validate', '-f', ${JSON.stringify(file)}, '--max-file-size', '64MiB'], { write() {} }).then((code) => {`,
    '  process.stderr.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS * 1024 }));',
    '});',
  ].join('\n');
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1024 * 1024 });
  const { code, maxRss } = JSON.parse(run.stderr) as { code: number; maxRss: number };
  expect(code).toBe(0);
  return maxRss;
}

test('GIVEN valid mirror sets of 10 and 20 MB WHEN validated THEN memory grows by at most ~20x the input', () => {
  const dir = tempTree({ 'tiny.yaml': 'a: 1\n' });
  const files = { 10: path.join(dir, 'ten.yaml'), 20: path.join(dir, 'twenty.yaml') };
  fs.writeFileSync(files[10], bigMirrorSet(10 * MIB));
  fs.writeFileSync(files[20], bigMirrorSet(20 * MIB));
  const baseline = peakRss(path.join(dir, 'tiny.yaml'));
  const at10 = peakRss(files[10]);
  const at20 = peakRss(files[20]);
  const growth = { at20: (at20 - baseline) / (20 * MIB), slope: (at20 - at10) / (10 * MIB) };
  process.stderr.write(`peak RSS: baseline ${(baseline / MIB).toFixed(0)} MiB, 10 MiB input ${(at10 / MIB).toFixed(0)} MiB, 20 MiB input ${(at20 / MIB).toFixed(0)} MiB; growth ${growth.at20.toFixed(1)}x, slope ${growth.slope.toFixed(1)}x\n`);
  expect(growth.at20).toBeLessThanOrEqual(20);
  expect(growth.slope).toBeLessThanOrEqual(20);
});
