/**
 * The OpenShift release whose MCO output is previewed. The rendering algorithm is the same from 4.13 on; the file
 * text differs: 4.19 added the `additional-layer-store-auth-helper = ""` line (containers/image 5.34), and 4.17
 * switched policy.json from compact JSON to two-space indentation. The MCO's own checks of mirror rules changed in
 * 4.16: before, it refused only empty and `*`-holding sources and mirrors, with other messages. The MCO's main branch
 * now builds as OpenShift 5.0 with the code of 4.19 and later (containers/image 5.35), so 5.N renders like the newest
 * 4.N.
 */

/** What the text of the node files, and the daemon's handling of a change, depend on. */
export interface OpenShiftVersion {
  /** `4.N` or `5.N` as given (or the default), without the patch number. */
  readonly label: string;
  /** 4 or 5. */
  readonly major: number;
  readonly minor: number;
  /** Whether registries.conf and the drop-in carry `additional-layer-store-auth-helper = ""` (4.19+). */
  readonly additionalLayerStoreAuthHelper: boolean;
  /** Whether policy.json is indented with two spaces (4.17+) rather than one compact line. */
  readonly indentedPolicyJson: boolean;
  /**
   * Whether the MCO checks mirror rules the 4.13-4.15 way (empty or `*`-holding sources and mirrors refused, no
   * format check) rather than against the source and mirror patterns (4.16+).
   */
  readonly legacyMirrorRuleChecks: boolean;
  /**
   * Whether the MCO's daemon honours node disruption policies (`MachineConfiguration/cluster`): on by default from
   * 4.17 (in 4.16 only with TechPreviewNoUpgrade, which is not modelled); before, its fixed table applies.
   */
  readonly nodeDisruptionPolicies: boolean;
}

/** Version used when none is given: the behaviour of current releases. */
export const DEFAULT_OPENSHIFT_VERSION = '4.19';
/** Oldest release whose MCO uses the algorithm implemented here. */
export const OLDEST_SUPPORTED_MINOR = 13;

/** An OpenShift version string the preview cannot honour. */
export class OpenShiftVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenShiftVersionError';
  }
}

/**
 * Parses `4.N`, `5.N`, `4.N.z` or `5.N.z`.
 * @throws OpenShiftVersionError for another format, another major version, or a release before 4.13 (whose MCO
 * wrote `mirror-by-digest-only` for ICSP and is not modelled)
 */
export function parseOpenShiftVersion(version: string = DEFAULT_OPENSHIFT_VERSION): OpenShiftVersion {
  const match = /^([45])\.(\d{1,3})(?:\.\d{1,4})?$/.exec(version.trim());
  if (!match) {
    throw new OpenShiftVersionError(`unsupported OpenShift version ${JSON.stringify(version)}: expected 4.N or 5.N (e.g. 4.19)`);
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major === 4 && minor < OLDEST_SUPPORTED_MINOR) {
    throw new OpenShiftVersionError(
      `unsupported OpenShift version ${JSON.stringify(version)}: the preview models 4.${OLDEST_SUPPORTED_MINOR} and later`,
    );
  }
  // Every 5.N carries the newest 4.N behaviour.
  const newest = major > 4;
  return {
    label: `${major}.${minor}`,
    major,
    minor,
    additionalLayerStoreAuthHelper: newest || minor >= 19,
    indentedPolicyJson: newest || minor >= 17,
    legacyMirrorRuleChecks: !newest && minor < 16,
    nodeDisruptionPolicies: newest || minor >= 17,
  };
}
