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
 * A large registries.conf is megabytes of text in hundreds of thousands of small pieces. Concatenated into one
 * JavaScript string, every piece stays alive (as a rope node) until the end, so each young-generation collection
 * copies all of them and then promotes them, work that grows faster than the text. Instead each table is built as
 * one short-lived string and its UTF-8 bytes are copied into a byte buffer outside the JavaScript heap; the text is
 * decoded from the buffer once at the end. About as much garbage is made, but it dies young, so collections have
 * little to copy (see docs/preview.md, Speed).
 */

/**
 * The sink's bytes, kept from one encoding to the next so a render does not allocate (and grow, copying) a buffer of
 * megabytes every time; measured at 5-25% of the encoding time. It grows to the largest text encoded so far and is
 * only used within one synchronous call.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** A growing UTF-8 byte buffer outside the JavaScript heap. */
class Utf8Sink {
  private bytes = scratch;
  private length = 0;

  /** Appends `text` as UTF-8 (a lone surrogate becomes U+FFFD, as in any UTF-8 file). */
  public write(text: string): void {
    // A UTF-16 code unit never takes more than three UTF-8 bytes.
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  public text(): string {
    return this.bytes.toString('utf8', 0, this.length);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
      scratch = grown;
    }
  }
}

/** `key = "value"\n` at the given indentation. */
function stringKey(indent: string, key: string, value: string): string {
  return indent + key + ' = "' + escapeTomlString(value) + '"\n';
}

function mirrorTable(mirror: RegistryMirror): string {
  let text = '\n  [[registry.mirror]]\n';
  if (mirror.location !== '') {
    text += stringKey('    ', 'location', mirror.location);
  }
  if (mirror.insecure) {
    text += '    insecure = true\n';
  }
  if (mirror.pullFromMirror !== '') {
    text += stringKey('    ', 'pull-from-mirror', mirror.pullFromMirror);
  }
  return text;
}

/** A `[[registry]]` table with its `[[registry.mirror]]` tables. */
function registryTable(entry: RegistryEntry): string {
  let text = '\n[[registry]]\n' + stringKey('  ', 'prefix', entry.prefix);
  if (entry.location !== '') {
    text += stringKey('  ', 'location', entry.location);
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
  let header = '';
  if (conf.unqualifiedSearchRegistries !== null) {
    header += `unqualified-search-registries = ${tomlStringArray(conf.unqualifiedSearchRegistries)}\n`;
  }
  header += 'short-name-mode = ""\n';
  if (layout.additionalLayerStoreAuthHelper) {
    header += 'additional-layer-store-auth-helper = ""\n';
  }
  if (conf.registries.length === 0) {
    return header;
  }
  const sink = new Utf8Sink();
  sink.write(header);
  for (const entry of conf.registries) {
    sink.write(registryTable(entry));
  }
  return sink.text();
}
