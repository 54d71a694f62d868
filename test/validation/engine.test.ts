import { findRule, ruleCatalog, validateObjects } from 'cdk-openshift-images';

const image = (spec: unknown, name = 'cluster', extra: Record<string, unknown> = {}) =>
  ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name, ...extra }, spec });

describe('validateObjects (plain API objects, the engine behind constructs and CLI)', () => {
  test('GIVEN a valid Image and an unknown kind WHEN validated THEN no finding, the unknown kind is passed over and counted', () => {
    const report = validateObjects([image({ registrySources: { blockedRegistries: ['docker.io'] } }), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }]);
    expect(report.findings).toEqual([]);
    expect(report.checkedObjects).toBe(1);
    expect(report.skippedKinds).toEqual(['apps/v1/Deployment']);
  });

  test('GIVEN an Image not named cluster WHEN validated THEN singleton-name is an error saying the cluster ignores it', () => {
    const report = validateObjects([image({}, 'images')]);
    expect(report.errors.map((finding) => finding.code)).toEqual(['singleton-name']);
    expect(report.errors[0]).toMatchObject({ object: 'Image/images', path: 'metadata.name', source: 'cluster' });
    expect(report.errors[0].message).toContain('ignores this one');
  });

  test('GIVEN a cluster-scoped kind with a namespace WHEN validated THEN a warning', () => {
    const report = validateObjects([image({}, 'cluster', { namespace: 'default' })]);
    expect(report.warnings.map((finding) => finding.code)).toEqual(['cluster-scoped-namespace']);
  });

  test('GIVEN documents that are not objects, or lack kind or name WHEN validated THEN object-malformed for each, the rest still checked', () => {
    const report = validateObjects([
      'just a string',
      { apiVersion: 'config.openshift.io/v1', metadata: { name: 'x' } },
      { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: {}, spec: {} },
      image({ imageStreamImportMode: 'Bogus' }),
    ]);
    expect(report.errors.map((finding) => [finding.code, finding.path])).toEqual([
      ['object-malformed', ''], ['object-malformed', 'kind'], ['object-malformed', 'metadata.name'], ['schema-enum', 'spec.imageStreamImportMode'],
    ]);
  });

  test('GIVEN a misspelled field WHEN validated THEN schema-unknown-field warns that the API server drops it and suggests the field', () => {
    const report = validateObjects([image({ registrySources: { allowedRegistry: ['quay.io'] } })]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ code: 'schema-unknown-field', path: 'spec.registrySources.allowedRegistry' });
    expect(report.warnings[0].hint).toContain('spec.registrySources.allowedRegistries');
  });

  test('GIVEN wrong JSON types WHEN validated THEN schema-type quotes the value and the expected type', () => {
    const report = validateObjects([image({ registrySources: { allowedRegistries: 'quay.io' }, allowedRegistriesForImport: [{ insecure: 'yes' }] })]);
    expect(report.errors.map((finding) => finding.path)).toEqual(['spec.allowedRegistriesForImport[0].insecure', 'spec.registrySources.allowedRegistries']);
    expect(report.errors[1].message).toContain('is a string ("quay.io"); expected a list');
  });

  test('GIVEN a missing spec WHEN validated THEN the required spec is reported', () => {
    const report = validateObjects([{ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'x' } }]);
    expect(report.errors.map((finding) => [finding.code, finding.path])).toEqual([['schema-required', 'spec']]);
  });

  test('GIVEN a trusted-CA ConfigMap outside openshift-config WHEN validated with its Image THEN trusted-ca-namespace', () => {
    const report = validateObjects([
      image({ additionalTrustedCA: { name: 'cas' } }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cas', namespace: 'default' }, data: {} },
    ]);
    expect(report.errors.map((finding) => [finding.code, finding.object])).toEqual([['trusted-ca-namespace', 'ConfigMap/cas']]);
  });

  test('GIVEN the rule catalog WHEN listed THEN every code is unique, kebab-case, with summary, fix, source and severity', () => {
    const catalog = ruleCatalog();
    expect(new Set(catalog.map((rule) => rule.code)).size).toBe(catalog.length);
    for (const rule of catalog) {
      expect(rule.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(['error', 'warning']).toContain(rule.severity);
    }
    expect(findRule('registry-sources-exclusive')).toMatchObject({ severity: 'error', source: 'api-server', schemaLevel: true });
  });
});
