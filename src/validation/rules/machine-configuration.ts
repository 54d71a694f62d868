/**
 * Rules of `operator.openshift.io/v1` `MachineConfiguration` (named `cluster`), the Machine Config Operator's own
 * configuration: the CRD schema of `spec.nodeDisruptionPolicy` restated with its CEL rules (openshift/api at
 * 2a3d73913b5a, `operator/v1/zz_generated.crd-manifests/0000_80_machine-config_01_machineconfigurations.crd.yaml`), and
 * warnings for policies the cluster accepts but that cannot do what they seem to.
 *
 * The other spec fields belong to the operator (log levels, management state, boot image management); their types
 * and enums are checked where they are flat, and boot image management is passed over.
 */
import {
  MACHINE_CONFIGURATION_API_VERSION,
  MACHINE_CONFIGURATION_KIND,
  MACHINE_CONFIGURATION_SINGLETON_NAME,
  NODE_DISRUPTION_SPEC_ACTION_TYPES,
  SYSTEMD_UNIT_SUFFIXES,
} from '../../model/api/machine-configuration';
import { findFilePolicy, formatAction, goCleanPath, mergeClusterPolicies } from '../../model/node-disruption-policy';
import { REGISTRIES_CONF_PATH, SEARCH_REGISTRIES_DROP_IN_PATH } from '../../node-files/render';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { KindDefinition, RuleModule } from '../rule-module';
import { NodeCheck, report, s } from '../schema';

const KIND = [MACHINE_CONFIGURATION_KIND];

/** registries.conf and the search-registries drop-in: CRI-O's registry configuration, which it re-reads on reload. */
const CRIO_REGISTRY_FILES: readonly string[] = [REGISTRIES_CONF_PATH, SEARCH_REGISTRIES_DROP_IN_PATH];

export const MachineConfigurationRules = {
  actionService: defineRule({
    code: 'node-disruption-action-service', severity: 'error', source: 'api-server', kinds: KIND, schemaLevel: true,
    summary: 'A node disruption action names its service in the wrong place: `reload` is required when `type` is `Reload` and forbidden otherwise, `restart` likewise for `Restart`.',
    fix: 'Write `{type: Reload, reload: {serviceName: crio.service}}` or `{type: Restart, restart: {serviceName: crio.service}}`, and no service on other types.',
  }),
  actionStandalone: defineRule({
    code: 'node-disruption-action-standalone', severity: 'error', source: 'api-server', kinds: KIND, schemaLevel: true,
    summary: '`Reboot` or `None` is listed with other actions; the API accepts each only on its own (it would override the others).',
    fix: 'Keep `Reboot` (or `None`) as the only action of the policy, or remove it.',
  }),
  serviceNameInvalid: defineRule({
    code: 'node-disruption-service-name-invalid', severity: 'error', source: 'api-server', kinds: KIND, schemaLevel: true,
    summary: 'A service or unit name is not `NAME.TYPE`: NAME of letters, digits, `:`, `-`, `_`, `.` or `\\`, TYPE one of the systemd unit types (`service`, `socket`, `timer`...).',
    fix: 'Write the full unit name with its type, e.g. `crio.service`.',
  }),
  pathMatchesNothing: defineRule({
    code: 'node-disruption-path-matches-nothing', severity: 'warning', source: 'cluster', kinds: KIND,
    summary: 'A file policy path the Machine Config Operator never matches: a relative path (MachineConfig files are absolute), or `/` (its directory match needs a second slash), so the changes it means still reboot.',
    fix: 'Give the absolute path of the file, or of the directory whose files it covers (e.g. `/etc/containers`).',
  }),
  crioRegistryWithoutReload: defineRule({
    code: 'node-disruption-crio-registries-not-reloaded', severity: 'warning', source: 'documentation', kinds: KIND,
    summary: 'The policy that decides registries.conf or the search-registries drop-in neither reboots nor reloads or restarts `crio.service`: CRI-O keeps its cached registry configuration, so the change does not apply until CRI-O restarts.',
    fix: 'Add `{type: Restart, restart: {serviceName: crio.service}}` (or Reload) to the policy, or leave registries.conf to the default policy.',
  }),
};

