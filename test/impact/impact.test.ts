/**
 * `computeImpact`: two configurations in, what the nodes do out, with the Machine Config Operator's rules. The cases
 * the MCO's own e2e tests observe on real clusters come first (test/extended-priv/mco_registry.go at 7ff337a4).
 */
import {
  computeImpact,
  ImpactInputError,
  ImpactInvalidError,
  MachineConfigOperatorError,
  OpenShiftVersionError,
  validateObjects,
} from 'cdk-openshift-images';
import { validateWithCrd } from '../support/crd-oracle';
import { icsp, idms, image, imageWithSources, itms, machineConfiguration, OPENSHIFT_MIRROR } from '../support/objects';
import { POLICY_JSON_PATH as POLICY, REGISTRIES_CONF_PATH as REGISTRIES, SEARCH_REGISTRIES_DROP_IN_PATH as DROP_IN } from '../../src/node-files/render';

const restartCrio = { type: 'Restart', restart: { serviceName: 'crio.service' } };

describe('GIVEN the changes the MCO e2e tests observe on clusters', () => {
  test('WHEN an ImageDigestMirrorSet is created (61555) THEN no drain, no reboot: CRI-O is reloaded', () => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({}), idms('mirrors', [OPENSHIFT_MIRROR])]);
    expect(report.action).toBe('reload-crio');
    expect(report.steps).toEqual(['reload crio.service']);
    expect(report.files.map((file) => [file.path, file.action, file.safe])).toEqual([[REGISTRIES, 'reload-crio', true]]);
  });

  test('WHEN an ImageTagMirrorSet is created (61558) THEN every node drains and CRI-O is reloaded, no reboot', () => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({}), itms('mirrors', [OPENSHIFT_MIRROR])]);
    expect(report.action).toBe('drain-reload-crio');
    expect(report.steps).toEqual(['drain', 'reload crio.service']);
    expect(report.files[0].reasons[0]).toBe('registry quay.io/openshift added with mirror mirror.example.com/ns (pull-from-mirror "tag-only"): a new registry entry is safe only when all its mirrors are digest-only');
  });

  test('WHEN an ICSP is created, then deleted (43405) THEN creating skips the drain, deleting drains', () => {
    const policy = icsp('repository-mirror', [{ source: 'example.com/example/ubi-minimal', mirrors: ['example.io/example/ubi-minimal'] }]);
    expect(computeImpact([imageWithSources({})], [imageWithSources({}), policy]).action).toBe('reload-crio');
    const removal = computeImpact([imageWithSources({}), policy], [imageWithSources({})]);
    expect(removal.action).toBe('drain-reload-crio');
    expect(removal.files[0].reasons[0]).toBe('registry example.com/example/ubi-minimal removed (its [[registry]] table is gone): removing a registry entry is not a safe change');
    expect(removal.objects).toEqual({ added: [], removed: ['ImageContentSourcePolicy/repository-mirror'], changed: [] });
  });

  test('WHEN containerRuntimeSearchRegistries is set (52520) THEN every node drains and reboots, and a policy is suggested', () => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({ containerRuntimeSearchRegistries: ['quay.io', 'registry.redhat.io'] })]);
    expect(report.action).toBe('drain-reboot');
    expect(report.files.map((file) => [file.path, file.change, file.action, file.policy.origin])).toEqual([[DROP_IN, 'added', 'drain-reboot', 'none']]);
    expect(report.suggestion?.action).toBe('reload-crio');
    expect(report.suggestion?.steps).toEqual(['restart crio.service']);
  });
});

describe('GIVEN a mirror set already in place', () => {
  const before = [imageWithSources({}), idms('mirrors', [{ source: 'quay.io/openshift', mirrors: ['mirror.example.com/ns', 'backup.example.com/ns'] }])];

  test('WHEN a mirror is removed THEN drain, with the reason in a person\'s words', () => {
    const report = computeImpact(before, [imageWithSources({}), idms('mirrors', [{ source: 'quay.io/openshift', mirrors: ['backup.example.com/ns'] }])]);
    expect(report.action).toBe('drain-reload-crio');
    expect(report.files[0].reasons).toContain('mirror mirror.example.com/ns removed from quay.io/openshift: removing a mirror is not a safe change');
    expect(report.objects.changed).toEqual(['ImageDigestMirrorSet/mirrors']);
  });

  test('WHEN the mirrors are reordered THEN CRI-O is reloaded without a drain', () => {
    const report = computeImpact(before, [imageWithSources({}), idms('mirrors', [{ source: 'quay.io/openshift', mirrors: ['backup.example.com/ns', 'mirror.example.com/ns'] }])]);
    expect(report.action).toBe('reload-crio');
  });

  test('WHEN it is migrated to an ICSP-free IDMS of another name in one apply THEN nothing changes on the nodes', () => {
    const legacy = [imageWithSources({}), icsp('legacy', [{ source: 'quay.io/openshift', mirrors: ['mirror.example.com/ns'] }])];
    const report = computeImpact(legacy, [imageWithSources({}), idms('migrated', [OPENSHIFT_MIRROR])]);
    expect(report.action).toBe('none');
    expect(report.files).toEqual([]);
    expect(report.objects).toEqual({ added: ['ImageDigestMirrorSet/migrated'], removed: ['ImageContentSourcePolicy/legacy'], changed: [] });
    expect(report.summary).toBe('none: no node file changes; nodes are not disrupted');
  });

  test('WHEN the same configuration is given twice THEN none, nothing to diff', () => {
    expect(computeImpact(before, before)).toMatchObject({ action: 'none', files: [], steps: [], objects: { added: [], removed: [], changed: [] } });
  });
});

