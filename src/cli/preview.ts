/**
 * `ocp-images preview -f PATH... [--release-image REF] [--openshift-version 4.N] --out DIR`: the files the Machine
 * Config Operator would put into the `99-<pool>-generated-registries` MachineConfig, written byte for byte at their
 * node paths under DIR, and only those.
 *
 * Everything is rendered in memory first; nothing is written when the MCO would fail (exit 1, its message on
 * stderr) or when the command line or the input is unusable (exit 2).
 */
import { Command } from 'commander';
import {
  collectNodeFilesInput,
  MachineConfigOperatorError,
  NodeFilesResult,
  OpenShiftVersionError,
  OutputFolderError,
  PreviewNotice,
  renderNodeFiles,
  writeNodeFiles,
} from '../node-files';
import { checkOptionsOf, checkOptionsOrThrow, InvalidReleaseImageError } from '../validation/check-options';
import { boundMessage } from '../validation/finding';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { DEFAULT_MAX_FILE_SIZE, expandPaths, formatByteSize, InputDocument, maxFileSizeOf, readInputs, underFolder, UsageError } from './input';
import { CliIo, InputIo, processIo } from './io';

/** Options of a preview run, as the command line gives them. */
export interface PreviewOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
  /** Output folder; the node paths are created under it. */
  readonly out: string;
  /** The cluster's release image (`oc get clusterversion version -o jsonpath='{.status.desired.image}'`). */
  readonly releaseImage?: string;
  /** `4.N`. @default '4.19' */
  readonly openshiftVersion?: string;
  /** Render as at installation (bootstrap) rather than by the running controller. @default false */
  readonly bootstrap?: boolean;
  /** Per-file size limit, e.g. `50MiB`. @default '10MiB' */
  readonly maxFileSize?: string;
}

/** What a successful run rendered, before anything is written. */
export interface PreviewPlan {
  readonly result: NodeFilesResult;
  /** Extra notes about the input (Image objects with another name, kinds passed over). */
  readonly inputNotes: readonly string[];
}

function where(document: InputDocument): string {
  return `${document.file}:${document.line}`;
}

/**
 * Reads the inputs and renders the node files in memory.
 * @throws UsageError for unusable command lines or input
 * @throws MachineConfigOperatorError when the MCO would fail
 */
