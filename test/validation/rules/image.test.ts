import { generateKeyPairSync } from 'node:crypto';
import { imageRulesModule } from '../../../src/validation/rules/image';
import { ruleTester } from '../../support/rule-tester';
import { CA_PEM, configMap, idms, image, imageWithSources, itms } from '../../support/objects';

const PLATFORM = ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000'];
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

ruleTester(imageRulesModule, {
  valid: [
    { name: 'an allow list with the platform registries and the mirrors it serves', objects: [imageWithSources({ allowedRegistries: [...PLATFORM, 'mirror.example.com'] }), idms('a', [{ source: 'quay.io/a', mirrors: ['mirror.example.com/a'] }])] },
    { name: 'a block list of a public registry', objects: [imageWithSources({ blockedRegistries: ['docker.io'] })] },
    { name: 'a trusted CA keyed host..port in openshift-config', objects: [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM })] },
    { name: 'an Image not named cluster (the cluster ignores it) with a mirror outside its allow list', objects: [imageWithSources({ allowedRegistries: PLATFORM }, { name: 'other' }), idms('a', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])] },
  ],
  invalid: [
    { name: 'a scope with a tag', objects: [imageWithSources({ allowedRegistries: [...PLATFORM, 'quay.io/team/app:latest'] })], findings: [{ code: 'registry-scope-invalid', object: 'Image/cluster', path: 'spec.registrySources.allowedRegistries[3]', says: 'tag' }] },
    { name: 'both lists, one of them empty', objects: [imageWithSources({ allowedRegistries: PLATFORM, blockedRegistries: [] })], findings: [{ code: 'registry-sources-exclusive', object: 'Image/cluster', path: 'spec.registrySources' }] },
    { name: 'a CA ConfigMap name in upper case', objects: [image({ additionalTrustedCA: { name: 'CAs' } })], findings: [{ code: 'trusted-ca-name-invalid', object: 'Image/cluster', path: 'spec.additionalTrustedCA.name' }] },
    { name: 'the CA ConfigMap in another namespace', objects: [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'default', { 'a.io': CA_PEM })], findings: [{ code: 'trusted-ca-namespace', object: 'ConfigMap/cas', path: 'metadata.namespace' }] },
    {
      name: 'CA keys with a colon, a value that is no PEM and a private key',
      objects: [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'openshift-config', { 'a.io:8443': CA_PEM, 'b.io': 'not a certificate', 'c.io': privateKey })],
      findings: [
        { code: 'trusted-ca-key-invalid', object: 'ConfigMap/cas', path: 'data["a.io:8443"]' },
        { code: 'trusted-ca-not-pem', object: 'ConfigMap/cas', path: 'data["b.io"]' },
        { code: 'trusted-ca-private-key', object: 'ConfigMap/cas', path: 'data["c.io"]' },
      ],
    },
    { name: 'an allow list without the platform registries', objects: [imageWithSources({ allowedRegistries: ['mirror.example.com'] })], findings: [{ code: 'allowed-registries-missing-platform', object: 'Image/cluster', path: 'spec.registrySources.allowedRegistries', says: '"quay.io"' }] },
    { name: 'a tag mirror outside the allow list', objects: [imageWithSources({ allowedRegistries: PLATFORM }), itms('t', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])], findings: [{ code: 'allowed-registries-missing-mirror', object: 'Image/cluster', path: 'spec.registrySources.allowedRegistries', says: '"m.io/a"' }] },
    { name: 'blocking part of quay.io', objects: [imageWithSources({ blockedRegistries: ['quay.io/openshift-release-dev'] })], findings: [{ code: 'blocked-registries-platform', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[0]' }] },
    {
      name: 'an insecure registry next to an allow list that leaves it out',
      objects: [imageWithSources({ allowedRegistries: PLATFORM, insecureRegistries: ['lab.local:5000'] })],
      findings: [
        { code: 'insecure-registry-not-allowed', object: 'Image/cluster', path: 'spec.registrySources.insecureRegistries[0]' },
        { code: 'insecure-registry', object: 'Image/cluster', path: 'spec.registrySources.insecureRegistries[0]' },
      ],
    },
    {
      name: 'search registries: a public one and one with a path',
      objects: [imageWithSources({ containerRuntimeSearchRegistries: ['docker.io', 'registry.example.com/team'] })],
      findings: [
        { code: 'search-registry-public', object: 'Image/cluster', path: 'spec.registrySources.containerRuntimeSearchRegistries[0]' },
        { code: 'search-registry-format', object: 'Image/cluster', path: 'spec.registrySources.containerRuntimeSearchRegistries[1]' },
      ],
    },
    { name: 'an external host name with a scheme', objects: [image({ externalRegistryHostnames: ['https://registry.apps.example.com'] })], findings: [{ code: 'external-registry-hostname-format', object: 'Image/cluster', path: 'spec.externalRegistryHostnames[0]' }] },
  ],
  testedElsewhere: {
    'trusted-ca-props-conflict': 'reported by the ImageConfig construct from its props (additionalTrustedCA and trustedCAs together); test/constructs/k8s/image-config.test.ts',
  },
});
