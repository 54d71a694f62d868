/**
 * What the target constructs share, the cdk8s one (`HostedClusterImageConfig`) and the cdktf one
 * (`RosaHcpImageConfiguration`): their image configuration is read and exported with the target's rules, and every
 * error is thrown as one `ValidationError` located at the construct (the constructs' `resultOrThrow`). It imports
 * neither cdk8s nor cdktf, so each entry loads only its own framework.
 */
import { IConstruct } from 'constructs';
import { ImageConfigurationInput, imageConfigurationObjects } from '../targets/input';
import { TargetCheckOptions, TargetExportOutcome } from '../targets/outcome';
import { checkOptionsOf } from '../validation/check-options';
import { Finding } from '../validation/finding';
import { ValidationError } from '../validation/validation-error';

/**
 * The export of the construct's configuration, or a `ValidationError` with every error, located at `construct`.
 * @param exportObjects the target's export, given the configuration's objects and the props' engine options
 */
export function exportOrThrow<T>(
  construct: IConstruct,
  props: ImageConfigurationInput & TargetCheckOptions,
  exportObjects: (objects: unknown[], options: TargetCheckOptions) => TargetExportOutcome<T>): T {
  const locate = () => construct.node.path;
  let objects: unknown[];
  try {
    objects = imageConfigurationObjects(props);
  } catch (error) {
    // Props that make no configuration are located like the export's errors below.
    throw error instanceof ValidationError ? new ValidationError(error.findings, locate) : error;
  }
  const outcome = exportObjects(objects, checkOptionsOf({ openshiftVersion: props.openshiftVersion, releaseImage: props.releaseImage }));
  if (outcome.result === undefined) {
    // The position of a finding is in the objects made from the props: it means nothing to the caller.
    throw new ValidationError(outcome.errors.map(({ index: _index, ...finding }): Finding => finding), locate);
  }
  return outcome.result;
}
