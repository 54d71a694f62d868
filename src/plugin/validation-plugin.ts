/**
 * A cdk8s validation plugin: `cdk8s synth` hands it the manifests it wrote, and it runs this library's rules over all
 * of them, as one cluster, including the YAML the constructs never saw (`Include`d files, objects of other libraries,
 * raw `ApiObject`s). Declared in `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk-openshift-images
 *     version: 0.1.0
 *     class: OpenShiftImagesValidation
 *     properties:            # optional, see OpenShiftImagesValidationProperties
 *       openshiftVersion: '4.19'
 * ```
 *
 * The contract is cdk8s-cli's (src/plugins/validation.ts there): a class whose constructor takes the `properties`,
 * with `validate(context)` that adds violations to `context.report` and submits it. The CLI's types are restated
 * structurally below rather than imported: a plugin must not load the CLI. This module loads the rule engine and the
 * YAML reader only (no cdktf, no constructs).
 */
import * as fs from 'fs';
import { parseText } from '../cli/input';
import { parseOpenShiftVersion } from '../node-files/version';
import { findRule } from '../validation/catalog';
import { checkOptionsOf } from '../validation/check-options';
import { checkObjects } from '../validation/engine';
import { quote } from '../validation/finding';
import type { CheckTarget } from '../validation/rule-module';

/** A resource that breaks a rule, as cdk8s-cli's report takes it. */
export interface Cdk8sViolatingResource {
  /** `metadata.name` (what cdk8s maps to a construct path), or `Kind/name` when the name is not unique. */
  readonly resourceName: string;
  /** Field paths inside the resource, with their line in the manifest. */
  readonly locations: readonly string[];
  /** The manifest file. */
  readonly manifestPath: string;
}

/** One violation, as cdk8s-cli's report takes it. */
export interface Cdk8sViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly Cdk8sViolatingResource[];
}

