/**
 * The validation plugin's own options, on manifests written to a temporary folder, with a report object of the shape
 * cdk8s-cli passes (the end-to-end run with the real cdk8s-cli is in cdk8s-plugin.test.ts).
 */
import * as path from 'path';
import { Cdk8sViolation, OpenShiftImagesValidation } from '../../src';
import { tempTree } from '../support/cli';

const MANIFEST = `apiVersion: operator.openshift.io/v1alpha1
kind: ImageContentSourcePolicy
metadata:
  name: legacy
spec:
  repositoryDigestMirrors:
  - source: registry.redhat.io/ubi9
    mirrors:
    - mirror.corp.example.com:8443/ubi9
`;

async function validate(properties: object, manifests: Record<string, string>): Promise<{ status?: string; violations: Cdk8sViolation[]; metadata?: Record<string, string> }> {
  const dir = tempTree(manifests);
  const outcome: { status?: string; violations: Cdk8sViolation[]; metadata?: Record<string, string> } = { violations: [] };
  await new OpenShiftImagesValidation(properties).validate({
    manifests: Object.keys(manifests).map((name) => path.join(dir, name)),
    report: {
      addViolation: (violation) => outcome.violations.push(violation),
      submit: (status, metadata) => Object.assign(outcome, { status, metadata }),
    },
  });
  return outcome;
}

describe('GIVEN a manifest with a deprecated ImageContentSourcePolicy (a warning)', () => {
  test('WHEN validated with the defaults THEN the warning is reported and the report passes', async () => {
    const outcome = await validate({}, { 'a.k8s.yaml': MANIFEST });
    expect(outcome.status).toBe('success');
    expect(outcome.violations.map((violation) => violation.ruleName)).toEqual(['icsp-deprecated']);
    expect(outcome.violations[0].recommendation).toMatch(/^warning: ImageContentSourcePolicy\/legacy/);
    expect(outcome.metadata).toEqual({ objects: '1', errors: '0', warnings: '1' });
  });

  test('WHEN validated with strict THEN the report fails', async () => {
    expect((await validate({ strict: true }, { 'a.k8s.yaml': MANIFEST })).status).toBe('failure');
  });

  test('WHEN the warning is acknowledged THEN it is not reported, even with strict', async () => {
    const outcome = await validate({ strict: true, acknowledge: ['icsp-deprecated'] }, { 'a.k8s.yaml': MANIFEST });
    expect(outcome).toMatchObject({ status: 'success', violations: [] });
  });
});

describe('GIVEN two manifests of one app', () => {
  test('WHEN one of them does not parse THEN the YAML problem is a violation at its line and the report fails', async () => {
    const outcome = await validate({}, { 'a.k8s.yaml': MANIFEST, 'b.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {a: [\n' });
    expect(outcome.status).toBe('failure');
    expect(outcome.violations.find((violation) => violation.ruleName === 'yaml-syntax')?.violatingResources[0].manifestPath).toMatch(/b\.k8s\.yaml$/);
  });
});

describe('GIVEN properties cdk8s.yaml may hold', () => {
  test.each([
    [{ openshiftVersion: 4.19 }, '`openshiftVersion` is 4.19; give a string such as \'4.19\''],
    [{ openshiftVersion: '3.11' }, '`openshiftVersion`:'],
    [{ target: 'aks' }, '`target` is "aks"; give rosa-hcp or hypershift'],
    [{ acknowledge: ['registry-scope-invalid'] }, 'is an error, which cannot be acknowledged'],
    [{ acknowledge: ['no-such-code'] }, '"no-such-code" is not a rule code'],
    [{ strict: 'yes' }, '`strict` is "yes"; give true or false'],
  ])('WHEN they are %j THEN the plugin refuses them, saying what to give', (properties, message) => {
    expect(() => new OpenShiftImagesValidation(properties as object)).toThrow(message);
  });

  test('WHEN several are wrong THEN every problem is listed at once', () => {
    expect(() => new OpenShiftImagesValidation({ target: 'aks', strict: 'yes' } as object)).toThrow(/target[\s\S]*strict/);
  });

  test('WHEN one holds a value JSON cannot write (a bigint, a cycle) THEN the problem is listed with the value shown, not a TypeError of JSON', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => new OpenShiftImagesValidation({ strict: 1n, acknowledge: cycle } as object)).toThrow(/`acknowledge` is \{"self":\[circular\]\}[\s\S]*`strict` is 1n; give true or false/);
  });
});
