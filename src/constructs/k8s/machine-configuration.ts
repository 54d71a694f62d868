import { Construct } from 'constructs';
import {
  MACHINE_CONFIGURATION_API_VERSION,
  MACHINE_CONFIGURATION_KIND,
  MACHINE_CONFIGURATION_SINGLETON_NAME,
  NodeDisruptionActionType,
  NodeDisruptionPolicyConfig,
  NodeDisruptionPolicySpecAction,
  NodeDisruptionPolicySpecFile,
  NodeDisruptionPolicySpecUnit,
} from '../../model/api/machine-configuration';
import { OpenShiftResource, ResourceMetadata } from './base';

/**
 * The actions a node disruption policy can take, as values: `NodeDisruptionAction.restart('crio.service')` instead of
 * `{ type: 'Restart', restart: { serviceName: 'crio.service' } }`. Both forms are accepted wherever an action is.
 */
export class NodeDisruptionAction {
  /** Drain and reboot the node. Only on its own. */
  public static reboot(): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.REBOOT };
  }

  /** Cordon and drain the node before the other actions. */
  public static drain(): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.DRAIN };
  }

  /** Reload a systemd service, e.g. `crio.service`. */
  public static reload(serviceName: string): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.RELOAD, reload: { serviceName } };
  }

  /** Restart a systemd service, e.g. `crio.service`. */
  public static restart(serviceName: string): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.RESTART, restart: { serviceName } };
  }

  /** `systemctl daemon-reload`. */
  public static daemonReload(): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.DAEMON_RELOAD };
  }

  /** Nothing: the file is written and no service is told. Only on its own. */
  public static none(): NodeDisruptionPolicySpecAction {
    return { type: NodeDisruptionActionType.NONE };
  }

  private constructor() {}
}

/**
 * Properties of {@link MachineConfiguration}: the upstream `MachineConfiguration` spec field this library models, at top
 * level. The operator's other fields (`managementState`, log levels, boot image management) are left out: the object
 * exists on every cluster, and an apply keeps what it does not mention.
 */
export interface MachineConfigurationProps {
  /**
   * Labels and annotations of the `MachineConfiguration` (its name is always `cluster`).
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
  /**
   * What nodes do after a MachineConfig change of a file (or a file below a directory), a systemd unit, or the SSH
   * keys; merged by the Machine Config Operator over its defaults (a file path or unit name of the defaults is
   * replaced, others are added). A change no policy covers reboots the node.
   * @default - the cluster defaults only
   * @see https://docs.openshift.com/container-platform/latest/machine_configuration/machine-config-node-disruption.html
   */
  readonly nodeDisruptionPolicy?: NodeDisruptionPolicyConfig;
}

/**
 * The Machine Config Operator's configuration: `operator.openshift.io/v1` `MachineConfiguration` named `cluster`,
 * here for its node disruption policies (OpenShift 4.17 and later), which decide whether a change drains and reboots
 * the nodes or only reloads a service. `ocp-images impact` reads them when it says what a change does.
 *
 * @example
 * // Apply search-registry changes with a CRI-O restart instead of a drain and reboot.
 * new MachineConfiguration(chart, 'mco', {
 *   nodeDisruptionPolicy: {
 *     files: [{
 *       path: '/etc/containers/registries.conf.d/01-image-searchRegistries.conf',
 *       actions: [NodeDisruptionAction.restart('crio.service')],
 *     }],
 *   },
 * });
 */
export class MachineConfiguration extends OpenShiftResource {
  private files?: NodeDisruptionPolicySpecFile[];
  private units?: NodeDisruptionPolicySpecUnit[];
  private sshkey?: { actions: NodeDisruptionPolicySpecAction[] };
  private readonly policyGiven: boolean;

  constructor(scope: Construct, id: string, props: MachineConfigurationProps = {}) {
    super(scope, id, {
      apiVersion: MACHINE_CONFIGURATION_API_VERSION,
      kind: MACHINE_CONFIGURATION_KIND,
      name: MACHINE_CONFIGURATION_SINGLETON_NAME,
      clusterScoped: true,
      metadata: props.metadata,
    });
    const policy = props.nodeDisruptionPolicy;
    this.policyGiven = policy !== undefined;
    this.files = policy?.files?.map((file) => ({ path: file.path, actions: copyActions(file.actions) }));
    this.units = policy?.units?.map((unit) => ({ name: unit.name, actions: copyActions(unit.actions) }));
    this.sshkey = policy?.sshkey && { actions: copyActions(policy.sshkey.actions) };
    this.validateNow();
  }

  /**
   * Sets what nodes do when the file at `path` (or any file below the directory `path`) changes; the longest
   * matching path decides. Replaces an earlier policy for the same path.
   */
  public addFilePolicy(path: string, ...actions: NodeDisruptionPolicySpecAction[]): void {
    this.files = [...(this.files ?? []).filter((file) => file.path !== path), { path, actions: copyActions(actions) }];
    this.validateNow();
  }

  /** Sets what nodes do when the systemd unit `name` (e.g. `crio.service`) changes. Replaces an earlier policy for it. */
  public addUnitPolicy(name: string, ...actions: NodeDisruptionPolicySpecAction[]): void {
    this.units = [...(this.units ?? []).filter((unit) => unit.name !== name), { name, actions: copyActions(actions) }];
    this.validateNow();
  }

  /** Sets what nodes do when the `core` user's SSH keys change (the default is `None`). */
  public setSshKeyPolicy(...actions: NodeDisruptionPolicySpecAction[]): void {
    this.sshkey = { actions: copyActions(actions) };
    this.validateNow();
  }

  protected renderSpec(): Record<string, unknown> {
    const policy = Object.fromEntries(Object.entries({ files: this.files, units: this.units, sshkey: this.sshkey })
      .filter(([, value]) => value !== undefined));
    return this.policyGiven || Object.keys(policy).length > 0 ? { nodeDisruptionPolicy: policy } : {};
  }
}

function copyActions(actions: readonly NodeDisruptionPolicySpecAction[]): NodeDisruptionPolicySpecAction[] {
  return actions.map((action) => ({
    type: action.type,
    ...(action.reload !== undefined ? { reload: { serviceName: action.reload.serviceName } } : {}),
    ...(action.restart !== undefined ? { restart: { serviceName: action.restart.serviceName } } : {}),
  }));
}
