/**
 * Running `ocp-images` in tests: in this process (`runCliInProcess`, the same program as the bin without starting
 * Node: most tests), or as the compiled bin in a child process (`runCli`: for what only a process shows, such as exit
 * by signal, standard input, start-up and the bundle), on temporary files.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'ocp-images.js');

/** Fails early with a useful message when the compiled CLI is missing (`npm test` builds first). */
export function requireBuiltCli(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, 'lib', 'cli', 'validate.js'))) {
    throw new Error('lib/cli/validate.js is missing: run `npm run build` before these tests (npm test does).');
  }
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled `ocp-images ARGS` in a child process, in `cwd`, with `stdin` as standard input. */
export function runCli(args: readonly string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
    timeout: 60_000,
    // Reports of large inputs are megabytes; the default buffer (1 MiB) would cut them and kill the run.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory holding `files` (relative path -> content). */
export function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-cli-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** The finding fields the JSON output promises. */
export interface JsonFinding {
  code: string;
  severity: 'error' | 'warning';
  object: string;
  path: string;
  message: string;
  hint: string;
  source: string;
  file: string;
  line: number;
}

export interface JsonReport {
  errors: JsonFinding[];
  warnings: JsonFinding[];
  acknowledged: JsonFinding[];
  summary: {
    files: number;
    documents: number;
    checkedObjects: number;
    skippedObjects: number;
    skippedKinds: Record<string, number>;
    errors: number;
    warnings: number;
    acknowledged: number;
    strict: boolean;
    passed: boolean;
  };
}

/** Parses the whole of stdout as one JSON object (the contract: nothing else is printed there). */
export function parseReport(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** YAML documents used across the CLI tests. Line numbers matter: tests assert them. */

/** One mirror set with one entry, as YAML; the two kinds differ only in their kind and list name. */
function mirrorSetYaml(kind: string, list: string, name: string, source: string, policy: string, mirror = 'mirror.corp.example.com/quay'): string {
  return [
    'apiVersion: config.openshift.io/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  ${list}:`,
    `    - source: ${source}`,
    '      mirrors:',
    `        - ${JSON.stringify(mirror)}`,
    `      mirrorSourcePolicy: ${policy}`,
    '',
  ].join('\n');
}

export const yaml = {
  /** A clean Image. */
  goodImage: [
    'apiVersion: config.openshift.io/v1',
    'kind: Image',
    'metadata:',
    '  name: cluster',
    'spec:',
    '  registrySources:',
    '    blockedRegistries:',
    '      - docker.io',
    '',
  ].join('\n'),
  /** An Image whose allowedRegistries[1] (line 9) carries a tag. */
  taggedImage: [
    'apiVersion: config.openshift.io/v1',
    'kind: Image',
    'metadata:',
    '  name: cluster',
    'spec:',
    '  registrySources:',
    '    allowedRegistries:',
    '      - quay.io',
    '      - quay.io/team/app:latest',
    '',
  ].join('\n'),
  /** An Image with only a warning: a misspelt field on line 6. */
  typoImage: [
    'apiVersion: config.openshift.io/v1',
    'kind: Image',
    'metadata:',
    '  name: cluster',
    'spec:',
    '  registrySource: {}',
    '',
  ].join('\n'),
  configMap: [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: unrelated',
    '  namespace: default',
    'data:',
    '  a: b',
    '',
  ].join('\n'),
  idms: (name: string, source: string, policy: string, mirror?: string) => mirrorSetYaml('ImageDigestMirrorSet', 'imageDigestMirrors', name, source, policy, mirror),
  itms: (name: string, source: string, policy: string, mirror?: string) => mirrorSetYaml('ImageTagMirrorSet', 'imageTagMirrors', name, source, policy, mirror),
};

/**
 * Runs `ocp-images ARGS` in this process (the same program as the bin, without starting Node): for the many tests
 * that only need exit code and output. Paths in ARGS should be absolute; `cwd` is where the configuration file is
 * looked up.
 */
export async function runCliInProcess(args: readonly string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun & { readonly status: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli: run } = require('../../src/cli/main') as typeof import('../../src/cli/main');
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: { write: (text: string) => { stdout += text; return true; }, isTTY: false },
    stderr: { write: (text: string) => { stderr += text; return true; } },
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
    readStdin: () => options.stdin ?? '',
  });
  return { status, stdout, stderr };
}
