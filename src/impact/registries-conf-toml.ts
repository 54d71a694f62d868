/**
 * registries.conf read back the way the Machine Config Operator's daemon reads it before it decides whether a change
 * is safe: TOML decoded into containers/image `sysregistriesv2.V2RegistriesConf` (BurntSushi/toml), of which the check
 * uses the search list and the `[[registry]]` tables. Absent keys are Go zero values (empty strings, false, no mirrors).
 *
 * The TOML itself is parsed by smol-toml; only the mapping onto the Go struct is done here.
 */
import { parse, TomlError } from 'smol-toml';

/** `sysregistriesv2.Endpoint`: a registry's own location, or one of its mirrors. */
export interface ConfEndpoint {
  readonly location: string;
  readonly insecure: boolean;
  /** `pull-from-mirror`: `digest-only`, `tag-only`, `all` or empty. */
  readonly pullFromMirror: string;
}

/** `sysregistriesv2.Registry`: one `[[registry]]` table. */
export interface ConfRegistry extends ConfEndpoint {
  readonly prefix: string;
  readonly mirrors: readonly ConfEndpoint[];
  readonly blocked: boolean;
  /** The legacy `mirror-by-digest-only` of the whole entry. */
  readonly mirrorByDigestOnly: boolean;
}

/** The part of `sysregistriesv2.V2RegistriesConf` the safe-change check reads. */
export interface ParsedRegistriesConf {
  readonly unqualifiedSearchRegistries: readonly string[];
  readonly registries: readonly ConfRegistry[];
}

/** The text is not TOML, or a key holds a value of the wrong type (the daemon's decoding fails the same way). */
export class RegistriesConfParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistriesConfParseError';
  }
}

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function stringKey(table: Table, key: string, where: string): string {
  const value = table[key];
  if (value === undefined) {
    return '';
  }
  if (typeof value !== 'string') {
    throw new RegistriesConfParseError(`${where}: \`${key}\` must be a string, not ${JSON.stringify(value)}`);
  }
  return value;
}

function boolKey(table: Table, key: string, where: string): boolean {
  const value = table[key];
  if (value === undefined) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw new RegistriesConfParseError(`${where}: \`${key}\` must be true or false, not ${JSON.stringify(value)}`);
  }
  return value;
}

function tableList(table: Table, key: string, where: string): Table[] {
  const value = table[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || !value.every(isTable)) {
    throw new RegistriesConfParseError(`${where}: \`${key}\` must be an array of tables`);
  }
  return value;
}

function endpointOf(table: Table, where: string): ConfEndpoint {
  return {
    location: stringKey(table, 'location', where),
    insecure: boolKey(table, 'insecure', where),
    pullFromMirror: stringKey(table, 'pull-from-mirror', where),
  };
}

/**
 * Decodes registries.conf text.
 * @throws RegistriesConfParseError when the text is not TOML or a key the check reads has the wrong type
 */
export function parseRegistriesConf(text: string): ParsedRegistriesConf {
  let document: Table;
  try {
    document = parse(text) as Table;
  } catch (error) {
    const message = error instanceof TomlError ? error.message.split('\n')[0] : String(error);
    throw new RegistriesConfParseError(`registries.conf is not valid TOML: ${message}`);
  }
  const search = document['unqualified-search-registries'];
  if (search !== undefined && (!Array.isArray(search) || !search.every((item) => typeof item === 'string'))) {
    throw new RegistriesConfParseError('`unqualified-search-registries` must be an array of strings');
  }
  const registries = tableList(document, 'registry', 'registries.conf').map((table, index): ConfRegistry => {
    const where = `[[registry]] #${index + 1}`;
    return {
      prefix: stringKey(table, 'prefix', where),
      ...endpointOf(table, where),
      mirrors: tableList(table, 'mirror', where).map((mirror, mirrorIndex) => endpointOf(mirror, `${where} [[registry.mirror]] #${mirrorIndex + 1}`)),
      blocked: boolKey(table, 'blocked', where),
      mirrorByDigestOnly: boolKey(table, 'mirror-by-digest-only', where),
    };
  });
  return { unqualifiedSearchRegistries: (search as string[] | undefined) ?? [], registries };
}
