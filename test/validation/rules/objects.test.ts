import { objectRulesModule } from '../../../src/validation/rules/objects';
import { ruleTester } from '../../support/rule-tester';
import { configMap, idms, image, imagePruner, registryConfig } from '../../support/objects';

ruleTester(objectRulesModule, {
  valid: [
    { name: 'a complete Image named cluster', objects: [image()] },
    { name: 'an Image of image.openshift.io (another kind) and a kubeconfig Config', objects: [{ apiVersion: 'image.openshift.io/v1', kind: 'Image', metadata: { name: 'sha256:abc' } }, { apiVersion: 'v1', kind: 'Config', clusters: [] }] },
    { name: 'two mirror sets with different names', objects: [idms('a', []), idms('b', [])] },
    { name: 'the same ConfigMap name in two namespaces', objects: [configMap('cas', 'openshift-config', {}), configMap('cas', 'other', {})] },
    { name: 'a Deployment given twice (kinds this library does not check are passed over)', objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }] },
  ],
  invalid: [
    { name: 'a document that is a list', objects: [[1, 2]], findings: [{ code: 'object-malformed', object: '<unknown kind>/<unnamed>', path: '' }] },
    { name: 'an object without kind', objects: [{ apiVersion: 'config.openshift.io/v1', metadata: { name: 'x' } }], findings: [{ code: 'object-malformed', object: '<unknown kind>/x', path: 'kind' }] },
    { name: 'an IDMS without metadata.name', objects: [{ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', spec: {} }], findings: [{ code: 'object-malformed', object: 'ImageDigestMirrorSet/<unnamed>', path: 'metadata.name' }] },
    { name: 'a name in upper case', objects: [idms('Release_Mirrors', [])], findings: [{ code: 'metadata-name-invalid', object: 'ImageDigestMirrorSet/Release_Mirrors', path: 'metadata.name', says: 'DNS-1123' }] },
    { name: 'a singleton with another name', objects: [registryConfig({}, { name: 'registry' })], findings: [{ code: 'singleton-name', object: 'Config/registry', path: 'metadata.name' }] },
    { name: 'a cluster-scoped kind with a namespace', objects: [image({}, { namespace: 'openshift-config' })], findings: [{ code: 'cluster-scoped-namespace', object: 'Image/cluster', path: 'metadata.namespace' }] },
    { name: 'an ImagePruner of a group that does not exist', objects: [{ apiVersion: 'imagepruner.operator.openshift.io/v1', kind: 'ImagePruner', metadata: { name: 'cluster' }, spec: {} }], findings: [{ code: 'api-version-unknown', object: 'ImagePruner/cluster', path: 'apiVersion', says: 'imageregistry.operator.openshift.io/v1' }] },
    { name: 'an IDMS under a version that is not served', objects: [idms('a', [], 'config.openshift.io/v1alpha1')], findings: [{ code: 'api-version-unknown', object: 'ImageDigestMirrorSet/a', path: 'apiVersion' }] },
    { name: 'an Image under another version of its group', objects: [{ ...image(), apiVersion: 'config.openshift.io/v1beta1' }], findings: [{ code: 'api-version-unknown', object: 'Image/cluster', path: 'apiVersion' }] },
    {
      name: 'the same Image and the same pruner twice',
      objects: [image(), image({ registrySources: { blockedRegistries: ['docker.io'] } }), imagePruner(), imagePruner({ suspend: false })],
      findings: [
        { code: 'object-duplicate', object: 'Image/cluster', path: 'metadata.name' }, { code: 'object-duplicate', object: 'Image/cluster', path: 'metadata.name' },
        { code: 'object-duplicate', object: 'ImagePruner/cluster', path: 'metadata.name' }, { code: 'object-duplicate', object: 'ImagePruner/cluster', path: 'metadata.name' },
      ],
    },
    {
      name: 'the same ConfigMap in the same namespace twice, even identical',
      objects: [configMap('sigs', 'openshift-config-managed', { a: '1' }), configMap('sigs', 'openshift-config-managed', { a: '1' })],
      findings: [{ code: 'object-duplicate', object: 'ConfigMap/sigs', path: 'metadata.name' }, { code: 'object-duplicate', object: 'ConfigMap/sigs', path: 'metadata.name' }],
    },
  ],
});
