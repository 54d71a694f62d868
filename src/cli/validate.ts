/**
 * `ocp-images validate -f PATH...`: the rule engine over YAML that nobody wrote with the constructs (brownfield repos,
 * GitOps folders, `oc adm migrate icsp` output). Same engine, same codes as the constructs; cross-object rules run
 * over everything given in one call.
 *
 * Exit codes: 0 no errors (warnings allowed), 1 errors (or unacknowledged warnings with `--strict`), 2 usage errors.
 */
import { Command, Option } from 'commander';
import { checkObjects, CheckTarget } from '../validation';
import { checkOptionsOf } from '../validation/check-options';
import { boundMessage } from '../validation/finding';
import { readCommandInput, withClusterOptionsChecked } from './command-input';
import { DEFAULT_CONFIG_FILE } from './config';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { DEFAULT_MAX_FILE_SIZE, formatByteSize, InputDocument, UsageError } from './input';
import { CliIo, processIo } from './io';
import { CliFinding, renderJson, renderText, shouldColour, sortFindings, ValidateResult } from './output';

/** Options of a validate run, as the command line gives them. */
export interface ValidateOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
  /** @default 'text' */
  readonly format?: 'text' | 'json';
  /** Unacknowledged warnings fail the run. @default false */
  readonly strict?: boolean;
  /** Warning codes acknowledged on the command line (each may hold several codes separated by commas). */
  readonly ack?: readonly string[];
  /** Configuration file. @default `.ocp-images.yaml` in the working directory, when present */
  readonly config?: string;
  /** `false` with `--no-color`. @default true */
  readonly color?: boolean;
  /** Globs of paths to leave out (added to `exclude:` of the configuration file). @default - none */
  readonly exclude?: readonly string[];
  /** The cluster's OpenShift release, `4.N` or `5.N`. @default '4.19' */
  readonly openshiftVersion?: string;
  /** The cluster's release image, for the Machine Config Operator's payload check. @default - unknown */
  readonly releaseImage?: string;
  /** A hosted platform whose rules apply as well. @default - standalone OpenShift */
  readonly target?: CheckTarget;
  /** Per-file size limit, e.g. `50MiB` (overrides `maxFileSize:` of the configuration file). @default '10MiB' */
  readonly maxFileSize?: string;
}

/**
 * Validates the inputs and returns the result; throws {@link UsageError} for usage problems (missing file, bad
 * configuration, unknown acknowledged code). Does not write anything.
 */
export function validateInputs(options: ValidateOptions, io: Pick<CliIo, 'readStdin' | 'cwd'>): ValidateResult & { fileOrder: string[] } {
  const { acknowledge, sources, fileOrder, input, problems } = readCommandInput(options, io);
  const located: CliFinding[] = [...problems];
  const { findings, checked, skippedKinds } = withClusterOptionsChecked(() => checkObjects(input.documents.map((document) => document.object), checkOptionsOf(options)));
  for (const finding of findings) {
    const document: InputDocument = input.documents[finding.index];
    const { index: _index, ...plain } = finding;
    located.push({ ...plain, file: document.file, line: document.lineOf(finding.path) });
  }

  const sorted = sortFindings(located, fileOrder);
  const errors = sorted.filter((finding) => finding.severity === 'error');
  const allWarnings = sorted.filter((finding) => finding.severity === 'warning');
  const warnings = allWarnings.filter((finding) => !acknowledge.has(finding.code));
  const acknowledged = allWarnings.filter((finding) => acknowledge.has(finding.code));

  const skippedCounts: Record<string, number> = {};
  for (const kind of [...skippedKinds].sort()) {
    skippedCounts[kind] = (skippedCounts[kind] ?? 0) + 1;
  }
  const strict = options.strict ?? false;
  const passed = errors.length === 0 && (!strict || warnings.length === 0);
  return {
    errors,
    warnings,
    acknowledged,
    passedOver: input.passedOver,
    notes: input.notes,
    summary: {
      files: sources.length,
      documents: input.documents.length,
      passedOverDocuments: input.passedOver.length,
      // Objects of other kinds are handed to the cross-object rules too (a trusted-CA ConfigMap), but not checked.
      checkedObjects: checked.filter((subject) => subject.known).length,
      skippedObjects: skippedKinds.length,
      skippedKinds: skippedCounts,
      errors: errors.length,
      warnings: warnings.length,
      acknowledged: acknowledged.length,
      strict,
      passed,
    },
    fileOrder,
  };
}

