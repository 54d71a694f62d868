/**
 * `ocp-images import -f PATH...`: prints a TypeScript module that builds the objects of the input with this library's
 * constructs (see src/brownfield/import-objects.ts); what was imported, skipped or left out goes to standard error.
 * A folder written by oc-mirror v2 (`cluster-resources/`, recognised by its `idms-oc-mirror.yaml` or
 * `itms-oc-mirror.yaml`) is read for its mirror sets only; its other files are listed as not handled.
 *
 * Exit codes: 0 module printed; 1 module printed, but an imported object breaks a rule (the construct refuses it
 * until the value is fixed); 2 usage errors, unreadable input, or nothing to import.
 */
import { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { importObjects, ImportResult } from '../brownfield/import-objects';
import { clusterResourcesFiles, isClusterResourcesFolder, NotHandledFile } from '../brownfield/oc-mirror';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { expandPaths, InputSource, readInputs, underFolder, UsageError } from './input';
import { CliIo, InputIo, processIo } from './io';


/** Options of an import run, as the command line gives them. */
export interface ImportCommandOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
}

/** The outcome of an import run before anything is printed. */
export interface ImportRun {
  readonly result: ImportResult;
  /** Files of oc-mirror folders that were not read. */
  readonly notHandled: readonly NotHandledFile[];
  /** Documents that are not Kubernetes objects, passed over. */
  readonly passedOver: readonly string[];
  readonly files: number;
}

function isDirectory(given: string): boolean {
  try {
    return fs.statSync(given).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the input and builds the module. @throws UsageError */
export function runImportInMemory(options: ImportCommandOptions, io: InputIo): ImportRun {
  if (options.filename.length === 0) {
    throw new UsageError('no input: give at least one -f PATH (a file, a directory, or - for stdin)');
  }
  const sources: InputSource[] = [];
  const notHandled: NotHandledFile[] = [];
  for (const given of options.filename) {
    const folderPath = underFolder(io.cwd, given);
    if (given !== '-' && isDirectory(folderPath) && isClusterResourcesFolder(folderPath)) {
      const folder = clusterResourcesFiles(folderPath);
      // Shown as the user named the folder; read where it is.
      sources.push(...folder.read.map((file) => ({ name: path.join(given, path.relative(folderPath, file)), path: file })));
      notHandled.push(...folder.notHandled.map((file) => ({ ...file, file: path.join(given, path.relative(folderPath, file.file)) })));
    } else {
      sources.push(...expandPaths([given], { cwd: io.cwd }));
    }
  }
  const input = readInputs(sources, { readStdin: io.readStdin });
  if (input.problems.length > 0) {
    throw new UsageError(`cannot read the input:\n${input.problems.map((problem) => `  ${problem.file}:${problem.line}: ${problem.message}`).join('\n')}`);
  }
  const result = importObjects(input.documents.map((document) => ({ object: document.object, where: `${document.file}:${document.line}`, file: document.file })));
  if (result.imported.length === 0) {
    const skipped = result.skipped.map((item) => `  ${item.ref} (${item.where}): ${item.reason}`);
    throw new UsageError(`nothing to import: no Image, ImageDigestMirrorSet, ImageTagMirrorSet, ImageContentSourcePolicy, registry Config or ImagePruner in the input${skipped.length > 0 ? `\n${skipped.join('\n')}` : ''}`);
  }
  return {
    result,
    notHandled,
    passedOver: input.passedOver.map((note) => `${note.file}:${note.line}: ${note.reason}`),
    files: sources.length,
  };
}

/** The report on standard error. */
export function formatImportReport(run: ImportRun): string {
  const { result } = run;
  const lines: string[] = [];
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  const warnings = result.findings.filter((finding) => finding.severity === 'warning');
  lines.push(`ocp-images import: ${result.imported.length} object(s) imported from ${run.files} file(s), ${result.skipped.length} skipped.`);
  for (const imported of result.imported) {
    const extras = [
      ...(imported.trustedCaConfigMap !== undefined ? [`with its trusted-CA ConfigMap (${imported.trustedCaConfigMap}) as trustedCAs`] : []),
      ...(imported.ocMirror ? ['oc-mirror annotations dropped, entries sorted by source'] : []),
    ];
    lines.push(`  imported ${imported.ref} (${imported.where}) as ${imported.construct} '${imported.id}'${extras.length > 0 ? `: ${extras.join('; ')}` : ''}`);
    for (const dropped of imported.dropped) {
      lines.push(`    left out ${dropped.path}: ${dropped.reason}`);
    }
  }
  for (const skipped of result.skipped) {
    lines.push(`  skipped ${skipped.ref} (${skipped.where}): ${skipped.reason}`);
  }
  for (const file of run.notHandled) {
    lines.push(`  not handled: ${file.file}: ${file.holds}; apply it as it is (or with cdk8s Include)`);
  }
  for (const note of run.passedOver) {
    lines.push(`  passed over: ${note}`);
  }
  for (const finding of [...errors, ...warnings]) {
    lines.push(`  ${finding.where}: ${finding.severity} [${finding.code}] ${finding.object}${finding.path ? ` ${finding.path}` : ''}: ${finding.message}`);
    lines.push(`      fix: ${finding.hint}`);
  }
  if (errors.length > 0) {
    lines.push(`${errors.length} error(s): the constructs refuse these values at synth until they are fixed in the module (or in the manifests, then import again).`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `import`: the module on standard output, the report on standard error; returns the exit code. */
export function runImport(options: ImportCommandOptions, io: CliIo): number {
  let run: ImportRun;
  try {
    run = runImportInMemory(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images import: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  io.stdout.write(run.result.module);
  io.stderr.write(formatImportReport(run));
  return run.result.findings.some((finding) => finding.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds `import` to the `ocp-images` program. */
export function registerImportCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('import')
    .description('Print a TypeScript module that builds the given image configuration with the constructs of this library (export function build(scope: Construct): void).')
    .requiredOption('-f, --filename <path...>', 'a YAML/JSON file, a directory (recursing into *.yaml, *.yml, *.json; oc-mirror\'s cluster-resources/ read for its mirror sets), or - for stdin; repeatable')
    .addHelpText('after', [
      '',
      'Image (with its trusted-CA ConfigMap when given), ImageDigestMirrorSet, ImageTagMirrorSet,',
      'ImageContentSourcePolicy, registry Config and ImagePruner become constructs; other objects are skipped (listed on',
      'standard error). Server fields (status, uid, resourceVersion, managedFields...) are dropped, and so is a registry',
      'httpSecret. Synthesized, the module yields the objects it was made from. See docs/import.md.',
      '',
      'Exit codes: 0 module printed; 1 module printed, but an object breaks a rule (the construct refuses it until fixed);',
      '2 usage errors, unreadable input, or nothing to import.',
      '',
      'Examples:',
      '  ocp-images import -f cluster/ > src/image-config.ts',
      '  oc get image.config.openshift.io/cluster idms itms -o yaml | ocp-images import -f - > src/image-config.ts',
      '  ocp-images import -f oc-mirror-workspace/working-dir/cluster-resources/ > src/mirrors.ts',
    ].join('\n'))
    .action((options: { filename: string[] }) => {
      process.exitCode = runImport(options, io);
    });
}
