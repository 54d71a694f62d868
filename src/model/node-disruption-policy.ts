/**
 * The Machine Config Operator's node disruption policies: the cluster defaults, their merge with the user's
 * `MachineConfiguration/cluster` `spec.nodeDisruptionPolicy`, and the longest-path match of a changed file.
 *
 * Upstream (openshift/machine-config-operator at 7ff337a4):
 * - defaults: `pkg/apihelpers/apihelpers.go` (`defaultClusterPolicies`);
 * - merge: `pkg/apihelpers/apihelpers.go` (`MergeClusterPolicies`): a user file or unit policy replaces the default
 *   with the same path or name, others are appended; a user SSH key policy with actions replaces the default;
 * - match: `pkg/controller/common/helpers.go` (`FindClosestFilePolicyPathMatch`, `IsSubdirectory`);
 *
 * Shared by the rule engine (which warns about policies that cannot work) and the rollout impact.
 */
import { NodeDisruptionPolicyConfig, NodeDisruptionPolicySpecAction } from './api/machine-configuration';

/** An action as the operator's status holds it: the user's types plus `Special`. */
export interface PolicyAction {
  readonly type: 'Reboot' | 'Drain' | 'Reload' | 'Restart' | 'DaemonReload' | 'None' | 'Special';
  /**
   * The service of a `Reload`.
   * @default - none (other types)
   */
  readonly reload?: { readonly serviceName: string };
  /**
   * The service of a `Restart`.
   * @default - none (other types)
   */
  readonly restart?: { readonly serviceName: string };
}

/** Where a policy comes from. */
export type PolicyOrigin = 'default' | 'user';

/** A file (or directory) policy of the merged list. */
export interface FilePolicy {
  readonly path: string;
  readonly actions: readonly PolicyAction[];
  readonly origin: PolicyOrigin;
}

/** A unit policy of the merged list. */
export interface UnitPolicy {
  readonly name: string;
  readonly actions: readonly PolicyAction[];
  readonly origin: PolicyOrigin;
}

/** The merged policies (`NodeDisruptionPolicyClusterStatus`). */
export interface ClusterPolicies {
  readonly files: readonly FilePolicy[];
  readonly units: readonly UnitPolicy[];
  readonly sshkey: { readonly actions: readonly PolicyAction[]; readonly origin: PolicyOrigin };
}

const reloadCrio: PolicyAction = { type: 'Reload', reload: { serviceName: 'crio.service' } };
const restart = (serviceName: string): PolicyAction => ({ type: 'Restart', restart: { serviceName } });
const none: PolicyAction = { type: 'None' };

/** Files the defaults name (`pkg/daemon/constants/constants.go`). */
export const DEFAULT_POLICY_PATHS = {
  kubeletAuthFile: '/var/lib/kubelet/config.json',
  gpgNoReboot: '/etc/machine-config-daemon/no-reboot/containers-gpg.pub',
  policyJson: '/etc/containers/policy.json',
  registriesConf: '/etc/containers/registries.conf',
  sigstoreRegistriesDir: '/etc/containers/registries.d',
  crioPoliciesDir: '/etc/crio/policies',
  nmstateDir: '/etc/nmstate/openshift',
  userCaBundle: '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt',
  credentialProvidersDir: '/etc/kubernetes/credential-providers',
  kubeletCrioCredentialProviderConf: '/etc/systemd/system/kubelet.service.d/40-kubelet-crio-image-credential-provider.conf',
  iriRegistryConfig: '/etc/iri-registry',
  iriLoadImageScript: '/usr/local/bin/load-registry-image.sh',
  iriRootCa: '/etc/pki/ca-trust/source/anchors/iri-root-ca.crt',
} as const;

const IRI_REGISTRY_SERVICE = 'iri-registry.service';
const UPDATE_CA_TRUST_SERVICE = 'coreos-update-ca-trust.service';

