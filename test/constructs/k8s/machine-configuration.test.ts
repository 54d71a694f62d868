/**
 * `MachineConfiguration/cluster` and its node disruption policies: the construct, the rule module (our restatement of
 * the CRD's schema and CEL rules, compared with the upstream CRD itself), and the warnings for policies the cluster
 * accepts but that cannot work.
 */
import { Testing } from 'cdk8s';
import {
  MachineConfiguration,
  NodeDisruptionAction,
  NodeDisruptionActionType,
  validateObjects,
  ValidationError,
} from 'cdk-openshift-images';
import { validateWithCrd } from '../../support/crd-oracle';
import { newChart } from '../../support/constructs';
import { machineConfiguration } from '../../support/objects';
import { codesOf, expectValidationError } from '../../support/findings';
import { SEARCH_REGISTRIES_DROP_IN_PATH as DROP_IN } from '../../../src/node-files/render';

function expectAcceptedByTheCluster(objects: unknown[]): void {
  for (const object of objects) {
    expect(validateWithCrd(object)).toEqual({ valid: true, errors: [] });
    expect((object as { metadata: Record<string, unknown> }).metadata.namespace).toBeUndefined();
  }
}

describe('GIVEN the MachineConfiguration construct', () => {
  test('WHEN given a policy for the search-registries drop-in THEN it emits MachineConfiguration/cluster with it, accepted by the CRD', () => {
    const chart = newChart('some-namespace');
    new MachineConfiguration(chart, 'mco', {
      metadata: { labels: { team: 'platform' } },
      nodeDisruptionPolicy: { files: [{ path: DROP_IN, actions: [NodeDisruptionAction.restart('crio.service')] }] },
    });
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'operator.openshift.io/v1',
      kind: 'MachineConfiguration',
      metadata: { name: 'cluster', labels: { team: 'platform' } },
      spec: { nodeDisruptionPolicy: { files: [{ path: DROP_IN, actions: [{ type: 'Restart', restart: { serviceName: 'crio.service' } }] }] } },
    }]);
    expectAcceptedByTheCluster(manifest);
  });

  test('WHEN every action helper, units and the SSH key policy are used, also after construction THEN they render in the API\'s shape', () => {
    const chart = newChart();
    const mco = new MachineConfiguration(chart, 'mco');
    mco.addFilePolicy('/etc/my-app', NodeDisruptionAction.drain(), NodeDisruptionAction.reload('my-app.service'), NodeDisruptionAction.daemonReload());
    mco.addFilePolicy('/etc/quiet.conf', NodeDisruptionAction.none());
    mco.addFilePolicy('/etc/my-app', NodeDisruptionAction.reboot());
    mco.addUnitPolicy('my-app.service', { type: NodeDisruptionActionType.RESTART, restart: { serviceName: 'my-app.service' } });
    mco.setSshKeyPolicy(NodeDisruptionAction.drain());
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec).toEqual({
      nodeDisruptionPolicy: {
        files: [
          { path: '/etc/quiet.conf', actions: [{ type: 'None' }] },
          { path: '/etc/my-app', actions: [{ type: 'Reboot' }] },
        ],
        units: [{ name: 'my-app.service', actions: [{ type: 'Restart', restart: { serviceName: 'my-app.service' } }] }],
        sshkey: { actions: [{ type: 'Drain' }] },
      },
    });
    expectAcceptedByTheCluster(manifest);
  });

  test('WHEN nothing is given THEN an empty spec (the cluster keeps its policies)', () => {
    const chart = newChart();
    new MachineConfiguration(chart, 'mco');
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec ?? {}).toEqual({});
  });

  test('WHEN Reboot comes with other actions, or a Reload names no service THEN ValidationError at construction, with the CEL rule\'s code', () => {
    const chart = newChart();
    const error = expectValidationError(() => new MachineConfiguration(chart, 'mco', {
      nodeDisruptionPolicy: { files: [{ path: '/etc/x', actions: [NodeDisruptionAction.reboot(), NodeDisruptionAction.drain()] }, { path: '/etc/y', actions: [{ type: 'Reload' }] }] },
    }));
    expect(codesOf(error).sort()).toEqual(['node-disruption-action-service', 'node-disruption-action-standalone']);
    expect(error.message).toContain('spec.nodeDisruptionPolicy.files[0].actions[0]');
    expect(error.message).toContain('test/mco');
  });

  test('WHEN a service name has no unit type THEN ValidationError names the value and suggests the fix', () => {
    const mco = new MachineConfiguration(newChart(), 'mco');
    let error: unknown;
    try {
      mco.addFilePolicy(DROP_IN, NodeDisruptionAction.restart('crio'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('"crio", which does not end in a systemd unit type');
    expect((error as ValidationError).message).toContain('"crio.service"');
  });
});

describe('GIVEN service names, checked by our rule and by the upstream CRD', () => {
  test.each([
    ['crio.service', true],
    ['kubelet.service', true],
    ['systemd-journald.socket', true],
    ['my\\unit.timer', true],
    ['a:b_c-d.e.mount', true],
    ['crio', false],
    ['.service', false],
    ['crio.services', false],
    ['crio service.service', false],
    ['crio.service\n', false],
    [`${'a'.repeat(248)}.service`, false],
    [`${'a'.repeat(247)}.service`, true],
  ])('WHEN the service is %j THEN the cluster accepts it: %s, and so do we', (serviceName, accepted) => {
    const object = machineConfiguration({ units: [{ name: serviceName, actions: [{ type: 'Reload', reload: { serviceName } }] }] });
    expect(validateWithCrd(object).valid).toBe(accepted);
    expect(validateObjects([object]).errors.length === 0).toBe(accepted);
  });
});

describe('GIVEN policies the cluster accepts but that cannot work', () => {
  test.each([
    ['a relative path', 'etc/containers', /a relative path: MachineConfig files have absolute paths/],
    ['the root', '/', /`\/\/` starts no file path, so this policy covers nothing/],
  ])('WHEN a file policy names %s THEN a warning says it matches nothing', (_what, policyPath, message) => {
    const report = validateObjects([machineConfiguration({ files: [{ path: policyPath, actions: [{ type: 'None' }] }] })]);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((finding) => [finding.code, finding.path])).toEqual([['node-disruption-path-matches-nothing', 'spec.nodeDisruptionPolicy.files[0].path']]);
    expect(report.warnings[0].message).toMatch(message);
  });

  test('WHEN the policy deciding the drop-in neither reboots nor reloads CRI-O THEN a warning; with a CRI-O restart THEN none', () => {
    const silent = validateObjects([machineConfiguration({ files: [{ path: '/etc/containers', actions: [{ type: 'Drain' }] }] })]);
    expect(silent.warnings.map((finding) => finding.code)).toEqual(['node-disruption-crio-registries-not-reloaded']);
    expect(silent.warnings[0].message).toContain(`decides ${DROP_IN} with Drain`);
    const restarting = validateObjects([machineConfiguration({ files: [{ path: '/etc/containers', actions: [{ type: 'Restart', restart: { serviceName: 'crio.service' } }] }] })]);
    expect(restarting.warnings).toEqual([]);
  });

  test('WHEN a directory policy sits above registries.conf THEN the default (Special) still decides it: no warning about it', () => {
    const report = validateObjects([machineConfiguration({ files: [{ path: '/etc/containers/registries.conf.d', actions: [{ type: 'Restart', restart: { serviceName: 'crio.service' } }] }, { path: '/etc/containers', actions: [{ type: 'None' }] }] })]);
    expect(report.warnings).toEqual([]);
  });

  test('WHEN the policy replaces Special on registries.conf with None THEN the warning names registries.conf', () => {
    const report = validateObjects([machineConfiguration({ files: [{ path: '/etc/containers/registries.conf', actions: [{ type: 'None' }] }] })]);
    expect(report.warnings.map((finding) => finding.message)).toEqual([
      'The policy for "/etc/containers/registries.conf" decides /etc/containers/registries.conf with None: CRI-O is neither reloaded nor restarted, so it keeps pulling with the old registry configuration.',
    ]);
  });
});

describe('GIVEN a MachineConfiguration as oc get prints it', () => {
  test('WHEN checked THEN the operator\'s other fields are accepted without unknown-field warnings, and the singleton name is enforced', () => {
    const live = {
      apiVersion: 'operator.openshift.io/v1',
      kind: 'MachineConfiguration',
      metadata: { name: 'cluster' },
      spec: { logLevel: 'Normal', managementState: 'Managed', operatorLogLevel: 'Normal', managedBootImages: { machineManagers: [] } },
    };
    expect(validateObjects([live]).findings).toEqual([]);
    expect(validateObjects([{ ...live, spec: { managementState: 'managed' } }]).errors.map((finding) => finding.code)).toEqual(['schema-pattern']);
    expect(validateObjects([{ ...live, metadata: { name: 'other' } }]).errors.map((finding) => finding.code)).toEqual(['singleton-name']);
  });
});
