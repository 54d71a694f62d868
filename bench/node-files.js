'use strict';
/**
 * Benchmark of the node-file renderer (run after `npm run build`): generated inputs with n digest sources (3 mirrors
 * each), n/2 tag sources, n/4 insecure and n/7 blocked scopes, for n = 1000, 2000, 4000, 8000. Scopes nest on
 * purpose: insecure and blocked scopes that are parents or children of sources, sources nested in other sources,
 * and a blocked registry that covers the release payload (with a mirror for it), so flag propagation, mirror
 * propagation and the payload check all run. The goal is near-linear growth (at most 2.2x per doubling) and well
 * under a second at n = 4000.
 *
 * How it measures, and why:
 * - Each size runs in its own process, so one size's heap (and its garbage) never lands on another's figures. The
 *   process renders one input of its size back to back: a few untimed renders warm up the JIT and let the heap reach
 *   its steady size, then every render is timed. Garbage collection is part of every figure, as it is for a user:
 *   each render pays for collecting the garbage of the renders before it. Forcing a collection before each render
 *   would not remove that cost but distort it (V8 shrinks the young generation after a forced collection, so the
 *   next render collects far more often than it ever would in use).
 * - Smaller sizes render more often (the same total work per process), so their medians are as steady as the large
 *   ones.
 * - The payload check is also timed alone, on its fast path and through the complete temporary registries.conf, to
 *   show what building only the candidate entries saves.
 * - The machine is shared: all sizes are measured once per round, in a rotating order, for several rounds. A size's
 *   figure is the median over rounds of its per-process median. The growth per doubling is given from those medians,
 *   as the median of the per-round ratios (two neighbouring sizes measured moments apart, so slow drifts in machine
 *   load cancel), and as a log-log least-squares fit over all sizes.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const SIZES = (process.env.BENCH_SIZES || '1000,2000,4000,8000').split(',').map(Number);
const RENDERS_AT_LARGEST = Number(process.env.BENCH_RENDERS || 12);
const WARMUP_RENDERS = 5;
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
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Linear work of the renderer's shape, as a yardstick for the machine: every source and mirror string of the input
 * hashed into one map, then every source and its mirrors looked up again in a scattered order (a fixed stride
 * through the list, as sorted output visits the input). Nothing here grows faster than n, so whatever growth above
 * 2x it shows comes from caches and address translation once the data outgrows them; the renderer is subject to the
 * same.
 */
function referencePass(input) {
  const index = new Map();
  const sources = [];
  const entries = [...input.idms.flatMap((set) => set.imageDigestMirrors), ...input.itms.flatMap((set) => set.imageTagMirrors)];
  for (const entry of entries) {
    index.set(entry.source, entry.mirrors);
    sources.push(entry.source);
    for (const mirror of entry.mirrors) index.set(mirror, entry.source);
  }
  // 7919 is prime, so i * 7919 mod length visits every index once unless the length is a multiple of it.
  const stride = sources.length % 7919 === 0 ? 1 : 7919;
  let characters = 0;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[(i * stride) % sources.length];
    for (const mirror of index.get(source)) characters += mirror.length + index.get(mirror).length;
  }
  return characters;
}

/** Median wall-clock milliseconds of `runs` calls of `fn` after a few untimed ones. */
function medianWall(fn, runs) {
  for (let i = 0; i < WARMUP_RENDERS; i++) fn();
  const wall = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(wall);
}

/**
 * The payload check alone on the same input, both ways: as the renderer runs it (the candidate entries built from the
 * few inputs that can shape them) and through the complete temporary registries.conf, as the MCO builds it. The
 * renderer's figure includes the first; the second shows what the restriction saves.
 */
function payloadCheckTimings(input, runs) {
  const lib = path.join(__dirname, '..', 'lib');
  const { normalizeInput, mergeMirrorRules } = require(path.join(lib, 'node-files'));
  const payload = require(path.join(lib, 'node-files', 'payload'));
  const { parseNamed } = require(path.join(lib, 'model', 'image-reference'));
  const normalized = normalizeInput(input);
  const sources = normalized.registrySources;
  const inputs = {
    insecure: sources.insecure,
    blocked: sources.blocked,
    allowed: sources.allowed,
    digestRules: normalized.digestRules,
    digestSets: mergeMirrorRules(normalized.digestRules),
  };
  const release = parseNamed(input.releaseImage);
  if (payload.payloadRepoHasUnblockedMirrorFast(release, inputs) !== payload.payloadRepoHasUnblockedMirrorFull(release, inputs)) {
    throw new Error('the payload check answers differently on its two paths');
  }
  return {
    payloadFast: medianWall(() => payload.payloadRepoHasUnblockedMirror(release, inputs), runs),
    payloadFull: medianWall(() => payload.payloadRepoHasUnblockedMirrorFull(release, inputs), runs),
  };
}

