import { targetRulesModule } from '../../../src/validation/rules/targets';
import { ruleTester } from '../../support/rule-tester';
import { icsp, idms, image, imageWithSources, itms } from '../../support/objects';

const rosa = { target: 'rosa-hcp' as const };
const hypershift = { target: 'hypershift' as const };
const long = `quay.io/${'a'.repeat(260)}`;

ruleTester(targetRulesModule, {
  valid: [
    { name: 'a tag mirror set without a target (standalone OpenShift)', objects: [itms('t', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])] },
    { name: 'search registries on HyperShift (the HostedCluster carries the whole Image spec)', objects: [imageWithSources({ containerRuntimeSearchRegistries: ['registry.example.com'] })], options: hypershift },
    { name: 'a repeated ICSP mirror on ROSA (each source is one OCM image mirror, whose mirrors are merged)', objects: [icsp('old', [{ source: 'quay.io/a', mirrors: ['m.io/a', 'm.io/a'] }])], options: rosa },
    { name: 'the same import domain twice with the same flag on ROSA', objects: [image({ allowedRegistriesForImport: [{ domainName: 'quay.io', insecure: false }, { domainName: 'quay.io', insecure: false }] })], options: rosa },
  ],
  invalid: [
    { name: 'a tag mirror set on ROSA', objects: [itms('t', [{ source: 'quay.io/a', mirrors: ['m.io/a'] }])], options: rosa, findings: [{ code: 'hosted-tag-mirrors', object: 'ImageTagMirrorSet/t', path: 'spec.imageTagMirrors', says: 'digest' }] },
    { name: 'NeverContactSource on HyperShift', objects: [idms('a', [{ source: 'quay.io/a', mirrors: ['m.io/a'], mirrorSourcePolicy: 'NeverContactSource' }])], options: hypershift, findings: [{ code: 'hosted-never-contact-source', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].mirrorSourcePolicy' }] },
    { name: 'a source over 255 characters on HyperShift', objects: [idms('a', [{ source: long, mirrors: ['m.io/a'] }])], options: hypershift, findings: [{ code: 'hosted-mirror-too-long', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].source' }] },
    {
      name: '256 sources on HyperShift',
      objects: [idms('many', Array.from({ length: 256 }, (_, i) => ({ source: `quay.io/r${i}`, mirrors: [`m.io/r${i}`] })))],
      options: hypershift,
      findings: [{ code: 'hosted-mirror-too-many', object: 'ImageDigestMirrorSet/many', path: 'spec.imageDigestMirrors', says: '256 sources' }],
    },
    { name: 'a repeated ICSP mirror on HyperShift', objects: [icsp('old', [{ source: 'quay.io/a', mirrors: ['m.io/a', 'm.io/a'] }])], options: hypershift, findings: [{ code: 'hypershift-mirror-repeated', object: 'ImageContentSourcePolicy/old', path: 'spec.repositoryDigestMirrors[0].mirrors[1]' }] },
    { name: 'search registries on ROSA', objects: [imageWithSources({ containerRuntimeSearchRegistries: ['registry.example.com'] })], options: rosa, findings: [{ code: 'rosa-image-field-unsupported', object: 'Image/cluster', path: 'spec.registrySources.containerRuntimeSearchRegistries' }] },
    { name: 'a registry blocked and insecure on ROSA', objects: [imageWithSources({ blockedRegistries: ['lab.io'], insecureRegistries: ['lab.io'] })], options: rosa, findings: [{ code: 'rosa-blocked-and-insecure', object: 'Image/cluster', path: 'spec.registrySources.insecureRegistries[0]' }] },
    { name: 'an import domain twice with different flags on ROSA', objects: [image({ allowedRegistriesForImport: [{ domainName: 'quay.io', insecure: false }, { domainName: 'quay.io', insecure: true }] })], options: rosa, findings: [{ code: 'rosa-import-domain-conflict', object: 'Image/cluster', path: 'spec.allowedRegistriesForImport[1]' }] },
    { name: 'an import domain with a comma on ROSA', objects: [image({ allowedRegistriesForImport: [{ domainName: 'a.io,b.io' }] })], options: rosa, findings: [{ code: 'rosa-import-domain-invalid', object: 'Image/cluster', path: 'spec.allowedRegistriesForImport[0].domainName' }] },
    { name: 'a trusted-CA ConfigMap named but not given on ROSA', objects: [image({ additionalTrustedCA: { name: 'cas' } })], options: rosa, findings: [{ code: 'rosa-trusted-ca-missing', object: 'Image/cluster', path: 'spec.additionalTrustedCA.name' }] },
  ],
});
