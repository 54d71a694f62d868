import fc from 'fast-check';
import { formatGoDuration, goDurationFromMilliseconds, isGoDuration, isKubeOpenApiDuration, parseGoDuration } from '../../src/model/go-duration';

const H = 3_600_000_000_000n;
const M = 60_000_000_000n;
const S = 1_000_000_000n;

describe('parseGoDuration (Go time.ParseDuration)', () => {
  test.each([
    ['0', 0n],
    ['+0', 0n],
    ['-0', 0n],
    ['60m', 60n * M],
    ['1h30m', H + 30n * M],
    ['1.5h', H + 30n * M],
    ['.5s', S / 2n],
    ['1.s', S],
    ['-1h', -H],
    ['300ms', 300_000_000n],
    ['1us', 1_000n],
    ['1\u00b5s', 1_000n],
    ['1\u03bcs', 1_000n],
    ['1ns', 1n],
    ['2h45m30.5s', 2n * H + 45n * M + 30n * S + S / 2n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
  ])('GIVEN %j WHEN parsed THEN it is %s ns', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, nanoseconds });
  });

  test.each([
    ['', 'empty'],
    ['1', 'no unit'],
    ['00', 'no unit'],
    ['7d', 'day or week'],
    ['2w', 'day or week'],
    ['1 h', 'not a Go duration unit'],
    ['h', 'where a number should start'],
    ['.s', 'no digits'],
    ['1h-30m', '"h-" is not a Go duration unit'],
    ['9223372036854775808ns', 'overflow'],
    ['3000000h', 'overflow'],
    ['1H', 'not a Go duration unit'],
  ])('GIVEN %j WHEN parsed THEN it is refused (%s)', (text, fragment) => {
    const parsed = parseGoDuration(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(fragment);
  });
});

describe('isKubeOpenApiDuration (format: duration on the API server)', () => {
  test.each(['60m', '7d', '2 weeks', '3days', '1hour', '1 h', '5sec'])('GIVEN %j THEN the API server accepts it', (text) => {
    expect(isKubeOpenApiDuration(text)).toBe(true);
  });
  test.each(['', 'soon', '1', 'd7', '99999999999999999999d', '5 fortnights'])('GIVEN %j THEN the API server refuses it', (text) => {
    expect(isKubeOpenApiDuration(text)).toBe(false);
  });
  test('GIVEN day and week units THEN the API server accepts them but Go does not (why the operator rule exists)', () => {
    for (const text of ['7d', '2w', '1 h']) {
      expect(isKubeOpenApiDuration(text)).toBe(true);
      expect(isGoDuration(text)).toBe(false);
    }
  });
});

describe('formatGoDuration', () => {
  test.each([
    [0n, '0s'],
    [H, '1h'],
    [60n * M, '1h'],
    [H + 30n * M, '1h30m'],
    [90n * S, '1m30s'],
    [S + S / 2n, '1s500ms'],
    [-H, '-1h'],
    [1_001n, '1us1ns'],
    [36n * H, '36h'],
  ])('GIVEN %s ns THEN it writes %j', (nanoseconds, text) => {
    expect(formatGoDuration(nanoseconds)).toBe(text);
  });

  test('GIVEN milliseconds (cdk8s Duration) THEN they are written to the nanosecond', () => {
    expect(goDurationFromMilliseconds(3_600_000)).toBe('1h');
    expect(goDurationFromMilliseconds(1.5)).toBe('1ms500us');
    expect(() => goDurationFromMilliseconds(Number.NaN)).toThrow(RangeError);
  });

  test('PROPERTY: what we write, Go reads back to the same value', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n }), (nanoseconds) => {
      const text = formatGoDuration(nanoseconds);
      expect(parseGoDuration(text)).toEqual({ ok: true, nanoseconds });
    }), { numRuns: 2000 });
  });

  test('PROPERTY: the parser never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'h', 'm', 's', 'n', 'u', '\u00b5', 'd', ' ') }), (text) => {
      const parsed = parseGoDuration(text);
      expect(typeof parsed.ok).toBe('boolean');
      if (parsed.ok) {
        expect(isKubeOpenApiDuration(text)).toBe(true);
      }
    }), { numRuns: 3000 });
  });
});
