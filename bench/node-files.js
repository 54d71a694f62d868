'use strict';
/**
 * Benchmark of the node-file renderer (run after `npm run build`): generated inputs with n digest sources (3 mirrors
 * each), n/2 tag sources, n/4 insecure and n/7 blocked scopes, for n = 1000, 2000, 4000, 8000. Scopes nest on
 * purpose: insecure and blocked scopes that are parents or children of sources, sources nested in other sources,
 * and a blocked registry that covers the release payload (with a mirror for it), so flag propagation, mirror
 * propagation and the payload check all run. Prints the median of several runs and the growth per doubling; the goal
 * is near-linear growth (at most 2.2x per doubling) and well under a second at n = 4000.
 *
 * Every lookup in the renderer is a probe of the few scopes that can enclose a string, so the work is linear; what
 * can still grow faster is V8's garbage collection, which is part of every figure printed here (no V8 flags are set).
 * A full collection runs before each timed render so earlier renders' garbage is not billed to it. Smaller sizes are
 * timed more often (the same total work per size), so their medians are as stable as the large ones and noise in the
 * few-millisecond runs does not skew the first growth factor.
 */
const path = require('path');
const { renderNodeFiles } = require(path.join(__dirname, '..', 'lib', 'node-files'));

const RUNS = Number(process.env.BENCH_RUNS || 15);
const SIZES = (process.env.BENCH_SIZES || '1000,2000,4000,8000').split(',').map(Number);
const RELEASE = `quay.io/openshift-release-dev/ocp-release@sha256:${'0f'.repeat(32)}`;