/** Child process: renders one input of size n back to back; prints the medians and the output size as JSON. */
function measureSize(n, renders) {
  const { renderNodeFiles } = require(path.join(__dirname, '..', 'lib', 'node-files'));
  const input = generate(n);
  let result;
  for (let i = 0; i < WARMUP_RENDERS; i++) result = renderNodeFiles(input);
  const wall = [];
  const cpu = [];
  for (let i = 0; i < renders; i++) {
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    result = renderNodeFiles(input);
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const bytes = result.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  const { registries, mirrors } = result.summary;
  const reference = medianWall(() => referencePass(input), renders);
  const { payloadFast, payloadFull } = payloadCheckTimings(input, renders);
  process.stdout.write(JSON.stringify({ wall: median(wall), cpu: median(cpu), reference, payloadFast, payloadFull, registries, mirrors, bytes }));
}

/** Runs one size in a fresh process (same Node.js flags as this one). */
function runSize(n, renders) {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--size', String(n), '--renders', String(renders)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    throw new Error(`benchmark process for n=${n} failed:\n${child.stderr}`);
  }
  return JSON.parse(child.stdout);
}

/** Least-squares slope of log2(time) over log2(n), as a factor per doubling (2.00x is linear, 4.00x quadratic). */
function fittedGrowth(rows, key) {
  const xs = rows.map((row) => Math.log2(row.n));
  const ys = rows.map((row) => Math.log2(row[key]));
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const slope = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return 2 ** slope;
}

function main() {
  const largest = Math.max(...SIZES);
  const renders = (n) => Math.max(RENDERS_AT_LARGEST, Math.round((RENDERS_AT_LARGEST * largest) / n));
  /** rounds[r].get(n) = the child's figures for size n in round r. */
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const figures = new Map();
    // Rotate the order so no size always runs first (or right after the largest).
    const order = SIZES.map((_, i) => SIZES[(i + round) % SIZES.length]);
    for (const n of order) figures.set(n, runSize(n, renders(n)));
    rounds.push(figures);
  }
  console.log(
    `node-files: renderNodeFiles, one process per size and round, ${ROUNDS} rounds (${SIZES.map((n) => `${renders(n)} renders at n=${n}`).join(', ')} per process)`,
  );
  console.log('       n   registries     mirrors      bytes   wall ms   growth    cpu ms   growth  per-round  reference ms  growth');
  const rows = [];
  for (const n of SIZES) {
    const figures = rounds.map((round) => round.get(n));
    const row = {
      ...figures[0],
      n,
      wall: median(figures.map((f) => f.wall)),
      cpu: median(figures.map((f) => f.cpu)),
      reference: median(figures.map((f) => f.reference)),
      payloadFast: median(figures.map((f) => f.payloadFast)),
      payloadFull: median(figures.map((f) => f.payloadFull)),
    };
    const previous = rows[rows.length - 1];
    const growth = (key) => (previous ? `${(row[key] / previous[key]).toFixed(2)}x` : '');
    row.roundGrowth = previous ? median(rounds.map((round) => round.get(n).wall / round.get(previous.n).wall)) : undefined;
    console.log(
      `${String(n).padStart(8)} ${String(row.registries).padStart(12)} ${String(row.mirrors).padStart(11)} ${String(row.bytes).padStart(10)}` +
        ` ${row.wall.toFixed(1).padStart(9)} ${growth('wall').padStart(8)} ${row.cpu.toFixed(1).padStart(9)} ${growth('cpu').padStart(8)}` +
        ` ${row.roundGrowth === undefined ? ''.padStart(10) : `${row.roundGrowth.toFixed(2)}x`.padStart(10)}` +
        ` ${row.reference.toFixed(2).padStart(13)} ${growth('reference').padStart(7)}`,
    );
    rows.push(row);
  }
  const steps = rows.slice(1);
  console.log(
    `growth per doubling: fitted over all sizes (log-log least squares) wall ${fittedGrowth(rows, 'wall').toFixed(2)}x, cpu ${fittedGrowth(rows, 'cpu').toFixed(2)}x;` +
      ` worst step wall ${Math.max(...steps.map((row, i) => row.wall / rows[i].wall)).toFixed(2)}x,` +
      ` worst per-round median ${Math.max(...steps.map((row) => row.roundGrowth)).toFixed(2)}x (goal <= 2.2x)`,
  );
  console.log(
    `machine yardstick (a linear pass hashing the same strings and visiting them in scattered order): fitted ${fittedGrowth(rows, 'reference').toFixed(2)}x per doubling`,
  );
  console.log('payload check alone (included in the figures above), median ms:');
  console.log('       n  candidates only   growth  complete temporary registries.conf   growth');
  rows.forEach((row, i) => {
    const growth = (key) => (i > 0 ? `${(row[key] / rows[i - 1][key]).toFixed(2)}x` : '');
    console.log(
      `${String(row.n).padStart(8)} ${row.payloadFast.toFixed(2).padStart(16)} ${growth('payloadFast').padStart(8)}` +
        ` ${row.payloadFull.toFixed(2).padStart(36)} ${growth('payloadFull').padStart(8)}`,
    );
  });
  const at4000 = rows.find((row) => row.n === 4000);
  if (at4000) console.log(`n=4000: ${at4000.wall.toFixed(1)} ms wall (goal well under 1000 ms)`);
}

module.exports = { generate };

if (require.main === module) {
  const sizeArgument = process.argv.indexOf('--size');
  if (sizeArgument >= 0) {
    measureSize(Number(process.argv[sizeArgument + 1]), Number(process.argv[process.argv.indexOf('--renders') + 1]));
  } else {
    main();
  }
}
