/** How bad a finding is: an `error` stops synthesis and fails the CLI, a `warning` is reported and can be acknowledged. */
export type Severity = 'error' | 'warning';

/**
 * Who enforces a rule, so a user knows what happens if it is ignored:
 * - `api-server`: the upstream CRD schema or its CEL rules; the cluster rejects the object.
 * - `machine-config-operator`: the MCO fails to render the node files and keeps the previous ones.
 * - `operator`: the image registry operator rejects or misbehaves on the configuration.
 * - `documentation`: the product documentation advises against it; nothing rejects it.
 * - `cluster`: the cluster accepts the object but ignores it (for example a singleton with another name).
 * - `aws`: AWS (S3, IAM, KMS, STS) refuses the resource when Terraform applies it, or the registry's AWS access would
 *   be wider than it needs; reported by the AWS constructs, and by `terraform plan` for values only Terraform knows.
 */
export type RuleSource = 'api-server' | 'machine-config-operator' | 'operator' | 'documentation' | 'cluster' | 'aws';

/** One problem found in one object. */
export interface Finding {
  /** Stable identifier of the rule, e.g. `registry-sources-exclusive`. */
  readonly code: string;
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** The object, as `Kind/name`. */
  readonly object: string;
  /** The field path inside the object, e.g. `spec.registrySources.allowedRegistries[0]`. */
  readonly path: string;
  /** What is wrong, quoting the value received and what is expected. */
  readonly message: string;
  /** What to change. */
  readonly hint: string;
  /** Who enforces the rule. */
  readonly source: RuleSource;
}

/** The outcome of validating a set of objects. */
export interface ValidationReport {
  /** Every finding, errors and warnings, in a deterministic order. */
  readonly findings: Finding[];
  /** The findings of severity `error`. */
  readonly errors: Finding[];
  /** The findings of severity `warning`. */
  readonly warnings: Finding[];
  /** How many objects were of a kind this library checks. */
  readonly checkedObjects: number;
  /** `Kind` (with apiVersion) of every object that was passed over because its kind is not one this library checks. */
  readonly skippedKinds: string[];
}

/** Renders a finding on one line: `error registry-sources-exclusive Image/cluster spec.registrySources: ...`. */
export function formatFinding(finding: Finding): string {
  const where = finding.path ? `${finding.object} ${finding.path}` : finding.object;
  return `${finding.severity} ${finding.code} ${where}: ${finding.message} Fix: ${finding.hint}`;
}

/** Quotes a value for a message: strings in double quotes, everything else as compact JSON. */
export function quote(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const json = JSON.stringify(value);
  if (json === undefined) {
    return String(value);
  }
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}
