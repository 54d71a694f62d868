/**
 * Rules of `imageregistry.operator.openshift.io/v1` `ImagePruner` (named `cluster`): the CRD schema restated (it has
 * no CEL), plus what the pruner CronJob the operator generates from it needs: a schedule the CronJob API accepts, a
 * Go duration, sane history limits and tag counts.
 */
import { checkCronSchedule } from '../../model/cron';
import { formatGoDuration } from '../../model/go-duration';
import { IMAGE_PRUNER_DEFAULTS, IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_SINGLETON_NAME } from '../../model/api/image-registry';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { KindDefinition, RuleModule } from '../rule-module';
import { isApiInteger, report, s } from '../schema';
import { CoreSchemas, durationCheck } from './image-registry-config';

const PRUNER = [IMAGE_PRUNER_KIND];

export const ImagePrunerRules = {
  scheduleInvalid: defineRule({
    code: 'pruner-schedule-invalid', severity: 'error', source: 'operator', kinds: PRUNER,
    summary: '`schedule` is not a standard cron schedule as a Kubernetes CronJob accepts it (five fields or a descriptor such as `@daily`; no seconds, no `TZ=`), so the pruner CronJob cannot be created and the `image-registry` ClusterOperator turns Degraded.',
    fix: 'Write five fields, minute hour day-of-month month day-of-week, e.g. `0 0 * * *` (daily at midnight UTC).',
  }),
  scheduleNeverRuns: defineRule({
    code: 'pruner-schedule-never-runs', severity: 'warning', source: 'documentation', kinds: PRUNER,
    summary: '`schedule` is valid cron but names a day no chosen month has (e.g. 30 February), so the pruner never runs.',
    fix: 'Pick a day every chosen month has, or more months.',
  }),
  historyLimitMinimum: defineRule({
    code: 'pruner-history-limit-minimum', severity: 'error', source: 'documentation', kinds: PRUNER,
    summary: '`successfulJobsHistoryLimit` or `failedJobsHistoryLimit` is below 1; the documentation requires at least 1 so the pruner\'s metrics and status are reported.',
    fix: 'Set the limit to 1 or more (the operator default is 3).',
  }),
  keepTagRevisionsNegative: defineRule({
    code: 'pruner-keep-tag-revisions-negative', severity: 'error', source: 'operator', kinds: PRUNER,
    summary: '`keepTagRevisions` is negative; the pruner refuses it.',
    fix: 'Set `keepTagRevisions` to 0 or more (the operator default is 3).',
  }),
  keepTagRevisionsZero: defineRule({
    code: 'pruner-keep-tag-revisions-zero', severity: 'warning', source: 'documentation', kinds: PRUNER,
    summary: '`keepTagRevisions: 0` keeps no revision of any tag: the pruner removes every tagged image older than `keepYoungerThanDuration`.',
    fix: 'Keep at least 1 revision (the operator default is 3), unless emptying the registry is the goal.',
  }),
  keepYoungerThanDeprecated: defineRule({
    code: 'pruner-keep-younger-than-deprecated', severity: 'warning', source: 'documentation', kinds: PRUNER,
    summary: '`keepYoungerThan` (nanoseconds) is deprecated, and ignored when `keepYoungerThanDuration` is set.',
    fix: 'Use `keepYoungerThanDuration` with a Go duration such as `60m`.',
  }),
  suspended: defineRule({
    code: 'pruner-suspended', severity: 'warning', source: 'documentation', kinds: PRUNER,
    summary: '`suspend: true`: no pruning happens, and the registry storage grows without bound.',
    fix: 'Remove `suspend` (or set it to false) once the pause is over.',
  }),
  ignoreInvalidReferencesFalse: defineRule({
    code: 'pruner-ignore-invalid-references-false', severity: 'warning', source: 'documentation', kinds: PRUNER,
    summary: '`ignoreInvalidImageReferences` is set to false: one image reference that does not parse makes every pruner run fail ("failed to build graph - no changes made") and the ClusterOperator Degraded. (Left out, the cluster keeps its value, `true` on the operator\'s own object.)',
    fix: 'Set `ignoreInvalidImageReferences: true`, as the operator\'s own object does.',
  }),
};

/** Nanoseconds as a person reads them: `604.8µs`, `7 days`, `1h30m`. */
function readableNanoseconds(nanoseconds: number): string {
  if (nanoseconds < 1_000) {
    return `${nanoseconds}ns`;
  }
  if (nanoseconds < 1_000_000) {
    return `${nanoseconds / 1_000}µs`;
  }
  if (nanoseconds < 1_000_000_000) {
    return `${nanoseconds / 1_000_000}ms`;
  }
  const days = nanoseconds / 86_400_000_000_000;
  return Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : formatGoDuration(BigInt(nanoseconds));
}

/**
 * The message and fix for the deprecated `keepYoungerThan`. The field counts nanoseconds, but a number below one
 * second is almost always seconds written by mistake (`604800   # 7 days`): say what it means as written, and offer
 * the duration the author most likely meant, never one that silently keeps the mistake.
 */
