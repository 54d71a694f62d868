import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const node = (script: string) => execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });

describe('the package contract (after `npm ci`, which builds lib/)', () => {
  test('GIVEN the built package WHEN required by name THEN the main entry exports the constructs, the validation API and ValidationError, without loading cdktf', () => {
    const out = JSON.parse(node(`
      const lib = require('cdk-openshift-images');
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        exports: ['ImageConfig', 'ImageDigestMirrorSet', 'ImageTagMirrorSet', 'ImageContentSourcePolicy', 'ValidationError', 'validateObjects', 'Warnings'].filter((name) => !(name in lib)),
        cdktf: loaded.filter((file) => /node_modules[\\\\/](cdktf|@cdktf)[\\\\/]/.test(file)).length,
      }));`));
    expect(out).toEqual({ exports: [], cdktf: 0 });
  });

  test('GIVEN the built package WHEN the aws subpath is required THEN it resolves', () => {
    expect(node(`require('cdk-openshift-images/aws'); console.log('ok')`).trim()).toBe('ok');
  });

  test('GIVEN the bin WHEN run with --help THEN it prints usage and exits 0; with an unknown flag it exits 2', () => {
    const help = spawnSync(process.execPath, ['bin/ocp-images.js', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('validate');
    expect(help.stdout).toContain('preview');
    const bad = spawnSync(process.execPath, ['bin/ocp-images.js', '--no-such-flag'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
