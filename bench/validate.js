'use strict';
// Linear time for every pattern, and for the engine as a whole.
//
// 1. Adversarial entries: the upstream registry-scope regex backtracks exponentially in JavaScript on inputs such as
//    'a/' + 'a'.repeat(60) + '!' (see openshift-api.md §8.3: 28 characters already take 1.5 s). Our rules must
//    validate them as fast as benign entries of the same length. Every list that holds scopes or mirrors is filled:
//    Image allowed/blocked/insecure/search registries, IDMS and ITMS sources and mirrors, ICSP sources and mirrors.
// 2. Growth: validating 2n objects should take about twice as long as n (n, 2n, 4n, 8n up to 100,000 objects), for the
//    engine alone, for the CLI's pipeline (YAML parsing with line numbers, engine, locating each finding), and for
//    whole `ocp-images validate` processes over a folder of files (BENCH_SIZES=2500,5000,10000,20000 for a quick run).
//
// Machines are noisy: every figure is the median of several runs, and the verdicts use ratios. Exits 1 only on a
// gross violation (an adversarial/benign ratio above 10, or a growth per doubling above 3.5), which is what an
// exponential or quadratic blow-up looks like.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { validateObjects } = require('../lib/validation');
const { parseText } = require('../lib/cli/input');
const { checkObjects } = require('../lib/validation');
const { medianMs, table } = require('./stats');

let failed = false;

// ---------------------------------------------------------------------------------------------------------------
// 1. Adversarial versus benign entries

/** Strings that make a backtracking engine explode on the upstream pattern, and benign strings of the same length. */
const adversarial = [
  `a/${'a'.repeat(60)}!`,
  `quay.io/${'a'.repeat(120)}!`,
  `quay.io/team/${'a-'.repeat(60)}!`,
  `a/${'a_'.repeat(60)}!`,
  `${'a'.repeat(250)}!`,
];
// The same strings with the final '!' replaced by a letter: valid, and of the same length.
const benign = adversarial.map((value) => `${value.slice(0, -1)}a`);
// Invalid too, but failing at the first character: the adversarial entries produce error findings (with a diagnosis
// and a message each), so this isolates the cost of the pattern itself from the cost of reporting.
const invalidAtOnce = benign.map((value) => `!${value}`);

/** Objects that put `entries` in every list that holds a scope or a mirror. */
function objectsWith(entries, copies) {
  const objects = [];
  for (let i = 0; i < copies; i++) {
    objects.push(
      { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: entries, insecureRegistries: entries, containerRuntimeSearchRegistries: entries.map((entry, j) => `${entry}${j}`) } } },
      { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { blockedRegistries: entries } } },
      { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: `d${i}` }, spec: { imageDigestMirrors: entries.map((entry) => ({ source: entry, mirrors: entries })) } },
      { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: `t${i}` }, spec: { imageTagMirrors: entries.map((entry) => ({ source: entry, mirrors: entries })) } },
      { apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name: `c${i}` }, spec: { repositoryDigestMirrors: entries.map((entry) => ({ source: entry, mirrors: entries })) } },
    );
  }
  return objects;
}

const COPIES = 40;
const adversarialObjects = objectsWith(adversarial, COPIES);
const benignObjects = objectsWith(benign, COPIES);
const invalidObjects = objectsWith(invalidAtOnce, COPIES);
validateObjects(benignObjects);
validateObjects(adversarialObjects);
validateObjects(invalidObjects);
const adversarialFindings = validateObjects(adversarialObjects).errors.length;
const invalidFindings = validateObjects(invalidObjects).errors.length;
const adversarialMs = medianMs(() => validateObjects(adversarialObjects), { runs: 9, warmup: 2 });
const benignMs = medianMs(() => validateObjects(benignObjects), { runs: 9, warmup: 2 });
const invalidMs = medianMs(() => validateObjects(invalidObjects), { runs: 9, warmup: 2 });
const ratio = adversarialMs / benignMs;
console.log(`Adversarial entries (${adversarial.length} per list, in every scope and mirror list of ${adversarialObjects.length} objects):`);
table([
  ['input', 'errors reported', 'median ms', 'vs benign'],
  ['benign (valid, same length)', validateObjects(benignObjects).errors.length, benignMs.toFixed(2), '1.00x'],
  ['adversarial', adversarialFindings, adversarialMs.toFixed(2), `${ratio.toFixed(2)}x`],
  ['invalid at the first character', invalidFindings, invalidMs.toFixed(2), `${(invalidMs / benignMs).toFixed(2)}x`],
]);
console.log(`adversarial vs invalid-at-once: ${(adversarialMs / invalidMs).toFixed(2)}x (the pattern's own cost; 1.00x is ideal)`);
if (ratio > 10) {
  console.log('FAIL: adversarial entries are more than 10x slower than benign ones');
  failed = true;
}

