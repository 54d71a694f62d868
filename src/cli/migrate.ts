/**
 * `ocp-images migrate icsp -f PATH... [--dest-dir DIR]`: one `ImageDigestMirrorSet` file per
 * `ImageContentSourcePolicy`, as `oc adm migrate icsp` converts them, with the proof that the nodes' registries.conf
 * does not change (see src/brownfield/migrate-icsp.ts).
 *
 * Exit codes: 0 files written; 2 usage errors, input that cannot be migrated, or an unusable DIR (nothing written).
 */
import { Command } from 'commander';
import { IcspMigrationPlan, MigrationInputError, planIcspMigration, RenderOutcome } from '../brownfield/migrate-icsp';
import { lineDiff } from '../brownfield/line-diff';
import { OutputFilesError, writeFilesAtomically } from '../brownfield/write-files';
import { REGISTRIES_CONF_PATH } from '../node-files/render';
import { OpenShiftVersionError } from '../node-files/version';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import { expandPaths, readInputs, underFolder, UsageError } from './input';
import { CliIo, InputIo, processIo } from './io';

/** Options of a `migrate icsp` run, as the command line gives them. */
export interface MigrateIcspOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
  /** Where the files go. @default '.' (as `oc adm migrate icsp`) */
  readonly destDir?: string;
  /** `4.N`, for the rendering. @default '4.19' */
  readonly openshiftVersion?: string;
  /** The cluster's release image, for the rendering. @default - unknown */
  readonly releaseImage?: string;
}

