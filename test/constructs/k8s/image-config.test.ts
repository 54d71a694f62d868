import { generateKeyPairSync } from 'node:crypto';
import { Testing } from 'cdk8s';
import { ImageConfig, ImageStreamImportMode, Warnings } from 'cdk-openshift-images';
import { expectAcceptedByCluster, newChart } from '../../support/constructs';
import { CA_PEM } from '../../support/objects';
import { codesOf, expectValidationError } from '../../support/findings';

describe('ImageConfig', () => {
  test('GIVEN every spec field WHEN synthesized THEN the Image named cluster carries them with the upstream names, without namespace', () => {
    // GIVEN
    const chart = newChart('some-namespace');
    // WHEN
    new ImageConfig(chart, 'images', {
      metadata: { labels: { team: 'platform' }, annotations: { owner: 'ops' } },
      allowedRegistriesForImport: [{ domainName: 'quay.io', insecure: false }],
      externalRegistryHostnames: ['registry.apps.example.com'],
      additionalTrustedCA: { name: 'registry-cas' },
      registrySources: {
        insecureRegistries: ['lab.example.com:5000'],
        allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', 'lab.example.com:5000'],
        containerRuntimeSearchRegistries: ['lab.example.com:5000'],
      },
      imageStreamImportMode: ImageStreamImportMode.PRESERVE_ORIGINAL,
    });
    Warnings.acknowledge(chart, 'insecure-registry', 'lab only');
    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'config.openshift.io/v1',
      kind: 'Image',
      metadata: { name: 'cluster', labels: { team: 'platform' }, annotations: { owner: 'ops' } },
      spec: {
        allowedRegistriesForImport: [{ domainName: 'quay.io', insecure: false }],
        externalRegistryHostnames: ['registry.apps.example.com'],
        additionalTrustedCA: { name: 'registry-cas' },
        registrySources: {
          insecureRegistries: ['lab.example.com:5000'],
          allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', 'lab.example.com:5000'],
          containerRuntimeSearchRegistries: ['lab.example.com:5000'],
        },
        imageStreamImportMode: 'PreserveOriginal',
      },
    }]);
    expectAcceptedByCluster(manifest);
    expect(Warnings.of(chart)).toEqual([]);
  });

  test('GIVEN no props WHEN synthesized THEN an empty spec is emitted (the API requires spec)', () => {
    const chart = newChart();
    new ImageConfig(chart, 'images');
    const manifest = Testing.synth(chart);
    expect(manifest[0].spec).toEqual({});
    expectAcceptedByCluster(manifest);
  });

  test('GIVEN the L1 escape hatch WHEN the user patches it THEN the patch lands in the output', () => {
    const chart = newChart();
    const images = new ImageConfig(chart, 'images');
    expect(images.apiObject.node.id).toBe('Resource');
    images.apiObject.metadata.addAnnotation('release.openshift.io/create-only', 'true');
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ 'release.openshift.io/create-only': 'true' });
  });

  test('GIVEN trustedCAs by host:port WHEN synthesized THEN a ConfigMap in openshift-config holds them under host..port and the Image names it', () => {
    // GIVEN
    const chart = newChart('apps');
    // WHEN
    const images = new ImageConfig(chart, 'images', {
      trustedCAs: { 'mirror.example.com:8443': CA_PEM },
      trustedCAConfigMapName: 'mirror-ca',
    });
    images.addTrustedCA('registry.example.com', CA_PEM);
    // THEN
    const [image, configMap] = Testing.synth(chart);
    expect(image.spec.additionalTrustedCA).toEqual({ name: 'mirror-ca' });
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'mirror-ca', namespace: 'openshift-config' },
      data: { 'mirror.example.com..8443': CA_PEM, 'registry.example.com': CA_PEM },
    });
    expectAcceptedByCluster([image, configMap]);
  });

  test('GIVEN registries added after construction WHEN synthesized THEN they are in the lists, in order', () => {
    const chart = newChart();
    const images = new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: ['docker.io'] } });
    images.addBlockedRegistry('ghcr.io', '*.untrusted.example.com');
    images.addInsecureRegistry('lab.example.com');
    images.addSearchRegistry('registry.example.com');
    images.addExternalRegistryHostname('registry.apps.example.com');
    Warnings.acknowledge(images, 'insecure-registry');
    const [image] = Testing.synth(chart);
    expect(image.spec.registrySources).toEqual({
      blockedRegistries: ['docker.io', 'ghcr.io', '*.untrusted.example.com'],
      insecureRegistries: ['lab.example.com'],
      containerRuntimeSearchRegistries: ['registry.example.com'],
    });
    expect(image.spec.externalRegistryHostnames).toEqual(['registry.apps.example.com']);
    expectAcceptedByCluster([image]);
  });

  describe('rejects', () => {
    test('GIVEN allowedRegistries and blockedRegistries WHEN constructed THEN it throws naming the construct, the field and the API message', () => {
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', {
        registrySources: { allowedRegistries: ['quay.io'], blockedRegistries: ['docker.io'] },
      }));
      expect(codesOf(error)).toEqual(['registry-sources-exclusive']);
      expect(error.message).toContain('[test/images]');
      expect(error.message).toContain('spec.registrySources');
      expect(error.message).toContain('Only one of blockedRegistries or allowedRegistries may be set');
      expect(error.message).toContain('["docker.io"]');
    });

    test('GIVEN an empty blockedRegistries next to allowedRegistries WHEN constructed THEN the hint says even an empty list counts', () => {
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', {
        registrySources: { allowedRegistries: ['quay.io'], blockedRegistries: [] },
      }));
      expect(error.findings[0].hint).toContain('Remove the empty `blockedRegistries`');
    });

    test('GIVEN allowedRegistries WHEN a blocked registry is added later THEN addBlockedRegistry throws', () => {
      const images = new ImageConfig(newChart(), 'images', { registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000'] } });
      expect(codesOf(expectValidationError(() => images.addBlockedRegistry('docker.io')))).toEqual(['registry-sources-exclusive']);
    });

    test.each([
      ['a tag', 'registry.example.com/team/app:latest', 'carries a tag'],
      ['a digest', 'registry.example.com/app@sha256:0123456789abcdef', 'carries a digest'],
      ['an empty entry', '', 'is empty'],
      ['a bare wildcard', '*', 'uses `*` somewhere other than'],
      ['a wildcard inside the host', 'registry.*.example.com', 'uses `*` somewhere other than'],
      ['a wildcard with a port', '*.example.com:5000', 'adds a port or a path'],
      ['a wildcard with a path', '*.example.com/team', 'adds a port or a path'],
      ['an upper-case path', 'registry.example.com/MyTeam', 'upper-case letters in its path'],
      ['a URL scheme', 'https://registry.example.com', 'URL scheme'],
      ['white space', 'registry.example.com ', 'white space'],
      ['an IPv6 address', '[::1]:5000', 'is not of the form'],
    ])('GIVEN an entry with %s WHEN constructed THEN registry-scope-invalid explains it', (_what, entry, explanation) => {
      for (const list of ['allowedRegistries', 'blockedRegistries', 'insecureRegistries'] as const) {
        const error = expectValidationError(() => new ImageConfig(newChart(), 'images', { registrySources: { [list]: ['quay.io', entry] } }));
        expect(codesOf(error)).toEqual(['registry-scope-invalid']);
        expect(error.findings[0].path).toBe(`spec.registrySources.${list}[1]`);
        expect(error.findings[0].message).toContain(JSON.stringify(entry));
        expect(error.findings[0].message).toContain(explanation);
      }
    });

    test.each([
      'quay.io', 'Registry.Example.COM', 'registry.example.com:5000/team/app', '*.example.com', '192.168.0.1:5000', 'localhost',
      'registry.example.com/a__b/c-d--e.f_g', 'x',
    ])('GIVEN the valid scope %p WHEN constructed THEN it is accepted and the cluster accepts it', (entry) => {
      const chart = newChart();
      new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: [entry] } });
      Warnings.acknowledge(chart, 'blocked-registries-platform');
      expectAcceptedByCluster(Testing.synth(chart));
    });

    test('GIVEN more than 1024 entries and an entry over 256 characters WHEN constructed THEN both problems are reported together', () => {
      const tooMany = Array.from({ length: 1025 }, (_, i) => `registry-${i}.example.com`);
      const tooLong = `registry.example.com/${'a'.repeat(240)}`;
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', {
        registrySources: { blockedRegistries: tooMany, insecureRegistries: [tooLong] },
      }));
      expect(codesOf(error).sort()).toEqual(['schema-max-items', 'schema-max-length']);
      expect(error.message).toContain('1025 items');
      expect(error.message).toContain('261 characters');
    });

    test('GIVEN an empty or duplicated search list WHEN constructed THEN the API rules are reported', () => {
      expect(codesOf(expectValidationError(() => new ImageConfig(newChart(), 'a', { registrySources: { containerRuntimeSearchRegistries: [] } })))).toEqual(['schema-min-items']);
      const duplicate = expectValidationError(() => new ImageConfig(newChart(), 'b', { registrySources: { containerRuntimeSearchRegistries: ['a.example.com', 'a.example.com'] } }));
      expect(codesOf(duplicate)).toEqual(['schema-duplicate']);
      expect(duplicate.findings[0].path).toBe('spec.registrySources.containerRuntimeSearchRegistries[1]');
    });

    test('GIVEN an imageStreamImportMode outside the enum WHEN constructed THEN schema-enum suggests the closest value', () => {
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', { imageStreamImportMode: ImageStreamImportMode.of('PreserveOrignal') }));
      expect(codesOf(error)).toEqual(['schema-enum']);
      expect(error.findings[0].message).toContain('"PreserveOrignal"');
      expect(error.findings[0].hint).toContain('did you mean "PreserveOriginal"');
    });

    test('GIVEN trusted CAs with a bad host key, a non-PEM value and a private key WHEN constructed THEN all three are reported', () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', {
        trustedCAs: {
          'https://registry.example.com': CA_PEM,
          'good.example.com': 'not a certificate',
          'key.example.com': `${CA_PEM}${privateKey}`,
        },
      }));
      expect(codesOf(error).sort()).toEqual(['trusted-ca-key-invalid', 'trusted-ca-not-pem', 'trusted-ca-private-key']);
      expect(error.message).toContain('ConfigMap/registry-trusted-cas data["https://registry.example.com"]');
      expect(error.message).not.toContain('PRIVATE KEY-----\n');
    });

    test('GIVEN a CERTIFICATE block whose body is not X.509 WHEN constructed THEN trusted-ca-not-pem', () => {
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', {
        trustedCAs: { 'registry.example.com': '-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n' },
      }));
      expect(codesOf(error)).toEqual(['trusted-ca-not-pem']);
      expect(error.message).toContain('does not parse as X.509');
    });

    test('GIVEN both additionalTrustedCA and trustedCAs WHEN constructed THEN it throws', () => {
      const error = expectValidationError(() => new ImageConfig(newChart(), 'images', { additionalTrustedCA: { name: 'mine' }, trustedCAs: { 'a.example.com': CA_PEM } }));
      expect(codesOf(error)).toEqual(['trusted-ca-props-conflict']);
    });

    test('GIVEN an additionalTrustedCA name that is not a ConfigMap name WHEN constructed THEN it throws', () => {
      expect(codesOf(expectValidationError(() => new ImageConfig(newChart(), 'images', { additionalTrustedCA: { name: 'Registry_CAs' } })))).toEqual(['trusted-ca-name-invalid']);
    });
  });

  describe('warns', () => {
    function warningsFor(props: ConstructorParameters<typeof ImageConfig>[2]): string[] {
      const chart = newChart();
      new ImageConfig(chart, 'images', props);
      return Warnings.of(chart).map((warning) => warning.code);
    }

    test('GIVEN allowedRegistries without the platform registries WHEN synthesized THEN allowed-registries-missing-platform names them', () => {
      const chart = newChart();
      new ImageConfig(chart, 'images', { registrySources: { allowedRegistries: ['quay.io/openshift-release-dev', 'mirror.example.com'] } });
      const [warning] = Warnings.of(chart);
      expect(warning.code).toBe('allowed-registries-missing-platform');
      expect(warning.constructPath).toBe('test/images');
      expect(warning.message).toContain('"registry.redhat.io", "image-registry.openshift-image-registry.svc:5000"');
      expect(warning.message).not.toContain('"quay.io"');
    });

    test('GIVEN blockedRegistries covering a platform registry WHEN synthesized THEN blocked-registries-platform', () => {
      expect(warningsFor({ registrySources: { blockedRegistries: ['docker.io', '*.redhat.io'] } })).toEqual(['blocked-registries-platform']);
      expect(warningsFor({ registrySources: { blockedRegistries: ['quay.io/some-org'] } })).toEqual(['blocked-registries-platform']);
      expect(warningsFor({ registrySources: { blockedRegistries: ['docker.io'] } })).toEqual([]);
    });

    test('GIVEN an insecure registry outside allowedRegistries WHEN synthesized THEN both insecure warnings', () => {
      expect(warningsFor({
        registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000'], insecureRegistries: ['lab.example.com'] },
      }).sort()).toEqual(['insecure-registry', 'insecure-registry-not-allowed']);
      expect(warningsFor({
        registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', '*.example.com'], insecureRegistries: ['lab.example.com'] },
      })).toEqual(['insecure-registry']);
    });

    test('GIVEN public and malformed search registries WHEN synthesized THEN search warnings', () => {
      expect(warningsFor({ registrySources: { containerRuntimeSearchRegistries: ['docker.io', 'registry.example.com/path', 'registry.example.com'] } }))
        .toEqual(['search-registry-public', 'search-registry-format']);
    });

    test('GIVEN a warning WHEN acknowledged on an ancestor THEN it is neither listed nor printed', () => {
      // GIVEN
      const chart = newChart();
      new ImageConfig(chart, 'images', { registrySources: { insecureRegistries: ['lab.example.com'] } });
      const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        // WHEN
        Warnings.acknowledge(chart.node.root, 'insecure-registry', 'lab');
        Testing.synth(chart);
        // THEN
        expect(Warnings.of(chart)).toEqual([]);
        expect(write).not.toHaveBeenCalled();
      } finally {
        write.mockRestore();
      }
    });

    test('GIVEN a warning WHEN the app synthesizes twice THEN it is printed once, with code and construct path', () => {
      const chart = newChart();
      new ImageConfig(chart, 'images', { registrySources: { insecureRegistries: ['lab.example.com'] } });
      const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        Testing.synth(chart);
        (chart.node.root as any).synthYaml();
        const printed = write.mock.calls.map((call) => String(call[0]));
        expect(printed).toHaveLength(1);
        expect(printed[0]).toContain('WARNING insecure-registry at test/images');
        expect(printed[0]).toContain("Warnings.acknowledge(scope, 'insecure-registry'");
      } finally {
        write.mockRestore();
      }
    });
  });
});
