/**
 * The package contract from the repository itself: the built entries (after `npm ci`, which builds lib/), the peer
 * dependency messages, ValidationError as printed, and cdk8s-plus objects where the constructs take Kubernetes
 * scheduling types. ./consumer.test.ts checks the same from a packed and installed package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { ImagePruner, ImageRegistryConfig, RegistryStorage, ValidationError } from 'cdk-openshift-images';
import { missingPeerDependenciesMessage, requirePeerDependencies } from '../../src/peer-dependencies';
import { expectAcceptedByCluster, newChart } from '../support/constructs';

const root = path.resolve(__dirname, '../..');
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

  test('GIVEN the built package WHEN the aws subpath is required THEN it resolves, without loading cdk8s', () => {
    const out = JSON.parse(node(`
      const aws = require('cdk-openshift-images/aws');
      console.log(JSON.stringify({
        exports: ['RegistryAwsStorage', 'registryStorageHandoff'].filter((name) => !(name in aws)),
        cdk8s: Object.keys(require.cache).filter((file) => /node_modules[\\\\/]cdk8s[\\\\/]/.test(file)).length,
      }));`));
    expect(out).toEqual({ exports: [], cdk8s: 0 });
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

describe('GIVEN an entry whose peer dependencies are checked when it loads', () => {
  test('WHEN one peer is missing THEN the message names the entry, the peer with its range from package.json, and the npm command', () => {
    const range = require('../../package.json').peerDependencies.cdktf as string;
    expect(missingPeerDependenciesMessage('cdk-openshift-images/aws', ['cdktf']))
      .toBe(`cdk-openshift-images/aws needs the peer dependency cdktf@${range}, which is not installed: npm install cdktf@${range}`);
  });

  test('WHEN several peers are missing THEN all are named in one message and one command', () => {
    const peers = require('../../package.json').peerDependencies as Record<string, string>;
    const message = missingPeerDependenciesMessage('cdk-openshift-images/aws', ['constructs', 'cdktf', '@cdktf/provider-aws']);
    expect(message).toContain(`peer dependencies constructs@${peers.constructs}, cdktf@${peers.cdktf} and @cdktf/provider-aws@${peers['@cdktf/provider-aws']}, which are not installed`);
    expect(message).toMatch(new RegExp(`: npm install constructs@\\S+ cdktf@\\S+ @cdktf/provider-aws@\\S+$`));
  });

  test('WHEN a peer does not resolve THEN requirePeerDependencies throws MODULE_NOT_FOUND with that message; WHEN all resolve THEN nothing is thrown', () => {
    expect(() => requirePeerDependencies('cdk-openshift-images', ['constructs', 'cdk8s'])).not.toThrow();
    let thrown: unknown;
    try {
      requirePeerDependencies('cdk-openshift-images', ['cdk8s', 'no-such-package-for-this-test']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as NodeJS.ErrnoException).code).toBe('MODULE_NOT_FOUND');
    expect((thrown as Error).message).toBe(missingPeerDependenciesMessage('cdk-openshift-images', ['no-such-package-for-this-test']));
  });
});

describe('GIVEN a ValidationError with two findings', () => {
  const chart = newChart();
  let error: ValidationError;
  try {
    new ImagePruner(chart, 'pruner', { schedule: 'every day', keepTagRevisions: -1 });
  } catch (caught) {
    error = caught as ValidationError;
  }

  test('WHEN inspected as Node prints it THEN each problem appears once, the findings array is not repeated, and there is no stack frame', () => {
    expect(error.findings.length).toBe(2);
    const printed = inspect(error);
    for (const finding of error.findings) {
      expect(printed.split(finding.message).length - 1).toBe(1);
    }
    expect(printed).not.toContain('findings');
    expect(printed).not.toMatch(/^\s+at /m);
    expect(Object.keys(error)).not.toContain('findings');
    expect(error.stack).toBe(`ValidationError: ${error.message}`);
  });
});

describe('GIVEN cdk8s-plus objects for the Kubernetes types the registry constructs take', () => {
  const toleration: k8s.Toleration = { key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' };
  const affinity: k8s.Affinity = {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'docker-registry', operator: 'In', values: ['default'] }] } },
      }],
    },
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists' }] }] } },
  };
  const spread: k8s.TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'docker-registry': 'default' } } };
  const resources: k8s.ResourceRequirements = { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') }, limits: { memory: k8s.Quantity.fromNumber(1073741824) } };

  test('WHEN given to ImageRegistryConfig and ImagePruner (props and add methods) THEN they are accepted as they are and rendered as plain JSON', () => {
    const chart = newChart();
    const registry = new ImageRegistryConfig(chart, 'registry', {
      managementState: 'Managed', replicas: 2, storage: RegistryStorage.s3({ bucket: 'registry-eu-west-1', region: 'eu-west-1' }), tolerations: [toleration], affinity, resources,
    });
    registry.addTopologySpreadConstraint(spread);
    const pruner = new ImagePruner(chart, 'pruner', { affinity, resources });
    pruner.addToleration(toleration);
    const manifest = Testing.synth(chart);
    const plainResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: 1073741824 } };
    const plainAffinity = JSON.parse(JSON.stringify(affinity));
    expect(manifest[0].spec).toMatchObject({ tolerations: [{ ...toleration }], affinity: plainAffinity, topologySpreadConstraints: [{ ...spread }], resources: plainResources });
    expect(manifest[1].spec).toMatchObject({ tolerations: [{ ...toleration }], affinity: plainAffinity, resources: plainResources });
    expectAcceptedByCluster(manifest);
  });
});