// The time of one adversarial entry as it grows: flat, where the upstream pattern would double every character.
console.log('\nOne adversarial entry \'a/\' + \'a\'.repeat(n) + \'!\' in allowedRegistries, 500 Images per run:');
const lengthRows = [['n', 'median ms']];
const lengths = [20, 28, 60, 120, 250];
const imageSets = lengths.map((n) => Array.from({ length: 500 }, () => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: [`a/${'a'.repeat(n)}!`] } } })));
// Warm the JIT on every input first, so the first size measured does not pay for compilation.
imageSets.forEach((images) => validateObjects(images));
lengths.forEach((n, i) => lengthRows.push([n, medianMs(() => validateObjects(imageSets[i]), { runs: 7, warmup: 2 }).toFixed(2)]));
table(lengthRows);

// ---------------------------------------------------------------------------------------------------------------
// 2. Growth with the number of objects

/** n objects as a cluster repository holds them: mirror sets of all three kinds, plus the singletons. */
function cluster(n, sourceOf = (i) => `registry-${i}.example.com/team-${i % 97}/app`) {
  const objects = [
    { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', '*.corp.example.com', 'image-registry.openshift-image-registry.svc:5000'], insecureRegistries: ['legacy.corp.example.com:5000'] }, additionalTrustedCA: { name: 'registry-cas' } } },
    { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: { managementState: 'Managed', replicas: 2, storage: { s3: { bucket: 'registry', region: 'eu-west-1' } } } },
    { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' }, spec: { schedule: '0 0 * * *', keepTagRevisions: 3, keepYoungerThanDuration: '60m' } },
  ];
  for (let i = objects.length; i < n; i++) {
    const source = sourceOf(i);
    const mirrors = [`mirror.corp.example.com/r${i}/app`, `backup.corp.example.com/r${i}/app`];
    switch (i % 10) {
      case 0:
        objects.push({ apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name: `icsp-${i}` }, spec: { repositoryDigestMirrors: [{ source, mirrors }] } });
        break;
      case 1: case 2: case 3:
        objects.push({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: `itms-${i}` }, spec: { imageTagMirrors: [{ source, mirrors, mirrorSourcePolicy: 'AllowContactingSource' }] } });
        break;
      case 4:
        objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `other-${i}`, namespace: 'default' }, data: { key: 'value' } });
        break;
      default:
        objects.push({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: `idms-${i}` }, spec: { imageDigestMirrors: [{ source, mirrors, mirrorSourcePolicy: i % 3 === 0 ? 'NeverContactSource' : 'AllowContactingSource' }] } });
    }
  }
  return objects;
}

/** The same objects as one multi-document YAML stream (JSON flow style is valid YAML and keeps this file simple). */
function asYaml(objects) {
  return objects.map((object) => `---\n${JSON.stringify(object, null, 1)}\n`).join('');
}

/** The CLI's pipeline without the file system: parse with line numbers, run the engine, locate every finding. */
function cliPipeline(text) {
  const { documents } = parseText(text, 'bench.yaml');
  const { findings } = checkObjects(documents.map((document) => document.object));
  let lines = 0;
  for (const finding of findings) lines += documents[finding.index].lineOf(finding.path);
  return lines;
}

