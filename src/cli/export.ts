/**
 * `ocp-images export --target rosa-cli|rhcs|hostedcluster --cluster NAME -f PATH... [--format json] [--out DIR]`: one
 * cluster's image configuration for a hosted platform, written for the tool that sets it there. The configuration is
 * checked with the target's rules first (the same as `validate --target rosa-hcp|hypershift`); on any error nothing is
 * exported: exit 1, the findings on stderr.
 *
 * stdout is the export and nothing else (a sh script, Terraform JSON, or YAML); findings, warnings and notes go to
 * stderr, as text or, with `--format json`, as one JSON object of the same shape as `validate --format json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { isDns1123Label } from '../model/dns';
import { tryExportHostedCluster, renderHostedClusterYaml, DEFAULT_HOSTED_CLUSTER_NAMESPACE } from '../targets/hosted-cluster';
import { TargetExportOutcome } from '../targets/outcome';
import { defaultTrustedCaFileName, renderRosaCliScript, ROSA_CLUSTER_KEY, rosaTrustedCaFile } from '../targets/rosa-cli';
import { renderRhcsTerraformJson } from '../targets/rhcs';
import { RosaHcpExport, tryExportRosaHcp } from '../targets/rosa-hcp';
import { LocatedFinding } from '../validation';
import { checkOptionsOf } from '../validation/check-options';
import { readCommandInput, withClusterOptionsChecked } from './command-input';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { DEFAULT_MAX_FILE_SIZE, formatByteSize, UsageError } from './input';
import { CliIo, processIo } from './io';
import { CliFinding, renderJson, renderText, shouldColour, sortFindings, ValidateResult } from './output';

/** The tools `export` writes for. */
export const EXPORT_TARGETS = ['rosa-cli', 'rhcs', 'hostedcluster'] as const;
export type ExportTarget = typeof EXPORT_TARGETS[number];

/** Options of an export run, as the command line gives them. */
export interface ExportOptions {
  readonly target: ExportTarget;
  /** The cluster: a rosa cluster name or ID, a Terraform cluster ID or `${...}` reference, or the HostedCluster's name. */
  readonly cluster: string;
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
  /** @default 'text' */
  readonly format?: 'text' | 'json';
  /** Where `rosa-cli` writes the trusted-CA file. @default the working directory */
  readonly out?: string;
  /** Namespace of the HostedCluster. @default 'clusters' */
  readonly namespace?: string;
  /** @default '4.19' */
  readonly openshiftVersion?: string;
  readonly releaseImage?: string;
  readonly exclude?: readonly string[];
  readonly config?: string;
  readonly ack?: readonly string[];
  /** `false` with `--no-color`. @default true */
  readonly color?: boolean;
  /** Per-file size limit, e.g. `50MiB` (overrides `maxFileSize:` of the configuration file). @default '10MiB' */
  readonly maxFileSize?: string;
}

const TARGET_LABELS: Readonly<Record<ExportTarget, string>> = {
  'rosa-cli': 'ROSA HCP (rosa CLI)',
  'rhcs': 'ROSA HCP (rhcs Terraform provider)',
  'hostedcluster': 'HyperShift (HostedCluster)',
};

/** The cluster argument must be usable by the target's tool. */
function checkCluster(options: ExportOptions): void {
  const cluster = options.cluster;
  if (options.target === 'rosa-cli' && !ROSA_CLUSTER_KEY.test(cluster)) {
    throw new UsageError(`--cluster ${JSON.stringify(cluster)}: the rosa CLI takes a cluster name or ID of letters, digits, '_' and '-'`);
  }
  if (options.target === 'rhcs' && (cluster === '' || /[\u0000-\u001f]/.test(cluster))) {
    throw new UsageError(`--cluster ${JSON.stringify(cluster)}: give the cluster ID, or a Terraform reference such as '\${rhcs_cluster_rosa_hcp.main.id}'`);
  }
  if (options.target === 'hostedcluster' && !isDns1123Label(cluster)) {
    throw new UsageError(`--cluster ${JSON.stringify(cluster)}: a HostedCluster is named by a lower-case DNS-1123 label (letters, digits, '-', at most 63 characters)`);
  }
  if (options.namespace !== undefined && !isDns1123Label(options.namespace)) {
    throw new UsageError(`--namespace ${JSON.stringify(options.namespace)}: a namespace is a lower-case DNS-1123 label`);
  }
}

