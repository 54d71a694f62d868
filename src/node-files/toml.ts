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

/** Whether `value` holds a character BurntSushi escapes: a quote, a backslash, a control character or DEL. */
function needsTomlEscape(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || code === 0x7f) {
      return true;
    }
  }
  return false;
}

/** The inside of a TOML basic string; `value` itself when nothing needs escaping (the usual case). */
function escapeTomlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return needsTomlEscape(value) ? value.replace(/["\\\x00-\x1f\x7f]/g, escapeTomlChar) : value;
}

/** A TOML basic string, quoted the way BurntSushi quotes it. */
export function tomlString(value: string): string {
  return `"${escapeTomlString(value)}"`;
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

/*
 * The text is built by appending to one string and flattened once at the end. V8 represents `a + b` of long strings
 * as a rope (a node pointing at both), so the appends are cheap and the megabytes of a large registries.conf are
 * copied once; measured at 10 000 entries this is several times faster than collecting the pieces in an array and
 * joining them, and than concatenating per table.
 */

/** `text` with `key = "value"\n` appended at the given indentation. */
function withStringKey(text: string, indent: string, key: string, value: string): string {
  return text + indent + key + ' = "' + escapeTomlString(value) + '"\n';
}

function withMirrorTable(text: string, mirror: RegistryMirror): string {
  text += '\n  [[registry.mirror]]\n';
  if (mirror.location !== '') {
    text = withStringKey(text, '    ', 'location', mirror.location);
  }
  if (mirror.insecure) {
    text += '    insecure = true\n';
  }
  if (mirror.pullFromMirror !== '') {
    text = withStringKey(text, '    ', 'pull-from-mirror', mirror.pullFromMirror);
  }
  return text;
}

function withRegistryTable(text: string, entry: RegistryEntry): string {
  text = withStringKey(text + '\n[[registry]]\n', '  ', 'prefix', entry.prefix);
  if (entry.location !== '') {
    text = withStringKey(text, '  ', 'location', entry.location);
  }
  if (entry.insecure) {
    text += '  insecure = true\n';
  }
  if (entry.blocked) {
    text += '  blocked = true\n';
  }
  for (const mirror of entry.mirrors) {
    text = withMirrorTable(text, mirror);
  }
  return text;
}

/**
 * Makes V8 flatten a rope now: reading a character of a rope copies it into one flat string. Without this the copy
 * would happen wherever the text is first read, outside the encoder (and outside any measurement of it).
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** The registries.conf (or drop-in) text of `conf`. */
export function encodeRegistriesConf(conf: RegistriesConf, layout: TomlLayout): string {
  let text = '';
  if (conf.unqualifiedSearchRegistries !== null) {
    text += `unqualified-search-registries = ${tomlStringArray(conf.unqualifiedSearchRegistries)}\n`;
  }
  text += 'short-name-mode = ""\n';
  if (layout.additionalLayerStoreAuthHelper) {
    text += 'additional-layer-store-auth-helper = ""\n';
  }
  for (const entry of conf.registries) {
    text = withRegistryTable(text, entry);
  }
  return flattened(text);
}