/** Reads the input and plans the migration. @throws UsageError, MigrationInputError */
export function planMigrateIcsp(options: MigrateIcspOptions, io: InputIo): IcspMigrationPlan {
  if (options.filename.length === 0) {
    throw new UsageError('no input: give at least one -f PATH (a file, a directory, or - for stdin)');
  }
  const input = readInputs(expandPaths(options.filename, { cwd: io.cwd }), { readStdin: io.readStdin });
  if (input.problems.length > 0) {
    throw new UsageError(`cannot read the input:\n${input.problems.map((problem) => `  ${problem.file}:${problem.line}: ${problem.message}`).join('\n')}`);
  }
  try {
    return planIcspMigration(
      input.documents.map((document) => ({ object: document.object, where: `${document.file}:${document.line}` })),
      { openshiftVersion: options.openshiftVersion, releaseImage: options.releaseImage },
    );
  } catch (error) {
    if (error instanceof OpenShiftVersionError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function countOf(outcome: RenderOutcome): string {
  if (!outcome.ok) {
    return '';
  }
  const { registries, mirrors } = outcome.result.summary;
  return `${registries} registr${registries === 1 ? 'y' : 'ies'}, ${mirrors} mirror${mirrors === 1 ? '' : 's'}`;
}

/** How an outcome reads in the summary. */
function describeOutcome(outcome: RenderOutcome): string {
  return outcome.ok ? `${outcome.result.files.length} file(s)` : `the Machine Config Operator fails: ${outcome.message}`;
}

/** The differences between two renderings, file by file. */
function differences(before: RenderOutcome, after: RenderOutcome): string[] {
  if (!before.ok && !after.ok && before.message === after.message) {
    return [];
  }
  if (!before.ok || !after.ok) {
    return [`  before: ${describeOutcome(before)}`, `  after: ${describeOutcome(after)}`];
  }
  const lines: string[] = [];
  const paths = [...new Set([...before.result.files, ...after.result.files].map((file) => file.path))];
  for (const nodePath of paths) {
    const old = before.result.files.find((file) => file.path === nodePath)?.content;
    const next = after.result.files.find((file) => file.path === nodePath)?.content;
    if (old === next) {
      continue;
    }
    lines.push(`  ${nodePath}${old === undefined ? ' (written only after)' : next === undefined ? ' (written only before)' : ''}:`);
    lines.push(...lineDiff(old ?? '', next ?? '').map((line) => `    ${line}`));
  }
  return lines;
}

/** The summary: files written, the comparison of the rendered node files, the rollout warning, notes. */
export function formatMigrationSummary(plan: IcspMigrationPlan, written: readonly string[]): string {
  const { comparison } = plan;
  const count = plan.files.length;
  const lines = [`ocp-images migrate icsp: ${count} ImageDigestMirrorSet${count === 1 ? '' : 's'} written`];
  plan.files.forEach((file, index) => {
    lines.push(`  ${written[index]}  (from ${file.from}, ${file.where})`);
  });
  const image = comparison.imageGiven ? 'with the Image/cluster of the input' : 'over an empty Image/cluster (none in the input)';
  const { before, after, during } = comparison;
  if (comparison.identical && before.ok) {
    const what = before.result.files.some((file) => file.path === REGISTRIES_CONF_PATH) ? `registries.conf (${countOf(before)})` : 'the node files';
    lines.push(`registries.conf: identical before and after: ${what} rendered from the ImageContentSourcePolicies, from the ImageDigestMirrorSets that replace them, and from both applied together are the same, byte for byte (${image}).`);
  } else if (comparison.identical && !before.ok) {
    lines.push(`registries.conf: the Machine Config Operator fails on the input as it is, and fails the same way after the migration (${image}): ${before.message}`);
  } else {
    lines.push(`WARNING: registries.conf is NOT the same after the migration (${image}).`);
    if (comparison.repeatedMirrors) {
      lines.push('  A policy repeats a mirror within one entry. An ImageDigestMirrorSet cannot (its mirrors are a set, the API server refuses a repeated one), so each mirror is written once, where it first appears; the Machine Config Operator then orders the mirrors of that source differently. Check the order below, and change the mirrors of the ImageDigestMirrorSet if another one is wanted.');
    }
    lines.push(...differences(before, after));
    const whileBoth = differences(before, during);
    if (whileBoth.length > 0) {
      lines.push('  While both are applied (compared with before):', ...whileBoth);
    }
  }
  if (comparison.deletionAloneChangesNodes) {
    const without = comparison.withoutReplacement;
    const left = without.ok ? ` (what remains: ${countOf(without)})` : '';
    lines.push(
      'WARNING: apply the ImageDigestMirrorSets and delete the ImageContentSourcePolicies in one change (or the sets first). ' +
      `Deleting a policy on its own removes its registries and mirrors from registries.conf${left}: that is not a change the ` +
      'Machine Config Operator applies in place, so it drains every node of every pool, one after the other.',
    );
  }
  lines.push(...plan.notes.map((note) => `note: ${note}`));
  return `${lines.join('\n')}\n`;
}

/** Runs `migrate icsp` and returns the exit code. */
export function runMigrateIcsp(options: MigrateIcspOptions, io: CliIo): number {
  let plan: IcspMigrationPlan;
  try {
    plan = planMigrateIcsp(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images migrate icsp: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof MigrationInputError) {
      io.stderr.write(`ocp-images migrate icsp: nothing written; the input cannot be migrated:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const destDir = options.destDir ?? '.';
  let written: string[];
  try {
    written = writeFilesAtomically(underFolder(io.cwd, destDir), plan.files.map((file) => ({ name: file.fileName, content: file.content })));
  } catch (error) {
    if (error instanceof OutputFilesError) {
      io.stderr.write(`ocp-images migrate icsp: --dest-dir: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  io.stdout.write(formatMigrationSummary(plan, written));
  return EXIT_OK;
}

/** Adds `migrate icsp` to the `ocp-images` program. */
export function registerMigrateCommand(program: Command, io: CliIo = processIo()): void {
  const migrate = program
    .command('migrate')
    .description('Migrate deprecated objects to their replacements.');
  migrate
    .command('icsp')
    .description('Write one ImageDigestMirrorSet per ImageContentSourcePolicy (as `oc adm migrate icsp`), and show that the nodes\' registries.conf stays the same.')
    .requiredOption('-f, --filename <path...>', 'a YAML/JSON file (several policies and Lists welcome), a directory (recursing into *.yaml, *.yml, *.json), or - for stdin; repeatable')
    .option('--dest-dir <dir>', 'folder for the imagedigestmirrorset_<name>.yaml files (created when missing)', '.')
    .option('--openshift-version <version>', "the cluster's OpenShift release, 4.N or 5.N, for the rendering of registries.conf", '4.19')
    .option('--release-image <ref>', "the cluster's release image (ClusterVersion status.desired.image), for the rendering")
    .addHelpText('after', [
      '',
      'Each ImageContentSourcePolicy becomes DIR/imagedigestmirrorset_<name>.yaml: same name, labels and annotations,',
      'the same sources and mirrors in order, no mirrorSourcePolicy (the sources stay reachable, as with the policy).',
      'Server fields (status, uid, resourceVersion, creationTimestamp, managedFields, generation, the last-applied',
      'annotation) are dropped. The Image and the mirror sets of the input are read for the comparison of registries.conf.',
      '',
      'Exit codes: 0 files written; 2 usage errors, input that cannot be migrated, or an unusable --dest-dir (a symbolic',
      'link, a file): nothing written.',
      '',
      'Examples:',
      '  ocp-images migrate icsp -f cluster/icsp.yaml --dest-dir cluster/',
      '  oc get imagecontentsourcepolicy -o yaml | ocp-images migrate icsp -f - --dest-dir idms/',
    ].join('\n'))
    .action((options: { filename: string[]; destDir: string; openshiftVersion?: string; releaseImage?: string }) => {
      process.exitCode = runMigrateIcsp(options, io);
    });
}
