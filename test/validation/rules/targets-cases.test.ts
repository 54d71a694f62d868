/**
 * The rules of the hosted targets, each both ways: reported with its target, not without it (or with the other
 * target), and not once the configuration is corrected. Plus the two Image rules that differ on ROSA HCP.
 */
import fc from 'fast-check';
import { CheckTarget, findRule, validateObjects } from '../../../src/validation';
import { TargetRules } from '../../../src/validation/rules/targets';
import { CA_PEM, configMap, icsp, idms, image, itms } from '../../support/objects';

const TARGETS: readonly CheckTarget[] = ['rosa-hcp', 'hypershift'];

/** Codes of the findings of `severity` for a configuration and a target (or none). */
function codes(objects: readonly unknown[], target?: CheckTarget, severity: 'error' | 'warning' = 'error'): string[] {
  const report = validateObjects(objects, target ? { target } : {});
  return (severity === 'error' ? report.errors : report.warnings).map((finding) => finding.code);
}

function findings(objects: readonly unknown[], target: CheckTarget, code: string) {
  return validateObjects(objects, { target }).findings.filter((finding) => finding.code === code);
}

const longPath = (length: number) => {
  const prefix = 'registry.example.com/';
  return prefix + 'a'.repeat(length - prefix.length);
};

interface RuleCase {
  readonly code: string;
  readonly targets: readonly CheckTarget[];
  readonly what: string;
  readonly bad: readonly unknown[];
  /** The field path the finding points at. */
  readonly path: string;
  readonly fixed: readonly unknown[];
}

const manySources = (count: number) => Array.from({ length: count }, (_, i) => ({ source: `registry.example.com/team${i}`, mirrors: [`mirror.example.com/team${i}`] }));

