/**
 * `ocp-images impact --before PATH... --after PATH...`: what the nodes do when the after configuration replaces the
 * before one (none, a CRI-O reload, a drain, a reboot; on hosted platforms a node replacement), decided with the
 * Machine Config Operator's own rules over the node files both sides render to.
 *
 * Exit codes: 0 decided (whatever the verdict; with `--fail-on ACTION`, a verdict more disruptive than ACTION exits
 * 1), 1 a side is invalid for the cluster (the MCO's message on stderr), 2 usage errors.
 */
import { Command, Option } from 'commander';
import {
  actionRank,
  computeImpact,
  IMPACT_ACTIONS,
  IMPACT_PLATFORMS,
  ImpactAction,
  ImpactInputError,
  ImpactInvalidError,
  ImpactPlatform,
  ImpactReport,
  ImpactSide,
  renderImpactText,
} from '../impact';
import { OpenShiftVersionError } from '../node-files/version';
import { checkOptionsOf } from '../validation/check-options';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { expandPaths, InputDocument, readInputs, STDIN_PATH, UsageError } from './input';
import { CliIo, InputIo, processIo } from './io';
import { shouldColour } from './output';

/** Options of an impact run, as the command line gives them. */
export interface ImpactCliOptions {
  /** The configuration the cluster holds now: files, directories, `-` for stdin. */
  readonly before: readonly string[];
  /** The configuration after the change. */
  readonly after: readonly string[];
  /** @default 'text' */
  readonly format?: 'text' | 'json';
  /** @default '4.19' */
  readonly openshiftVersion?: string;
  /** @default - unknown */
  readonly releaseImage?: string;
  /** @default 'standalone' */
  readonly platform?: ImpactPlatform;
  /** The most disruptive verdict that still exits 0. @default - any verdict exits 0 */
  readonly failOn?: ImpactAction;
  /** `false` with `--no-color`. @default true */
  readonly color?: boolean;
}

interface SideInput {
  readonly objects: unknown[];
  readonly documents: InputDocument[];
}

function readSide(side: ImpactSide, paths: readonly string[], readStdin: (() => string) | undefined, cwd: string | undefined): SideInput {
  if (paths.length === 0) {
    throw new UsageError(`no --${side} configuration: give --${side} PATH (a file, a directory, or - for stdin)`);
  }
  const input = readInputs(expandPaths(paths, { cwd }), { readStdin });
  if (input.problems.length > 0) {
    const first = input.problems[0];
    throw new UsageError(`--${side}: cannot read ${first.file}:${first.line}: ${first.message}`);
  }
  return { objects: input.documents.map((document) => document.object), documents: input.documents };
}

/**
 * Reads both sides and compares them.
 * @throws UsageError for unusable command lines or input
 * @throws ImpactInvalidError when a side is invalid for the cluster
 */
export function planImpact(options: ImpactCliOptions, io: InputIo): { report: ImpactReport; sides: Record<ImpactSide, SideInput> } {
  if (options.before.includes(STDIN_PATH) && options.after.includes(STDIN_PATH)) {
    throw new UsageError('standard input (-) can feed only one side: give the other side as files');
  }
  let stdinText: string | undefined;
  const readStdin = io.readStdin && (() => (stdinText ??= io.readStdin!()));
  const sides = { before: readSide('before', options.before, readStdin, io.cwd), after: readSide('after', options.after, readStdin, io.cwd) };
  try {
    const report = computeImpact(sides.before.objects, sides.after.objects, {
      // The cluster's release and release image, as every command passes them; the platform is impact's own option.
      ...checkOptionsOf({ openshiftVersion: options.openshiftVersion, releaseImage: options.releaseImage }),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
    });
    return { report, sides };
  } catch (error) {
    if (error instanceof OpenShiftVersionError) {
      throw new UsageError(error.message);
    }
    if (error instanceof ImpactInputError) {
      throw new UsageError(error.message);
    }
    if (error instanceof ImpactInvalidError && error.findings.length > 0) {
      // Point at the MachineConfiguration's file and line, as `validate` would.
      const document = sides[error.side].documents[error.findings[0].index];
      const located = error.findings.map((finding) => `  ${document.file}:${document.lineOf(finding.path)}: error [${finding.code}] ${finding.object} ${finding.path}: ${finding.message}`);
      throw new ImpactInvalidError(error.side, `the ${error.side} configuration's MachineConfiguration/cluster would be refused by the API server:\n${located.join('\n')}`, undefined, error.findings);
    }
    throw error;
  }
}

