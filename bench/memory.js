'use strict';
// Memory and time of `ocp-images validate` on large valid input: an ImageDigestMirrorSet of 5, 10, 20 and 50 MB, each
// run in a process of its own (peak resident memory is per process). Reports the peak, its growth over a one-line
// file per byte of input, and the time. Exits 1 on a gross violation: growth above 30 times the input (the `yaml`
// library's Document path took about 55 times, and 2.7 GB and 25 s for 50 MB).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { table } = require('./stats');

const MIB = 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-memory-'));

function mirrorSet(size) {
  const parts = ['apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: big\nspec:\n  imageDigestMirrors:\n'];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const entry = `  - source: registry${i % 1000}.example.com/team${i}/app\n    mirrors:\n    - mirror.corp.example.com/team${i}/app\n    - mirror2.corp.example.com/team${i}/app\n`;
    parts.push(entry);
    length += entry.length;
  }
  return parts.join('');
}

function measure(file) {
  const script = `const { runCli } = require(${JSON.stringify(path.join(__dirname, '../lib/cli/main'))});
const start = process.hrtime.bigint();
runCli(['validate', '-f', ${JSON.stringify(file)}, '--max-file-size', '64MiB'], { write() {} }).then((code) => {
  process.stderr.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS * 1024, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
});`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  return JSON.parse(run.stderr);
}

fs.writeFileSync(path.join(dir, 'tiny.yaml'), 'a: 1\n');
const baseline = measure(path.join(dir, 'tiny.yaml'));
const rows = [['input', 'peak RSS', 'growth / input', 'time']];
let failed = false;
for (const size of [5, 10, 20, 50]) {
  const file = path.join(dir, `idms-${size}.yaml`);
  fs.writeFileSync(file, mirrorSet(size * MIB));
  const result = measure(file);
  const growth = (result.maxRss - baseline.maxRss) / (size * MIB);
  failed = failed || result.code !== 0 || growth > 30;
  rows.push([`${size} MiB`, `${(result.maxRss / MIB).toFixed(0)} MiB`, `${growth.toFixed(1)}x`, `${(result.ms / 1000).toFixed(2)} s`]);
  fs.rmSync(file);
}
console.log(`baseline (one-line file): ${(baseline.maxRss / MIB).toFixed(0)} MiB`);
table(rows);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