/** Runs `validate` and writes the report; returns the exit code. Never throws for usage errors (exit code 2). */
export function runValidate(options: ValidateOptions, io: CliIo): number {
  let result: ReturnType<typeof validateInputs>;
  try {
    result = validateInputs(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images validate: ${boundMessage(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const { fileOrder, ...report } = result;
  if ((options.format ?? 'text') === 'json') {
    io.stdout.write(renderJson(report));
  } else {
    io.stdout.write(renderText(report, shouldColour(io.stdout, io.env, options.color ?? true), fileOrder));
  }
  return report.summary.passed ? EXIT_OK : EXIT_FINDINGS;
}

/** Adds `validate` to the `ocp-images` program. */
export function registerValidateCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('validate')
    .description('Check OpenShift image configuration YAML (Image, ImageDigestMirrorSet, ImageTagMirrorSet, ImageContentSourcePolicy, registry Config, ImagePruner) with the same rules as the constructs.')
    .requiredOption('-f, --filename <path...>', 'a YAML/JSON file, a directory (recursing into *.yaml, *.yml, *.json), or - for stdin; repeatable')
    .addOption(new Option('-o, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'fail (exit 1) on warnings that are not acknowledged', false)
    .option('--ack <code...>', 'acknowledge a warning code (repeatable, or comma-separated)')
    .option('--config <file>', `configuration file with \`acknowledge: [codes]\` (default: ./${DEFAULT_CONFIG_FILE} when present)`)
    .option('--no-color', 'never colour the output (colour is used only on a terminal, and never with NO_COLOR set)')
    .option('--exclude <glob...>', 'leave out paths matching the glob (a file, or a folder with everything below it); repeatable, also `exclude:` in the configuration file')
    .option('--openshift-version <version>', "the cluster's OpenShift release, 4.N or 5.N: the Machine Config Operator's checks differ between releases", '4.19')
    .option('--release-image <ref>', "the cluster's release image (ClusterVersion status.desired.image), for the Machine Config Operator's payload check")
    .addOption(new Option('--target <platform>', 'also apply the rules of a hosted platform').choices(['rosa-hcp', 'hypershift']))
    .option('--max-file-size <size>', `skip (with an input-too-large error) files larger than this, e.g. 50MiB (default ${formatByteSize(DEFAULT_MAX_FILE_SIZE)}, or \`maxFileSize:\` in the configuration file)`)
    .addHelpText('after', [
      '',
      'Exit codes: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage errors.',
      'Kinds other than the six above are passed over and counted in the summary; so are documents that are not',
      'Kubernetes objects at all (an Ansible playbook, an install-config), with a note.',
      'Objects are checked as applied over what the cluster holds: a field a manifest leaves out is unchanged.',
      '',
      'Examples:',
      '  ocp-images validate -f manifests/',
      '  oc get idms,itms,imagecontentsourcepolicy -o yaml | ocp-images validate -f - --format json',
      '  ocp-images validate -f cluster/ --strict --ack insecure-registry',
    ].join('\n'))
    .action((options: { filename: string[]; format: 'text' | 'json'; strict: boolean; ack?: string[]; config?: string; color: boolean; exclude?: string[]; openshiftVersion?: string; releaseImage?: string; target?: CheckTarget; maxFileSize?: string }) => {
      process.exitCode = runValidate(options, io);
    });
}
