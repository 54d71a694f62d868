import { imagePrunerRulesModule } from '../../../src/validation/rules/image-pruner';
import { ruleTester } from '../../support/rule-tester';
import { imagePruner } from '../../support/objects';

ruleTester(imagePrunerRulesModule, {
  valid: [
    { name: 'the operator\'s defaults written out', objects: [imagePruner({ schedule: '0 0 * * *', keepTagRevisions: 3, keepYoungerThanDuration: '60m', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3, ignoreInvalidImageReferences: true })] },
    { name: 'an empty spec (applied, it changes nothing)', objects: [imagePruner({})] },
    { name: 'an empty schedule (the operator\'s default)', objects: [imagePruner({ schedule: '' })] },
  ],
  invalid: [
    { name: 'a schedule with seconds', objects: [imagePruner({ schedule: '0 0 0 * * *' })], findings: [{ code: 'pruner-schedule-invalid', object: 'ImagePruner/cluster', path: 'spec.schedule' }] },
    { name: 'a schedule on 30 February', objects: [imagePruner({ schedule: '0 0 30 2 *' })], findings: [{ code: 'pruner-schedule-never-runs', object: 'ImagePruner/cluster', path: 'spec.schedule' }] },
    { name: 'no failed job kept', objects: [imagePruner({ failedJobsHistoryLimit: 0 })], findings: [{ code: 'pruner-history-limit-minimum', object: 'ImagePruner/cluster', path: 'spec.failedJobsHistoryLimit' }] },
    { name: 'a negative revision count', objects: [imagePruner({ keepTagRevisions: -1 })], findings: [{ code: 'pruner-keep-tag-revisions-negative', object: 'ImagePruner/cluster', path: 'spec.keepTagRevisions' }] },
    { name: 'no revision kept', objects: [imagePruner({ keepTagRevisions: 0 })], findings: [{ code: 'pruner-keep-tag-revisions-zero', object: 'ImagePruner/cluster', path: 'spec.keepTagRevisions' }] },
    { name: 'keepYoungerThan: 604800 meant as seconds', objects: [imagePruner({ keepYoungerThan: 604800 })], findings: [{ code: 'pruner-keep-younger-than-deprecated', object: 'ImagePruner/cluster', path: 'spec.keepYoungerThan', says: '604.8µs' }] },
    { name: 'a suspended pruner', objects: [imagePruner({ suspend: true })], findings: [{ code: 'pruner-suspended', object: 'ImagePruner/cluster', path: 'spec.suspend' }] },
    { name: 'ignoreInvalidImageReferences set to false', objects: [imagePruner({ ignoreInvalidImageReferences: false })], findings: [{ code: 'pruner-ignore-invalid-references-false', object: 'ImagePruner/cluster', path: 'spec.ignoreInvalidImageReferences' }] },
  ],
});
