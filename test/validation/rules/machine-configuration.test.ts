import { machineConfigurationRulesModule } from '../../../src/validation/rules/machine-configuration';
import { ruleTester } from '../../support/rule-tester';

const machineConfiguration = (nodeDisruptionPolicy: Record<string, unknown>) => ({
  apiVersion: 'operator.openshift.io/v1', kind: 'MachineConfiguration', metadata: { name: 'cluster' }, spec: { nodeDisruptionPolicy },
});
const DROP_IN = '/etc/containers/registries.conf.d/01-image-searchRegistries.conf';

ruleTester(machineConfigurationRulesModule, {
  valid: [
    { name: 'the search drop-in made a CRI-O restart', objects: [machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'Restart', restart: { serviceName: 'crio.service' } }] }] })] },
    { name: 'a unit policy with a reload', objects: [machineConfiguration({ units: [{ name: 'chronyd.service', actions: [{ type: 'Reload', reload: { serviceName: 'chronyd.service' } }] }] })] },
    { name: 'an empty policy (applied, it changes nothing)', objects: [machineConfiguration({})] },
  ],
  invalid: [
    { name: 'a Restart without the service', objects: [machineConfiguration({ files: [{ path: '/etc/chrony.conf', actions: [{ type: 'Restart' }] }] })], findings: [{ code: 'node-disruption-action-service', object: 'MachineConfiguration/cluster', path: 'spec.nodeDisruptionPolicy.files[0].actions[0].restart' }] },
    { name: 'Reboot listed with another action', objects: [machineConfiguration({ files: [{ path: '/etc/chrony.conf', actions: [{ type: 'Drain' }, { type: 'Reboot' }] }] })], findings: [{ code: 'node-disruption-action-standalone', object: 'MachineConfiguration/cluster', path: 'spec.nodeDisruptionPolicy.files[0].actions[1]' }] },
    { name: 'a unit name without its type', objects: [machineConfiguration({ units: [{ name: 'crio', actions: [{ type: 'None' }] }] })], findings: [{ code: 'node-disruption-service-name-invalid', object: 'MachineConfiguration/cluster', path: 'spec.nodeDisruptionPolicy.units[0].name', says: 'does not end in a systemd unit type' }] },
    { name: 'a relative file path', objects: [machineConfiguration({ files: [{ path: 'etc/chrony.conf', actions: [{ type: 'None' }] }] })], findings: [{ code: 'node-disruption-path-matches-nothing', object: 'MachineConfiguration/cluster', path: 'spec.nodeDisruptionPolicy.files[0].path' }] },
    { name: 'the search drop-in made a Drain only', objects: [machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'Drain' }] }] })], findings: [{ code: 'node-disruption-crio-registries-not-reloaded', object: 'MachineConfiguration/cluster', path: 'spec.nodeDisruptionPolicy.files[0].actions' }] },
  ],
});
