/**
 * The input steps `validate` and `export` share: the configuration file, the acknowledged codes, the `-f` paths with
 * their exclusions, the size limit, the files read, and the files that could not be read as findings. One function, so
 * the two commands cannot drift apart (they did: export ignored `maxFileSize:`, and its input-too-large hint was
 * that of an unreadable file).
 *
 * Not in input.ts: the configuration loads the rule catalog (to check acknowledged codes), which `preview`, `impact`
 * and `migrate` do not need and must not pay for at start-up.
 */
import { OpenShiftVersionError } from '../node-files/version';
import { InvalidReleaseImageError } from '../validation/check-options';
import { checkAcknowledgedCodes, CliConfig, DEFAULT_CONFIG_FILE, loadCliConfig } from './config';
import { expandPaths, InputProblem, InputSource, LoadedInput, maxFileSizeOf, readInputs, UsageError } from './input';
import { CliFinding } from './output';

/** The command-line options the input steps read. */
export interface CommandInputOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly filename: readonly string[];
  /** Configuration file. @default `.ocp-images.yaml` in the working directory, when present */
  readonly config?: string;
  /** Warning codes acknowledged on the command line (each may hold several codes separated by commas). */
  readonly ack?: readonly string[];
  /** Globs of paths to leave out (added to `exclude:` of the configuration file). @default - none */
  readonly exclude?: readonly string[];
  /** Per-file size limit, e.g. `50MiB` (overrides `maxFileSize:` of the configuration file). @default '10MiB' */
  readonly maxFileSize?: string;
}

/** What the input steps give the command. */
export interface CommandInput {
  readonly config: CliConfig;
  /** Acknowledged codes (from `--ack` and the configuration file), each with its reason. */
  readonly acknowledge: ReadonlyMap<string, string>;
  /** The sources the paths expanded to, in order. */
  readonly sources: readonly InputSource[];
  /** Their names in order, how findings are sorted by file. */
  readonly fileOrder: string[];
  readonly input: LoadedInput;
  /** Input that could not be read or parsed, as error findings (the other files and documents are still checked). */
  readonly problems: CliFinding[];
}

/**
 * Reads the configuration and the inputs.
 * @throws UsageError for no `-f`, a bad configuration, an unknown or non-warning acknowledged code, paths that hold no
 * input, or a `--max-file-size` that is not a size
 */
export function readCommandInput(options: CommandInputOptions, io: { readonly readStdin?: () => string; readonly cwd: string }): CommandInput {
  if (options.filename.length === 0) {
    throw new UsageError('no input: give at least one -f PATH (a file, a directory, or - for stdin)');
  }
  const config = loadCliConfig(options.config, io.cwd);
  const acknowledge = acknowledgedCodes(options.ack, config);
  const sources = expandPaths(options.filename, { exclude: [...config.exclude, ...(options.exclude ?? [])], cwd: io.cwd });
  if (sources.length === 0) {
    throw new UsageError(`no input: every path given is excluded or holds no *.yaml, *.yml or *.json file (${options.filename.join(', ')})`);
  }
  const input = readInputs(sources, { readStdin: io.readStdin, maxFileSize: maxFileSizeOf(options.maxFileSize, config.maxFileSize) });
  return { config, acknowledge, sources, fileOrder: sources.map((source) => source.name), input, problems: input.problems.map(problemFinding) };
}

/** An input problem as an error finding, with what to do about it. */
function problemFinding(problem: InputProblem): CliFinding {
  return {
    code: problem.code,
    severity: 'error',
    object: '-',
    path: '',
    message: problem.message,
    hint: problem.code === 'yaml-syntax'
      ? 'Fix the YAML at this line; the other documents were still checked.'
      : problem.code === 'input-too-large'
        ? 'Split the file, or raise the limit with --max-file-size (or `maxFileSize:` in .ocp-images.yaml); the other files were still checked.'
        : 'Check that the file exists and is readable.',
    source: 'input',
    file: problem.file,
    line: problem.line,
  };
}

/** Acknowledged codes from `--ack` and the configuration file, checked against the rule catalog. */
function acknowledgedCodes(ack: readonly string[] | undefined, config: CliConfig): ReadonlyMap<string, string> {
  const fromFlag = new Map<string, string>();
  for (const value of ack ?? []) {
    for (const code of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
      fromFlag.set(code, '');
    }
  }
  checkAcknowledgedCodes(fromFlag, () => '--ack');
  checkAcknowledgedCodes(config.acknowledge, () => config.file ?? DEFAULT_CONFIG_FILE);
  return new Map([...config.acknowledge, ...fromFlag]);
}

/**
 * Runs `check` (anything that hands `--openshift-version` and `--release-image` to the rule engine), turning the
 * engine's refusal of them into a usage error: a release it does not model or a release image that is no reference is
 * the caller's mistake, not a finding, and not a crash.
 */
export function withClusterOptionsChecked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof OpenShiftVersionError || error instanceof InvalidReleaseImageError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}
