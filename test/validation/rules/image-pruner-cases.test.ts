import { imagePruner } from '../../support/objects';
import { errorCodes, expectCrdAccepts, expectCrdRejects, findingsWithCode, schemaLevelErrors, warningCodes } from '../../support/findings';
/** The rules of `ImagePruner` over plain objects, next to the upstream CRD's verdict. */

const FULL_REGISTRY_SPEC = {
  schedule: '30 1 * * *',
  suspend: false,
  keepTagRevisions: 5,
  keepYoungerThanDuration: '24h',
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists' }] }] } } },
  nodeSelector: { 'node-role.kubernetes.io/infra': '' },
  tolerations: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' }],
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1,
  ignoreInvalidImageReferences: true,
  logLevel: 'Normal',
};

describe('ImagePruner rules', () => {
  test('GIVEN every field with valid values THEN no finding, and the upstream CRD accepts it', () => {
    const object = imagePruner(FULL_REGISTRY_SPEC);
    expect(errorCodes(object)).toEqual([]);
    expect(warningCodes(object)).toEqual([]);
    expectCrdAccepts(object);
  });

  test('GIVEN an empty spec THEN nothing to report: applied, the pruner keeps every value the cluster holds', () => {
    // GIVEN a manifest that sets nothing (the operator created the pruner with ignoreInvalidImageReferences: true)
    const object = imagePruner({});
    // WHEN / THEN no warning about a field the manifest leaves out
    expect(errorCodes(object)).toEqual([]);
    expect(warningCodes(object)).toEqual([]);
  });

  test('GIVEN an empty schedule (Go writes one for an unset field) THEN it is the operator default, not an error', () => {
    expect(errorCodes(imagePruner({ schedule: '', ignoreInvalidImageReferences: true }))).toEqual([]);
  });

  test.each([
    ['0 0 0 * * *', 'seconds field'],
    ['0 0 * *', '4 field(s)'],
    ['TZ=UTC 0 0 * * *', 'time zone'],
    ['0 0 L * *', 'not standard cron'],
    ['0 25 * * *', 'above the maximum 23 of the hour field'],
    ['daily', '1 field(s)'],
  ])('GIVEN schedule %j THEN an operator error quotes it and says why (%s)', (schedule, why) => {
    // GIVEN
    const object = imagePruner({ schedule, ignoreInvalidImageReferences: true });
    // WHEN
    const [finding] = findingsWithCode(object, 'pruner-schedule-invalid');
    // THEN
    expect(finding.severity).toBe('error');
    expect(finding.source).toBe('operator');
    expect(finding.path).toBe('spec.schedule');
    expect(finding.message).toContain(JSON.stringify(schedule));
    expect(finding.message).toContain(why);
    expect(finding.hint).toContain('0 0 * * *');
    // The CRD has no pattern on schedule: the API server stores it, the CronJob API refuses it later.
    expectCrdAccepts(object);
  });

  test.each(['@daily', '0 */6 * * *', '15 3 * * sun'])('GIVEN schedule %j THEN accepted', (schedule) => {
    expect(errorCodes(imagePruner({ schedule, ignoreInvalidImageReferences: true }))).toEqual([]);
  });

  test('GIVEN 30 February THEN a warning that the pruner never runs', () => {
    const [finding] = findingsWithCode(imagePruner({ schedule: '0 0 30 2 *', ignoreInvalidImageReferences: true }), 'pruner-schedule-never-runs');
    expect(finding.severity).toBe('warning');
  });

  test.each([['7d', 'day or week'], ['2w', 'day or week'], ['1 h', 'not a Go duration unit']])('GIVEN keepYoungerThanDuration %j THEN the API server stores it but the operator cannot parse it: error', (value, why) => {
    const object = imagePruner({ keepYoungerThanDuration: value, ignoreInvalidImageReferences: true });
    const [finding] = findingsWithCode(object, 'go-duration-invalid');
    expect(finding.severity).toBe('error');
    expect(finding.path).toBe('spec.keepYoungerThanDuration');
    expect(finding.message).toContain(JSON.stringify(value));
    expect(finding.message).toContain(why);
    expect(finding.hint).toContain('168h');
    expect(schemaLevelErrors(object)).toEqual([]);
    expectCrdAccepts(object);
  });

  test('GIVEN keepYoungerThanDuration that is no duration at all THEN the schema-level error, as the API server', () => {
    const object = imagePruner({ keepYoungerThanDuration: 'an hour' });
    expect(findingsWithCode(object, 'duration-format')[0].message).toContain('"an hour"');
    expectCrdRejects(object, 'format');
  });

  test.each(['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])('GIVEN %s 0 THEN an error asks for at least 1', (field) => {
    const object = imagePruner({ [field]: 0, ignoreInvalidImageReferences: true });
    const [finding] = findingsWithCode(object, 'pruner-history-limit-minimum');
    expect(finding.path).toBe(`spec.${field}`);
    expect(finding.message).toContain('is 0');
    expect(finding.hint).toContain('default is 3');
    expect(errorCodes(imagePruner({ [field]: 1, ignoreInvalidImageReferences: true }))).toEqual([]);
  });

  test('GIVEN negative tag revisions THEN an error; 0 THEN a warning; 1 THEN nothing', () => {
    expect(findingsWithCode(imagePruner({ keepTagRevisions: -1 }), 'pruner-keep-tag-revisions-negative')[0].message).toContain('-1');
    expect(warningCodes(imagePruner({ keepTagRevisions: 0, ignoreInvalidImageReferences: true }))).toEqual(['pruner-keep-tag-revisions-zero']);
    expect(warningCodes(imagePruner({ keepTagRevisions: 1, ignoreInvalidImageReferences: true }))).toEqual([]);
  });

  test('GIVEN the deprecated keepYoungerThan THEN a warning with its value as a Go duration; ignored when the duration field is set', () => {
    const [alone] = findingsWithCode(imagePruner({ keepYoungerThan: 3_600_000_000_000, ignoreInvalidImageReferences: true }), 'pruner-keep-younger-than-deprecated');
    expect(alone.message).toContain('1h');
    expect(alone.hint).toContain('keepYoungerThanDuration: 1h');
    const [both] = findingsWithCode(imagePruner({ keepYoungerThan: 60, keepYoungerThanDuration: '2h', ignoreInvalidImageReferences: true }), 'pruner-keep-younger-than-deprecated');
    expect(both.message).toContain('ignored');
    expect(both.message).toContain('"2h"');
  });

  test('GIVEN suspend true THEN a warning; ignoreInvalidImageReferences false THEN a warning', () => {
    expect(warningCodes(imagePruner({ suspend: true, ignoreInvalidImageReferences: true }))).toEqual(['pruner-suspended']);
    const [finding] = findingsWithCode(imagePruner({ ignoreInvalidImageReferences: false }), 'pruner-ignore-invalid-references-false');
    expect(finding.message).toContain('is false');
  });

  test.each([
    ['logLevel', { logLevel: 'Loud' }, 'schema-enum', 'enum'],
    ['keepTagRevisions as a string', { keepTagRevisions: '3' }, 'schema-type', 'integer'],
    ['a quantity typo', { resources: { requests: { cpu: '1 core' } } }, 'schema-pattern', 'pattern'],
    ['suspend as a string', { suspend: 'yes' }, 'schema-type', 'boolean'],
  ])('GIVEN %s THEN the schema error the API server would give', (_name, spec, code, crd) => {
    const object = imagePruner(spec);
    expect(errorCodes(object)).toContain(code);
    expectCrdRejects(object, crd);
  });

  test('GIVEN duplicate tolerations THEN accepted (the pruner CRD gives tolerations no list type)', () => {
    const toleration = { key: 'a', operator: 'Exists' };
    const object = imagePruner({ tolerations: [toleration, toleration], ignoreInvalidImageReferences: true });
    expect(errorCodes(object)).toEqual([]);
    expectCrdAccepts(object);
  });

  test('GIVEN a pruner not named cluster THEN the singleton error', () => {
    expect(errorCodes(imagePruner({}, { name: 'nightly' }))).toContain('singleton-name');
  });
});

describe('ImagePruner fixes say what a value means', () => {
  test('GIVEN keepYoungerThan: 604800 (seconds meant, nanoseconds read) THEN the message says 604.8µs and the fix proposes 168h', () => {
    // GIVEN a value published as "7 days in seconds"
    const [finding] = findingsWithCode(imagePruner({ keepYoungerThan: 604800 }), 'pruner-keep-younger-than-deprecated');
    // THEN the fix never keeps the mistake (`604us800ns`)
    expect(finding.message).toContain('604.8µs');
    expect(finding.hint).toContain('keepYoungerThanDuration: 168h');
    expect(finding.hint).not.toContain('604us');
  });

  test('GIVEN keepYoungerThan of one day in nanoseconds THEN the fix is the same duration, written as a Go duration', () => {
    const [finding] = findingsWithCode(imagePruner({ keepYoungerThan: 86_400_000_000_000 }), 'pruner-keep-younger-than-deprecated');
    expect(finding.message).toContain('1 day');
    expect(finding.hint).toContain('keepYoungerThanDuration: 24h');
  });
});
