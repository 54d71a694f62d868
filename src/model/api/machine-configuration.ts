/**
 * Plain shapes of `operator.openshift.io/v1` `MachineConfiguration` (named `cluster`), the Machine Config Operator's
 * own configuration; this library reads its `spec.nodeDisruptionPolicy`, which decides what nodes do after a change.
 */

export const MACHINE_CONFIGURATION_API_VERSION = 'operator.openshift.io/v1';
export const MACHINE_CONFIGURATION_KIND = 'MachineConfiguration';
