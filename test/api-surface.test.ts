/**
 * The main entry exports the documented surface and nothing else: the constructs with their props, the API's enums
 * and names, the validation API, the node-file renderer. Internals stay internal, so they can change.
 */
import * as main from 'cdk-openshift-images';

describe('GIVEN the main entry of the package', () => {
  const exported = new Set(Object.keys(main));

  test('WHEN its runtime exports are listed THEN the documented surface is there', () => {
    for (const name of [
      'OpenShiftCluster', 'ImageConfig', 'ImageDigestMirrorSet', 'ImageTagMirrorSet', 'ImageContentSourcePolicy', 'ImageRegistryConfig',
      'ImagePruner', 'RegistryStorage', 'RegistryWebIdentityCredentials', 'RegistryExternalSecretCredentials', 'NodeFilesPreview', 'Warnings',
      'MirrorSourcePolicy', 'ImageStreamImportMode', 'ManagementState', 'LogLevel', 'RolloutStrategy', 'StorageManagementState',
      'validateObjects', 'checkObjects', 'ruleCatalog', 'findRule', 'ValidationError', 'renderNodeFiles', 'writeNodeFiles',
      'MachineConfigOperatorError', 'registryStorageHandoff',
    ]) {
      expect({ name, exported: exported.has(name) }).toEqual({ name, exported: true });
    }
  });

  test('WHEN its runtime exports are listed THEN the internals are not', () => {
    for (const name of [
      'checkApp', 'topoSort', 'TopoGraph', 'tomlString', 'loadRegistries', 'findRegistry', 'editRegistriesConfig', 'normalizeInput',
      'collectNodeFilesInput', 'scopeIsNestedInsideScope', 'diagnoseScope', 'parseNamed', 'checkCronSchedule', 'parseGoDuration',
      'mergeMirrorRules', 'bucketNameProblems', 'resolveRegistryStorage',
    ]) {
      expect({ name, exported: exported.has(name) }).toEqual({ name, exported: false });
    }
  });

  test('WHEN an enum is used THEN its escape hatch gives a value of the enum type for an API newer than the library', () => {
    const policy: main.MirrorSourcePolicy = main.MirrorSourcePolicy.of('SomeFuturePolicy');
    expect(policy).toBe('SomeFuturePolicy');
    expect(main.MirrorSourcePolicy.NEVER_CONTACT_SOURCE).toBe('NeverContactSource');
  });
});
