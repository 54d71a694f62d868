import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import { Warnings } from 'cdk-openshift-images';
import { DisconnectedImagesChart } from '../../examples/k8s/cluster-images';
import { expectAcceptedByCluster } from '../support/constructs';

const ROOT = path.resolve(__dirname, '../..');

describe('the bundled cdk8s example', () => {
  test('GIVEN the example chart WHEN synthesized THEN every object passes the upstream CRDs and the chart is free of warnings', () => {
    const app = Testing.app();
    const chart = new DisconnectedImagesChart(app, 'cluster-images');
    const manifest = Testing.synth(chart);
    expect(manifest.map((object: any) => `${object.kind}/${object.metadata.name}`)).toEqual(expect.arrayContaining([
      'Image/cluster', 'ConfigMap/registry-trusted-cas', 'ImageDigestMirrorSet/release-payload', 'ImageTagMirrorSet/ubi',
    ]));
    expectAcceptedByCluster(manifest);
    expect(Warnings.of(app)).toEqual([]);
  });

  test('GIVEN the example WHEN synthesized in two processes with different time zones and locales THEN the YAML is byte-identical', () => {
    // GIVEN the example, transpiled as is, importing the built package by its name
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-determinism-'));
    try {
      for (const file of ['examples/cluster-settings.ts', 'examples/k8s/cluster-images.ts', 'examples/k8s/registry.ts']) {
        const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
        const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
        fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
        fs.writeFileSync(path.join(work, file.replace(/\.ts$/, '.js')), outputText);
      }
      fs.copyFileSync(path.join(ROOT, 'examples/k8s/mirror-ca.pem'), path.join(work, 'examples/k8s/mirror-ca.pem'));
      fs.mkdirSync(path.join(work, 'node_modules'));
      fs.symlinkSync(ROOT, path.join(work, 'node_modules', 'cdk-openshift-images'), 'dir');
      const script = [
        "const { App } = require('cdk8s');",
        "const { DisconnectedImagesChart } = require('./examples/k8s/cluster-images');",
        "const { addRegistry } = require('./examples/k8s/registry');",
        "const app = new App({ outdir: require('os').tmpdir() });",
        "addRegistry(new DisconnectedImagesChart(app, 'cluster-images'));",
        'process.stdout.write(app.synthYaml());',
      ].join('\n');
      const synth = (env: NodeJS.ProcessEnv) => execFileSync(process.execPath, ['-e', script], {
        cwd: work, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...env },
      });
      // WHEN
      const first = synth({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
      const second = synth({ TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
      // THEN
      expect(first).toContain('kind: ImageDigestMirrorSet');
      expect(second).toBe(first);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
