/** A stand-in for the `rosa` CLI, for the tests of `export --target rosa-cli` and the scripts it prints. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from './cli';

/**
 * A stand-in `rosa` on a PATH of its own: it records its arguments (one JSON array per call, in `log`) and checks what
 * the real rosa would refuse before talking to OCM: a cluster key outside `^(\w|-)+$`, an import list entry outside
 * `^(.+):(true|false)$`, a trusted-CA file that is not a JSON object of strings.
 */
export function standInRosa(): { readonly bin: string; readonly log: string } {
  const bin = tempTree({});
  const log = path.join(bin, 'calls.jsonl');
  const script = `#!${process.execPath}
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const value = (name) => { const i = args.indexOf(name); if (i >= 0) return args[i + 1]; const eq = args.find((a) => a.startsWith(name + '=')); return eq === undefined ? undefined : eq.slice(name.length + 1); };
const fail = (message) => { process.stderr.write('E: ' + message + '\\n'); process.exit(1); };
const cluster = value('--cluster') ?? value('-c');
if (!/^(\\w|-)+$/.test(cluster ?? '')) fail('invalid cluster key ' + cluster);
const imports = value('--registry-config-allowed-registries-for-import');
if (imports) for (const item of imports.split(',')) if (!/^(.+):(true|false)$/.test(item)) fail('invalid identifier ' + item);
const ca = value('--registry-config-additional-trusted-ca');
if (ca !== undefined) { const map = JSON.parse(fs.readFileSync(ca, 'utf8')); if (typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string')) fail('bad CA file'); }
`;
  fs.writeFileSync(path.join(bin, 'rosa'), script, { mode: 0o755 });
  return { bin, log };
}

/** The calls the stand-in rosa recorded. */
export function rosaCalls(log: string): string[][] {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as string[]) : [];
}