describe('GIVEN registry policy changes', () => {
  test('WHEN a blocked registry is added THEN registries.conf drains and policy.json reloads CRI-O; the verdict is the most disruptive', () => {
    const report = computeImpact([imageWithSources({ blockedRegistries: ['docker.io'] })], [imageWithSources({ blockedRegistries: ['docker.io', 'ghcr.io'] })]);
    expect(report.files.map((file) => [file.path, file.action])).toEqual([[REGISTRIES, 'drain-reload-crio'], [POLICY, 'reload-crio']]);
    expect(report.action).toBe('drain-reload-crio');
    expect(report.steps).toEqual(['drain', 'reload crio.service', 'reload crio.service']);
    expect(report.files[1].reasons).toEqual([
      'policy.json: ghcr.io now reject',
      'the default node disruption policy for /etc/containers/policy.json says Reload crio.service: no drain, no reboot; the node runs: reload crio.service',
    ]);
  });

  test('WHEN the search registries are removed again THEN the drop-in disappears, which reboots', () => {
    const report = computeImpact([imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] })], [imageWithSources({})]);
    expect(report.files.map((file) => [file.path, file.change, file.action])).toEqual([[DROP_IN, 'removed', 'drain-reboot']]);
    expect(report.files[0].diff).toContain('+++ /dev/null');
  });

  test('WHEN the only allowed registries change THEN registries.conf stays and policy.json reloads CRI-O', () => {
    const report = computeImpact([imageWithSources({ allowedRegistries: ['quay.io'] })], [imageWithSources({ allowedRegistries: ['quay.io', 'registry.redhat.io'] })]);
    expect(report).toMatchObject({ action: 'reload-crio', steps: ['reload crio.service'] });
    expect(report.files.map((file) => file.path)).toEqual([POLICY]);
  });
});

