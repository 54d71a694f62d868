import { App, Chart, Testing } from 'cdk8s';
import {
  ImageContentSourcePolicy, ImageDigestMirrorSet, ImageTagMirrorSet, MirrorSourcePolicy, ValidationError, Warnings,
} from 'cdk-openshift-images';
import { expectAcceptedByCluster, newChart } from '../../support/constructs';
import { codesOf, expectValidationError } from '../../support/findings';

describe('ImageDigestMirrorSet and ImageTagMirrorSet', () => {
  test('GIVEN entries in props and added later WHEN synthesized THEN one object per construct with the upstream list, cluster-scoped', () => {
    // GIVEN
    const chart = newChart('apps');
    const idms = new ImageDigestMirrorSet(chart, 'release', {
      metadata: { name: 'release', labels: { purpose: 'payload' } },
      imageDigestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com/ocp/release'], mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE }],
    });
    // WHEN
    idms.addMirror('registry.redhat.io', ['mirror.example.com/redhat', 'backup.example.com/redhat'], { mirrorSourcePolicy: MirrorSourcePolicy.ALLOW_CONTACTING_SOURCE });
    const itms = new ImageTagMirrorSet(chart, 'ubi');
    itms.addMirror('*.access.redhat.com', ['mirror.example.com/access']);
    // THEN
    const [digest, tag] = Testing.synth(chart);
    expect(digest).toEqual({
      apiVersion: 'config.openshift.io/v1',
      kind: 'ImageDigestMirrorSet',
      metadata: { name: 'release', labels: { purpose: 'payload' } },
      spec: {
        imageDigestMirrors: [
          { source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com/ocp/release'], mirrorSourcePolicy: 'NeverContactSource' },
          { source: 'registry.redhat.io', mirrors: ['mirror.example.com/redhat', 'backup.example.com/redhat'], mirrorSourcePolicy: 'AllowContactingSource' },
        ],
      },
    });
    expect(tag.kind).toBe('ImageTagMirrorSet');
    expect(tag.spec).toEqual({ imageTagMirrors: [{ source: '*.access.redhat.com', mirrors: ['mirror.example.com/access'] }] });
    expectAcceptedByCluster([digest, tag]);
  });

  test('GIVEN no name WHEN synthesized twice in fresh apps THEN the generated name is the same (deterministic)', () => {
    const names = [1, 2].map(() => {
      const chart = newChart();
      new ImageDigestMirrorSet(chart, 'operators', { imageDigestMirrors: [{ source: 'registry.redhat.io', mirrors: ['m.example.com/r'] }] });
      return Testing.synth(chart)[0].metadata.name;
    });
    expect(names[0]).toBe(names[1]);
    expect(names[0]).toMatch(/^test-operators-[0-9a-f]{8}$/);
  });

  test('GIVEN caller arrays WHEN mutated after construction THEN the construct keeps its copy', () => {
    const chart = newChart();
    const mirrors = ['m.example.com/r'];
    new ImageDigestMirrorSet(chart, 'operators', { imageDigestMirrors: [{ source: 'registry.redhat.io', mirrors }] });
    mirrors.push('Invalid Mirror');
    expect(Testing.synth(chart)[0].spec.imageDigestMirrors[0].mirrors).toEqual(['m.example.com/r']);
  });

  describe('rejects', () => {
    test.each([
      ['a wildcard with a path', '*.example.com/team', 'adds a port or a path'],
      ['a tag', 'quay.io/app:1.0', 'carries a tag'],
      ['an empty source', '', 'is empty'],
    ])('GIVEN a source with %s WHEN constructed THEN mirror-source-invalid', (_what, source, explanation) => {
      for (const make of [
        (c: Chart) => new ImageDigestMirrorSet(c, 's', { imageDigestMirrors: [{ source, mirrors: ['m.example.com'] }] }),
        (c: Chart) => new ImageTagMirrorSet(c, 's', { imageTagMirrors: [{ source, mirrors: ['m.example.com'] }] }),
      ]) {
        const error = expectValidationError(() => make(newChart()));
        expect(codesOf(error)).toEqual(['mirror-source-invalid']);
        expect(error.findings[0].message).toContain(explanation);
      }
    });

    test('GIVEN a wildcard mirror, a digest mirror and a duplicate WHEN constructed THEN every problem is reported at once', () => {
      const error = expectValidationError(() => new ImageDigestMirrorSet(newChart(), 's', {
        imageDigestMirrors: [{ source: 'quay.io', mirrors: ['*.example.com', 'm.example.com/a@sha256:abc', 'm.example.com', 'm.example.com'] }],
      }));
      expect(codesOf(error)).toEqual(['mirror-invalid', 'mirror-invalid', 'schema-duplicate']);
      expect(error.findings.map((finding) => finding.path)).toEqual([
        'spec.imageDigestMirrors[0].mirrors[0]', 'spec.imageDigestMirrors[0].mirrors[1]', 'spec.imageDigestMirrors[0].mirrors[3]',
      ]);
    });

    test('GIVEN an unknown mirrorSourcePolicy WHEN constructed THEN schema-enum', () => {
      const error = expectValidationError(() => new ImageTagMirrorSet(newChart(), 's', { imageTagMirrors: [{ source: 'quay.io', mirrors: ['m.example.com'], mirrorSourcePolicy: MirrorSourcePolicy.of('NeverContact') }] }));
      expect(codesOf(error)).toEqual(['schema-enum']);
      expect(error.findings[0].hint).toContain('did you mean "NeverContactSource"');
    });

    test('GIVEN NeverContactSource with the source among its mirrors WHEN constructed THEN the MCO error is quoted', () => {
      const error = expectValidationError(() => new ImageDigestMirrorSet(newChart(), 's', {
        imageDigestMirrors: [{ source: 'quay.io/app', mirrors: ['m.example.com/app', 'quay.io/app'], mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE }],
      }));
      expect(codesOf(error)).toEqual(['never-contact-source-self-mirror']);
      expect(error.message).toContain('cannot set mirrorSourcePolicy: NeverContactSource if the source "quay.io/app" is one of the mirrors');
    });

    test('GIVEN two mirror sets that disagree on a source policy WHEN the chart synthesizes THEN a ValidationError names both construct paths, before any file is written', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'mirrors');
      new ImageDigestMirrorSet(chart, 'release', { imageDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'], mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE }] });
      new ImageTagMirrorSet(chart, 'tags', { imageTagMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'] }] });
      // WHEN / THEN
      for (const synth of [() => Testing.synth(chart), () => app.synthYaml(), () => app.synth()]) {
        const error = expectValidationError(synth);
        expect(codesOf(error)).toEqual(['mirror-source-policy-conflict', 'mirror-source-policy-conflict']);
        expect(error.message).toContain('[mirrors/release]');
        expect(error.message).toContain('[mirrors/tags]');
        expect(error.message).toContain('conflicting mirrorSourcePolicy is set for the same source "quay.io/ocp"');
      }
      expect(require('node:fs').readdirSync(app.outdir)).toEqual([]);
    });

    test('GIVEN an ICSP and an IDMS NeverContactSource on the same source in different charts WHEN the app synthesizes THEN the conflict is found (ICSP counts as AllowContactingSource)', () => {
      const app = new App({ outdir: require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'idms-')) });
      new ImageContentSourcePolicy(new Chart(app, 'legacy'), 'icsp', { repositoryDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'] }] });
      new ImageDigestMirrorSet(new Chart(app, 'new'), 'idms', { imageDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp'], mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE }] });
      expect(() => app.synth()).toThrow(ValidationError);
    });
  });

  test('GIVEN NeverContactSource without a real mirror WHEN synthesized THEN a warning says the source stays reachable', () => {
    const chart = newChart();
    new ImageDigestMirrorSet(chart, 's', { imageDigestMirrors: [{ source: 'quay.io/app', mirrors: [], mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE }] });
    const warnings = Warnings.of(chart);
    expect(warnings.map((warning) => warning.code)).toEqual(['never-contact-source-without-mirrors']);
    expect(warnings[0].message).toContain('the source stays reachable');
  });
});

describe('ImageContentSourcePolicy', () => {
  test('GIVEN an ICSP WHEN synthesized THEN it is emitted as operator.openshift.io/v1alpha1 with a deprecation warning', () => {
    const chart = newChart('apps');
    const icsp = new ImageContentSourcePolicy(chart, 'legacy', {
      metadata: { name: 'legacy-mirrors' },
      repositoryDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp', 'm.example.com/ocp'] }],
    });
    icsp.addRepositoryDigestMirrors('registry.redhat.io', ['m.example.com/redhat']);
    const [object] = Testing.synth(chart);
    expect(object).toEqual({
      apiVersion: 'operator.openshift.io/v1alpha1',
      kind: 'ImageContentSourcePolicy',
      metadata: { name: 'legacy-mirrors' },
      spec: { repositoryDigestMirrors: [
        { source: 'quay.io/ocp', mirrors: ['m.example.com/ocp', 'm.example.com/ocp'] },
        { source: 'registry.redhat.io', mirrors: ['m.example.com/redhat'] },
      ] },
    });
    expectAcceptedByCluster([object]);
    expect(Warnings.of(chart).map((warning) => warning.code)).toEqual(['icsp-deprecated']);
  });

  test('GIVEN an ICSP WHEN converted THEN the IDMS has the same name, sources and mirrors (deduplicated, as a set), no policy, and the cluster accepts it', () => {
    const chart = newChart();
    const icsp = new ImageContentSourcePolicy(chart, 'legacy', {
      metadata: { name: 'legacy-mirrors' },
      repositoryDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp', 'b.example.com/ocp', 'm.example.com/ocp'] }, { source: 'registry.redhat.io' }],
    });
    const idms = icsp.toImageDigestMirrorSet();
    expect(idms.node.path).toBe('test/legacyMigrated');
    const [, converted] = Testing.synth(chart);
    expect(converted).toEqual({
      apiVersion: 'config.openshift.io/v1',
      kind: 'ImageDigestMirrorSet',
      metadata: { name: 'legacy-mirrors' },
      spec: { imageDigestMirrors: [{ source: 'quay.io/ocp', mirrors: ['m.example.com/ocp', 'b.example.com/ocp'] }, { source: 'registry.redhat.io' }] },
    });
    expectAcceptedByCluster([converted]);
  });

  test('GIVEN an ICSP source or mirror the MCO rejects WHEN constructed THEN the MCO message is quoted', () => {
    const error = expectValidationError(() => new ImageContentSourcePolicy(newChart(), 'legacy', {
      repositoryDigestMirrors: [{ source: '*.example.com/ns', mirrors: ['m.example.com/ocp '] }],
    }));
    expect(codesOf(error)).toEqual(['icsp-source-invalid', 'icsp-mirror-invalid']);
    expect(error.message).toContain('invalid format for source "*.example.com/ns"');
    expect(error.message).toContain('invalid format for mirror "m.example.com/ocp "');
  });
});
