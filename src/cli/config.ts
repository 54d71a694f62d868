/**
 * The CLI's configuration file (`.ocp-images.yaml`): for now, the warning codes a team has acknowledged, so they stop
 * failing `--strict` runs without being silenced for everyone.
 *
 * ```yaml
 * acknowledge:
 *   - insecure-registry                      # a code
 *   - code: icsp-deprecated                  # or a code with the reason, for reviewers
 *     reason: migrating with `oc adm migrate icsp` in Q3
 * ```
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { findRule } from '../validation';
import { UsageError } from './input';

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
}

const CONFIG_KEYS = ['acknowledge', 'exclude'];

/**
 * Loads the configuration: `explicitFile` when given (it must exist), else `.ocp-images.yaml` in `cwd` when present,
 * else an empty configuration.
 * @throws UsageError when the file is missing (explicit only), does not parse, or has unknown keys or bad entries.
 */
export function loadCliConfig(explicitFile: string | undefined, cwd: string): CliConfig {
  const file = explicitFile ?? path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!fs.existsSync(file)) {
    if (explicitFile !== undefined) {
      throw new UsageError(`${explicitFile}: configuration file not found`);
    }
    return { acknowledge: new Map(), exclude: [] };
  }
  const shown = explicitFile ?? DEFAULT_CONFIG_FILE;
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) {
    throw new UsageError(`${shown}: the configuration is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) {
    return { file: shown, acknowledge: new Map(), exclude: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${shown}: the configuration must be a mapping with the keys \`acknowledge\` and \`exclude\``);
  }
  const unknown = Object.keys(data).filter((key) => !CONFIG_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(`${shown}: unknown key(s) ${unknown.map((key) => `\`${key}\``).join(', ')}; the configuration knows only \`acknowledge\` and \`exclude\``);
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
  return { file: shown, acknowledge, exclude: excludeEntries as string[] };
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
      throw new UsageError(`${origin(code)}: unknown rule code \`${code}\` (every code is listed in docs/rules.md)`);
    }
    if (rule.severity !== 'warning') {
      throw new UsageError(`${origin(code)}: \`${code}\` is an error, and only warnings can be acknowledged`);
    }
  }
}
