/**
 * The exact text BurntSushi/toml's encoder produces for the containers/image `V2RegistriesConf` struct, the only
 * TOML the MCO writes here: plain keys in struct order (`unqualified-search-registries` when set, then the always
 * present `short-name-mode` and, from 4.19, `additional-layer-store-auth-helper`), then one `[[registry]]` table per
 * entry after a blank line with keys indented two spaces (`prefix` always, the others only when set), and its
 * `[[registry.mirror]]` tables indented one level more.
 */
import { RegistriesConf, RegistryEntry, RegistryMirror } from './registries-conf';

/** Escapes BurntSushi applies inside double-quoted strings. */
function escapeTomlChar(char: string): string {
  switch (char) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    default:
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** A TOML basic string, quoted the way BurntSushi quotes it. */
export function tomlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/["\\\x00-\x1f\x7f]/g, escapeTomlChar)}"`;
}

/** A TOML array of strings: `["a", "b"]`, `[]` when empty. */
export function tomlStringArray(values: readonly string[]): string {
  return `[${values.map(tomlString).join(', ')}]`;
}

/** Options of the encoder that depend on the OpenShift release. */
export interface TomlLayout {
  /** Write `additional-layer-store-auth-helper = ""` (4.19 and later). */
  readonly additionalLayerStoreAuthHelper: boolean;
}

function mirrorTable(mirror: RegistryMirror): string {
  let text = '\n  [[registry.mirror]]\n';
  if (mirror.location !== '') {
    text += `    location = ${tomlString(mirror.location)}\n`;
  }
  if (mirror.insecure) {
    text += '    insecure = true\n';
  }
  if (mirror.pullFromMirror !== '') {
    text += `    pull-from-mirror = ${tomlString(mirror.pullFromMirror)}\n`;
  }
  return text;
}

function registryTable(entry: RegistryEntry): string {
  let text = `\n[[registry]]\n  prefix = ${tomlString(entry.prefix)}\n`;
  if (entry.location !== '') {
    text += `  location = ${tomlString(entry.location)}\n`;
  }
  if (entry.insecure) {
    text += '  insecure = true\n';
  }
  if (entry.blocked) {
    text += '  blocked = true\n';
  }
  for (const mirror of entry.mirrors) {
    text += mirrorTable(mirror);
  }
  return text;
}

/** The registries.conf (or drop-in) text of `conf`. */
export function encodeRegistriesConf(conf: RegistriesConf, layout: TomlLayout): string {
  const parts: string[] = [];
  if (conf.unqualifiedSearchRegistries !== null) {
    parts.push(`unqualified-search-registries = ${tomlStringArray(conf.unqualifiedSearchRegistries)}\n`);
  }
  parts.push('short-name-mode = ""\n');
  if (layout.additionalLayerStoreAuthHelper) {
    parts.push('additional-layer-store-auth-helper = ""\n');
  }
  for (const entry of conf.registries) {
    parts.push(registryTable(entry));
  }
  return parts.join('');
}