/** The parts of cdk8s-cli's `ValidationContext` a plugin uses. */
export interface Cdk8sValidationContext {
  /** Paths of the synthesized manifest files. */
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: Cdk8sViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

/** `properties` of the plugin in `cdk8s.yaml`. */
export interface OpenShiftImagesValidationProperties {
  /**
   * The cluster's OpenShift release, `4.N` or `5.N`: the Machine Config Operator's checks differ between releases.
   * @default '4.19'
   */
  readonly openshiftVersion?: string;
  /**
   * The cluster's release image (ClusterVersion `status.desired.image`), for the Machine Config Operator's payload
   * check.
   * @default - unknown: the payload check is skipped
   */
  readonly releaseImage?: string;
  /**
   * A hosted platform whose rules apply as well: `rosa-hcp` or `hypershift`.
   * @default - standalone OpenShift
   */
  readonly target?: CheckTarget;
  /**
   * Warning codes not reported (each a code of docs/rules.md).
   * @default - none
   */
  readonly acknowledge?: readonly string[];
  /**
   * Fail on warnings that are not acknowledged, not only on errors.
   * @default false
   */
  readonly strict?: boolean;
}

const PROPERTY_NAMES: readonly string[] = ['openshiftVersion', 'releaseImage', 'target', 'acknowledge', 'strict'];
const TARGETS: readonly string[] = ['rosa-hcp', 'hypershift'];

/** Checks the properties of `cdk8s.yaml` and lists every problem at once. */
function checkProperties(properties: unknown): OpenShiftImagesValidationProperties {
  const prefix = 'cdk-openshift-images validation plugin: cdk8s.yaml `properties`';
  if (properties === undefined || properties === null) {
    return {};
  }
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw new Error(`${prefix} is ${quote(properties)}; give a mapping of ${PROPERTY_NAMES.join(', ')}.`);
  }
  const given = properties as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(given)) {
    if (!PROPERTY_NAMES.includes(key)) {
      problems.push(`\`${key}\` is not a property of the plugin (known: ${PROPERTY_NAMES.join(', ')})`);
    }
  }
  for (const key of ['openshiftVersion', 'releaseImage']) {
    if (given[key] !== undefined && typeof given[key] !== 'string') {
      problems.push(`\`${key}\` is ${quote(given[key])}; give a string${key === 'openshiftVersion' ? ' such as \'4.19\' (quoted, or YAML reads a number)' : ''}`);
    }
  }
  if (typeof given.openshiftVersion === 'string') {
    try {
      parseOpenShiftVersion(given.openshiftVersion);
    } catch (error) {
      problems.push(`\`openshiftVersion\`: ${(error as Error).message}`);
    }
  }
  if (given.target !== undefined && !TARGETS.includes(given.target as string)) {
    problems.push(`\`target\` is ${quote(given.target)}; give ${TARGETS.join(' or ')}`);
  }
  if (given.acknowledge !== undefined) {
    if (!Array.isArray(given.acknowledge) || !given.acknowledge.every((code) => typeof code === 'string')) {
      problems.push(`\`acknowledge\` is ${quote(given.acknowledge)}; give a list of warning codes`);
    } else {
      for (const code of given.acknowledge as string[]) {
        const rule = findRule(code);
        if (!rule) {
          problems.push(`\`acknowledge\`: ${quote(code)} is not a rule code (see docs/rules.md)`);
        } else if (rule.severity !== 'warning') {
          problems.push(`\`acknowledge\`: ${quote(code)} is an error, which cannot be acknowledged; fix the object instead`);
        }
      }
    }
  }
  if (given.strict !== undefined && typeof given.strict !== 'boolean') {
    problems.push(`\`strict\` is ${quote(given.strict)}; give true or false`);
  }
  if (problems.length > 0) {
    throw new Error(`${prefix}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  return given as OpenShiftImagesValidationProperties;
}

/**
 * The cdk8s validation plugin of this library: the rules of `ocp-images validate` over every manifest of the app (one
 * cluster), violations reported with the rule code, the fix, the resource and its manifest; the synth fails on errors
 * (and, with `strict`, on warnings).
 */
export class OpenShiftImagesValidation {
  private readonly properties: OpenShiftImagesValidationProperties;

  /** @param properties the `properties` of the plugin in `cdk8s.yaml` @default - none */
  constructor(properties: OpenShiftImagesValidationProperties = {}) {
    this.properties = checkProperties(properties);
  }

  /** Runs the rules over `context.manifests` and submits the report. */
  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const documents: { object: unknown; file: string; lineOf: (path: string) => number; line: number }[] = [];
    let errors = 0;
    let warnings = 0;
    for (const manifest of context.manifests) {
      const parsed = parseText(fs.readFileSync(manifest, 'utf8'), manifest);
      documents.push(...parsed.documents.map((document) => ({ object: document.object, file: manifest, lineOf: document.lineOf, line: document.line })));
      for (const problem of parsed.problems) {
        errors++;
        context.report.addViolation({
          ruleName: problem.code,
          recommendation: `error: ${problem.message}`,
          fix: 'Fix the YAML at the line shown.',
          violatingResources: [{ resourceName: '-', locations: [`line ${problem.line}`], manifestPath: manifest }],
        });
      }
    }
    const { findings, checked } = checkObjects(documents.map((document) => document.object), checkOptionsOf(this.properties));
    // cdk8s maps a resource to its construct path by `metadata.name`; only a name held by one object maps right.
    const nameCounts = new Map<string, number>();
    for (const subject of checked) {
      nameCounts.set(subject.name, (nameCounts.get(subject.name) ?? 0) + 1);
    }
    const acknowledged = new Set(this.properties.acknowledge ?? []);
    for (const finding of findings) {
      if (finding.severity === 'warning' && acknowledged.has(finding.code)) {
        continue;
      }
      if (finding.severity === 'error') {
        errors++;
      } else {
        warnings++;
      }
      const document = documents[finding.index];
      const name = finding.object.slice(finding.object.indexOf('/') + 1);
      context.report.addViolation({
        ruleName: finding.code,
        recommendation: `${finding.severity}: ${finding.object}${finding.path ? ` ${finding.path}` : ''}: ${finding.message}`,
        fix: finding.hint,
        violatingResources: [{
          resourceName: nameCounts.get(name) === 1 ? name : finding.object,
          locations: [`${finding.path || finding.object} (line ${document.lineOf(finding.path)})`],
          manifestPath: document.file,
        }],
      });
    }
    const failed = errors > 0 || (this.properties.strict === true && warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', {
      objects: String(checked.filter((subject) => subject.known).length),
      errors: String(errors),
      warnings: String(warnings),
    });
  }
}
