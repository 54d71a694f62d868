/**
 * Cron schedules as a Kubernetes `CronJob` accepts them in `spec.schedule`: the registry operator copies
 * `ImagePruner.spec.schedule` verbatim into the CronJob `openshift-image-registry/image-pruner`, so a schedule the
 * CronJob API rejects leaves the pruner unscheduled and the `image-registry` ClusterOperator Degraded.
 *
 * The API server validates `schedule` with `robfig/cron/v3` `ParseStandard` and then refuses any schedule containing
 * `TZ` (`TZ=` or `CRON_TZ=` prefixes: "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"; the pruner
 * has no `timeZone` to move it to). `ParseStandard` means:
 * - exactly five fields (minute, hour, day of month, month, day of week), separated by white space: no seconds field
 *   (a six-field expression is refused, not read as seconds), no year field;
 * - or one descriptor: `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, or
 *   `@every <Go duration>`;
 * - each field a comma list of `*`, `?`, `N`, `N-M`, each optionally `/step`; `N/step` means `N-max/step`; month and
 *   weekday names (`jan`, `mon`, any case); day of week 0-6 (7 is refused); no `L`, `W`, `#` or `H`.
 *
 * The grammar is small, so it is read here the way robfig reads it, and the next runs are computed from the parsed
 * fields, without a date library (loading one cost the CLI more than the rest of a check). cron-parser, the maintained
 * JavaScript library, reads a superset (seconds, `L`, `W`, `#`, `H`, 7 for Sunday) and refuses a few things robfig
 * accepts (`*-5`, `+5`), so it serves only as a second opinion in the tests. A schedule robfig accepts but that never
 * fires (`0 0 30 2 *`) is valid but reported as never running.
 */
import { parseGoDuration } from './go-duration';

/** The descriptors `ParseStandard` knows, with the five-field schedule each one stands for. */
export const CRON_DESCRIPTORS: Readonly<Record<string, string>> = Object.freeze({
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
});

/** A schedule the CronJob API accepts. */
export interface ValidCronSchedule {
  readonly valid: true;
  /** `fields` (five fields), `descriptor` (`@daily`...) or `every` (`@every 1h`). */
  readonly form: 'fields' | 'descriptor' | 'every';
  /** The five fields with names resolved and robfig's shorthands spelled out; absent for `@every`. */
  readonly normalized?: string;
  /** Whether no date ever matches (a day of month that none of the chosen months has). */
  readonly neverRuns: boolean;
}

/** A schedule the CronJob API rejects. */
export interface InvalidCronSchedule {
  readonly valid: false;
  /** What is wrong, for a message. */
  readonly problem: string;
}

export type CronScheduleCheck = ValidCronSchedule | InvalidCronSchedule;

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 6, names: DAY_NAMES },
];

/** The days of each month in a leap year: a day of month is reachable if some chosen month has it. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface ParsedField {
  readonly values: ReadonlySet<number>;
  /** robfig's "star bit": `*` or `?` without a step above 1. It decides how day of month and day of week combine. */
  readonly star: boolean;
}

/** Go's `strconv.Atoi` on a non-negative decimal (a `+` sign is allowed, as in Go). */
function parseNumber(text: string, field: FieldBounds, whole: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    const hint = /^[0-9]*[LW#]|^L$|^H/i.test(text) ? ' (`L`, `W`, `#` and `H` are not standard cron; the CronJob API refuses them)' : '';
    return `${JSON.stringify(text)} in ${field.name} field ${JSON.stringify(whole)} is not a number${field.names ? ' or a name' : ''}${hint}`;
  }
  const value = Number(text);
  if (value < 0) {
    return `negative number ${value} in ${field.name} field ${JSON.stringify(whole)}`;
  }
  return value;
}

function parseValue(text: string, field: FieldBounds, whole: string): number | string {
  const named = field.names?.[text.toLowerCase()];
  return named !== undefined ? named : parseNumber(text, field, whole);
}

/** One comma-separated part of a field, as robfig's `getRange` reads it. */
function parseRange(expr: string, field: FieldBounds, whole: string, into: Set<number>): boolean | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores anything after `*-`; we accept it the same way.
    start = field.min;
    end = field.max;
    star = true;
  } else {
    const low = parseValue(lowAndHigh[0], field, whole);
    if (typeof low === 'string') {
      return low;
    }
    start = low;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseValue(lowAndHigh[1], field, whole);
      if (typeof high === 'string') {
        return high;
      }
      end = high;
    } else {
      return `too many hyphens in ${field.name} field ${JSON.stringify(whole)}`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsedStep = parseNumber(rangeAndStep[1], field, whole);
    if (typeof parsedStep === 'string') {
      return parsedStep;
    }
    step = parsedStep;
    if (lowAndHigh.length === 1) {
      end = field.max;
    }
    if (step > 1) {
      star = false;
    }
  } else if (rangeAndStep.length > 2) {
    return `too many slashes in ${field.name} field ${JSON.stringify(whole)}`;
  }
  if (start < field.min) {
    return `${start} is below the minimum ${field.min} of the ${field.name} field (${JSON.stringify(whole)})`;
  }
  if (end > field.max) {
    const seven = field.name === 'day of week' && end === 7 ? '; Sunday is 0 (7 is not accepted)' : '';
    return `${end} is above the maximum ${field.max} of the ${field.name} field (${JSON.stringify(whole)})${seven}`;
  }
  if (start > end) {
    return `range ${start}-${end} in the ${field.name} field (${JSON.stringify(whole)}) runs backwards`;
  }
  if (step === 0) {
    return `step 0 in the ${field.name} field (${JSON.stringify(whole)}); a step must be positive`;
  }
  for (let value = start; value <= end; value += step) {
    into.add(value);
  }
  return star;
}