function growth(title, sizes, prepare, run, { runs = 5, warmup = 1 } = {}) {
  console.log(`\n${title}`);
  const rows = [['objects', 'median ms', 'growth per doubling', 'us per object']];
  let previous;
  let worst = 0;
  // One size's input at a time: 100,000 objects as YAML text and objects take a few hundred MB.
  // Warm the JIT on a small input first, so the first size measured does not pay for compilation.
  run(prepare(Math.min(...sizes)));
  for (const n of sizes) {
    const input = prepare(n);
    const ms = medianMs(() => run(input), { runs, warmup });
    const factor = previous ? ms / previous : undefined;
    if (factor !== undefined) worst = Math.max(worst, factor);
    rows.push([n, ms.toFixed(1), factor ? `${factor.toFixed(2)}x` : '-', ((ms * 1000) / n).toFixed(1)]);
    previous = ms;
  }
  table(rows);
  console.log(`worst growth per doubling: ${worst.toFixed(2)}x (2.00x is linear, 4.00x quadratic)`);
  if (worst > 3.5) {
    console.log('FAIL: validation time grows faster than linearly');
    failed = true;
  }
}

/** Whole `ocp-images validate -f DIR` processes over n objects, in files of 5,000 objects (well under the size limit). */
function wholeProcess(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-validate-'));
  const objects = cluster(n);
  for (let start = 0, file = 0; start < objects.length; start += 5000, file++) {
    fs.writeFileSync(path.join(dir, `part-${String(file).padStart(3, '0')}.yaml`), asYaml(objects.slice(start, start + 5000)));
  }
  return dir;
}

function runWholeProcess(dir) {
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'ocp-images.js'), 'validate', '-f', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  // Warnings only (insecure registries, the deprecated ImageContentSourcePolicy): exit 0.
  if (result.status !== 0) {
    throw new Error(`validate exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  }
}

const SIZES = (process.env.BENCH_SIZES || '12500,25000,50000,100000').split(',').map(Number);
growth('Engine (validateObjects), n, 2n, 4n, 8n objects:', SIZES, cluster, (objects) => validateObjects(objects));
growth('CLI pipeline (YAML with line numbers, engine, file:line of every finding):', SIZES, (n) => asYaml(cluster(n)), cliPipeline);
const folders = [];
growth('Whole process: ocp-images validate -f DIR --format json (files of 5,000 objects):', SIZES, (n) => {
  const dir = wholeProcess(n);
  folders.push(dir);
  return dir;
}, runWholeProcess, { runs: 3, warmup: 0 });
folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));

// Adversarial scopes at scale: the largest cluster with every mirror source adversarial, against the same cluster with
// sources that are invalid at their first character (as many errors, reported the same way).
{
  const n = Math.max(...SIZES);
  const adversarialCluster = cluster(n, (i) => `registry-${i}.example.com/${'a'.repeat(60)}!`);
  const invalidCluster = cluster(n, (i) => `!registry-${i}.example.com/${'a'.repeat(60)}`);
  const benignCluster = cluster(n, (i) => `registry-${i}.example.com/${'a'.repeat(60)}a`);
  const timings = [benignCluster, adversarialCluster, invalidCluster].map((objects) => medianMs(() => validateObjects(objects), { runs: 3, warmup: 1 }));
  console.log(`\nAdversarial mirror sources at scale (${n} objects, engine):`);
  table([
    ['sources', 'errors reported', 'median ms', 'vs invalid at once'],
    ['benign (valid, same length)', validateObjects(benignCluster).errors.length, timings[0].toFixed(0), `${(timings[0] / timings[2]).toFixed(2)}x`],
    ['adversarial', validateObjects(adversarialCluster).errors.length, timings[1].toFixed(0), `${(timings[1] / timings[2]).toFixed(2)}x`],
    ['invalid at the first character', validateObjects(invalidCluster).errors.length, timings[2].toFixed(0), '1.00x'],
  ]);
  if (timings[1] / timings[2] > 3) {
    console.log('FAIL: adversarial sources cost more than 3x sources invalid at their first character');
    failed = true;
  }
}

process.exitCode = failed ? 1 : 0;
