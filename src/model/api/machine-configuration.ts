/**
 * Plain shapes of `operator.openshift.io/v1` `MachineConfiguration` (named `cluster`), the Machine Config Operator's
 * own configuration; this library reads its `spec.nodeDisruptionPolicy`, which decides what nodes do after a change.
 *
 * Field names, enums and limits follow openshift/api `operator/v1/types_machineconfiguration.go` and its generated CRD
 * (`operator/v1/zz_generated.crd-manifests/0000_80_machine-config_01_machineconfigurations.crd.yaml`, commit
 * 2a3d73913b5a).
 *
 * @see https://docs.openshift.com/container-platform/latest/machine_configuration/machine-config-node-disruption.html
 */

export const MACHINE_CONFIGURATION_API_VERSION = 'operator.openshift.io/v1';
export const MACHINE_CONFIGURATION_KIND = 'MachineConfiguration';
/** The only `MachineConfiguration` the Machine Config Operator reads. */
export const MACHINE_CONFIGURATION_SINGLETON_NAME = 'cluster';

/**
 * What a node does after a change a policy covers (`NodeDisruptionPolicySpecActionType`). The status side has one more
 * value, `Special`, which only the Machine Config Operator sets (for `/etc/containers/registries.conf`): users cannot.
 */
export enum NodeDisruptionActionType {
  /** Drain and reboot the node (what happens to a change no policy covers). Only on its own. */
  REBOOT = 'Reboot',
  /** Cordon and drain the node before the other actions. */
  DRAIN = 'Drain',
  /** Reload a systemd service (`reload.serviceName`). */
  RELOAD = 'Reload',
  /** Restart a systemd service (`restart.serviceName`). */
  RESTART = 'Restart',
  /** `systemctl daemon-reload`. */
  DAEMON_RELOAD = 'DaemonReload',
  /** Nothing: the file is written and nothing is told. Only on its own. */
  NONE = 'None',
}

/** Every action type a user may write, in the API's order. */
export const NODE_DISRUPTION_SPEC_ACTION_TYPES: readonly string[] = Object.values(NodeDisruptionActionType);

/** The action the Machine Config Operator reserves for `/etc/containers/registries.conf` (status only). */
export const SPECIAL_NODE_DISRUPTION_ACTION = 'Special';

/** A systemd service a `Reload` or `Restart` action names, e.g. `crio.service`. */
export interface NodeDisruptionService {
  /**
   * The unit name with its type suffix (`.service`, `.socket`, `.device`, `.mount`, `.automount`, `.swap`, `.target`,
   * `.path`, `.timer`, `.snapshot`, `.slice` or `.scope`), at most 255 characters.
   */
  readonly serviceName: string;
}

/** One action of a policy (`NodeDisruptionPolicySpecAction`). */
export interface NodeDisruptionPolicySpecAction {
  readonly type: NodeDisruptionActionType | `${NodeDisruptionActionType}`;
  /**
   * The service to reload; required when `type` is `Reload`, forbidden otherwise.
   * @default - none
   */
  readonly reload?: NodeDisruptionService;
  /**
   * The service to restart; required when `type` is `Restart`, forbidden otherwise.
   * @default - none
   */
  readonly restart?: NodeDisruptionService;
}

/** The actions for changes of a file, or of any file below a directory (`NodeDisruptionPolicySpecFile`). */
export interface NodeDisruptionPolicySpecFile {
  /** Absolute path of a file, or of a directory whose files the policy covers; the longest matching path wins. */
  readonly path: string;
  /** At most 10; `Reboot` and `None` only alone. */
  readonly actions: readonly NodeDisruptionPolicySpecAction[];
}

/** The actions for changes of a systemd unit (`NodeDisruptionPolicySpecUnit`). */
export interface NodeDisruptionPolicySpecUnit {
  /** The unit name with its type suffix, e.g. `crio.service`. */
  readonly name: string;
  /** At most 10; `Reboot` and `None` only alone. */
  readonly actions: readonly NodeDisruptionPolicySpecAction[];
}

/** The actions for changes of the `core` user's SSH keys (`NodeDisruptionPolicySpecSSHKey`). */
export interface NodeDisruptionPolicySpecSSHKey {
  /** At most 10; `Reboot` and `None` only alone. */
  readonly actions: readonly NodeDisruptionPolicySpecAction[];
}

/** `spec.nodeDisruptionPolicy` (`NodeDisruptionPolicyConfig`): the user's policies, merged over the cluster defaults. */
export interface NodeDisruptionPolicyConfig {
  /**
   * File policies, at most 50, one per path; a path the defaults also list replaces the default.
   * @default - the cluster defaults only
   */
  readonly files?: readonly NodeDisruptionPolicySpecFile[];
  /**
   * Unit policies, at most 50, one per unit name.
   * @default - the cluster defaults only
   */
  readonly units?: readonly NodeDisruptionPolicySpecUnit[];
  /**
   * The SSH key policy; replaces the default (`None`) when it has actions.
   * @default - the cluster default, `None`
   */
  readonly sshkey?: NodeDisruptionPolicySpecSSHKey;
}

/**
 * The part of `MachineConfiguration.spec` this library models. Other fields (`managementState`, `logLevel`, boot image
 * management...) belong to the operator and are left to it; a manifest applied over the live object keeps them.
 */
export interface MachineConfigurationSpec {
  /**
   * What nodes do after a MachineConfig change of a file, unit or SSH key.
   * @default - the cluster defaults
   */
  readonly nodeDisruptionPolicy?: NodeDisruptionPolicyConfig;
}

/** Systemd unit types a service name may end with (the CRD's CEL rule on every service name). */
export const SYSTEMD_UNIT_SUFFIXES: readonly string[] = [
  'service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'snapshot', 'slice', 'scope',
];
