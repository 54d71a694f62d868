/** Builders and runners shared by the tests of the hosted targets (ROSA HCP, HyperShift). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';

/** A CA certificate that parses as X.509 (the one the bundled example trusts). */
export const CA_PEM = fs.readFileSync(path.resolve(__dirname, '../../examples/k8s/mirror-ca.pem'), 'utf8');

export function image(spec: Record<string, unknown>, name = 'cluster'): Record<string, unknown> {
  return { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name }, spec };
}

export interface Entry {
  readonly source: string;
  readonly mirrors?: readonly string[];
  readonly mirrorSourcePolicy?: string;
}

export function idms(name: string, entries: readonly Entry[]): Record<string, unknown> {
  return { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name }, spec: { imageDigestMirrors: entries } };
}

export function itms(name: string, entries: readonly Entry[]): Record<string, unknown> {
  return { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name }, spec: { imageTagMirrors: entries } };
}

export function icsp(name: string, entries: readonly Entry[]): Record<string, unknown> {
  return { apiVersion: 'operator.openshift.io/v1alpha1', kind: 'ImageContentSourcePolicy', metadata: { name }, spec: { repositoryDigestMirrors: entries } };
}

export function configMap(name: string, data: Record<string, string>, namespace: string | undefined = 'openshift-config'): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace !== undefined ? { namespace } : {}) }, data };
}

/** A fresh temporary directory holding `files` (relative path -> content). */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-targets-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ocp-images ARGS` in this process (`runCli` of src/cli/main.ts), capturing what the command writes to stdout and
 * stderr. `cwd` is what the command sees as its working directory (give `-f` paths absolute).
 */
export async function runInProcess(args: readonly string[], cwd?: string): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  const workingDirectory = cwd === undefined ? undefined : jest.spyOn(process, 'cwd').mockReturnValue(cwd);
  try {
    const status = await runCli(args, { stderr: { write: (text: string) => { stderr += text; return true; } } });
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    workingDirectory?.mockRestore();
  }
}

/**
 * A stand-in `rosa` on a PATH of its own: it records its arguments (one JSON array per call, in `log`) and checks what
 * the real rosa would refuse before talking to OCM: a cluster key outside `^(\w|-)+$`, an import list entry outside
 * `^(.+):(true|false)$`, a trusted-CA file that is not a JSON object of strings.
 */
export function standInRosa(): { readonly bin: string; readonly log: string } {
  const bin = tempDir();
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