function describeKeepYoungerThan(nanoseconds: number, duration: unknown): [string, string] {
  const asWritten = `\`spec.keepYoungerThan\` is ${nanoseconds}: the field counts nanoseconds, so this is ${readableNanoseconds(nanoseconds)}`;
  if (typeof duration === 'string') {
    return [`${asWritten}; the field is deprecated and ignored, because \`keepYoungerThanDuration\` (${quote(duration)}) is set.`, 'Remove `keepYoungerThan`.'];
  }
  if (nanoseconds > 0 && nanoseconds < 1_000_000_000) {
    const meant = formatGoDuration(BigInt(nanoseconds) * 1_000_000_000n);
    return [
      `${asWritten}, which protects no image from pruning by age; the field is also deprecated.`,
      `If ${nanoseconds} was meant as seconds (${readableNanoseconds(nanoseconds * 1_000_000_000)}), write \`keepYoungerThanDuration: ${meant}\` instead of \`keepYoungerThan\`.`,
    ];
  }
  return [`${asWritten}; the field is deprecated.`, `Write \`keepYoungerThanDuration: ${formatGoDuration(BigInt(nanoseconds))}\` instead of \`keepYoungerThan\`.`];
}

const prunerSpecSchema = s.object({
  schedule: s.string(),
  suspend: s.boolean(),
  keepTagRevisions: s.integer(),
  keepYoungerThan: s.integer({ format: 'int64' }),
  keepYoungerThanDuration: s.string({ checks: [durationCheck()] }),
  resources: CoreSchemas.resources,
  affinity: CoreSchemas.affinity,
  nodeSelector: CoreSchemas.nodeSelector,
  // Unlike the registry Config, the pruner CRD gives its tolerations no list type.
  tolerations: CoreSchemas.tolerations(),
  successfulJobsHistoryLimit: s.integer({ format: 'int32' }),
  failedJobsHistoryLimit: s.integer({ format: 'int32' }),
  ignoreInvalidImageReferences: s.boolean(),
  logLevel: CoreSchemas.logLevel,
});

const prunerKind: KindDefinition = {
  apiVersion: IMAGE_REGISTRY_API_VERSION,
  kind: IMAGE_PRUNER_KIND,
  clusterScoped: true,
  singletonName: IMAGE_REGISTRY_SINGLETON_NAME,
  specSchema: prunerSpecSchema,
  checks: [
    (subject, ctx) => {
      const spec = subject.spec;
      // An empty schedule is what Go writes for an unset one (no omitempty); the operator then uses its default.
      if (typeof spec.schedule === 'string' && spec.schedule !== '') {
        const check = checkCronSchedule(spec.schedule);
        if (!check.valid) {
          report(ctx, ImagePrunerRules.scheduleInvalid, 'spec.schedule',
            `\`spec.schedule\` is ${quote(spec.schedule)}, which the CronJob API refuses: ${check.problem}.`,
            `Write a five-field cron schedule such as ${quote(IMAGE_PRUNER_DEFAULTS.schedule)} (daily at 00:00 UTC) or a descriptor such as "@daily".`);
        } else if (check.neverRuns) {
          report(ctx, ImagePrunerRules.scheduleNeverRuns, 'spec.schedule',
            `\`spec.schedule\` is ${quote(spec.schedule)}: no chosen month has the chosen day of month, so the pruner never runs.`);
        }
      }
      for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
        const value = spec[field];
        if (isApiInteger(value) && value < 1) {
          report(ctx, ImagePrunerRules.historyLimitMinimum, `spec.${field}`,
            `\`spec.${field}\` is ${value}; keep at least 1 job so the pruner's metrics and status are reported.`,
            `Set \`${field}\` to 1 or more (the operator default is ${IMAGE_PRUNER_DEFAULTS[field]}).`);
        }
      }
      const revisions = spec.keepTagRevisions;
      if (isApiInteger(revisions)) {
        if (revisions < 0) {
          report(ctx, ImagePrunerRules.keepTagRevisionsNegative, 'spec.keepTagRevisions', `\`spec.keepTagRevisions\` is ${revisions}; it cannot be negative.`);
        } else if (revisions === 0) {
          report(ctx, ImagePrunerRules.keepTagRevisionsZero, 'spec.keepTagRevisions', '`spec.keepTagRevisions` is 0: no revision of any tag is kept.');
        }
      }
      if (isApiInteger(spec.keepYoungerThan) && Number.isSafeInteger(spec.keepYoungerThan)) {
        report(ctx, ImagePrunerRules.keepYoungerThanDeprecated, 'spec.keepYoungerThan', ...describeKeepYoungerThan(spec.keepYoungerThan, spec.keepYoungerThanDuration));
      }
      if (spec.suspend === true) {
        report(ctx, ImagePrunerRules.suspended, 'spec.suspend', '`spec.suspend` is true: the pruner does not run and the registry storage keeps growing.');
      }
      if (spec.ignoreInvalidImageReferences === false) {
        report(ctx, ImagePrunerRules.ignoreInvalidReferencesFalse, 'spec.ignoreInvalidImageReferences',
          '`spec.ignoreInvalidImageReferences` is false: a single unparsable image reference makes every pruner run fail.');
      }
    },
  ],
};

export const imagePrunerRulesModule: RuleModule = {
  name: 'image-pruner',
  description: '`imageregistry.operator.openshift.io/v1` `ImagePruner` named `cluster`: the schedule and retention of the pruner CronJob.',
  rules: Object.values(ImagePrunerRules),
  kinds: [prunerKind],
};