const UNIT_SUFFIX = new RegExp(`\\.(${SYSTEMD_UNIT_SUFFIXES.join('|')})$`);
// The CRD's character class holds a backslash: `[a-zA-Z0-9:._\\-]`.
const UNIT_NAME = /^[a-zA-Z0-9:._\\-]+\../;

const serviceNameCheck: NodeCheck = (value: string, path, ctx) => {
  if (!UNIT_SUFFIX.test(value)) {
    report(ctx, MachineConfigurationRules.serviceNameInvalid, path,
      `\`${path}\` is ${quote(value)}, which does not end in a systemd unit type (${SYSTEMD_UNIT_SUFFIXES.map((suffix) => `.${suffix}`).join(', ')}).`,
      `Write the full unit name, e.g. ${quote(`${value.replace(/\.$/, '') || 'crio'}.service`)}.`);
  } else if (!UNIT_NAME.test(value)) {
    report(ctx, MachineConfigurationRules.serviceNameInvalid, path,
      `\`${path}\` is ${quote(value)}: the name before the unit type must be at least one character of letters, digits, \`:\`, \`-\`, \`_\`, \`.\` or \`\\\`.`);
  }
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const present = (value: unknown) => value !== undefined && value !== null;

const actionServiceCheck: NodeCheck = (action: Record<string, unknown>, path, ctx) => {
  for (const [type, field] of [['Reload', 'reload'], ['Restart', 'restart']] as const) {
    const wanted = action.type === type;
    if (wanted && !present(action[field])) {
      report(ctx, MachineConfigurationRules.actionService, `${path}.${field}`,
        `\`${path}\` is a ${type} action without \`${field}\`: name the service to ${field}.`,
        `Add \`${field}: {serviceName: crio.service}\` (or the service the file belongs to).`);
    } else if (!wanted && present(action[field])) {
      report(ctx, MachineConfigurationRules.actionService, `${path}.${field}`,
        `\`${path}\` has \`${field}\`, but its type is ${quote(action.type)}: \`${field}\` belongs only to ${type} actions.`,
        `Remove \`${field}\`, or set \`type: ${type}\`.`);
    }
  }
};

const standaloneCheck: NodeCheck = (actions: unknown[], path, ctx) => {
  for (const type of ['Reboot', 'None']) {
    const index = actions.findIndex((action) => isRecord(action) && action.type === type);
    if (index >= 0 && actions.length !== 1) {
      report(ctx, MachineConfigurationRules.actionStandalone, `${path}[${index}]`,
        `\`${path}\` lists ${type} with ${actions.length - 1} other action(s); ${type} must be the only action.`,
        type === 'Reboot' ? 'Keep only `{type: Reboot}`: a reboot applies every change anyway.' : 'Keep only `{type: None}`, or remove it and keep the other actions.');
    }
  }
};

const pathCheck: NodeCheck = (value: string, path, ctx) => {
  if (!value.startsWith('/')) {
    report(ctx, MachineConfigurationRules.pathMatchesNothing, path,
      `\`${path}\` is ${quote(value)}, a relative path: MachineConfig files have absolute paths, so this policy matches nothing.`,
      `Write ${quote(`/${value}`)} if that is the file meant.`);
  } else if (goCleanPath(value) === '/') {
    report(ctx, MachineConfigurationRules.pathMatchesNothing, path,
      `\`${path}\` is ${quote(value)}: the Machine Config Operator matches files below a policy path by that path plus a slash, and \`//\` starts no file path, so this policy covers nothing.`,
      'Name the directories that matter (e.g. `/etc/containers`) instead of the root.');
  }
};

const serviceName = () => s.string({ maxLength: 255, checks: [serviceNameCheck], describe: 'a systemd unit name such as crio.service' });
const service = () => s.object({ serviceName: serviceName() }, { required: ['serviceName'] });
const actionList = () => s.array(
  s.object({ reload: service(), restart: service(), type: s.string({ enum: NODE_DISRUPTION_SPEC_ACTION_TYPES }) }, { required: ['type'], checks: [actionServiceCheck], describe: '`{type, reload, restart}`' }),
  { maxItems: 10, listType: 'atomic', checks: [standaloneCheck] },
);

const LOG_LEVELS = ['', 'Normal', 'Debug', 'Trace', 'TraceAll'];
/** Owned by the operator and out of this library's scope: accepted as they are. */
const unchecked = () => s.object({}, { preserveUnknown: true });

const machineConfigurationSpecSchema = s.object({
  bootImageSkewEnforcement: unchecked(),
  failedRevisionLimit: s.integer(),
  forceRedeploymentReason: s.string(),
  irreconcilableValidationOverrides: unchecked(),
  logLevel: s.string({ enum: LOG_LEVELS }),
  managedBootImages: unchecked(),
  managementState: s.string({ pattern: /^(Managed|Unmanaged|Force|Removed)$/, patternDescription: 'one of Managed, Unmanaged, Force, Removed' }),
  nodeDisruptionPolicy: s.object({
    files: s.array(s.object({ actions: actionList(), path: s.string({ checks: [pathCheck] }) }, { required: ['actions', 'path'], describe: '`{path, actions}`' }),
      { maxItems: 50, listType: 'map', mapKeys: ['path'] }),
    sshkey: s.object({ actions: actionList() }, { required: ['actions'] }),
    units: s.array(s.object({ actions: actionList(), name: serviceName() }, { required: ['actions', 'name'], describe: '`{name, actions}`' }),
      { maxItems: 50, listType: 'map', mapKeys: ['name'] }),
  }),
  observedConfig: unchecked(),
  operatorLogLevel: s.string({ enum: LOG_LEVELS }),
  succeededRevisionLimit: s.integer(),
  unsupportedConfigOverrides: unchecked(),
});

/** Whether the actions reboot, or reload or restart CRI-O. */
function appliesCrioConfig(actions: readonly { readonly type: string; readonly reload?: { serviceName: string }; readonly restart?: { serviceName: string } }[]): boolean {
  return actions.some((action) => action.type === 'Reboot'
    || (action.type === 'Reload' && /^crio(\.service)?$/.test(action.reload?.serviceName ?? ''))
    || (action.type === 'Restart' && /^crio(\.service)?$/.test(action.restart?.serviceName ?? '')));
}

const machineConfigurationKind: KindDefinition = {
  apiVersion: MACHINE_CONFIGURATION_API_VERSION,
  kind: MACHINE_CONFIGURATION_KIND,
  clusterScoped: true,
  singletonName: MACHINE_CONFIGURATION_SINGLETON_NAME,
  specSchema: machineConfigurationSpecSchema,
  checks: [
    (subject, ctx) => {
      const policy = subject.spec.nodeDisruptionPolicy;
      const files = isRecord(policy) && Array.isArray(policy.files) ? policy.files : [];
      if (files.length === 0) {
        return;
      }
      // Which user policy decides CRI-O's registry files, with the MCO's own merge and longest match.
      const merged = mergeClusterPolicies(policy as never);
      for (const nodePath of CRIO_REGISTRY_FILES) {
        const decided = findFilePolicy(nodePath, merged.files);
        if (!decided || decided.origin !== 'user' || appliesCrioConfig(decided.actions)) {
          continue;
        }
        const index = files.findIndex((file) => isRecord(file) && file.path === decided.path);
        report(ctx, MachineConfigurationRules.crioRegistryWithoutReload, `spec.nodeDisruptionPolicy.files[${index}].actions`,
          `The policy for ${quote(decided.path)} decides ${nodePath} with ${decided.actions.map(formatAction).join(', ') || 'no action'}: CRI-O is neither reloaded nor restarted, so it keeps pulling with the old registry configuration.`);
      }
    },
  ],
};

export const machineConfigurationRulesModule: RuleModule = {
  name: 'machine-configuration',
  description: '`operator.openshift.io/v1` `MachineConfiguration` named `cluster`: the node disruption policies (`spec.nodeDisruptionPolicy`) that decide whether a MachineConfig change drains, reboots or only reloads a service.',
  rules: Object.values(MachineConfigurationRules),
  kinds: [machineConfigurationKind],
};
