/**
 * The node disruption policies as the Machine Config Operator applies them: its defaults, the merge with the user's
 * `spec.nodeDisruptionPolicy`, the longest-path match of a changed file (with Go's path cleaning), and how the daemon
 * combines the actions of several changes.
 */
import {
  combineActions,
  DEFAULT_CLUSTER_POLICIES,
  findFilePolicy,
  formatAction,
  goCleanPath,
  isSubdirectory,
  mergeClusterPolicies,
  PolicyAction,
} from '../../src/impact';
import { NodeDisruptionPolicySpecAction } from '../../src/model/api/machine-configuration';

const REGISTRIES = '/etc/containers/registries.conf';
const POLICY = '/etc/containers/policy.json';
const DROP_IN = '/etc/containers/registries.conf.d/01-image-searchRegistries.conf';
const restartCrio: PolicyAction & NodeDisruptionPolicySpecAction = { type: 'Restart', restart: { serviceName: 'crio.service' } };

describe('GIVEN the MCO defaults alone', () => {
  const files = DEFAULT_CLUSTER_POLICIES.files;

  test('WHEN the three image files are looked up THEN registries.conf is Special, policy.json reloads CRI-O, and the drop-in has no policy', () => {
    expect(findFilePolicy(REGISTRIES, files)?.actions).toEqual([{ type: 'Special' }]);
    expect(findFilePolicy(POLICY, files)?.actions).toEqual([{ type: 'Reload', reload: { serviceName: 'crio.service' } }]);
    expect(findFilePolicy(DROP_IN, files)).toBeUndefined();
  });

  test('WHEN a file lies below a default directory THEN the directory policy covers it; a sibling with a longer name does not match', () => {
    expect(findFilePolicy('/etc/containers/registries.d/sigstore-registries.yaml', files)?.path).toBe('/etc/containers/registries.d');
    expect(findFilePolicy('/etc/crio/policies/team-a.json', files)?.path).toBe('/etc/crio/policies');
    expect(findFilePolicy('/etc/crio/policies-old/x.json', files)).toBeUndefined();
  });

  test('WHEN the defaults are listed THEN they are the upstream table in its order, the SSH key default is None', () => {
    expect(files.map((policy) => `${policy.path}: ${policy.actions.map(formatAction).join(', ')}`)).toEqual([
      '/var/lib/kubelet/config.json: None',
      '/etc/machine-config-daemon/no-reboot/containers-gpg.pub: Reload crio.service',
      '/etc/containers/policy.json: Reload crio.service',
      '/etc/containers/registries.conf: Special',
      '/etc/containers/registries.d: Reload crio.service',
      '/etc/crio/policies: Reload crio.service',
      '/etc/nmstate/openshift: None',
      '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt: Restart coreos-update-ca-trust.service, Restart crio.service',
      '/etc/kubernetes/credential-providers: Restart kubelet.service',
      '/etc/systemd/system/kubelet.service.d/40-kubelet-crio-image-credential-provider.conf: DaemonReload, Restart kubelet.service',
      '/etc/iri-registry: Restart iri-registry.service',
      '/usr/local/bin/load-registry-image.sh: Restart iri-registry.service',
      '/etc/pki/ca-trust/source/anchors/iri-root-ca.crt: Restart coreos-update-ca-trust.service',
    ]);
    expect(DEFAULT_CLUSTER_POLICIES.sshkey.actions).toEqual([{ type: 'None' }]);
    expect(DEFAULT_CLUSTER_POLICIES.units.map((unit) => unit.name)).toEqual(['iri-registry.service']);
  });
});