function parseField(text: string, field: FieldBounds): ParsedField | string {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const outcome = parseRange(part, field, text, values);
    if (typeof outcome === 'string') {
      return outcome;
    }
    star = star || outcome;
  }
  return { values, star };
}

function normalizeField(parsed: ParsedField, field: FieldBounds): string {
  const all = parsed.values.size === field.max - field.min + 1;
  return parsed.star && all ? '*' : [...parsed.values].sort((a, b) => a - b).join(',');
}

/**
 * Checks a schedule the way the CronJob API server does (robfig/cron v3 `ParseStandard`, then the `TZ` refusal), and
 * cross-checks the field values with cron-parser.
 */
export function checkCronSchedule(schedule: string): CronScheduleCheck {
  const invalid = (problem: string): InvalidCronSchedule => ({ valid: false, problem });
  if (schedule.trim() === '') {
    return invalid('the schedule is empty');
  }
  if (schedule.includes('TZ')) {
    return invalid('it names a time zone (`TZ=` or `CRON_TZ=`), which the CronJob API refuses in `schedule`; CronJobs of the pruner run in the controller manager\'s time zone, normally UTC');
  }
  if (schedule.startsWith('@')) {
    if (Object.prototype.hasOwnProperty.call(CRON_DESCRIPTORS, schedule)) {
      return { valid: true, form: 'descriptor', normalized: CRON_DESCRIPTORS[schedule], neverRuns: false };
    }
    if (schedule.startsWith('@every ')) {
      const duration = parseGoDuration(schedule.slice('@every '.length));
      return duration.ok ? { valid: true, form: 'every', neverRuns: false }
        : invalid(`\`@every\` needs a Go duration such as \`@every 12h\`, but ${duration.problem}`);
    }
    return invalid(`unknown descriptor ${JSON.stringify(schedule)}; the known ones are ${Object.keys(CRON_DESCRIPTORS).join(', ')} and \`@every <duration>\``);
  }
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    const seconds = fields.length === 6 ? ' (a leading seconds field is not standard cron; remove it)' : '';
    return invalid(`it has ${fields.length} field(s); standard cron has exactly 5: minute hour day-of-month month day-of-week${seconds}`);
  }
  const parsed: ParsedField[] = [];
  for (let index = 0; index < 5; index++) {
    const outcome = parseField(fields[index], FIELDS[index]);
    if (typeof outcome === 'string') {
      return invalid(outcome);
    }
    parsed.push(outcome);
  }
  const normalized = parsed.map((field, index) => normalizeField(field, FIELDS[index])).join(' ');
  const [, , dayOfMonth, month, dayOfWeek] = parsed;
  // With a restricted day of week and no star on either day field, robfig ORs the two, so some day always matches.
  const daysAnd = dayOfMonth.star || dayOfWeek.star;
  const neverRuns = daysAnd && !dayOfMonth.star && ![...month.values].some((m) => [...dayOfMonth.values].some((d) => d <= DAYS_IN_MONTH[m - 1]));
  return { valid: true, form: 'fields', normalized, neverRuns };
}

/** The parsed fields of a valid five-field schedule (descriptors expanded). */
function parsedFields(normalized: string): ParsedField[] {
  return normalized.split(' ').map((text, index) => parseField(text, FIELDS[index]) as ParsedField);
}

/** Whether robfig's schedule matches the day: both day fields, unless neither has the star bit (then either). */
function dayMatches(date: Date, dayOfMonth: ParsedField, dayOfWeek: ParsedField): boolean {
  const domMatch = dayOfMonth.values.has(date.getUTCDate());
  const dowMatch = dayOfWeek.values.has(date.getUTCDay());
  return dayOfMonth.star || dayOfWeek.star ? domMatch && dowMatch : domMatch || dowMatch;
}

/**
 * The next `count` times (UTC) a schedule fires after `from`; empty for `@every` (it counts from when the controller
 * starts) and for schedules that never run.
 * @throws Error when the schedule is invalid
 */
export function nextCronRuns(schedule: string, count: number, from: Date = new Date()): Date[] {
  const check = checkCronSchedule(schedule);
  if (!check.valid) {
    throw new Error(`invalid cron schedule ${JSON.stringify(schedule)}: ${check.problem}`);
  }
  if (check.normalized === undefined || check.neverRuns) {
    return [];
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parsedFields(check.normalized);
  const runs: Date[] = [];
  // The first whole minute after `from`; each step jumps to the start of the next month, day, hour or minute that
  // can still match (as robfig's `Next` does), so a search never walks minute by minute through a year.
  const at = new Date(Math.floor(from.getTime() / 60_000) * 60_000 + 60_000);
  const limit = at.getTime() + 5 * 366 * 86_400_000;
  while (runs.length < count && at.getTime() <= limit) {
    if (!month.values.has(at.getUTCMonth() + 1)) {
      at.setUTCMonth(at.getUTCMonth() + 1, 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(at, dayOfMonth, dayOfWeek)) {
      at.setUTCDate(at.getUTCDate() + 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (!hour.values.has(at.getUTCHours())) {
      at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0);
    } else if (!minute.values.has(at.getUTCMinutes())) {
      at.setUTCMinutes(at.getUTCMinutes() + 1, 0, 0);
    } else {
      runs.push(new Date(at.getTime()));
      at.setUTCMinutes(at.getUTCMinutes() + 1, 0, 0);
    }
  }
  return runs;
}
