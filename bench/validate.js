'use strict';
// Linear time for every pattern, and for the engine as a whole.
//
// 1. Adversarial entries: the upstream registry-scope regex backtracks exponentially in JavaScript on inputs such as
//    'a/' + 'a'.repeat(60) + '!' (see openshift-api.md §8.3: 28 characters already take 1.5 s). Our rules must
//    validate them as fast as benign entries of the same length. Every list that holds scopes or mirrors is filled:
//    Image allowed/blocked/insecure/search registries, IDMS and ITMS sources and mirrors, ICSP sources and mirrors.
// 2. Growth: validating 2n objects should take about twice as long as n (n, 2n, 4n, 8n up to 20,000 objects), for the
//    engine alone and for the CLI's pipeline (YAML parsing with line numbers, engine, locating each finding).
//
// Machines are noisy: every figure is the median of several runs, and the verdicts use ratios. Exits 1 only on a
// gross violation (an adversarial/benign ratio above 10, or a growth per doubling above 3.5), which is what an
// exponential or quadratic blow-up looks like.
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
function cluster(n) {
  const objects = [
    { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', '*.corp.example.com', 'image-registry.openshift-image-registry.svc:5000'], insecureRegistries: ['legacy.corp.example.com:5000'] }, additionalTrustedCA: { name: 'registry-cas' } } },
    { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: { managementState: 'Managed', replicas: 2, storage: { s3: { bucket: 'registry', region: 'eu-west-1' } } } },
    { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' }, spec: { schedule: '0 0 * * *', keepTagRevisions: 3, keepYoungerThanDuration: '60m' } },
  ];
  for (let i = objects.length; i < n; i++) {
    const source = `registry-${i}.example.com/team-${i % 97}/app`;
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

function growth(title, sizes, prepare, run) {
  console.log(`\n${title}`);
  const rows = [['objects', 'median ms', 'growth per doubling']];
  let previous;
  let worst = 0;
  const inputs = sizes.map(prepare);
  // Warm the JIT on every size first, so the first size measured does not pay for compilation.
  inputs.forEach((input) => run(input));
  for (const [index, n] of sizes.entries()) {
    const input = inputs[index];
    const ms = medianMs(() => run(input), { runs: 5, warmup: 1 });
    const factor = previous ? ms / previous : undefined;
    if (factor !== undefined) worst = Math.max(worst, factor);
    rows.push([n, ms.toFixed(1), factor ? `${factor.toFixed(2)}x` : '-']);
    previous = ms;
  }
  table(rows);
  console.log(`worst growth per doubling: ${worst.toFixed(2)}x (2.00x is linear, 4.00x quadratic)`);
  if (worst > 3.5) {
    console.log('FAIL: validation time grows faster than linearly');
    failed = true;
  }
}

const SIZES = [2500, 5000, 10000, 20000];
growth('Engine (validateObjects), n, 2n, 4n, 8n objects:', SIZES, cluster, (objects) => validateObjects(objects));
growth('CLI pipeline (YAML with line numbers, engine, file:line of every finding):', SIZES, (n) => asYaml(cluster(n)), cliPipeline);

process.exitCode = failed ? 1 : 0;
