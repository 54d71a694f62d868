/**
 * docs/rosa-hcp.md is executed: its input file is written, each target's command block runs as written (through a
 * shell, with `ocp-images` being this repository's bin and `rosa` a stand-in that records its arguments), and what the
 * commands print must be the output block the document shows, byte for byte. The TypeScript examples are run too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { BIN, requireBuiltCli, tempTree } from '../support/cli';
import { imageMirrorErrors, registryConfigErrors } from '../targets/rhcs-schema';
import { rosaCalls, standInRosa } from '../support/stand-in-rosa';

const DOC = path.resolve(__dirname, '../../docs/rosa-hcp.md');
const text = fs.readFileSync(DOC, 'utf8');

/** The fenced block right after `<!-- marker -->`. */
function block(marker: string): string {
  const match = new RegExp(`<!-- ${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`).exec(text);
  if (!match) {
    throw new Error(`docs/rosa-hcp.md has no block marked <!-- ${marker} -->`);
  }
  return match[1];
}

/** A folder with the example input, and a PATH whose `ocp-images` is this repository's bin and whose `rosa` records. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv; log: string } {
  const dir = tempTree({ 'cluster.yaml': block('example-input: cluster.yaml') });
  const rosa = standInRosa();
  fs.writeFileSync(path.join(rosa.bin, 'ocp-images'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  return { dir, log: rosa.log, env: { ...process.env, PATH: `${rosa.bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' } };
}

function runBlock(marker: string, dir: string, env: NodeJS.ProcessEnv) {
  return spawnSync('sh', ['-e', '-c', block(marker)], { cwd: dir, env, encoding: 'utf8' });
}

beforeAll(() => requireBuiltCli());

describe('GIVEN docs/rosa-hcp.md', () => {
  test('WHEN the rosa CLI example runs THEN the script is the one shown, passes sh -n, and rosa receives each value unchanged', () => {
    const { dir, env, log } = workspace();
    const run = runBlock('example-command: rosa-cli', dir, env);
    expect(run.status).toBe(0);
    const script = fs.readFileSync(path.join(dir, 'images.sh'), 'utf8');
    expect(script).toBe(block('example-output: rosa-cli'));
    expect(spawnSync('sh', ['-n', 'images.sh'], { cwd: dir }).status).toBe(0);
    expect(script.split('\n').filter((line) => line !== '' && !line.startsWith('#')).every((line) => line.startsWith('rosa '))).toBe(true);
    const calls = rosaCalls(log);
    expect(calls.map((call) => call.slice(0, 2).join(' '))).toEqual(['edit cluster', 'create image-mirror', 'create image-mirror']);
    expect(calls[0]).toContain('--registry-config-allowed-registries=mirror.example.com:8443,backup.example.com,*.apps.example.com');
    expect(calls[0]).toContain('--yes');
    const caFile = calls[0].find((arg) => arg.startsWith('--registry-config-additional-trusted-ca='))?.split('=')[1] as string;
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, caFile), 'utf8')))).toEqual(['mirror.example.com..8443']);
    // The document's description of the merge: nothing orders the two sets' mirrors, so the alphabetically first leads.
    expect(calls[1]).toEqual(['create', 'image-mirror', '--cluster', 'my-cluster', '--source', 'quay.io/openshift-release-dev/ocp-release', '--mirrors', 'backup.example.com/ocp/release,mirror.example.com:8443/ocp/release']);
  });

  test('WHEN the rhcs example runs THEN the Terraform JSON is the one shown and passes the provider schema', () => {
    const { dir, env } = workspace();
    const run = runBlock('example-command: rhcs', dir, env);
    expect(run.status).toBe(0);
    const output = fs.readFileSync(path.join(dir, 'images.tf.json'), 'utf8');
    expect(output).toBe(block('example-output: rhcs'));
    const json = JSON.parse(output);
    expect(registryConfigErrors(json.locals.registry_config)).toEqual([]);
    for (const mirror of Object.values(json.resource.rhcs_image_mirror)) {
      expect(imageMirrorErrors(mirror)).toEqual([]);
    }
  });

  test('WHEN the HostedCluster example runs THEN the YAML is the one shown, with the warning the document mentions', () => {
    const { dir, env } = workspace();
    const run = runBlock('example-command: hostedcluster', dir, env);
    expect(run.status).toBe(0);
    const output = fs.readFileSync(path.join(dir, 'hc-images.yaml'), 'utf8');
    expect(output).toBe(block('example-output: hostedcluster'));
    expect(parseAllDocuments(output).map((document) => document.toJS().kind)).toEqual(['ConfigMap', 'HostedCluster']);
    expect(run.stderr).toContain('[allowed-registries-missing-platform]');
  });

  /** Runs a TypeScript example of the document in `dir`, the package's names mapped to the sources. */
  function runExample(marker: string, dir: string): void {
    const code = ts.transpileModule(block(marker), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const resolve = (name: string): unknown => {
      if (name === 'cdk-openshift-images') return require('../../src');
      if (name === 'cdk-openshift-images/rosa') return require('../../src/rosa');
      return require(name);
    };
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const module = { exports: {} };
      new Function('require', 'module', 'exports', code)(resolve, module, module.exports);
    } finally {
      process.chdir(previous);
    }
  }

  test('WHEN the cdktf example runs THEN the stack holds registry_config on the cluster and the merged image mirror, as the provider takes them', () => {
    const dir = tempTree({});
    runExample('example-cdktf', dir);
    const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'rosa', 'cdk.tf.json'), 'utf8'));
    expect(stack.terraform.required_providers.rhcs.source).toBe('terraform-redhat/rhcs');
    const registryConfig = stack.resource.rhcs_cluster_rosa_hcp.main.registry_config;
    expect(registryConfig).toEqual({ registry_sources: { allowed_registries: ['mirror.example.com:8443', 'backup.example.com'] } });
    expect(registryConfigErrors(registryConfig)).toEqual([]);
    const mirrors = Object.values(stack.resource.rhcs_image_mirror) as Record<string, unknown>[];
    expect(mirrors.map((mirror) => [mirror.source, mirror.mirrors])).toEqual([['quay.io/openshift-release-dev/ocp-release', ['backup.example.com/ocp/release', 'mirror.example.com:8443/ocp/release']]]);
    expect(imageMirrorErrors(mirrors[0])).toEqual([]);
  });

  test('WHEN the cdk8s example runs THEN the chart holds the CA ConfigMap and the HostedCluster with the image configuration', () => {
    const dir = tempTree({});
    runExample('example-cdk8s', dir);
    const documents = parseAllDocuments(fs.readFileSync(path.join(dir, 'dist', 'hosted.k8s.yaml'), 'utf8')).map((document) => document.toJS());
    expect(documents.map((document) => [document.kind, document.metadata.namespace])).toEqual([['ConfigMap', 'clusters'], ['HostedCluster', 'clusters']]);
    expect(Object.keys(documents[0].data)).toEqual(['mirror.example.com..8443']);
    expect(documents[1].spec.configuration.image).toEqual({ additionalTrustedCA: { name: 'registry-trusted-cas' }, registrySources: { blockedRegistries: ['docker.io'] } });
    expect(documents[1].spec.imageContentSources).toEqual([{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com:8443/ocp/release'] }]);
  });

  test('THEN it has a worked example per target, the table of differences and the rollout note', () => {
    for (const marker of ['example-command: rosa-cli', 'example-command: rhcs', 'example-command: hostedcluster']) {
      expect(block(marker)).toContain('ocp-images export --target');
    }
    expect(text).toMatch(/^## How the targets differ\n\n\| \| `rosa-cli` \| `rhcs` \| `hostedcluster` \|$/m);
    expect(text).toMatch(/^## Rollout: every change recreates the nodes$/m);
  });
});
