import { machineConfigOperatorRulesModule } from '../../../src/validation/rules/machine-config-operator';
import { ruleTester } from '../../support/rule-tester';
import { icsp, idms, imageWithSources, itms, RELEASE_IMAGE } from '../../support/objects';

const PAYLOAD_SOURCE = 'quay.io/openshift-release-dev';

ruleTester(machineConfigOperatorRulesModule, {
  valid: [
    { name: 'an empty insecure scope (the API server refuses it first: registry-scope-invalid says what to fix)', objects: [imageWithSources({ insecureRegistries: [''] })] },
    { name: 'mirror sets without an Image (the cluster\'s Image is taken as empty)', objects: [idms('a', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])] },
    { name: 'a blocked payload registry with a payload mirror, given once', objects: [imageWithSources({ blockedRegistries: [PAYLOAD_SOURCE] }), idms('p', [{ source: PAYLOAD_SOURCE, mirrors: ['m.io/release'] }])], options: { releaseImage: RELEASE_IMAGE } },
    { name: 'a wildcard source on 4.16', objects: [idms('a', [{ source: '*.example.com', mirrors: ['m.io/example'] }])], options: { openshiftVersion: '4.16' } },
    { name: 'an object the API server refuses first (its error says what to fix)', objects: [idms('a', [{ source: 'quay.io/a@sha256:x', mirrors: ['m.io/a'] }])] },
    { name: 'an ICSP the MCO accepts', objects: [icsp('old', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])] },
  ],
  invalid: [
    {
      name: 'an ICSP with an invalid source and an invalid mirror (both reported at once)',
      objects: [icsp('old', [{ source: 'quay.io/a:tag', mirrors: ['m.io/a'] }, { source: 'quay.io/b', mirrors: ['*.m.io'] }])],
      findings: [
        { code: 'icsp-source-invalid', object: 'ImageContentSourcePolicy/old', path: 'spec.repositoryDigestMirrors[0].source', says: 'invalid format for source "quay.io/a:tag"' },
        { code: 'icsp-mirror-invalid', object: 'ImageContentSourcePolicy/old', path: 'spec.repositoryDigestMirrors[1].mirrors[0]' },
      ],
    },
    { name: 'a wildcard source on a 4.15 cluster', objects: [idms('a', [{ source: '*.example.com', mirrors: ['m.io/example'] }])], options: { openshiftVersion: '4.15' }, findings: [{ code: 'mco-mirror-rule-refused', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].source', says: 'wildcard entries are not supported' }] },
    { name: 'NeverContactSource with the source among its mirrors', objects: [idms('a', [{ source: 'quay.io/a', mirrors: ['m.io/a', 'quay.io/a'], mirrorSourcePolicy: 'NeverContactSource' }])], findings: [{ code: 'never-contact-source-self-mirror', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].mirrors[1]' }] },
    {
      name: 'one source, two policies, in a digest and a tag set (both definitions named)',
      objects: [idms('a', [{ source: 'quay.io/a', mirrors: ['m.io/a'], mirrorSourcePolicy: 'NeverContactSource' }]), itms('t', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])],
      findings: [
        { code: 'mirror-source-policy-conflict', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].mirrorSourcePolicy', says: 'ImageTagMirrorSet/t' },
        { code: 'mirror-source-policy-conflict', object: 'ImageTagMirrorSet/t', path: 'spec.imageTagMirrors[0].mirrorSourcePolicy' },
      ],
    },
    { name: 'a blocked scope inside a wildcard mirror source', objects: [imageWithSources({ blockedRegistries: ['foo.example.com'] }), idms('a', [{ source: '*.example.com', mirrors: ['m.io/example'] }])], findings: [{ code: 'mirror-wildcard-source-nested-scope', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[0]' }] },
    { name: 'a blocked *.io that no registries.conf entry of the payload matches', objects: [imageWithSources({ blockedRegistries: ['*.io'] })], options: { releaseImage: `a.io.b.io/ns/repo@sha256:${'0'.repeat(64)}` }, findings: [{ code: 'mco-payload-check-crash', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[0]' }] },
    {
      name: 'a blocked payload scope given twice next to a payload mirror',
      objects: [imageWithSources({ blockedRegistries: [PAYLOAD_SOURCE, PAYLOAD_SOURCE] }), idms('p', [{ source: PAYLOAD_SOURCE, mirrors: ['m.io/release'] }])],
      options: { releaseImage: RELEASE_IMAGE },
      findings: [{ code: 'mco-policy-json-refused', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[1]', says: 'only one of AllowedRegistries or BlockedRegistries' }],
    },
    { name: 'blocking the payload registry without a payload mirror', objects: [imageWithSources({ blockedRegistries: ['quay.io'] })], options: { releaseImage: RELEASE_IMAGE }, findings: [{ code: 'mco-blocked-registry-dropped', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[0]', says: 'blocks nothing' }] },
    { name: 'a wildcard blocked scope with a path next to the payload registry', objects: [imageWithSources({ blockedRegistries: ['quay.io', '*.example.com/ns'] })], options: { releaseImage: RELEASE_IMAGE }, findings: [{ code: 'mco-registry-lists-ignored', object: 'Image/cluster', path: 'spec.registrySources', says: 'Wildcarded prefix' }] },
  ],
  testedElsewhere: {
    'mco-scope-refused': 'the MCO refuses fewer scopes than the Image CRD\'s own rule, so every scope it refuses is refused first by the API server (registry-scope-invalid); the renderer\'s check is tested with its golden cases (test/node-files)',
    'mco-render-failed': 'a safety net for renderer failures no other rule names (an internal error of the registries.conf edit); no known configuration reaches it',
  },
});