/** Runs `impact` and writes the report; returns the exit code. */
export function runImpact(options: ImpactCliOptions, io: CliIo): number {
  let report: ImpactReport;
  try {
    report = planImpact(options, io).report;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images impact: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ImpactInvalidError) {
      io.stderr.write(`ocp-images impact: ${error.message}\n`);
      return EXIT_FINDINGS;
    }
    throw error;
  }
  if ((options.format ?? 'text') === 'json') {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(renderImpactText(report, shouldColour(io.stdout, io.env, options.color ?? true)));
  }
  if (options.failOn !== undefined && actionRank(report.action) > actionRank(options.failOn)) {
    io.stderr.write(`ocp-images impact: the verdict ${report.action} is more disruptive than --fail-on ${options.failOn}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** Adds `impact` to the `ocp-images` program. */
export function registerImpactCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('impact')
    .description('Say what the nodes do (none, a CRI-O reload, a drain, a reboot, or a node replacement) when the --after configuration replaces the --before one, with the Machine Config Operator\'s own rules.')
    .requiredOption('--before <path...>', 'the configuration the cluster holds now: a YAML/JSON file, a directory (recursing into *.yaml, *.yml, *.json), or - for stdin; repeatable')
    .requiredOption('--after <path...>', 'the configuration after the change, the same way; repeatable')
    .addOption(new Option('-o, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--openshift-version <version>', "the cluster's OpenShift release, 4.N or 5.N: the node files' format, and node disruption policies from 4.17", '4.19')
    .option('--release-image <ref>', "the cluster's release image (ClusterVersion status.desired.image), for the Machine Config Operator's payload check")
    .addOption(new Option('--platform <platform>', 'where the configuration is applied; on hosted control planes a change replaces the nodes').choices([...IMPACT_PLATFORMS]).default('standalone'))
    .addOption(new Option('--fail-on <action>', 'exit 1 when the verdict is more disruptive than this action (for CI gates)').choices([...IMPACT_ACTIONS]))
    .option('--no-color', 'never colour the output (colour is used only on a terminal, and never with NO_COLOR set)')
    .addHelpText('after', [
      '',
      `Verdicts, least disruptive first: ${IMPACT_ACTIONS.join(', ')}.`,
      'Each side is a whole configuration: the Image, ImageDigestMirrorSet, ImageTagMirrorSet and ImageContentSourcePolicy',
      'objects the cluster holds, and optionally MachineConfiguration/cluster (operator.openshift.io/v1) with',
      'spec.nodeDisruptionPolicy; the after side\'s policy counts (the before side\'s when the after side leaves it out).',
      '',
      'Exit codes: 0 decided (any verdict; with --fail-on, a more disruptive verdict exits 1), 1 a side is invalid for',
      'the cluster (the Machine Config Operator\'s message on stderr), 2 usage errors. See docs/impact.md.',
      '',
      'Examples:',
      '  ocp-images impact --before <(git show main:cluster/images.yaml) --after cluster/images.yaml',
      "  { oc get image.config.openshift.io cluster -o yaml; echo ---; oc get idms,itms,imagecontentsourcepolicy -o yaml; echo ---; oc get machineconfiguration cluster -o yaml; } > live.yaml",
      '  ocp-images impact --before live.yaml --after cluster/ --fail-on drain-reload-crio',
    ].join('\n'))
    .action((options: { before: string[]; after: string[]; format: 'text' | 'json'; openshiftVersion?: string; releaseImage?: string; platform: ImpactPlatform; failOn?: ImpactAction; color: boolean }) => {
      process.exitCode = runImpact(options, io);
    });
}