/** The MCO's default policies, in its order (which the merge keeps). */
export const DEFAULT_CLUSTER_POLICIES: ClusterPolicies = {
  files: ([
    { path: DEFAULT_POLICY_PATHS.kubeletAuthFile, actions: [none] },
    { path: DEFAULT_POLICY_PATHS.gpgNoReboot, actions: [reloadCrio] },
    { path: DEFAULT_POLICY_PATHS.policyJson, actions: [reloadCrio] },
    { path: DEFAULT_POLICY_PATHS.registriesConf, actions: [{ type: 'Special' }] },
    { path: DEFAULT_POLICY_PATHS.sigstoreRegistriesDir, actions: [reloadCrio] },
    { path: DEFAULT_POLICY_PATHS.crioPoliciesDir, actions: [reloadCrio] },
    { path: DEFAULT_POLICY_PATHS.nmstateDir, actions: [none] },
    { path: DEFAULT_POLICY_PATHS.userCaBundle, actions: [restart(UPDATE_CA_TRUST_SERVICE), restart('crio.service')] },
    { path: DEFAULT_POLICY_PATHS.credentialProvidersDir, actions: [restart('kubelet.service')] },
    { path: DEFAULT_POLICY_PATHS.kubeletCrioCredentialProviderConf, actions: [{ type: 'DaemonReload' }, restart('kubelet.service')] },
    { path: DEFAULT_POLICY_PATHS.iriRegistryConfig, actions: [restart(IRI_REGISTRY_SERVICE)] },
    { path: DEFAULT_POLICY_PATHS.iriLoadImageScript, actions: [restart(IRI_REGISTRY_SERVICE)] },
    { path: DEFAULT_POLICY_PATHS.iriRootCa, actions: [restart(UPDATE_CA_TRUST_SERVICE)] },
  ] as Array<Omit<FilePolicy, 'origin'>>).map((policy) => ({ ...policy, origin: 'default' as const })),
  units: [
    { name: IRI_REGISTRY_SERVICE, actions: [{ type: 'DaemonReload' as const }, restart(IRI_REGISTRY_SERVICE)], origin: 'default' as const },
  ],
  sshkey: { actions: [none], origin: 'default' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A user action as the operator converts it (`convertSpecActiontoStatusAction`); odd input is read leniently. */
function statusAction(action: NodeDisruptionPolicySpecAction | unknown): PolicyAction {
  const given = isRecord(action) ? action : {};
  const type = typeof given.type === 'string' ? given.type : '';
  const serviceOf = (field: unknown) => ({ serviceName: isRecord(field) && typeof field.serviceName === 'string' ? field.serviceName : '' });
  switch (type) {
    case 'Reload':
      return { type, reload: serviceOf(given.reload) };
    case 'Restart':
      return { type, restart: serviceOf(given.restart) };
    case 'Drain':
    case 'None':
    case 'DaemonReload':
    case 'Reboot':
      return { type };
    default:
      // The API refuses any other type; the operator would stop (klog.Fatal) and fall back to Reboot.
      return { type: 'Reboot' };
  }
}

function actionsOf(value: unknown): PolicyAction[] {
  return Array.isArray(value) ? value.map(statusAction) : [];
}

/**
 * The defaults merged with the user's policies (`MergeClusterPolicies`): a user file policy replaces the default with
 * exactly the same path, in place, otherwise it is appended; units likewise by name; a user SSH key policy replaces
 * the default when it has at least one action.
 */
export function mergeClusterPolicies(user: NodeDisruptionPolicyConfig | null | undefined): ClusterPolicies {
  const given: Record<string, unknown> = isRecord(user) ? user : {};
  const files: FilePolicy[] = [...DEFAULT_CLUSTER_POLICIES.files];
  for (const entry of Array.isArray(given.files) ? given.files : []) {
    const record = isRecord(entry) ? entry : {};
    const policy: FilePolicy = { path: typeof record.path === 'string' ? record.path : '', actions: actionsOf(record.actions), origin: 'user' };
    const index = DEFAULT_CLUSTER_POLICIES.files.findIndex((fallback) => fallback.path === policy.path);
    if (index >= 0) {
      files[index] = policy;
    } else {
      files.push(policy);
    }
  }
  const units: UnitPolicy[] = [...DEFAULT_CLUSTER_POLICIES.units];
  for (const entry of Array.isArray(given.units) ? given.units : []) {
    const record = isRecord(entry) ? entry : {};
    const policy: UnitPolicy = { name: typeof record.name === 'string' ? record.name : '', actions: actionsOf(record.actions), origin: 'user' };
    const index = DEFAULT_CLUSTER_POLICIES.units.findIndex((fallback) => fallback.name === policy.name);
    if (index >= 0) {
      units[index] = policy;
    } else {
      units.push(policy);
    }
  }
  const sshActions = isRecord(given.sshkey) ? actionsOf(given.sshkey.actions) : [];
  const sshkey = sshActions.length > 0 ? { actions: sshActions, origin: 'user' as const } : DEFAULT_CLUSTER_POLICIES.sshkey;
  return { files, units, sshkey };
}

/** Go's `filepath.Clean` for slash-separated paths: no empty, `.` or resolvable `..` elements, no trailing slash. */
export function goCleanPath(given: string): string {
  if (given === '') {
    return '.';
  }
  const rooted = given.startsWith('/');
  const parts: string[] = [];
  for (const part of given.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') {
        parts.pop();
      } else if (!rooted) {
        parts.push('..');
      }
      continue;
    }
    parts.push(part);
  }
  const cleaned = (rooted ? '/' : '') + parts.join('/');
  return cleaned === '' ? (rooted ? '/' : '.') : cleaned;
}

/**
 * Whether `target` lies below the directory `dir` (`IsSubdirectory`): the cleaned `target` starts with the cleaned
 * `dir` plus a slash. A policy on `/` therefore covers nothing below it (`//` is no prefix of a cleaned path).
 */
export function isSubdirectory(dir: string, target: string): boolean {
  return goCleanPath(target).startsWith(`${goCleanPath(dir)}/`);
}

/**
 * The policy of a changed file (`FindClosestFilePolicyPathMatch`): among the policies whose path is the file's path or
 * a directory above it, the one with the longest path (in bytes, the first of equal length); `undefined` when none
 * matches, which means a reboot.
 */
export function findFilePolicy(filePath: string, policies: readonly FilePolicy[]): FilePolicy | undefined {
  let found: FilePolicy | undefined;
  let length = 0;
  for (const policy of policies) {
    if (filePath === policy.path || isSubdirectory(policy.path, filePath)) {
      const bytes = Buffer.byteLength(policy.path, 'utf8');
      if (bytes > length) {
        found = policy;
        length = bytes;
      }
    }
  }
  return found;
}

/** An action as a person reads it: `Reload crio.service`, `Special`, `Drain`. */
export function formatAction(action: PolicyAction): string {
  if (action.type === 'Reload') {
    return `Reload ${action.reload?.serviceName ?? ''}`;
  }
  if (action.type === 'Restart') {
    return `Restart ${action.restart?.serviceName ?? ''}`;
  }
  return action.type;
}
