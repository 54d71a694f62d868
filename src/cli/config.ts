/**
 * The CLI's configuration file (`.ocp-images.yaml`): the warning codes a team has acknowledged, so they stop failing
 * `--strict` runs without being silenced for everyone; paths to leave out; the per-file size limit.
 *
 * ```yaml
 * acknowledge:
 *   - insecure-registry                      # a code
 *   - code: icsp-deprecated                  # or a code with the reason, for reviewers
 *     reason: migrating with `oc adm migrate icsp` in Q3
 * exclude: [overlays/**]
 * maxFileSize: 50MiB
 * ```
 */
import * as fs from 'fs';
import * as path from 'path';
import { findRule } from '../validation';
import { clip, quote } from '../validation/finding';
import { formatByteSize, MAX_ALIAS_COUNT, parseByteSize, underFolder, UsageError } from './input';

/** A configuration file is a few lines; one larger than this is not one (and is not read whole). */
const MAX_CONFIG_FILE_SIZE = 1024 * 1024;

/** The file looked up in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = '.ocp-images.yaml';

/** The configuration the CLI runs with. */
export interface CliConfig {
  /** The file it came from, if any. */
  readonly file?: string;
  /** Acknowledged warning codes, each with its reason (empty when none was given). */
  readonly acknowledge: ReadonlyMap<string, string>;
  /** Globs of paths to leave out of `-f` directories (as `--exclude`). */
  readonly exclude: readonly string[];
  /** Per-file size limit in bytes (`maxFileSize:`), when the file sets one. */
  readonly maxFileSize?: number;
}

const CONFIG_KEYS = ['acknowledge', 'exclude', 'maxFileSize'];

const KNOWN_KEYS = CONFIG_KEYS.map((key) => `\`${key}\``).join(', ');

/** The configuration file's text, or a usage error saying why it cannot be read. */
function readConfigText(file: string, shown: string): string {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r');
    const stat = fs.fstatSync(descriptor);
    if (stat.isDirectory()) {
      throw new UsageError(`${shown}: is a folder, not a configuration file`);
    }
    if (stat.size > MAX_CONFIG_FILE_SIZE) {
      throw new UsageError(`${shown}: is ${formatByteSize(stat.size)}; a configuration file is at most ${formatByteSize(MAX_CONFIG_FILE_SIZE)}`);
    }
    return fs.readFileSync(descriptor, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    const code = (error as NodeJS.ErrnoException).code;
    // `open` succeeds on a folder on Linux and fails on reading; other systems refuse the open itself.
    throw new UsageError(code === 'EISDIR' ? `${shown}: is a folder, not a configuration file`
      : code === 'EACCES' || code === 'EPERM' ? `${shown}: cannot be read: permission denied`
        : `${shown}: cannot be read (${code ?? (error as Error).message})`);
  } finally {
    if (descriptor !== undefined) {
      fs.closeSync(descriptor);
    }
  }
}

/**
 * Loads the configuration: `explicitFile` when given (it must exist), else `.ocp-images.yaml` in `cwd` when present,
 * else an empty configuration.
 * @throws UsageError when the file is missing (explicit only), does not parse, or has unknown keys or bad entries.
 */
export function loadCliConfig(explicitFile: string | undefined, cwd: string): CliConfig {
  const file = explicitFile !== undefined ? underFolder(cwd, explicitFile) : path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!fs.existsSync(file)) {
    if (explicitFile !== undefined) {
      throw new UsageError(`${explicitFile}: configuration file not found`);
    }
    return { acknowledge: new Map(), exclude: [] };
  }
  const shown = explicitFile ?? DEFAULT_CONFIG_FILE;
  // Loaded here, not with the module: most runs have no configuration file (docs/performance.md).
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(readConfigText(file, shown), { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UsageError(`${shown}: the configuration is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    // The same bound on aliases as the manifests: an alias bomb is refused, not expanded.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new UsageError(`${shown}: the configuration cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) {
    return { file: shown, acknowledge: new Map(), exclude: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${shown}: the configuration must be a mapping with the keys ${KNOWN_KEYS}`);
  }
  const unknown = Object.keys(data).filter((key) => !CONFIG_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(`${shown}: unknown key(s) ${unknown.slice(0, 10).map((key) => `\`${clip(key)}\``).join(', ')}; the configuration knows only ${KNOWN_KEYS}`);
  }
  const sizeEntry = (data as { maxFileSize?: unknown }).maxFileSize;
  let maxFileSize: number | undefined;
  if (sizeEntry !== undefined && sizeEntry !== null) {
    maxFileSize = typeof sizeEntry === 'string' || typeof sizeEntry === 'number' ? parseByteSize(sizeEntry) : undefined;
    if (maxFileSize === undefined) {
      throw new UsageError(`${shown}: \`maxFileSize\` is ${quote(sizeEntry)}; expected a size such as \`10MiB\`, \`512KiB\` or a number of bytes`);
    }
  }
  const excludeEntries = (data as { exclude?: unknown }).exclude ?? [];
  if (!Array.isArray(excludeEntries) || excludeEntries.some((entry) => typeof entry !== 'string' || entry === '')) {
    throw new UsageError(`${shown}: \`exclude\` must be a list of path globs, e.g. \`[overlays/**, '*.tmpl.yaml']\``);
  }
  const entries = (data as { acknowledge?: unknown }).acknowledge ?? [];
  if (!Array.isArray(entries)) {
    throw new UsageError(`${shown}: \`acknowledge\` must be a list of rule codes`);
  }
  const acknowledge = new Map<string, string>();
  entries.forEach((entry: unknown, index) => {
    if (typeof entry === 'string') {
      acknowledge.set(entry, '');
    } else if (typeof entry === 'object' && entry !== null && typeof (entry as { code?: unknown }).code === 'string') {
      const { code, reason } = entry as { code: string; reason?: unknown };
      acknowledge.set(code, typeof reason === 'string' ? reason : '');
    } else {
      throw new UsageError(`${shown}: \`acknowledge[${index}]\` must be a rule code, or \`{code, reason}\``);
    }
  });
  return { file: shown, acknowledge, exclude: excludeEntries as string[], ...(maxFileSize !== undefined ? { maxFileSize } : {}) };
}

/**
 * Checks that every acknowledged code is a warning the library knows: a typo would otherwise silently acknowledge
 * nothing, and errors cannot be acknowledged (the cluster or the operator rejects them whatever we say).
 * @throws UsageError naming the offending code and where it was given.
 */
export function checkAcknowledgedCodes(codes: ReadonlyMap<string, string>, origin: (code: string) => string): void {
  for (const code of codes.keys()) {
    const rule = findRule(code);
    if (!rule) {
      throw new UsageError(`${origin(code)}: unknown rule code \`${clip(code)}\` (every code is listed in docs/rules.md)`);
    }
    if (rule.severity !== 'warning') {
      throw new UsageError(`${origin(code)}: \`${clip(code)}\` is an error, and only warnings can be acknowledged`);
    }
  }
}
