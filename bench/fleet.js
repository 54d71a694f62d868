'use strict';
// A fleet in cdk8s: each cluster an App holding an Image allow list, a 50-entry ImageDigestMirrorSet, the registry
// Config on S3 and the ImagePruner. The constructs (validated) against the same objects as raw cdk8s ApiObjects,
// synthesized to YAML in memory, at 50, 100, 200 and 400 clusters. Prints medians, the overhead ratio (goal: at most
// 1.3x) and the growth per doubling (about 2x means linear).
//
// A third column is the floor: the constructs with the rule engine swapped, in this process only, for one that checks
// nothing (`checkObjects` of lib/validation/engine.js, which the constructs call through the module's exports). What
// is left is the constructs' own bookkeeping (the props copy, the render for the checks, the construct tree): the least
// the constructs can cost while they check at construction.
const { ApiObject, App, Chart } = require('cdk8s');
const { ImageConfig, ImageDigestMirrorSet, ImagePruner, ImageRegistryConfig, RegistryStorage } = require('../lib');
const engine = require('../lib/validation/engine');
const { table } = require('./stats');

const ALLOWED = ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', 'mirror.example.com:8443'];
const entries = (cluster) => Array.from({ length: 50 }, (_, i) => ({
  source: `registry-${i}.example.com/team/app`,
  mirrors: [`mirror.example.com:8443/c${cluster}/r${i}/app`],
}));
const storage = (cluster) => ({ managementState: 'Unmanaged', s3: { bucket: `fleet-${cluster}-image-registry`, region: 'eu-west-1', encrypt: true } });
const PRUNER = { schedule: '0 0 * * *', keepTagRevisions: 3, keepYoungerThanDuration: '60m', ignoreInvalidImageReferences: true };

function withConstructs(clusters) {
  let bytes = 0;
  for (let c = 0; c < clusters; c++) {
    const app = new App({ outdir: '/tmp' });
    const chart = new Chart(app, 'cluster');
    new ImageConfig(chart, 'images', { registrySources: { allowedRegistries: ALLOWED } });
    new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: entries(c) });
    new ImageRegistryConfig(chart, 'registry', { managementState: 'Managed', replicas: 2, storage: RegistryStorage.s3({ bucket: `fleet-${c}-image-registry`, region: 'eu-west-1', encrypt: true }) });
    new ImagePruner(chart, 'pruner', PRUNER);
    bytes += app.synthYaml().length;
  }
  return bytes;
}

const realCheckObjects = engine.checkObjects;
const checkNothing = () => ({ findings: [], checked: [], skippedKinds: [] });

/** {@link withConstructs} with a rule engine that checks nothing: the floor of the constructs' cost. */
function withConstructsUnchecked(clusters) {
  engine.checkObjects = checkNothing;
  try {
    return withConstructs(clusters);
  } finally {
    engine.checkObjects = realCheckObjects;
  }
}

function withRawApiObjects(clusters) {
  let bytes = 0;
  for (let c = 0; c < clusters; c++) {
    const app = new App({ outdir: '/tmp' });
    const chart = new Chart(app, 'cluster');
    new ApiObject(chart, 'images', { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { allowedRegistries: ALLOWED } } });
    new ApiObject(chart, 'mirrors', { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'mirrors' }, spec: { imageDigestMirrors: entries(c) } });
    new ApiObject(chart, 'registry', { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: { managementState: 'Managed', replicas: 2, storage: storage(c) } });
    new ApiObject(chart, 'pruner', { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' }, spec: PRUNER });
    bytes += app.synthYaml().length;
  }
  return bytes;
}

/** Median CPU time (user + system, ms) of `fn` over interleaved rounds: CPU time is steadier than wall clock on a shared machine. */
function medianCpuMs(fns, rounds) {
  const times = fns.map(() => []);
  for (let round = 0; round < rounds; round++) {
    fns.forEach((fn, i) => {
      if (global.gc) global.gc();
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      times[i].push((used.user + used.system) / 1000);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

const sizes = [50, 100, 200, 400];
const rows = [['clusters', 'constructs ms (CPU)', 'raw ApiObject ms (CPU)', 'overhead', 'growth (constructs)', 'unchecked ms (CPU)', 'floor overhead']];
let previous;
withConstructs(20); withConstructsUnchecked(20); withRawApiObjects(20); // warm up every path
if (engine.checkObjects !== realCheckObjects) throw new Error('the rule engine was not put back');
for (const n of sizes) {
  const [ours, unchecked, raw] = medianCpuMs([() => withConstructs(n), () => withConstructsUnchecked(n), () => withRawApiObjects(n)], 7);
  rows.push([n, ours.toFixed(1), raw.toFixed(1), `${(ours / raw).toFixed(2)}x`, previous ? `${(ours / previous).toFixed(2)}x` : '-',
    unchecked.toFixed(1), `${(unchecked / raw).toFixed(2)}x`]);
  previous = ours;
}
table(rows);
console.log('goal: overhead at most 1.3x; growth about 2x per doubling (linear)');
console.log('floor overhead: the constructs with a rule engine that checks nothing, against the same raw objects');
