import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { CronExpressionParser } from 'cron-parser';
import { checkCronSchedule, CRON_DESCRIPTORS, nextCronRuns } from '../../src/model/cron';

describe('checkCronSchedule (what a Kubernetes CronJob accepts in spec.schedule)', () => {
  test.each([
    '0 0 * * *',
    '30 2 * * *',
    '*/15 * * * *',
    '5/10 * * * *',
    '0 0 1,15 * *',
    '0 3 * * mon-fri',
    '0 3 * JAN,jul *',
    '0 0 * * 0',
    '? * * * *',
    '*-5 * * * *',
    '+5 * * * *',
    '0  0\t* * *',
    ' 0 0 * * * ',
    '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually',
    '@every 12h',
  ])('GIVEN %j THEN it is valid', (schedule) => {
    expect(checkCronSchedule(schedule)).toMatchObject({ valid: true });
  });

  test.each([
    ['', 'empty'],
    ['0 0 * *', '4 field(s)'],
    ['0 0 0 * * *', 'seconds field'],
    ['0 0 * * * 2026', '6 field(s)'],
    ['60 * * * *', 'above the maximum 59 of the minute field'],
    ['0 24 * * *', 'above the maximum 23 of the hour field'],
    ['0 0 0 * *', 'below the minimum 1 of the day of month field'],
    ['0 0 * 13 *', 'above the maximum 12 of the month field'],
    ['0 0 * * 7', 'Sunday is 0'],
    ['0 0 L * *', 'not standard cron'],
    ['0 0 * * 1#2', 'not standard cron'],
    ['0 0 15W * *', 'not standard cron'],
    ['H 0 * * *', 'not standard cron'],
    ['0 0 * * 5-1', 'runs backwards'],
    ['*/0 * * * *', 'step 0'],
    ['1-2-3 * * * *', 'too many hyphens'],
    ['1/2/3 * * * *', 'too many slashes'],
    ['1,,2 * * * *', 'not a number'],
    ['0 0 * * funday', 'not a number or a name'],
    ['TZ=Europe/Paris 0 0 * * *', 'time zone'],
    ['CRON_TZ=UTC 0 0 * * *', 'time zone'],
    ['@fortnightly', 'unknown descriptor'],
    ['@daily ', 'unknown descriptor'],
    ['@every 1d', 'Go duration'],
  ])('GIVEN %j THEN it is refused, saying %j', (schedule, fragment) => {
    const check = checkCronSchedule(schedule);
    expect(check.valid).toBe(false);
    expect(check.valid ? '' : check.problem).toContain(fragment);
  });

  test('GIVEN 30 February THEN it is valid but never runs; with a weekday it runs on that weekday (robfig ORs the day fields)', () => {
    expect(checkCronSchedule('0 0 30 2 *')).toEqual({ valid: true, form: 'fields', normalized: '0 0 30 2 *', neverRuns: true });
    expect(nextCronRuns('0 0 30 2 *', 3)).toEqual([]);
    expect(checkCronSchedule('0 0 31 2 1')).toMatchObject({ valid: true, neverRuns: false });
    expect(nextCronRuns('0 0 31 2 1', 1, new Date('2026-01-01T00:00:00Z'))).toEqual([new Date('2026-02-02T00:00:00Z')]);
  });

  test('GIVEN the operator default THEN the next runs are daily at midnight UTC', () => {
    expect(nextCronRuns('0 0 * * *', 2, new Date('2026-03-01T12:00:00Z'))).toEqual([new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z')]);
    expect(nextCronRuns('@weekly', 1, new Date('2026-03-01T12:00:00Z'))).toEqual([new Date('2026-03-08T00:00:00Z')]);
    expect(nextCronRuns('@every 1h', 1)).toEqual([]);
    expect(() => nextCronRuns('nope', 1)).toThrow('invalid cron schedule');
  });

  test('GIVEN every descriptor THEN it stands for a five-field schedule cron-parser reads', () => {
    for (const [descriptor, fields] of Object.entries(CRON_DESCRIPTORS)) {
      expect(checkCronSchedule(descriptor)).toMatchObject({ valid: true, form: 'descriptor', normalized: fields });
      expect(() => CronExpressionParser.parse(fields)).not.toThrow();
    }
  });
});

/** One term of a field as robfig writes it. */
function term(min: number, max: number): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  return fc.oneof(
    value.map(String),
    fc.constant('*'),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(fc.constantFrom('*', String(min)), fc.integer({ min: 1, max: max - min + 1 })).map(([base, step]) => `${base}/${step}`),
  );
}

const field = (min: number, max: number) => fc.array(term(min, max), { minLength: 1, maxLength: 3 }).map((terms) => terms.join(','));

describe('properties', () => {
  test('PROPERTY: every expression built from the standard grammar is valid, and cron-parser reads its normalized form', () => {
    fc.assert(fc.property(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 6), (...fields) => {
      const check = checkCronSchedule(fields.join(' '));
      expect(check).toMatchObject({ valid: true, neverRuns: false });
      if (check.valid && check.normalized) {
        expect(() => CronExpressionParser.parse(check.normalized!)).not.toThrow();
      }
    }), { numRuns: 1500 });
  });

  test('PROPERTY: any string gives a verdict, never an exception', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '*', '/', '-', ',', ' ', '?', 'L', 'W', '#', '@', 'a', 'T', 'Z', '=') , maxLength: 30 }), (schedule) => {
      expect(typeof checkCronSchedule(schedule).valid).toBe('boolean');
    }), { numRuns: 3000 });
  });
});

describe('next runs, computed without a date library', () => {
  test('PROPERTY: for schedules from the standard grammar, the next runs equal cron-parser\'s on the normalized form', () => {
    const from = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6), from, (m, h, dom, mon, dow, start) => {
      const check = checkCronSchedule([m, h, dom, mon, dow].join(' '));
      if (!check.valid || check.neverRuns || !check.normalized) {
        return;
      }
      // GIVEN the same expression WHEN both compute the next five runs in UTC THEN they agree
      const ours = nextCronRuns(check.normalized, 5, start);
      const theirs = CronExpressionParser.parse(check.normalized, { tz: 'UTC', currentDate: start }).take(5).map((date) => date.toDate());
      expect(ours).toEqual(theirs);
    }), { numRuns: 400 });
  });

  test('GIVEN the compiled library WHEN the cron module is loaded in a fresh process THEN it loads no date library', () => {
    // A child process: Jest's module registry does not fill require.cache, so only a real Node process can tell.
    const script = "require('./lib/model/cron'); console.log(JSON.stringify(Object.keys(require.cache)))";
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' })) as string[];
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter((file) => /node_modules[\\/](luxon|cron-parser|moment|date-fns)[\\/]/.test(file))).toEqual([]);
  });
});
