/**
 * What every target export shares: the configuration goes through the rule engine with the target's rules
 * (`CheckOptions.target`), and is exported only when the engine finds no error. So an export refuses exactly what
 * `ocp-images validate --target` reports as an error.
 */
import { checkOptionsOf } from '../validation/check-options';
import { checkObjects, LocatedFinding } from '../validation/engine';
import { CheckTarget } from '../validation/rule-module';
import { stringList } from '../validation/rules/image';
import { HostedConfiguration, readHostedConfiguration } from '../validation/rules/targets';
import { ValidationError } from '../validation/validation-error';

/** Engine options of an export: the cluster the configuration is for. */
export interface TargetCheckOptions {
  /**
   * The OpenShift release of the cluster, `4.N` or `5.N`: the Machine Config Operator's checks differ between releases.
   * @default '4.19'
   */
  readonly openshiftVersion?: string;
  /**
   * The cluster's release image, for the Machine Config Operator's payload check.
   * @default - unknown (the payload check is skipped)
   */
  readonly releaseImage?: string;
}

/** The outcome of an export: the exported value when the configuration has no error, and every finding. */
export interface TargetExportOutcome<T> {
  /** Errors: the configuration cannot be exported (the target cannot carry it, or refuses it). */
  readonly errors: readonly LocatedFinding[];
  /** Warnings: exported anyway. */
  readonly warnings: readonly LocatedFinding[];
  /** Positions (in the input) of the objects the export does not carry: other kinds, mirror sets without mirrors. */
  readonly unused: readonly number[];
  /** The export, present exactly when there is no error. */
  readonly result?: T;
}

/** Checks the objects of one cluster for `target` and reads what a hosted target carries, when nothing is wrong. */
export function checkForTarget(objects: readonly unknown[], target: CheckTarget, options: TargetCheckOptions = {}): TargetExportOutcome<HostedConfiguration> {
  const { findings, checked } = checkObjects(objects, checkOptionsOf({ openshiftVersion: options.openshiftVersion, releaseImage: options.releaseImage, target }));
  const errors = findings.filter((finding) => finding.severity === 'error');
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  const configuration = readHostedConfiguration(checked);
  const unused = configuration.unused.map((subject) => subject.index);
  return errors.length > 0 ? { errors, warnings, unused } : { errors, warnings, unused, result: configuration };
}

/** The exported value, or a `ValidationError` listing every error. */
export function resultOrThrow<T>(outcome: TargetExportOutcome<T>): T {
  if (outcome.result === undefined) {
    throw new ValidationError(outcome.errors.map(({ index: _index, ...finding }) => finding));
  }
  return outcome.result;
}

/** Maps the value of a successful outcome, keeping its findings. */
export function mapOutcome<T, U>(outcome: TargetExportOutcome<T>, map: (value: T) => U): TargetExportOutcome<U> {
  const { result, ...rest } = outcome;
  return result === undefined ? rest : { ...rest, result: map(result) };
}

/** Strings of a list (anything else is an engine error already), first occurrence of each only. */
export function distinctStrings(value: unknown): string[] {
  return [...new Set(stringList(value))];
}

/** The data of a ConfigMap, keys sorted (code-unit order), string values only. */
export function sortedStringData(object: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const data = object?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {};
  }
  const entries = Object.entries(data as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