const CASES: readonly RuleCase[] = [
  {
    code: 'hosted-tag-mirrors', targets: TARGETS, what: 'an ImageTagMirrorSet with a mirror',
    bad: [itms('tags', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }])], path: 'spec.imageTagMirrors',
    fixed: [idms('digests', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }])],
  },
  {
    code: 'hosted-never-contact-source', targets: TARGETS, what: 'NeverContactSource on a digest mirror',
    bad: [idms('payload', [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.example.com/ocp'], mirrorSourcePolicy: 'NeverContactSource' }])],
    path: 'spec.imageDigestMirrors[0].mirrorSourcePolicy',
    fixed: [idms('payload', [{ source: 'quay.io/openshift-release-dev', mirrors: ['mirror.example.com/ocp'] }]), image({ registrySources: { blockedRegistries: ['quay.io/openshift-release-dev'] } })],
  },
  {
    code: 'hosted-mirror-too-long', targets: TARGETS, what: 'a source of 256 characters',
    bad: [idms('long', [{ source: longPath(256), mirrors: ['mirror.example.com/a'] }])], path: 'spec.imageDigestMirrors[0].source',
    fixed: [idms('long', [{ source: longPath(255), mirrors: ['mirror.example.com/a'] }])],
  },
  {
    code: 'hosted-mirror-too-long', targets: TARGETS, what: 'a mirror of 256 characters (in an ICSP)',
    bad: [icsp('long', [{ source: 'registry.example.com/a', mirrors: ['mirror.example.com/b', longPath(256)] }])], path: 'spec.repositoryDigestMirrors[0].mirrors[1]',
    fixed: [icsp('long', [{ source: 'registry.example.com/a', mirrors: ['mirror.example.com/b', longPath(255)] }])],
  },
  {
    code: 'hosted-mirror-too-many', targets: TARGETS, what: '256 sources over two mirror sets',
    bad: [idms('a', manySources(200)), idms('b', manySources(256).slice(200))], path: 'spec.imageDigestMirrors',
    // 255 distinct sources; a second set naming one of them again is merged with it, not counted twice.
    fixed: [idms('a', manySources(200)), idms('b', [...manySources(255).slice(200), { source: 'registry.example.com/team0', mirrors: ['backup.example.com/team0'] }])],
  },
  {
    code: 'hosted-mirror-too-many', targets: TARGETS, what: '256 mirrors of one source over two mirror sets',
    bad: [
      idms('a', [{ source: 'quay.io/team', mirrors: Array.from({ length: 128 }, (_, i) => `m${i}.example.com/team`) }]),
      idms('b', [{ source: 'quay.io/team', mirrors: Array.from({ length: 128 }, (_, i) => `n${i}.example.com/team`) }]),
    ],
    path: 'spec.imageDigestMirrors[0].mirrors',
    fixed: [
      idms('a', [{ source: 'quay.io/team', mirrors: Array.from({ length: 128 }, (_, i) => `m${i}.example.com/team`) }]),
      idms('b', [{ source: 'quay.io/team', mirrors: Array.from({ length: 127 }, (_, i) => `n${i}.example.com/team`) }]),
    ],
  },
  {
    code: 'hypershift-mirror-repeated', targets: ['hypershift'], what: 'an ICSP entry naming a mirror twice',
    bad: [icsp('repeats', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team', 'backup.example.com/team', 'mirror.example.com/team'] }])],
    path: 'spec.repositoryDigestMirrors[0].mirrors[2]',
    fixed: [icsp('repeats', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team', 'backup.example.com/team'] }])],
  },
  {
    code: 'rosa-image-field-unsupported', targets: ['rosa-hcp'], what: 'containerRuntimeSearchRegistries',
    bad: [image({ registrySources: { containerRuntimeSearchRegistries: ['registry.example.com'] } })], path: 'spec.registrySources.containerRuntimeSearchRegistries',
    fixed: [image({ registrySources: { insecureRegistries: [] } })],
  },
  {
    code: 'rosa-image-field-unsupported', targets: ['rosa-hcp'], what: 'externalRegistryHostnames',
    bad: [image({ externalRegistryHostnames: ['registry.apps.example.com'] })], path: 'spec.externalRegistryHostnames',
    fixed: [image({ externalRegistryHostnames: [] })],
  },
  {
    code: 'rosa-image-field-unsupported', targets: ['rosa-hcp'], what: 'imageStreamImportMode',
    bad: [image({ imageStreamImportMode: 'PreserveOriginal' })], path: 'spec.imageStreamImportMode',
    fixed: [image({ imageStreamImportMode: '' })],
  },
  {
    code: 'rosa-blocked-and-insecure', targets: ['rosa-hcp'], what: 'a registry both blocked and insecure',
    bad: [image({ registrySources: { blockedRegistries: ['docker.io', 'registry.lab.example.com'], insecureRegistries: ['registry.lab.example.com'] } })],
    path: 'spec.registrySources.insecureRegistries[0]',
    fixed: [image({ registrySources: { blockedRegistries: ['docker.io'], insecureRegistries: ['registry.lab.example.com'] } })],
  },
  {
    code: 'rosa-import-domain-conflict', targets: ['rosa-hcp'], what: 'a domain twice in the import list with different flags',
    bad: [image({ allowedRegistriesForImport: [{ domainName: 'registry.example.com', insecure: false }, { domainName: 'quay.io' }, { domainName: 'registry.example.com', insecure: true }] })],
    path: 'spec.allowedRegistriesForImport[2]',
    // The same flag twice is a duplicate the export removes, not a conflict (an absent `insecure` is false).
    fixed: [image({ allowedRegistriesForImport: [{ domainName: 'registry.example.com', insecure: false }, { domainName: 'quay.io' }, { domainName: 'registry.example.com' }] })],
  },
  {
    code: 'rosa-import-domain-invalid', targets: ['rosa-hcp'], what: 'an import location without a domain',
    bad: [image({ allowedRegistriesForImport: [{ insecure: true }] })], path: 'spec.allowedRegistriesForImport[0].domainName',
    fixed: [image({ allowedRegistriesForImport: [{ domainName: 'registry.example.com:5000', insecure: true }] })],
  },
  {
    code: 'rosa-import-domain-invalid', targets: ['rosa-hcp'], what: 'an import domain holding a comma',
    bad: [image({ allowedRegistriesForImport: [{ domainName: 'a.example.com,b.example.com' }] })], path: 'spec.allowedRegistriesForImport[0].domainName',
    fixed: [image({ allowedRegistriesForImport: [{ domainName: 'a.example.com' }, { domainName: 'b.example.com' }] })],
  },
  {
    code: 'rosa-trusted-ca-missing', targets: ['rosa-hcp'], what: 'a trusted-CA ConfigMap that is not given',
    bad: [image({ additionalTrustedCA: { name: 'registry-cas' } })], path: 'spec.additionalTrustedCA.name',
    fixed: [image({ additionalTrustedCA: { name: 'registry-cas' } }), configMap('registry-cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM })],
  },
];

describe('GIVEN the rules of the hosted targets', () => {
  test('THEN every case names a rule of the catalog, of severity error, and every target rule has a case', () => {
    for (const rule of CASES) {
      expect(findRule(rule.code)).toMatchObject({ severity: 'error' });
    }
    const targetCodes = Object.values(TargetRules).map((rule) => rule.code);
    expect(new Set(CASES.map((rule) => rule.code))).toEqual(new Set(targetCodes));
  });

  describe.each(CASES.map((rule) => [rule.code, rule.what, rule] as const))('%s: %s', (code, _what, rule) => {
    test.each(rule.targets.map((target) => [target]))('WHEN validated with --target %s THEN an error at the field, naming what to change', (target) => {
      const found = findings(rule.bad, target, code);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ severity: 'error', path: rule.path });
      expect(found[0].message.length).toBeGreaterThan(20);
      expect(found[0].hint).not.toBe('');
    });

    test('WHEN validated without a target THEN the rule is silent', () => {
      expect(codes(rule.bad)).not.toContain(code);
      expect(codes(rule.bad, undefined, 'warning')).not.toContain(code);
    });

    const others = TARGETS.filter((target) => !rule.targets.includes(target));
    if (others.length > 0) {
      test.each(others.map((target) => [target]))('WHEN validated with --target %s (the other platform) THEN the rule is silent', (target) => {
        expect(findings(rule.bad, target, code)).toEqual([]);
      });
    }

    test.each(rule.targets.map((target) => [target]))('WHEN the configuration is corrected AND validated with --target %s THEN the rule is silent', (target) => {
      expect(findings(rule.fixed, target, code)).toEqual([]);
    });
  });

  test('GIVEN an ImageDigestMirrorSet repeating a mirror WHEN validated with --target hypershift THEN only the schema rule says it, once', () => {
    const set = idms('repeats', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team', 'mirror.example.com/team'] }]);
    expect(codes([set], 'hypershift')).toEqual(['schema-duplicate']);
  });

  test('GIVEN NeverContactSource on an entry without a real mirror WHEN validated for a target THEN no target error (the MCO ignores the entry)', () => {
    const set = idms('empty', [{ source: 'quay.io/team', mirrors: ['quay.io/team'], mirrorSourcePolicy: 'NeverContactSource' }]);
    for (const target of TARGETS) {
      expect(codes([set], target)).not.toContain('hosted-never-contact-source');
    }
  });

  test('GIVEN an ImageTagMirrorSet whose entries have no real mirror WHEN validated for a target THEN no target error (it changes nothing)', () => {
    expect(codes([itms('noop', [{ source: 'quay.io/team', mirrors: [] }])], 'rosa-hcp')).not.toContain('hosted-tag-mirrors');
  });
});

describe('GIVEN allowedRegistries next to blockedRegistries (registry-sources-exclusive)', () => {
  const allowedWithEmptyBlocked = [image({ registrySources: { allowedRegistries: ['mirror.example.com'], blockedRegistries: [] } })];
  const both = [image({ registrySources: { allowedRegistries: ['mirror.example.com'], blockedRegistries: ['docker.io'] } })];

  test('WHEN one list is empty AND --target rosa-hcp THEN accepted: OCM counts an empty list as unset', () => {
    expect(codes(allowedWithEmptyBlocked, 'rosa-hcp')).toEqual([]);
  });

  test('WHEN one list is empty AND --target hypershift or no target THEN an error: the Image rule counts presence', () => {
    expect(codes(allowedWithEmptyBlocked, 'hypershift')).toEqual(['registry-sources-exclusive']);
    expect(codes(allowedWithEmptyBlocked)).toEqual(['registry-sources-exclusive']);
  });

  test('WHEN both are non-empty THEN an error everywhere', () => {
    for (const target of [undefined, ...TARGETS]) {
      expect(codes(both, target)).toEqual(['registry-sources-exclusive']);
    }
  });

  test('WHEN lists are generated THEN on rosa-hcp the error comes exactly when both are non-empty, and elsewhere exactly when both are present', () => {
    const list = fc.option(fc.array(fc.constantFrom('mirror.example.com', 'docker.io', 'registry.example.com:5000/team'), { maxLength: 2 }), { nil: undefined });
    fc.assert(fc.property(list, list, (allowed, blocked) => {
      const sources: Record<string, unknown> = {};
      if (allowed !== undefined) sources.allowedRegistries = allowed;
      if (blocked !== undefined) sources.blockedRegistries = blocked;
      const objects = [image({ registrySources: sources })];
      const rosa = codes(objects, 'rosa-hcp').includes('registry-sources-exclusive');
      const hypershift = codes(objects, 'hypershift').includes('registry-sources-exclusive');
      expect(rosa).toBe((allowed?.length ?? 0) > 0 && (blocked?.length ?? 0) > 0);
      expect(hypershift).toBe(allowed !== undefined && blocked !== undefined);
    }), { numRuns: 200 });
  });
});

describe('GIVEN an allow list without the Red Hat registries (allowed-registries-missing-platform)', () => {
  const objects = [image({ registrySources: { allowedRegistries: ['mirror.example.com:8443'] } })];

  test('WHEN validated with --target rosa-hcp THEN no warning: the platform allowlist adds them', () => {
    expect(codes(objects, 'rosa-hcp', 'warning')).not.toContain('allowed-registries-missing-platform');
  });

  test('WHEN validated with --target hypershift or without a target THEN the warning', () => {
    expect(codes(objects, 'hypershift', 'warning')).toContain('allowed-registries-missing-platform');
    expect(codes(objects, undefined, 'warning')).toContain('allowed-registries-missing-platform');
  });
});