describe('GIVEN a node disruption policy', () => {
  const searchChange = [[imageWithSources({})], [imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] })]] as const;

  test('WHEN the after side has one for the drop-in THEN the change restarts CRI-O instead of rebooting, and nothing is suggested', () => {
    const policy = machineConfiguration({ files: [{ path: DROP_IN, actions: [restartCrio] }] });
    const report = computeImpact(searchChange[0], [...searchChange[1], policy]);
    expect(report).toMatchObject({ action: 'reload-crio', steps: ['restart crio.service'], policy: { source: 'after', ignored: false } });
    expect(report.suggestion).toBeUndefined();
    expect(report.files[0].policy).toEqual({ path: DROP_IN, actions: ['Restart crio.service'], origin: 'user' });
  });

  test('WHEN only the before side has one THEN it is still in force (a MachineConfiguration left out is unchanged)', () => {
    const policy = machineConfiguration({ files: [{ path: '/etc/containers/registries.conf.d', actions: [{ type: 'None' }] }] });
    const report = computeImpact([...searchChange[0], policy], searchChange[1]);
    expect(report).toMatchObject({ action: 'none', policy: { source: 'before' } });
    expect(report.summary).toMatch(/^none: node files change, but the node disruption policies say None/);
  });

  test('WHEN the after side sets nodeDisruptionPolicy to null THEN the defaults apply again', () => {
    const policy = machineConfiguration({ files: [{ path: DROP_IN, actions: [restartCrio] }] });
    const cleared = { ...machineConfiguration(null) };
    const report = computeImpact([...searchChange[0], policy], [...searchChange[1], cleared]);
    expect(report).toMatchObject({ action: 'drain-reboot', policy: { source: 'after' } });
  });

  test('WHEN a user policy replaces Special on registries.conf THEN the safe-change check no longer decides', () => {
    const policy = machineConfiguration({ files: [{ path: REGISTRIES, actions: [{ type: 'Drain' }, { type: 'Reload', reload: { serviceName: 'crio.service' } }] }] });
    const report = computeImpact([imageWithSources({}), policy], [imageWithSources({}), idms('m', [OPENSHIFT_MIRROR]), policy]);
    expect(report).toMatchObject({ action: 'drain-reload-crio', steps: ['drain', 'reload crio.service'] });
    expect(report.files[0].safe).toBe(true);
    expect(report.files[0].reasons[report.files[0].reasons.length - 1]).toMatch(/node disruption policy of MachineConfiguration\/cluster for \/etc\/containers\/registries.conf says Drain, Reload crio.service/);
  });

  test('WHEN the cluster runs 4.16 THEN the policy is set aside with a note (policies are on by default from 4.17)', () => {
    const policy = machineConfiguration({ files: [{ path: DROP_IN, actions: [restartCrio] }] });
    const report = computeImpact(searchChange[0], [...searchChange[1], policy], { openshiftVersion: '4.16' });
    expect(report).toMatchObject({ action: 'drain-reboot', policy: { ignored: true }, openshiftVersion: '4.16' });
    expect(report.suggestion).toBeUndefined();
    expect(report.notes.join('\n')).toContain('node disruption policies are on by default from OpenShift 4.17');
  });

  test('WHEN the policy cannot work (CRI-O never told) THEN the rule\'s warning is among the notes', () => {
    const policy = machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'None' }] }] });
    const report = computeImpact(searchChange[0], [...searchChange[1], policy]);
    expect(report.action).toBe('none');
    expect(report.notes).toContain(`after: MachineConfiguration/cluster spec.nodeDisruptionPolicy.files[0].actions: The policy for "${DROP_IN}" decides ${DROP_IN} with None: CRI-O is neither reloaded nor restarted, so it keeps pulling with the old registry configuration.`);
  });

  test('WHEN a MachineConfiguration has another name THEN it is ignored with a note', () => {
    const report = computeImpact(searchChange[0], [...searchChange[1], machineConfiguration({ files: [{ path: DROP_IN, actions: [restartCrio] }] }, { name: 'custom' })]);
    expect(report.action).toBe('drain-reboot');
    expect(report.notes).toContain('after: MachineConfiguration/custom is ignored: the MCO reads only the one named "cluster"');
  });
});

describe('GIVEN a verdict that reboots only because of the search-registries drop-in', () => {
  const existing = machineConfiguration({ files: [{ path: '/etc/my-app.conf', actions: [{ type: 'None' }] }], sshkey: { actions: [{ type: 'Drain' }] } });
  const report = computeImpact([imageWithSources({}), existing], [imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] }), idms('m', [OPENSHIFT_MIRROR]), existing]);

  test('WHEN the suggestion is made THEN it keeps the user\'s policies and adds the drop-in\'s', () => {
    expect(report.action).toBe('drain-reboot');
    expect(report.suggestion?.machineConfiguration).toEqual({
      apiVersion: 'operator.openshift.io/v1',
      kind: 'MachineConfiguration',
      metadata: { name: 'cluster' },
      spec: {
        nodeDisruptionPolicy: {
          files: [{ path: '/etc/my-app.conf', actions: [{ type: 'None' }] }, { path: DROP_IN, actions: [restartCrio] }],
          sshkey: { actions: [{ type: 'Drain' }] },
        },
      },
    });
    expect(report.suggestion?.yaml).toContain(`- path: ${DROP_IN}`);
  });

  test('WHEN the suggestion is checked THEN the API server (upstream CRD) and this library accept it, and with it the nodes do not reboot', () => {
    const suggested = report.suggestion!.machineConfiguration;
    expect(validateWithCrd(suggested)).toEqual({ valid: true, errors: [] });
    expect(validateObjects([suggested]).findings).toEqual([]);
    const withPolicy = computeImpact([imageWithSources({}), existing], [imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] }), idms('m', [OPENSHIFT_MIRROR]), suggested]);
    expect(withPolicy.action).toBe(report.suggestion!.action);
    expect(withPolicy.action).toBe('reload-crio');
  });

  test('WHEN another file reboots too THEN nothing is suggested', () => {
    const other = machineConfiguration({ files: [{ path: POLICY, actions: [{ type: 'Reboot' }] }] });
    const both = computeImpact([imageWithSources({ blockedRegistries: ['a.io'] }), other], [imageWithSources({ blockedRegistries: ['b.io'], containerRuntimeSearchRegistries: ['quay.io'] }), other]);
    expect(both.action).toBe('drain-reboot');
    expect(both.suggestion).toBeUndefined();
  });
});