describe('GIVEN user policies', () => {
  test('WHEN one has a default\'s exact path THEN it replaces the default in place; others are appended', () => {
    const merged = mergeClusterPolicies({ files: [{ path: '/etc/my-file', actions: [{ type: 'None' }] }, { path: POLICY, actions: [{ type: 'Drain' }] }] });
    expect(merged.files).toHaveLength(DEFAULT_CLUSTER_POLICIES.files.length + 1);
    expect(merged.files[2]).toEqual({ path: POLICY, actions: [{ type: 'Drain' }], origin: 'user' });
    expect(merged.files[merged.files.length - 1]).toEqual({ path: '/etc/my-file', actions: [{ type: 'None' }], origin: 'user' });
  });

  test('WHEN a directory policy and a file policy both match THEN the longest path wins, whoever set it', () => {
    const merged = mergeClusterPolicies({ files: [{ path: '/etc/containers', actions: [{ type: 'None' }] }] });
    expect(findFilePolicy(REGISTRIES, merged.files)?.actions).toEqual([{ type: 'Special' }]);
    expect(findFilePolicy(DROP_IN, merged.files)).toMatchObject({ path: '/etc/containers', origin: 'user' });
    const deeper = mergeClusterPolicies({ files: [{ path: '/etc/containers', actions: [{ type: 'None' }] }, { path: '/etc/containers/registries.conf.d', actions: [restartCrio] }] });
    expect(findFilePolicy(DROP_IN, deeper.files)?.path).toBe('/etc/containers/registries.conf.d');
  });

  test('WHEN a policy path has a trailing slash or dot segments THEN it still covers the files below it (Go cleans both paths)', () => {
    const merged = mergeClusterPolicies({ files: [{ path: '/etc/containers/./registries.conf.d/', actions: [restartCrio] }] });
    expect(findFilePolicy(DROP_IN, merged.files)?.path).toBe('/etc/containers/./registries.conf.d/');
  });

  test('WHEN the policy path is "/" THEN it covers nothing below it (the prefix "//" never matches), as upstream', () => {
    const merged = mergeClusterPolicies({ files: [{ path: '/', actions: [{ type: 'None' }] }] });
    expect(findFilePolicy(DROP_IN, merged.files)).toBeUndefined();
    expect(isSubdirectory('/', '/etc')).toBe(false);
  });

  test('WHEN the user SSH key policy has actions THEN it replaces the default; WHEN it has none THEN the default stays', () => {
    expect(mergeClusterPolicies({ sshkey: { actions: [{ type: 'Drain' }] } }).sshkey).toEqual({ actions: [{ type: 'Drain' }], origin: 'user' });
    expect(mergeClusterPolicies({ sshkey: { actions: [] } }).sshkey).toBe(DEFAULT_CLUSTER_POLICIES.sshkey);
  });

  test('WHEN a unit policy names a default unit THEN it replaces it; a new unit is appended', () => {
    const merged = mergeClusterPolicies({ units: [{ name: 'iri-registry.service', actions: [{ type: 'None' }] }, { name: 'crio.service', actions: [restartCrio] }] });
    expect(merged.units.map((unit) => [unit.name, unit.origin])).toEqual([['iri-registry.service', 'user'], ['crio.service', 'user']]);
  });
});

describe('GIVEN Go\'s filepath.Clean', () => {
  test.each([
    ['/etc/containers/', '/etc/containers'],
    ['/etc//containers/./x/../registries.conf', '/etc/containers/registries.conf'],
    ['/..', '/'],
    ['', '.'],
    ['a/../..', '..'],
    ['//', '/'],
  ])('WHEN %j is cleaned THEN %j', (given, cleaned) => {
    expect(goCleanPath(given)).toBe(cleaned);
  });
});

describe('GIVEN the actions of several changed files', () => {
  test('WHEN one file has no policy THEN the node drains and reboots, whatever the others say', () => {
    expect(combineActions([[restartCrio], undefined], true)).toMatchObject({ drain: true, steps: ['drain', 'reboot'], level: 'drain-reboot' });
  });

  test('WHEN None comes with other actions THEN None is dropped; WHEN only None THEN nothing happens', () => {
    expect(combineActions([[{ type: 'None' }], [restartCrio]], true)).toMatchObject({ actions: [restartCrio], steps: ['restart crio.service'], level: 'reload-crio' });
    expect(combineActions([[{ type: 'None' }], [{ type: 'None' }]], true)).toMatchObject({ actions: [{ type: 'None' }], steps: [], level: 'none' });
  });

  test('WHEN Special is among them THEN the node drains only when the registries.conf change is not safe', () => {
    expect(combineActions([[{ type: 'Special' }]], true)).toMatchObject({ drain: false, steps: ['reload crio.service'], level: 'reload-crio' });
    expect(combineActions([[{ type: 'Special' }]], false)).toMatchObject({ drain: true, steps: ['drain', 'reload crio.service'], level: 'drain-reload-crio' });
  });

  test('WHEN a policy drains THEN every node drains, and the actions run in order without deduplication (as upstream)', () => {
    const reloadCrio: PolicyAction = { type: 'Reload', reload: { serviceName: 'crio.service' } };
    expect(combineActions([[{ type: 'Special' }], [reloadCrio], [{ type: 'Drain' }, { type: 'DaemonReload' }]], true).steps)
      .toEqual(['drain', 'reload crio.service', 'reload crio.service', 'daemon-reload']);
  });

  test('WHEN nothing changed THEN no action', () => {
    expect(combineActions([], true)).toEqual({ actions: [], drain: false, steps: [], level: 'none' });
  });
});
