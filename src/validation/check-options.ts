/**
 * The options of a check (the cluster's release and release image), refused before anything runs when the checks
 * cannot honour them. A module of its own, light to load: `preview` refuses the same options without the rule engine.
 */
import { tryParseNamed } from '../model/image-reference';
import { parseOpenShiftVersion } from '../node-files/version';
import { quote } from './finding';
import { CheckOptions, CheckTarget } from './rule-module';

/**
 * The check options from what a command line or a plugin's properties give: each option present only when given, so an
 * option left out is absent, never an explicit `undefined`. One function for every caller (validate, export, preview,
 * impact, the cdk8s plugin, the hosted targets), so none forgets an option the others pass on.
 */
export function checkOptionsOf(given: { readonly openshiftVersion?: string; readonly releaseImage?: string; readonly target?: CheckTarget }): CheckOptions {
  return {
    ...(given.openshiftVersion !== undefined ? { openshiftVersion: given.openshiftVersion } : {}),
    ...(given.releaseImage !== undefined ? { releaseImage: given.releaseImage } : {}),
    ...(given.target !== undefined ? { target: given.target } : {}),
  };
}

/**
 * Refuses options the checks cannot honour, before anything runs: they are the caller's mistake, not a finding.
 * @throws OpenShiftVersionError for a release the checks do not model
 * @throws InvalidReleaseImageError for a release image that is not a fully qualified reference
 */
export function checkOptionsOrThrow(options: CheckOptions): void {
  if (options.openshiftVersion !== undefined) {
    parseOpenShiftVersion(options.openshiftVersion);
  }
  if (options.releaseImage !== undefined && tryParseNamed(options.releaseImage) === undefined) {
    throw new InvalidReleaseImageError(options.releaseImage);
  }
}

/** A release image that is not a fully qualified image reference (`registry/repository@sha256:...` or `:tag`). */
export class InvalidReleaseImageError extends Error {
  constructor(public readonly releaseImage: string) {
    super(`the release image ${quote(releaseImage)} is not a fully qualified image reference (e.g. quay.io/openshift-release-dev/ocp-release@sha256:<digest>, as \`oc get clusterversion version -o jsonpath='{.status.desired.image}'\` prints it)`);
    this.name = 'InvalidReleaseImageError';
  }
}

