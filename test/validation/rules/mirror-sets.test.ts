import { mirrorSetRulesModule } from '../../../src/validation/rules/mirror-sets';
import { ruleTester } from '../../support/rule-tester';
import { icsp, idms, itms } from '../../support/objects';

ruleTester(mirrorSetRulesModule, {
  valid: [
    { name: 'a wildcard source with a concrete mirror', objects: [idms('a', [{ source: '*.example.com', mirrors: ['mirror.local/example'] }])] },
    { name: 'NeverContactSource with a real mirror', objects: [itms('t', [{ source: 'quay.io/a', mirrors: ['m.io/a'], mirrorSourcePolicy: 'NeverContactSource' }])] },
  ],
  invalid: [
    { name: 'a source with a digest', objects: [idms('a', [{ source: 'quay.io/a@sha256:abc', mirrors: ['m.io/a'] }])], findings: [{ code: 'mirror-source-invalid', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].source' }] },
    { name: 'a wildcard mirror', objects: [itms('t', [{ source: 'quay.io/a', mirrors: ['*.m.io'] }])], findings: [{ code: 'mirror-invalid', object: 'ImageTagMirrorSet/t', path: 'spec.imageTagMirrors[0].mirrors[0]' }] },
    { name: 'NeverContactSource without a real mirror', objects: [idms('a', [{ source: 'quay.io/a', mirrors: ['quay.io/a'], mirrorSourcePolicy: 'NeverContactSource' }])], findings: [{ code: 'never-contact-source-without-mirrors', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].mirrorSourcePolicy' }] },
    { name: 'an ICSP', objects: [icsp('old', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])], findings: [{ code: 'icsp-deprecated', object: 'ImageContentSourcePolicy/old', path: '' }] },
  ],
});
