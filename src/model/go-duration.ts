/**
 * Go durations, as `time.ParseDuration` reads them: the only syntax the registry operator and the pruner accept for
 * `metav1.Duration` fields (`keepYoungerThanDuration`, `cloudFront.duration`, `requests.*.maxWaitInQueue`).
 *
 * Two grammars matter and they differ:
 * - **Go** (`time.ParseDuration`): an optional sign, then `0` alone or one or more `<number><unit>` terms, numbers
 *   with optional decimals, units `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`, `m`, `h`. No days, no weeks, no
 *   spaces. This is what the operators decode with, so it is what we emit.
 * - **kube-openapi** (`format: duration` of the CRD schema): tries Go first, then falls back to a lenient scan that
 *   also knows `d`, `day`, `w`, `week` and long unit names. The API server therefore stores `7d`, which the operator
 *   then fails to decode. We restate it only to report schema findings exactly as the API server would.
 */

/** Nanoseconds per unit of Go's `unitMap`. */
const GO_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const TWO_63 = 1n << 63n;

/** The outcome of parsing a Go duration. */
export type GoDurationParse =
  | { readonly ok: true; /** Signed nanoseconds. */ readonly nanoseconds: bigint }
  | { readonly ok: false; /** Why Go refuses it, for messages. */ readonly problem: string };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Parses `value` exactly as Go's `time.ParseDuration` does, overflow checks included (the result must fit in a signed
 * 64-bit count of nanoseconds).
 */
export function parseGoDuration(value: string): GoDurationParse {
  const invalid = (problem: string): GoDurationParse => ({ ok: false, problem });
  let s = value;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') {
    return { ok: true, nanoseconds: 0n };
  }
  if (s === '') {
    return invalid('it is empty');
  }
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) {
      return invalid(`${JSON.stringify(s[0])} is where a number should start`);
    }
    // Integer part; Go fails on overflow past 2^63.
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > TWO_63) {
        return invalid('the number is too large');
      }
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // Fraction; Go keeps the digits that fit and ignores the rest.
    let fraction = 0n;
    let scale = 1;
    let post = false;
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
          if (fraction > (TWO_63 - 1n) / 10n || next > TWO_63) {
            overflow = true;
          } else {
            fraction = next;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) {
      return invalid('a term has no digits');
    }
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) {
      k++;
    }
    if (k === 0) {
      return invalid('a number has no unit (write e.g. `60m`, `1h` or `90s`)');
    }
    const unitName = s.slice(0, k);
    s = s.slice(k);
    const unit = GO_UNITS.get(unitName);
    if (unit === undefined) {
      const hint = /^(d|days?|w|wk|weeks?)$/i.test(unitName.trim()) ? '; Go has no day or week unit, write hours (e.g. `168h` for a week)' : '';
      return invalid(`${JSON.stringify(unitName)} is not a Go duration unit (ns, us, µs, ms, s, m, h)${hint}`);
    }
    if (whole > TWO_63 / unit) {
      return invalid('it overflows a 64-bit count of nanoseconds');
    }
    let term = whole * unit;
    if (fraction > 0n) {
      // Go computes the fraction in float64, then truncates: reproduce it to stay nanosecond-exact with Go.
      term += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (term > TWO_63) {
        return invalid('it overflows a 64-bit count of nanoseconds');
      }
    }
    total += term;
    if (total > TWO_63) {
      return invalid('it overflows a 64-bit count of nanoseconds');
    }
  }
  if (negative) {
    return { ok: true, nanoseconds: -total };
  }
  if (total > TWO_63 - 1n) {
    return invalid('it overflows a 64-bit count of nanoseconds');
  }
  return { ok: true, nanoseconds: total };
}

/** Whether Go's `time.ParseDuration` accepts `value`. */
export function isGoDuration(value: string): boolean {
  return parseGoDuration(value).ok;
}

/** kube-openapi's fallback units: the last spelling of each group also matches as a prefix (`hours`, `days`). */
const LENIENT_UNITS: ReadonlyArray<readonly string[]> = [
  ['ns', 'nano'], ['us', '\u00b5s', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'],
  ['d', 'day'], ['w', 'wk', 'week'],
];

/**
 * Whether the API server accepts `value` for a `format: duration` field (kube-openapi `strfmt.ParseDuration`): Go's
 * syntax, or else at least one `<digits><spaces><letters>` run whose unit it knows. Looser than what the operators
 * decode; see the module comment.
 */
export function isKubeOpenApiDuration(value: string): boolean {
  if (isGoDuration(value)) {
    return true;
  }
  let ok = false;
  for (const match of value.matchAll(/([0-9]+)\s*([A-Za-z\u00b5]+)/g)) {
    if (BigInt(match[1]) > TWO_63 - 1n) {
      // Go's strconv.Atoi fails on overflow, and that fails the whole parse.
      return false;
    }
    const unit = match[2].toLowerCase();
    for (const variants of LENIENT_UNITS) {
      variants.forEach((variant, index) => {
        if (unit === variant || (index === variants.length - 1 && unit.startsWith(variant))) {
          ok = true;
        }
      });
    }
  }
  return ok;
}

const FORMAT_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['h', 3_600_000_000_000n], ['m', 60_000_000_000n], ['s', 1_000_000_000n], ['ms', 1_000_000n], ['us', 1_000n], ['ns', 1n],
];

/**
 * Writes a duration as the shortest Go duration made of whole units, largest first, zero parts left out: `1h30m`,
 * `1h`, `1m30s`, `1s500ms`, `0s`. We pick this over Go's own `Duration.String()` (`1h30m0s`, `1.5s`) because it
 * reads like the documentation (`60m` becomes `1h`, not `1h0m0s`) and avoids decimals; Go parses both to the same
 * value. `us` is written in ASCII.
 */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) {
    return '0s';
  }
  let rest = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  let out = nanoseconds < 0n ? '-' : '';
  for (const [unit, size] of FORMAT_UNITS) {
    const count = rest / size;
    if (count > 0n) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/** {@link formatGoDuration} of a number of milliseconds (what cdk8s `Duration.toMilliseconds()` gives), to the nanosecond. */
export function goDurationFromMilliseconds(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    throw new RangeError(`a duration of ${milliseconds} ms cannot be written as a Go duration`);
  }
  return formatGoDuration(BigInt(Math.round(milliseconds * 1e6)));
}
