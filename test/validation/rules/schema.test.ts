import { schemaRulesModule } from '../../../src/validation/rules/schema';
import { ruleTester } from '../../support/rule-tester';
import { idms, image, imagePruner, imageWithSources, registryConfig } from '../../support/objects';

ruleTester(schemaRulesModule, {
  valid: [
    { name: 'an Image with every list', objects: [image({ registrySources: { insecureRegistries: ['a.io'], blockedRegistries: ['b.io'], containerRuntimeSearchRegistries: ['c.io'] }, allowedRegistriesForImport: [{ domainName: 'quay.io', insecure: false }] })] },
    { name: 'a registry Config without replicas (applied over the live object)', objects: [registryConfig({ managementState: 'Managed' })] },
    { name: 'a singleton without spec', objects: [{ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' } }] },
  ],
  invalid: [
    { name: 'a list written as a string', objects: [imageWithSources({ blockedRegistries: 'docker.io' })], findings: [{ code: 'schema-type', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries', says: 'expected a list' }] },
    { name: 'a null item in a list', objects: [imageWithSources({ insecureRegistries: ['a.io', null] })], findings: [{ code: 'schema-type', object: 'Image/cluster', path: 'spec.registrySources.insecureRegistries[1]', says: 'is null' }] },
    { name: 'an import entry written as a string', objects: [image({ allowedRegistriesForImport: ['quay.io'] })], findings: [{ code: 'schema-type', object: 'Image/cluster', path: 'spec.allowedRegistriesForImport[0]', says: '`{domainName, insecure}`' }] },
    { name: 'a mirror set without spec', objects: [{ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'a' } }], findings: [{ code: 'schema-required', object: 'ImageDigestMirrorSet/a', path: 'spec' }] },
    { name: 'a singleton with `spec: null` (applied, it deletes the spec)', objects: [{ ...registryConfig(), spec: null }], findings: [{ code: 'schema-required', object: 'Config/cluster', path: 'spec' }] },
    { name: 'a mirror entry without source', objects: [idms('a', [{ mirrors: ['m.io'] }])], findings: [{ code: 'schema-required', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].source' }] },
    { name: 'an import mode outside the enum', objects: [image({ imageStreamImportMode: 'PreserveOrignal' })], findings: [{ code: 'schema-enum', object: 'Image/cluster', path: 'spec.imageStreamImportMode', says: 'PreserveOrignal' }] },
    { name: 'a rollout strategy outside the pattern', objects: [registryConfig({ rolloutStrategy: 'Blue' })], findings: [{ code: 'schema-pattern', object: 'Config/cluster', path: 'spec.rolloutStrategy' }] },
    { name: 'an Azure resource group that is empty', objects: [registryConfig({ storage: { azure: { networkAccess: { type: 'Internal', internal: { networkResourceGroupName: '' } } } } })], findings: [{ code: 'schema-min-length', object: 'Config/cluster', path: 'spec.storage.azure.networkAccess.internal.networkResourceGroupName' }] },
    { name: 'a registry scope over 256 characters', objects: [imageWithSources({ blockedRegistries: [`a.io/${'x'.repeat(300)}`] })], findings: [{ code: 'schema-max-length', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries[0]' }] },
    { name: 'an S3 chunk size below 5 MiB', objects: [registryConfig({ storage: { s3: { chunkSizeMiB: 4 } } })], findings: [{ code: 'schema-minimum', object: 'Config/cluster', path: 'spec.storage.s3.chunkSizeMiB' }] },
    { name: 'an S3 chunk size over 5 GiB', objects: [registryConfig({ storage: { s3: { chunkSizeMiB: 5121 } } })], findings: [{ code: 'schema-maximum', object: 'Config/cluster', path: 'spec.storage.s3.chunkSizeMiB' }] },
    { name: 'an empty search list', objects: [imageWithSources({ containerRuntimeSearchRegistries: [] })], findings: [{ code: 'schema-min-items', object: 'Image/cluster', path: 'spec.registrySources.containerRuntimeSearchRegistries' }] },
    { name: 'more than 1024 blocked scopes', objects: [imageWithSources({ blockedRegistries: Array.from({ length: 1025 }, (_, i) => `r${i}.io`) })], findings: [{ code: 'schema-max-items', object: 'Image/cluster', path: 'spec.registrySources.blockedRegistries' }] },
    { name: 'a mirror listed twice', objects: [idms('a', [{ source: 'quay.io', mirrors: ['m.io', 'm.io'] }])], findings: [{ code: 'schema-duplicate', object: 'ImageDigestMirrorSet/a', path: 'spec.imageDigestMirrors[0].mirrors[1]' }] },
    { name: 'replicas beyond 32 bits (the API stores it, the operator cannot decode it)', objects: [registryConfig({ replicas: 2 ** 31 })], findings: [{ code: 'int32-out-of-range', object: 'Config/cluster', path: 'spec.replicas' }] },
    { name: 'replicas beyond 64 bits (to the API server no integer)', objects: [registryConfig({ replicas: 1e20 })], findings: [{ code: 'schema-type', object: 'Config/cluster', path: 'spec.replicas', says: '64-bit' }] },
    { name: 'a misspelt field', objects: [imagePruner({ scheduel: '0 0 * * *' })], findings: [{ code: 'schema-unknown-field', object: 'ImagePruner/cluster', path: 'spec.scheduel' }] },
  ],
});
