import { Duration, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Warnings } from 'cdk-openshift-images';
import { ImagePruner } from '../../../src/constructs/k8s/image-pruner';
import { LogLevel } from '../../../src/model/api/image-registry';
import { expectAcceptedByCluster, newChart } from '../../support/constructs';
import { codesOf, expectValidationError } from '../../support/findings';

describe('ImagePruner', () => {
  test('GIVEN no props THEN the ImagePruner named cluster sets only ignoreInvalidImageReferences: true (the operator\'s own value)', () => {
    // GIVEN
    const chart = newChart('some-namespace');
    // WHEN
    new ImagePruner(chart, 'pruner');
    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'imageregistry.operator.openshift.io/v1',
      kind: 'ImagePruner',
      metadata: { name: 'cluster' },
      spec: { ignoreInvalidImageReferences: true },
    }]);
    expectAcceptedByCluster(manifest);
    expect(Warnings.of(chart)).toEqual([]);
  });

  test('GIVEN every upstream field at top level THEN they are rendered one to one', () => {
    const chart = newChart();
    new ImagePruner(chart, 'pruner', {
      metadata: { labels: { team: 'platform' } },
      schedule: '30 1 * * *',
      suspend: false,
      keepTagRevisions: 5,
      keepYoungerThanDuration: '24h',
      resources: { requests: { cpu: '100m', memory: '256Mi' } },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'infra', operator: 'Exists' }] }] } } },
      nodeSelector: { infra: '' },
      tolerations: [{ key: 'infra', operator: 'Exists' }],
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
      ignoreInvalidImageReferences: true,
      logLevel: LogLevel.DEBUG,
    });
    const manifest = Testing.synth(chart);
    expect(manifest[0]).toEqual({
      apiVersion: 'imageregistry.operator.openshift.io/v1',
      kind: 'ImagePruner',
      metadata: { name: 'cluster', labels: { team: 'platform' } },
      spec: {
        schedule: '30 1 * * *',
        suspend: false,
        keepTagRevisions: 5,
        keepYoungerThanDuration: '24h',
        resources: { requests: { cpu: '100m', memory: '256Mi' } },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'infra', operator: 'Exists' }] }] } } },
        nodeSelector: { infra: '' },
        tolerations: [{ key: 'infra', operator: 'Exists' }],
        successfulJobsHistoryLimit: 2,
        failedJobsHistoryLimit: 1,
        ignoreInvalidImageReferences: true,
        logLevel: 'Debug',
      },
    });
    expectAcceptedByCluster(manifest);
  });

  test.each([
    [Duration.hours(48), '48h'],
    [Duration.minutes(60), '1h'],
    [Duration.minutes(90), '1h30m'],
    [Duration.days(7), '168h'],
    [Duration.seconds(90), '1m30s'],
    ['60m', '60m'],
  ])('GIVEN keepYoungerThanDuration %s THEN it is rendered as the Go duration %j', (value, rendered) => {
    const chart = newChart();
    new ImagePruner(chart, 'pruner', { keepYoungerThanDuration: value });
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec.keepYoungerThanDuration).toBe(rendered);
    expectAcceptedByCluster(manifest);
  });

  test('GIVEN ignoreInvalidImageReferences false explicitly THEN it is kept, with a warning', () => {
    const chart = newChart();
    new ImagePruner(chart, 'pruner', { ignoreInvalidImageReferences: false });
    expect(Testing.synth(chart)[0].spec.ignoreInvalidImageReferences).toBe(false);
    expect(Warnings.of(chart).map((warning) => warning.code)).toEqual(['pruner-ignore-invalid-references-false']);
  });

  test('GIVEN cdk8s-plus quantities, addToleration and addNodeSelector after construction THEN plain JSON is rendered', () => {
    const chart = newChart();
    const pruner = new ImagePruner(chart, 'pruner', { resources: { limits: { memory: k8s.Quantity.fromString('1Gi') } } });
    pruner.addToleration({ key: 'infra', operator: 'Exists', effect: 'NoSchedule' });
    pruner.addNodeSelector('infra', 'true');
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec).toEqual({
      resources: { limits: { memory: '1Gi' } },
      tolerations: [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }],
      nodeSelector: { infra: 'true' },
      ignoreInvalidImageReferences: true,
    });
    expectAcceptedByCluster(manifest);
  });

  test('GIVEN a six-field schedule, "7d", history limit 0 and -1 revisions THEN one ValidationError lists all four with construct path and values', () => {
    const chart = newChart();
    const error = expectValidationError(() => new ImagePruner(chart, 'pruner', {
      schedule: '0 0 0 * * *',
      keepYoungerThanDuration: '7d',
      successfulJobsHistoryLimit: 0,
      keepTagRevisions: -1,
    }));
    expect(codesOf(error).sort()).toEqual(['go-duration-invalid', 'pruner-history-limit-minimum', 'pruner-keep-tag-revisions-negative', 'pruner-schedule-invalid']);
    expect(error.message).toContain('[test/pruner] ImagePruner/cluster spec.schedule');
    expect(error.message).toContain('"0 0 0 * * *"');
    expect(error.message).toContain('"7d"');
    expect(error.message).toContain('`spec.successfulJobsHistoryLimit` is 0');
  });

  test('GIVEN suspend and the deprecated keepYoungerThan THEN warnings', () => {
    const chart = newChart();
    new ImagePruner(chart, 'pruner', { suspend: true, keepYoungerThan: 3_600_000_000_000 });
    expect(Warnings.of(chart).map((warning) => warning.code).sort()).toEqual(['pruner-keep-younger-than-deprecated', 'pruner-suspended']);
  });
});