/** A deterministic input of size n. */
function generate(n) {
  const hosts = Math.max(4, Math.floor(n / 50));
  const host = (i) => `reg${i % hosts}.example.com`;
  const digestSources = [];
  for (let i = 0; i < n; i++) {
    // Every fifth source sits inside the previous one, so mirrors propagate between sources.
    digestSources.push(i % 5 === 4 ? `${digestSources[i - 1]}/sub${i}` : `${host(i)}/team${i % 37}/app${i}`);
  }
  const idmsEntries = digestSources.map((source, i) => ({
    source,
    mirrors: [0, 1, 2].map((k) => `mirror${k}.local:5000/m${k}/app${i}`),
    ...(i % 11 === 0 ? { mirrorSourcePolicy: 'NeverContactSource' } : {}),
  }));
  idmsEntries.push({ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror0.local:5000/ocp/release'] });
  const itmsEntries = [];
  for (let j = 0; j < n / 2; j++) {
    // Half of the tag sources share a digest source (tag mirrors are appended to the same entry).
    const shared = j % 2 === 0;
    const source = shared ? digestSources[j] : `tags${j % hosts}.example.org/t${j}`;
    // A shared source must carry the same mirrorSourcePolicy in both kinds, or the MCO rejects it.
    const policy = shared && j % 11 === 0 ? { mirrorSourcePolicy: 'NeverContactSource' } : {};
    itmsEntries.push({ source, mirrors: [`tagmirror${j % 3}.local/t${j}`], ...policy });
  }
  const insecure = [];
  for (let k = 0; k < n / 4; k++) {
    if (k % 4 === 0) insecure.push(host(k)); // parent of many sources
    else if (k % 4 === 1) insecure.push(`*.insecure${k % 13}.example.net`);
    else if (k % 4 === 2) insecure.push(`${digestSources[(k * 7) % n]}/insecure${k}`); // child: gets mirrors
    else insecure.push(`mirror${k % 3}.local:5000/m${k % 3}`); // a mirror location: mirrors become insecure
  }
  const blocked = ['quay.io'];
  for (let k = 1; k < n / 7; k++) {
    if (k % 3 === 0) blocked.push(`${host(k)}/team${k % 37}`); // namespace above sources
    else if (k % 3 === 1) blocked.push(`${digestSources[(k * 13) % n]}/blocked${k}`); // inside a source
    else blocked.push(`blocked${k}.example.com`);
  }
  const chunks = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  return {
    imageConfig: { spec: { registrySources: { insecureRegistries: insecure, blockedRegistries: blocked } } },
    idms: chunks(idmsEntries, 100).map((imageDigestMirrors) => ({ imageDigestMirrors })),
    itms: chunks(itmsEntries, 100).map((imageTagMirrors) => ({ imageTagMirrors })),
    releaseImage: RELEASE,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** One render: wall-clock and process CPU milliseconds (CPU time is robust when other work shares the machine). */
function timeOnce(input) {
  if (global.gc) global.gc();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = renderNodeFiles(input);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, result };
}

function main() {
  for (const n of SIZES) renderNodeFiles(generate(n)); // warm up the JIT on every size
  const samples = new Map(SIZES.map((n) => [n, { wall: [], cpu: [], result: undefined }]));
  // Sizes are interleaved run by run, so a burst of load on a shared machine hits every size alike; each input is
  // generated afresh (untimed) so only one is alive at a time and the heap does not grow with the other sizes.
  const largest = Math.max(...SIZES);
  const repeats = (n) => Math.max(1, Math.round(largest / n));
  for (let run = 0; run < RUNS; run++) {
    for (const n of SIZES) {
      for (let repeat = 0; repeat < repeats(n); repeat++) {
        const { wall, cpu, result } = timeOnce(generate(n));
        const sample = samples.get(n);
        sample.wall.push(wall);
        sample.cpu.push(cpu);
        sample.result = { files: result.files.map((f) => ({ content: f.content })), summary: result.summary };
      }
    }
  }
  console.log(
    `node-files: renderNodeFiles, median of interleaved runs (${SIZES.map((n) => `${RUNS * repeats(n)} at n=${n}`).join(', ')}; wall clock and process CPU time)`,
  );
  console.log('       n   registries     mirrors      bytes   wall ms   growth    cpu ms   growth');
  const rows = [];
  for (const n of SIZES) {
    const sample = samples.get(n);
    const row = { n, wall: median(sample.wall), cpu: median(sample.cpu), result: sample.result };
    const previous = rows[rows.length - 1];
    const growth = (key) => (previous ? `${(row[key] / previous[key]).toFixed(2)}x` : '');
    const bytes = row.result.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
    console.log(
      `${String(n).padStart(8)} ${String(row.result.summary.registries).padStart(12)} ${String(row.result.summary.mirrors).padStart(11)}` +
        ` ${String(bytes).padStart(10)} ${row.wall.toFixed(1).padStart(9)} ${growth('wall').padStart(8)} ${row.cpu.toFixed(1).padStart(9)} ${growth('cpu').padStart(8)}`,
    );
    rows.push(row);
  }
  const worst = (key) => Math.max(0, ...rows.slice(1).map((row, i) => row[key] / rows[i][key]));
  // One noisy median moves two neighbouring ratios in opposite directions; the least-squares slope of log(time) over
  // log(n) uses every size at once, so it is the steadier reading of how time grows (2.00x is linear, 4.00x quadratic).
  const fitted = (key) => {
    const xs = rows.map((row) => Math.log2(row.n));
    const ys = rows.map((row) => Math.log2(row[key]));
    const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const slope = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    return 2 ** slope;
  };
  console.log(`fitted growth per doubling (log-log least squares over all sizes): wall ${fitted('wall').toFixed(2)}x, cpu ${fitted('cpu').toFixed(2)}x`);
  const at4000 = rows.find((row) => row.n === 4000);
  console.log(
    `worst growth per doubling: wall ${worst('wall').toFixed(2)}x, cpu ${worst('cpu').toFixed(2)}x (goal <= 2.2x)` +
      (at4000 ? `; n=4000: ${at4000.wall.toFixed(1)} ms wall (goal well under 1000 ms)` : ''),
  );
}

main();