/** Writes `content` to `file` through a temporary file and a rename, so the file is whole or absent. */
function writeWhole(file: string, content: string): void {
  const directory = path.dirname(file);
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${directory}: cannot create the folder: ${(error as Error).message}`);
  }
  if (!fs.statSync(directory).isDirectory()) {
    throw new UsageError(`--out ${directory}: not a folder`);
  }
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

interface Artifact {
  readonly stdout: string;
  /** Files to write before stdout is printed: path -> content. */
  readonly files: readonly [string, string][];
  readonly notes: readonly string[];
}

function rosaCliArtifact(exported: RosaHcpExport, options: ExportOptions): Artifact {
  const name = defaultTrustedCaFileName(exported.cluster);
  // The script names the file as the user named the folder, so a relative --out stays relative to where they run it.
  const trustedCaFile = options.out !== undefined ? path.join(options.out, name) : name;
  const content = rosaTrustedCaFile(exported);
  return {
    stdout: renderRosaCliScript(exported, { trustedCaFile }),
    files: content !== undefined ? [[trustedCaFile, content]] : [],
    notes: content !== undefined ? [`wrote ${trustedCaFile}: the trusted CAs, which the script passes to rosa by this path`] : [],
  };
}

/** Runs the export for the target: the findings, and the artifact when there is no error. */
function exportFor(objects: readonly unknown[], options: ExportOptions): TargetExportOutcome<Artifact> {
  // Not options.target: that is the tool exported for; the engine's target (rosa-hcp, hypershift) is the export's own.
  const checkOptions = checkOptionsOf({ openshiftVersion: options.openshiftVersion, releaseImage: options.releaseImage });
  if (options.target === 'hostedcluster') {
    const namespace = options.namespace ?? DEFAULT_HOSTED_CLUSTER_NAMESPACE;
    const outcome = tryExportHostedCluster(objects, { ...checkOptions, name: options.cluster, namespace });
    const { result, ...rest } = outcome;
    return result === undefined ? rest : {
      ...rest,
      result: {
        stdout: renderHostedClusterYaml(result),
        files: [],
        notes: result.externalTrustedCaConfigMap !== undefined
          ? [`the Image names ConfigMap ${JSON.stringify(result.externalTrustedCaConfigMap)}, which the input does not give: it must exist in namespace ${JSON.stringify(namespace)} next to the HostedCluster`]
          : [],
      },
    };
  }
  const outcome = tryExportRosaHcp(objects, { ...checkOptions, cluster: options.cluster });
  const { result, ...rest } = outcome;
  if (result === undefined) {
    return rest;
  }
  return { ...rest, result: options.target === 'rosa-cli' ? rosaCliArtifact(result, options) : { stdout: renderRhcsTerraformJson(result), files: [], notes: [] } };
}

/** Runs `export`; returns the exit code. Never throws for usage errors (exit code 2). */
export function runExport(options: ExportOptions, io: CliIo): number {
  const label = TARGET_LABELS[options.target];
  try {
    checkCluster(options);
    const { acknowledge, sources, fileOrder, input, problems } = readCommandInput(options, io);
    const outcome = withClusterOptionsChecked(() => exportFor(input.documents.map((document) => document.object), options));
    const locate = (finding: LocatedFinding): CliFinding => {
      const document = input.documents[finding.index];
      const { index: _index, ...plain } = finding;
      return { ...plain, file: document.file, line: document.lineOf(finding.path) };
    };
    const errors = sortFindings([...problems, ...outcome.errors.map(locate)], fileOrder);
    const allWarnings = sortFindings(outcome.warnings.map(locate), fileOrder);
    const warnings = allWarnings.filter((finding) => !acknowledge.has(finding.code));
    const acknowledged = allWarnings.filter((finding) => acknowledge.has(finding.code));
    const unused = outcome.unused.map((index) => {
      const document = input.documents[index];
      const object = document.object as { kind?: unknown; metadata?: { name?: unknown } };
      return { file: document.file, line: document.line, reason: `${String(object.kind)}/${String(object.metadata?.name)} is not part of the ${label} export, which carries the Image, the digest mirror sets and the trusted-CA ConfigMap` };
    });
    const passed = errors.length === 0 && outcome.result !== undefined;
    const report: ValidateResult = {
      errors,
      warnings,
      acknowledged,
      passedOver: [...input.passedOver, ...unused],
      notes: input.notes,
      summary: {
        files: sources.length,
        documents: input.documents.length,
        passedOverDocuments: input.passedOver.length,
        checkedObjects: input.documents.length - unused.length,
        skippedObjects: unused.length,
        skippedKinds: {},
        errors: errors.length,
        warnings: warnings.length,
        acknowledged: acknowledged.length,
        strict: false,
        passed,
      },
    };
    const artifact = passed ? outcome.result : undefined;
    if (artifact) {
      // The files the export refers to first: when one cannot be written, nothing is printed.
      for (const [file, content] of artifact.files) {
        writeWhole(path.resolve(io.cwd, file), content);
      }
    }
    const notes = artifact?.notes ?? [];
    if ((options.format ?? 'text') === 'json') {
      io.stderr.write(renderJson({ ...report, notes: [...report.notes, ...notes.map((message) => ({ file: '-', message }))] }));
    } else {
      const text = renderText(report, shouldColour(io.stderr, io.env, options.color ?? true), fileOrder);
      io.stderr.write(text + notes.map((note) => `note: ${note}\n`).join(''));
    }
    if (!artifact) {
      return EXIT_FINDINGS;
    }
    io.stdout.write(artifact.stdout);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocp-images export: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** Adds `export` to the `ocp-images` program. */
export function registerExportCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('export')
    .description('Export one cluster\'s image configuration (Image, digest mirror sets, trusted CAs) for ROSA HCP (a rosa CLI script, or rhcs Terraform JSON) or HyperShift (a partial HostedCluster), after checking it with the target\'s rules.')
    .addOption(new Option('--target <target>', 'rosa-cli: a sh script of rosa commands; rhcs: Terraform JSON for the rhcs provider; hostedcluster: YAML of a partial HostedCluster').choices([...EXPORT_TARGETS]).makeOptionMandatory())
    .requiredOption('--cluster <name>', 'rosa-cli: the cluster name or ID; rhcs: the cluster ID or a reference such as \'${rhcs_cluster_rosa_hcp.main.id}\'; hostedcluster: the HostedCluster\'s name')
    .requiredOption('-f, --filename <path...>', 'a YAML/JSON file, a directory (recursing into *.yaml, *.yml, *.json), or - for stdin; repeatable')
    .addOption(new Option('-o, --format <format>', 'format of the findings on stderr').choices(['text', 'json']).default('text'))
    .option('--out <dir>', 'rosa-cli: the folder to write the trusted-CA JSON file in (default: the working directory)')
    .option('--namespace <namespace>', `hostedcluster: the HostedCluster's namespace, where the trusted-CA ConfigMap goes too (default: ${DEFAULT_HOSTED_CLUSTER_NAMESPACE})`)
    .option('--openshift-version <version>', "the cluster's OpenShift release, 4.N or 5.N", '4.19')
    .option('--release-image <ref>', "the cluster's release image, for the Machine Config Operator's payload check")
    .option('--exclude <glob...>', 'leave out paths matching the glob; repeatable, also `exclude:` in the configuration file')
    .option('--config <file>', 'configuration file (default: ./.ocp-images.yaml when present)')
    .option('--ack <code...>', 'acknowledge a warning code (repeatable, or comma-separated)')
    .option('--no-color', 'never colour the findings')
    .option('--max-file-size <size>', `skip (with an input-too-large error) files larger than this, e.g. 50MiB (default ${formatByteSize(DEFAULT_MAX_FILE_SIZE)}, or \`maxFileSize:\` in the configuration file)`)
    .addHelpText('after', [
      '',
      'Exit codes: 0 exported (stdout holds the export), 1 the target cannot carry the configuration or it has errors',
      '(findings on stderr, nothing exported), 2 usage errors.',
      'The rules are those of `ocp-images validate --target rosa-hcp` (rosa-cli, rhcs) or `--target hypershift`',
      '(hostedcluster). Any change rolls out new nodes in every machine pool / NodePool. See docs/rosa-hcp.md.',
      '',
      'Examples:',
      '  ocp-images export --target rosa-cli --cluster my-cluster -f cluster/ --out build > images.sh && sh images.sh',
      "  ocp-images export --target rhcs --cluster '${rhcs_cluster_rosa_hcp.main.id}' -f cluster/ > images.tf.json",
      '  ocp-images export --target hostedcluster --cluster my-hosted --namespace clusters -f cluster/ > hc-images.yaml',
    ].join('\n'))
    .action((options: { target: ExportTarget; cluster: string; filename: string[]; format: 'text' | 'json'; out?: string; namespace?: string; openshiftVersion?: string; releaseImage?: string; exclude?: string[]; config?: string; ack?: string[]; color: boolean; maxFileSize?: string }) => {
      process.exitCode = runExport(options, io);
    });
}
