'use strict';
// What the checks cost: synthesizing n ImageDigestMirrorSet constructs (validated at construction and at synth)
// against n raw cdk8s ApiObjects holding the same objects, at n, 2n and 4n. Reports medians, the overhead ratio and
// the growth per doubling (about 2x means linear).
const { ApiObject, Chart, Testing } = require('cdk8s');
const { ImageConfig, ImageDigestMirrorSet } = require('../lib');
const { medianMs, table } = require('./stats');

function spec(i) {
  return { imageDigestMirrors: [{ source: `registry-${i}.example.com/team/app`, mirrors: [`mirror.example.com/r${i}/app`, `backup.example.com/r${i}/app`] }] };
}

function withConstructs(n) {
  const chart = new Chart(Testing.app(), 'bench');
  new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: ['docker.io'] } });
  for (let i = 0; i < n; i++) new ImageDigestMirrorSet(chart, `m${i}`, { metadata: { name: `m${i}` }, ...spec(i) });
  return chart.toJson().length;
}

function withRawApiObjects(n) {
  const chart = new Chart(Testing.app(), 'bench');
  new ApiObject(chart, 'images', { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources: { blockedRegistries: ['docker.io'] } } });
  for (let i = 0; i < n; i++) new ApiObject(chart, `m${i}`, { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: `m${i}` }, spec: spec(i) });
  return chart.toJson().length;
}

const rows = [['n', 'constructs ms', 'raw ApiObject ms', 'overhead', 'growth (constructs)']];
let previous;
for (const n of [250, 500, 1000, 2000]) {
  const ours = medianMs(() => withConstructs(n), { runs: 5, warmup: 1 });
  const raw = medianMs(() => withRawApiObjects(n), { runs: 5, warmup: 1 });
  rows.push([n, ours.toFixed(1), raw.toFixed(1), `${(ours / raw).toFixed(2)}x`, previous ? `${(ours / previous).toFixed(2)}x` : '-']);
  previous = ours;
}
table(rows);