describe('GIVEN a hosted control plane', () => {
  test.each(['hypershift', 'rosa-hcp'] as const)('WHEN the mirrors change on %s THEN the node pools roll out: replace-nodes', (platform) => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({}), idms('m', [OPENSHIFT_MIRROR])], { platform });
    expect(report).toMatchObject({ action: 'replace-nodes', platform, steps: ['replace the node'] });
    expect(report.files.map((file) => file.action)).toEqual(['replace-nodes']);
    expect(report.reasons).toHaveLength(1);
    expect(report.reasons[0]).toMatch(/^the mirrors change: /);
  });

  test('WHEN only a field the nodes never see changes THEN still replace-nodes (the image configuration is hashed whole)', () => {
    const report = computeImpact([image({ registrySources: {}, ...{ allowedRegistriesForImport: [{ domainName: 'quay.io' }] } })], [imageWithSources({})], { platform: 'hypershift' });
    expect(report).toMatchObject({ action: 'replace-nodes', files: [] });
    expect(report.reasons[0]).toMatch(/^the image configuration \(Image\/cluster spec\) changes/);
  });

  test('WHEN an ICSP becomes an IDMS with the same entries THEN nothing rolls out', () => {
    const report = computeImpact([imageWithSources({}), icsp('old', [OPENSHIFT_MIRROR])], [imageWithSources({}), idms('new', [OPENSHIFT_MIRROR])], { platform: 'rosa-hcp' });
    expect(report).toMatchObject({ action: 'none', reasons: [] });
  });

  test('WHEN a node disruption policy is given THEN it is set aside with a note', () => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] }), machineConfiguration({ files: [{ path: DROP_IN, actions: [restartCrio] }] })], { platform: 'hypershift' });
    expect(report).toMatchObject({ action: 'replace-nodes', policy: { ignored: true } });
    expect(report.suggestion).toBeUndefined();
  });
});

describe('GIVEN a side that cannot be compared', () => {
  test('WHEN the after side would make the MCO fail THEN ImpactInvalidError carries its message', () => {
    const broken = idms('m', [{ source: 'quay.io', mirrors: ['quay.io'], mirrorSourcePolicy: 'NeverContactSource' }]);
    let caught: unknown;
    try {
      computeImpact([imageWithSources({})], [imageWithSources({}), broken]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImpactInvalidError);
    const invalid = caught as ImpactInvalidError;
    expect(invalid.side).toBe('after');
    expect(invalid.mcoError).toBeInstanceOf(MachineConfigOperatorError);
    expect(invalid.message).toContain('cannot set mirrorSourcePolicy: NeverContactSource if the source "quay.io" is one of the mirrors');
  });

  test('WHEN a MachineConfiguration breaks the API\'s rules THEN ImpactInvalidError lists the findings', () => {
    const bad = machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'Reboot' }, { type: 'Drain' }] }] });
    expect(() => computeImpact([imageWithSources({})], [imageWithSources({}), bad])).toThrow(/MachineConfiguration\/cluster would be refused by the API server:\n {2}spec.nodeDisruptionPolicy.files\[0\].actions\[0\]: .*Reboot must be the only action/);
  });

  test('WHEN the before side holds the same mirror set twice THEN ImpactInputError names the side', () => {
    expect(() => computeImpact([idms('m', []), idms('m', [])], [])).toThrow(ImpactInputError);
    expect(() => computeImpact([idms('m', []), idms('m', [])], [])).toThrow(/^--before: 2 ImageDigestMirrorSet objects are named "m"/);
  });

  test('WHEN the OpenShift version is not one the renderer models THEN OpenShiftVersionError', () => {
    expect(() => computeImpact([], [], { openshiftVersion: '3.11' })).toThrow(OpenShiftVersionError);
  });
});

describe('GIVEN an Image on one side only', () => {
  test('WHEN the after side leaves the Image out THEN it is rendered over an empty Image, as preview does, and the object diff says unchanged', () => {
    const report = computeImpact([imageWithSources({ blockedRegistries: ['docker.io'] })], []);
    expect(report.action).toBe('drain-reload-crio');
    expect(report.notes).toContain('after: no Image named "cluster" in the input: every cluster has one, so an Image with an empty spec was assumed');
    expect(report.objects.removed).toEqual(['Image/cluster']);
  });
});

describe('GIVEN a release image', () => {
  const release = 'quay.io/openshift-release-dev/ocp-release@sha256:' + 'a'.repeat(64);
  test('WHEN blocking the payload registry without a mirror THEN the MCO drops the entry, so the nodes see no change', () => {
    const report = computeImpact([imageWithSources({})], [imageWithSources({ blockedRegistries: ['quay.io'] })], { releaseImage: release });
    expect(report.action).toBe('none');
    expect(report.notes.join('\n')).toContain('cannot block the repository being used by the payload');
  });
});