export function planPreview(options: PreviewOptions, io: InputIo): PreviewPlan {
  if (options.filename.length === 0) {
    throw new UsageError('no input: give at least one -f PATH (a file, a directory, or - for stdin)');
  }
  try {
    checkOptionsOrThrow(checkOptionsOf(options));
  } catch (error) {
    if (error instanceof OpenShiftVersionError || error instanceof InvalidReleaseImageError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  const input = readInputs(expandPaths(options.filename, { cwd: io.cwd }), { readStdin: io.readStdin, maxFileSize: maxFileSizeOf(options.maxFileSize, undefined) });
  if (input.problems.length > 0) {
    const first = input.problems[0];
    throw new UsageError(`cannot read the input: ${first.file}:${first.line}: ${first.message}`);
  }
  const collected = collectNodeFilesInput(input.documents.map((document) => document.object));
  if (collected.problems.length > 0) {
    const problem = collected.problems[0];
    throw new UsageError(`${problem.message} (${problem.indexes.map((i) => where(input.documents[i])).join(', ')})`);
  }
  const inputNotes: string[] = input.notes.map((note) => `${note.file}: ${note.message}`);
  for (const index of collected.otherImages) {
    inputNotes.push(`${where(input.documents[index])}: an Image not named "cluster" is not read by the MCO`);
  }
  if (collected.ignored > 0) {
    inputNotes.push(`${collected.ignored} object(s) of other kinds passed over`);
  }
  try {
    const result = renderNodeFiles({
      ...collected.input,
      ...(options.releaseImage !== undefined ? { releaseImage: options.releaseImage } : {}),
      ...(options.openshiftVersion !== undefined ? { openshiftVersion: options.openshiftVersion } : {}),
      bootstrap: options.bootstrap ?? false,
      assumeEmptyImage: true,
    });
    return { result, inputNotes };
  } catch (error) {
    if (error instanceof OpenShiftVersionError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function noticeLines(label: string, notices: readonly PreviewNotice[]): string[] {
  return notices.map((notice) => `  ${label}: ${notice.message}`);
}

/** The short summary printed after a successful run. */
export function formatSummary(plan: PreviewPlan, outDir: string): string {
  const { result } = plan;
  const s = result.summary;
  const lines = [
    `ocp-images preview (OpenShift ${result.openshiftVersion}): ${s.files} file(s) written under ${outDir}` +
      ` (registries: ${s.registries}, mirrors: ${s.mirrors}, warnings: ${s.warnings})`,
  ];
  for (const file of result.files) {
    lines.push(`  ${file.path}`);
  }
  if (result.files.length === 0) {
    lines.push(
      result.machineConfigGenerated
        ? '  (nothing configured: the MachineConfig holds no file and the nodes keep their base files)'
        : '  (no MachineConfig: the nodes keep their base files)',
    );
  }
  // Appended one by one: a spread of a very long list would overflow the call stack.
  for (const line of [...noticeLines('warning', result.warnings), ...noticeLines('note', result.notes), ...plan.inputNotes.map((note) => `  note: ${note}`)]) {
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `preview` and returns the exit code; writes nothing unless rendering succeeded. */
export function runPreview(options: PreviewOptions, io: CliIo): number {
  let plan: PreviewPlan;
  try {
    plan = planPreview(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images preview: ${boundMessage(error.message)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof MachineConfigOperatorError) {
      // The MCO's message, with any value it quotes whole cut to a readable length.
      io.stderr.write(`${boundMessage(error.message)}\n`);
      return EXIT_FINDINGS;
    }
    throw error;
  }
  try {
    writeNodeFiles(underFolder(io.cwd, options.out), plan.result.files);
  } catch (error) {
    // The output folder is unusable (a link on a write path, a file, no permission...): one message, the previous
    // preview intact.
    if (error instanceof OutputFolderError) {
      io.stderr.write(`ocp-images preview: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  io.stdout.write(formatSummary(plan, options.out));
  return EXIT_OK;
}

/** Adds `preview` to the `ocp-images` program. */
export function registerPreviewCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('preview')
    .description(
      'Write the node files the Machine Config Operator would generate (registries.conf, policy.json, the search-registries drop-in), byte for byte, under DIR.',
    )
    .requiredOption('-f, --filename <path...>', 'a YAML/JSON file, a directory (recursing into *.yaml, *.yml, *.json), or - for stdin; repeatable')
    .requiredOption('--out <dir>', 'output folder (created when missing); files land at their node paths, e.g. DIR/etc/containers/registries.conf')
    .option('--release-image <ref>', "the cluster's release image (ClusterVersion status.desired.image); without it the payload check is skipped")
    .option('--openshift-version <version>', "the cluster's OpenShift release, 4.N or 5.N: the file format (4.19+: current; 4.17-4.18; 4.16 and earlier: compact policy.json) and the Machine Config Operator's checks follow it", '4.19')
    .option('--bootstrap', 'render as at installation (an absent Image still renders the mirrors)', false)
    .option('--max-file-size <size>', `refuse (exit 2) input files larger than this, e.g. 50MiB (default ${formatByteSize(DEFAULT_MAX_FILE_SIZE)})`)
    .addHelpText('after', [
      '',
      'Exit codes: 0 files written, 1 the MCO would fail (its message on stderr, nothing written), 2 usage errors or an unusable --out (nothing changed).',
      'Only the Image named cluster, ImageDigestMirrorSet, ImageTagMirrorSet and ImageContentSourcePolicy are read.',
      '',
      'What --out owns: DIR/etc/containers (a link the preview switches in one step, so a killed run leaves the old',
      'files or the new ones, never a mix) and DIR/etc/.ocp-images-preview (the files behind it). Nothing outside DIR',
      'is written or deleted: a symbolic link on a write path (DIR itself, DIR/etc, DIR/etc/containers, a file) or',
      'files in DIR/etc/containers that the preview did not write are refused with exit 2. See docs/cli.md.',
      '',
      'Examples:',
      '  ocp-images preview -f manifests/ --out preview/',
      "  ocp-images preview -f cluster/ --release-image \"$(oc get clusterversion version -o jsonpath='{.status.desired.image}')\" --out /tmp/nodes",
    ].join('\n'))
    .action((options: { filename: string[]; out: string; releaseImage?: string; openshiftVersion?: string; bootstrap?: boolean; maxFileSize?: string }) => {
      process.exitCode = runPreview(options, io);
    });
}
