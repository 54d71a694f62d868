/**
 * The few Go formatting rules the node files and the MCO's messages depend on: string order (`sort.Strings`,
 * map-key order in `encoding/json`), `%q` quoting, and `encoding/json` string escaping. Go compares strings byte-wise
 * on their UTF-8 encoding, which is code-point order; JavaScript's default comparison is UTF-16 code-unit order, and
 * the two disagree only when a character outside the BMP meets one in U+E000..U+FFFF.
 */

/** Sort key of one UTF-16 code unit such that code-unit order becomes code-point order. */
function codePointOrderUnit(unit: number): number {
  // Surrogates (0xD800..0xDFFF) encode code points above 0xFFFF, so they must sort after every BMP unit.
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}

/** Characters where UTF-16 code-unit order and code-point order can part: surrogates and what sorts above them. */
const OUTSIDE_CODE_UNIT_ORDER = /[\ud800-\uffff]/;

/** Go's `strings.Compare`: -1, 0 or 1 by UTF-8 byte order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  // Sorting calls this n log n times: below U+D800 the engine's native comparison already is code-point order.
  if (!OUTSIDE_CODE_UNIT_ORDER.test(a) && !OUTSIDE_CODE_UNIT_ORDER.test(b)) {
    return a < b ? -1 : 1;
  }
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointOrderUnit(x) < codePointOrderUnit(y) ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

/** JavaScript's own string order, which is code-unit order. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts `values` in place by Go's byte-wise order and returns it. One scan decides the comparison for the whole sort:
 * when no string holds a character at or above U+D800, the engine's comparison is already Go's order, so the
 * n log n comparisons run without the per-call character test of {@link compareGoStrings}.
 */
export function sortInGoOrder<T extends string>(values: T[]): T[] {
  const needsCodePointOrder = values.some((value) => OUTSIDE_CODE_UNIT_ORDER.test(value));
  // Without a comparator the engine compares strings natively, in code-unit order.
  return needsCodePointOrder ? values.sort(compareGoStrings) : values.sort();
}

/**
 * Sorts `items` in place by Go's byte-wise order of their keys and returns it (the order `encoding/json` writes map
 * keys in). Keys are assumed distinct, as map keys are.
 */
export function sortByGoKey<T>(items: T[], keyOf: (item: T) => string): T[] {
  const needsCodePointOrder = items.some((item) => OUTSIDE_CODE_UNIT_ORDER.test(keyOf(item)));
  const compare = needsCodePointOrder ? compareGoStrings : compareCodeUnits;
  return items.sort((a, b) => compare(keyOf(a), keyOf(b)));
}

const GO_NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/**
 * Go's `unicode.IsPrint` for a code point above ASCII: letters, marks, numbers, punctuation and symbols. Made on first
 * use: building the Unicode classes costs more than a whole small run's quoting (docs/performance.md).
 */
let goPrintable: RegExp | undefined;

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Go's `strconv.Quote` (what `%q` and `%#v` print for a string). */
export function goQuote(value: string): string {
  let out = '"';
  for (const char of value) {
    const named = GO_NAMED_ESCAPES[char];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const code = char.codePointAt(0) as number;
    if (code >= 0x20 && code < 0x7f) {
      out += char;
    } else if (code < 0x80) {
      out += `\\x${hex(code, 2)}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is not valid UTF-8; Go would see the replacement character.
      out += '\ufffd';
    } else if ((goPrintable ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u).test(char)) {
      out += char;
    } else if (code < 0x10000) {
      out += `\\u${hex(code, 4)}`;
    } else {
      out += `\\U${hex(code, 8)}`;
    }
  }
  return `${out}"`;
}

/** What Go's `%q` prints for a `[]string`: `["a" "b"]`. */
export function goQuoteList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

/** Characters `encoding/json` escapes or replaces; strings without any are written as they are. */
const GO_JSON_SPECIAL = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

/** `encoding/json` string encoding, with its default HTML-safe escaping (Go 1.22 and later). */
export function goJsonString(value: string): string {
  if (!GO_JSON_SPECIAL.test(value)) {
    return `"${value}"`;
  }
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const code = value.charCodeAt(i);
    if (char === '"' || char === '\\') {
      out += `\\${char}`;
    } else if (char === '\n') {
      out += '\\n';
    } else if (char === '\r') {
      out += '\\r';
    } else if (char === '\t') {
      out += '\\t';
    } else if (char === '\b') {
      out += '\\b';
    } else if (char === '\f') {
      out += '\\f';
    } else if (code < 0x20 || char === '<' || char === '>' || char === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${hex(code, 4)}`;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) {
      out += value.slice(i, i + 2);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // Invalid UTF-8 is written as the replacement character.
      out += '\\ufffd';
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
