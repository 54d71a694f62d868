/**
 * Properties over random configurations:
 * - the engine returns findings for anything, it never throws;
 * - a construct either builds or throws a ValidationError (nothing else);
 * - whatever a construct accepts, the upstream CRD accepts too (no schema error slips through).
 */
import { Duration, Testing } from 'cdk8s';
import fc from 'fast-check';
import { ValidationError } from '../../../src/validation';
import { validateObjects } from '../../../src/validation';
import { ImagePruner, ImagePrunerProps } from '../../../src/constructs/k8s/image-pruner';
import { ImageRegistryConfig, ImageRegistryConfigProps } from '../../../src/constructs/k8s/image-registry-config';
import { AzureStorageOptions, RegistryStorage } from '../../../src/constructs/k8s/registry-storage';
import { newChart } from '../../support/constructs';
import { validateWithCrd } from '../../support/crd-oracle';
import { expectWellFormedReport } from '../../support/report-invariants';
import { imagePruner, registryConfig } from '../../support/objects';

const RUNS = Number(process.env.REGISTRY_PROPERTY_RUNS ?? 400);

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const durationString = fc.constantFrom('60m', '1h30m', '30s', '0', '1.5h', '7d', '2w', 'soon', '', '1 h', '-5m');
const duration = fc.oneof(durationString, fc.integer({ min: 0, max: 10_000_000 }).map((ms) => Duration.millis(ms)));
const quantity = fc.oneof(fc.constantFrom('100m', '256Mi', '1Gi', '2', '1.5', '1e3', '256MB', 'lots', '-1', '.5Ki'), fc.integer({ min: 0, max: 64 }));
const resources = optional(fc.record({
  requests: optional(fc.dictionary(fc.constantFrom('cpu', 'memory', 'ephemeral-storage'), quantity, { maxKeys: 2 })),
  limits: optional(fc.dictionary(fc.constantFrom('cpu', 'memory'), quantity, { maxKeys: 2 })),
}, { requiredKeys: [] }));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const hostname = fc.oneof(fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')), fc.constantFrom('Registry.Example.com', 'https://r.example.com', 'r.example.com:443', 'a_b.example.com', ''));
const routeName = fc.oneof(label, fc.constantFrom('Ext', 'my_route', 'ext'));
const toleration = fc.record({ key: optional(label), operator: optional(fc.constantFrom('Exists', 'Equal')), value: optional(label), effect: optional(fc.constantFrom('NoSchedule', 'NoExecute')), tolerationSeconds: optional(fc.integer({ min: 0, max: 3600 })) }, { requiredKeys: [] });

const s3 = fc.record({
  bucket: optional(label), region: optional(fc.constantFrom('eu-west-1', 'us-east-2')), regionEndpoint: optional(fc.constant('https://s3.example.com')),
  chunkSizeMiB: optional(fc.integer({ min: 0, max: 6000 })), encrypt: optional(fc.boolean()), keyID: optional(label), virtualHostedStyle: optional(fc.boolean()),
  trustedCA: optional(fc.record({ name: fc.oneof(label, fc.constantFrom('', 'Bad_CA')) })),
  managementState: optional(fc.constantFrom('Managed', 'Unmanaged') as fc.Arbitrary<any>),
  cloudFront: optional(fc.record({ baseURL: fc.constant('https://d.cloudfront.net'), keypairID: fc.constant('K'), privateKey: fc.record({ key: fc.constant('pem'), name: optional(label) }, { requiredKeys: ['key'] }), duration: optional(duration) })),
}, { requiredKeys: [] });
const azureNetworkAccess = fc.record({
  type: optional(fc.constantFrom('Internal', 'External', 'Private')),
  internal: optional(fc.record({ vnetName: optional(fc.constantFrom('vnet-1', 'v', 'vnet.')), subnetName: optional(fc.constantFrom('sub', 'sub.')) }, { requiredKeys: [] })),
}, { requiredKeys: [] });
const ossEncryption = fc.record({ method: optional(fc.constantFrom('KMS', 'AES256')), kms: optional(fc.record({ keyID: fc.constantFrom('k', '') })) }, { requiredKeys: [] });

/** A storage, through a factory or in the upstream shape (possibly with several backends). */
const storage = fc.oneof(
  s3.map((options) => RegistryStorage.s3(options)),
  fc.constant(RegistryStorage.pvc()),
  fc.constant(RegistryStorage.emptyDir()),
  fc.record({ container: optional(fc.constantFrom('registry', 'ab', 'a--b')), networkAccess: optional(azureNetworkAccess) }, { requiredKeys: [] }).map((options) => RegistryStorage.azure(options as AzureStorageOptions)),
  fc.record({ bucket: optional(fc.constantFrom('abc', 'AB')), encryption: optional(ossEncryption), endpointAccessibility: optional(fc.constantFrom('Internal', 'Public', '')) }, { requiredKeys: [] }).map((options) => RegistryStorage.oss(options)),
  fc.record({
    managementState: optional(fc.constantFrom('Managed', 'Unmanaged', 'Removed')),
    s3: optional(fc.record({ bucket: optional(label) }, { requiredKeys: [] })),
    gcs: optional(fc.record({ bucket: optional(label) }, { requiredKeys: [] })),
    pvc: optional(fc.record({ claim: optional(label) }, { requiredKeys: [] })),
    ibmcos: optional(fc.record({ resourceKeyCRN: optional(fc.constantFrom('crn:v1:b:public:cloud-object-storage:global:a/1:2:resource-key:3', 'crn:bad')) }, { requiredKeys: [] })),
  }, { requiredKeys: [] }),
);

const configProps: fc.Arbitrary<ImageRegistryConfigProps> = fc.record({
  replicas: fc.integer({ min: -1, max: 4 }),
  managementState: optional(fc.constantFrom('Managed', 'Unmanaged', 'Removed', 'Force', 'managed')),
  logLevel: optional(fc.constantFrom('', 'Normal', 'Debug', 'Trace', 'TraceAll', 'Verbose')),
  operatorLogLevel: optional(fc.constantFrom('Normal', 'Debug')),
  rolloutStrategy: optional(fc.constantFrom('RollingUpdate', 'Recreate', 'BlueGreen')),
  storage: optional(storage),
  routes: optional(fc.array(fc.record({ name: routeName, hostname: optional(hostname), secretName: optional(routeName) }, { requiredKeys: ['name'] }), { maxLength: 3 })),
  requests: optional(fc.record({ read: optional(fc.record({ maxRunning: optional(fc.nat(100)), maxWaitInQueue: optional(duration) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
  resources,
  tolerations: optional(fc.array(toleration, { maxLength: 2 })),
  nodeSelector: optional(fc.dictionary(label, fc.constantFrom('', 'true'), { maxKeys: 2 })),
  defaultRoute: optional(fc.boolean()),
  readOnly: optional(fc.boolean()),
  disableRedirect: optional(fc.boolean()),
  topologySpreadConstraints: optional(fc.array(fc.record({ maxSkew: fc.integer({ min: 1, max: 3 }), topologyKey: fc.constant('topology.kubernetes.io/zone'), whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway') }), { maxLength: 2 })),
}, { requiredKeys: ['replicas'] }) as fc.Arbitrary<ImageRegistryConfigProps>;

const prunerProps: fc.Arbitrary<ImagePrunerProps> = fc.record({
  schedule: optional(fc.constantFrom('0 0 * * *', '@daily', '*/30 * * * *', '0 0 0 * * *', '0 0 * *', '0 0 * * 7', 'TZ=UTC 0 0 * * *', '0 0 30 2 *', '', '15 3 * * mon-fri')),
  suspend: optional(fc.boolean()),
  keepTagRevisions: optional(fc.integer({ min: -2, max: 10 })),
  keepYoungerThan: optional(fc.integer({ min: 0, max: 10 ** 13 })),
  keepYoungerThanDuration: optional(duration),
  resources,
  tolerations: optional(fc.array(toleration, { maxLength: 2 })),
  successfulJobsHistoryLimit: optional(fc.integer({ min: -1, max: 5 })),
  failedJobsHistoryLimit: optional(fc.integer({ min: -1, max: 5 })),
  ignoreInvalidImageReferences: optional(fc.boolean()),
  logLevel: optional(fc.constantFrom('Normal', 'TraceAll', 'Loud')),
}, { requiredKeys: [] }) as fc.Arbitrary<ImagePrunerProps>;

/** Builds the construct; returns the synthesized objects, or undefined when it threw a ValidationError. */
function build(make: (chart: ReturnType<typeof newChart>) => void): any[] | undefined {
  const chart = newChart();
  try {
    make(chart);
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw error;
    }
    return undefined;
  }
  return Testing.synth(chart);
}

describe('properties of the registry constructs', () => {
  // Synth prints every warning of every random object; they are not what these properties look at.
  beforeAll(() => jest.spyOn(process.stderr, 'write').mockImplementation(() => true));
  afterAll(() => jest.restoreAllMocks());

  test('PROPERTY: ImageRegistryConfig builds or throws a ValidationError; what it builds, the upstream CRD accepts', () => {
    let built = 0;
    fc.assert(fc.property(configProps, (props) => {
      const objects = build((chart) => new ImageRegistryConfig(chart, 'registry', props));
      if (objects) {
        built++;
        for (const object of objects) {
          expect({ spec: object.spec, errors: validateWithCrd(object).errors }).toEqual({ spec: object.spec, errors: [] });
        }
      }
    }), { numRuns: RUNS, seed: 424242 });
    // The generator must exercise both sides, or the property proves little.
    expect(built).toBeGreaterThan(RUNS / 10);
    expect(built).toBeLessThan(RUNS);
  });

  test('PROPERTY: ImagePruner builds or throws a ValidationError; what it builds, the upstream CRD accepts', () => {
    let built = 0;
    fc.assert(fc.property(prunerProps, (props) => {
      const objects = build((chart) => new ImagePruner(chart, 'pruner', props));
      if (objects) {
        built++;
        for (const object of objects) {
          expect({ spec: object.spec, errors: validateWithCrd(object).errors }).toEqual({ spec: object.spec, errors: [] });
        }
      }
    }), { numRuns: RUNS, seed: 434343 });
    expect(built).toBeGreaterThan(RUNS / 10);
    expect(built).toBeLessThan(RUNS);
  });

  test('PROPERTY: for any spec (random JSON) the engine never throws, and every finding is a well-formed finding of the catalog', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue()), fc.anything(), (spec, other) => {
      for (const object of [registryConfig(spec as Record<string, unknown>), imagePruner(spec as Record<string, unknown>), registryConfig({ replicas: 1, storage: other }), imagePruner({ schedule: other, keepYoungerThanDuration: other, tolerations: [other] })]) {
        const report = validateObjects([object]);
        expectWellFormedReport(report);
      }
    }), { numRuns: RUNS * 2 });
  });
});
