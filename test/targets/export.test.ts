/**
 * The export functions on the typed model (`exportRosaHcp`, `exportHostedCluster`) and their renderers (rosa CLI
 * script, rhcs Terraform JSON, HostedCluster YAML): what they carry, what they refuse, and that they refuse exactly
 * what `validate --target` reports as errors.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { collectNodeFilesInput, renderNodeFiles } from '../../src/node-files';
import {
  exportHostedCluster,
  exportRhcs,
  exportRosaHcp,
  imageConfigurationObjects,
  renderHostedClusterYaml,
  renderRhcsTerraformJson,
  renderRosaCliScript,
  rhcsImageMirrorNames,
  rhcsImageMirrors,
  rhcsRegistryConfig,
  rosaTrustedCaFile,
  shellQuote,
  terraformLiteral,
  tryExportHostedCluster,
  tryExportRosaHcp,
  TargetExportOutcome,
} from '../../src/targets';
import { CheckTarget, checkObjects, validateObjects, ValidationError } from '../../src/validation';
import { readHostedConfiguration } from '../../src/validation/rules/targets';
import { imageMirrorErrors, registryConfigErrors, TERRAFORM_NAME } from './rhcs-schema';
import { CA_PEM, configMap, icsp, idms, image, itms, MirrorEntry } from '../support/objects';
import { tempTree } from '../support/cli';

const CLUSTER = 'my-cluster';

/** The lines of a script that are not comments. */
const commandLines = (script: string) => script.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

describe('GIVEN an Image with registry lists (exportRosaHcp)', () => {
  test('WHEN exported THEN duplicates are removed, the first occurrence keeping its place', () => {
    const exported = exportRosaHcp([image({ registrySources: { allowedRegistries: ['b.example.com', 'a.example.com', 'b.example.com'], insecureRegistries: ['a.example.com', 'a.example.com'] } })], { cluster: CLUSTER });
    expect(exported.registryConfig).toEqual({ allowedRegistries: ['b.example.com', 'a.example.com'], insecureRegistries: ['a.example.com'] });
  });

  test('WHEN a list is left out, empty or null THEN it is unchanged (absent), cleared ([]) and cleared ([])', () => {
    const exported = exportRosaHcp([image({ registrySources: { allowedRegistries: ['quay.io'], blockedRegistries: [], insecureRegistries: null } })], { cluster: CLUSTER });
    expect(exported.registryConfig).toEqual({ allowedRegistries: ['quay.io'], blockedRegistries: [], insecureRegistries: [] });
    const script = renderRosaCliScript(exported);
    expect(script).toContain("--registry-config-blocked-registries='' --registry-config-insecure-registries=''");
    expect(script).not.toContain('--registry-config-allowed-registries-for-import');
    // Terraform: an empty list is left out (the provider refuses allowed_registries = [] next to a blocked list).
    expect(rhcsRegistryConfig(exported.registryConfig)).toEqual({ registry_sources: { allowed_registries: ['quay.io'] } });
  });

  test('WHEN the import list repeats a domain with the same flag THEN it is listed once; an absent `insecure` is false', () => {
    const exported = exportRosaHcp([image({ allowedRegistriesForImport: [{ domainName: 'quay.io' }, { domainName: 'reg.example.com:5000', insecure: true }, { domainName: 'quay.io', insecure: false }] })], { cluster: CLUSTER });
    expect(exported.registryConfig?.allowedRegistriesForImport).toEqual([{ domainName: 'quay.io', insecure: false }, { domainName: 'reg.example.com:5000', insecure: true }]);
    expect(renderRosaCliScript(exported)).toContain(' --registry-config-allowed-registries-for-import=quay.io:false,reg.example.com:5000:true');
  });

  test('WHEN the Image names a trusted-CA ConfigMap THEN its data is the CA map, keys `host..port` as given, sorted', () => {
    const exported = exportRosaHcp([
      image({ additionalTrustedCA: { name: 'cas' } }),
      configMap('cas', undefined, { 'z.example.com': CA_PEM, 'mirror.example.com..8443': CA_PEM }),
    ], { cluster: CLUSTER });
    expect(Object.keys(exported.registryConfig?.additionalTrustedCa ?? {})).toEqual(['mirror.example.com..8443', 'z.example.com']);
    expect(JSON.parse(rosaTrustedCaFile(exported) as string)).toEqual({ 'mirror.example.com..8443': CA_PEM, 'z.example.com': CA_PEM });
    expect(renderRosaCliScript(exported, { trustedCaFile: 'out/cas.json' })).toContain(' --registry-config-additional-trusted-ca=out/cas.json');
  });

  test('WHEN there is no Image THEN no registry configuration, and the script has no `rosa edit cluster`', () => {
    const exported = exportRosaHcp([idms('m', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }])], { cluster: CLUSTER });
    expect(exported.registryConfig).toBeUndefined();
    expect(commandLines(renderRosaCliScript(exported))).toEqual(['rosa create image-mirror --cluster my-cluster --source quay.io/team --mirrors mirror.example.com/team']);
    expect(JSON.parse(renderRhcsTerraformJson(exported)).locals.registry_config).toEqual({});
  });

  test('WHEN given ImageDigestMirrorSets and an ImageContentSourcePolicy THEN one digest image mirror per source, sorted by source', () => {
    const exported = exportRosaHcp([
      idms('a', [{ source: 'registry.redhat.io', mirrors: ['mirror.example.com/redhat'] }]),
      icsp('b', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }]),
    ], { cluster: CLUSTER });
    expect(exported.imageMirrors).toEqual([
      { type: 'digest', source: 'quay.io/team', mirrors: ['mirror.example.com/team'] },
      { type: 'digest', source: 'registry.redhat.io', mirrors: ['mirror.example.com/redhat'] },
    ]);
  });

  test('WHEN the configuration cannot be carried THEN a ValidationError lists every problem with its code, object and path', () => {
    let thrown: unknown;
    try {
      exportRosaHcp([
        image({ imageStreamImportMode: 'Legacy' }),
        itms('tags', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }]),
      ], { cluster: CLUSTER });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.findings.map((finding) => [finding.code, finding.object, finding.path])).toEqual([
      ['hosted-tag-mirrors', 'ImageTagMirrorSet/tags', 'spec.imageTagMirrors'],
      ['rosa-image-field-unsupported', 'Image/cluster', 'spec.imageStreamImportMode'],
    ]);
    expect(error.message).toContain('Fix:');
  });
});

describe('GIVEN trusted CAs that OCM refuses', () => {
  test.each([
    ['a value that is not PEM', { 'mirror.example.com': 'not a certificate' }, 'trusted-ca-not-pem', 'data["mirror.example.com"]'],
    ['a key with `:` for the port', { 'mirror.example.com:8443': CA_PEM }, 'trusted-ca-key-invalid', 'data["mirror.example.com:8443"]'],
  ])('WHEN %s is exported for ROSA HCP THEN refused at the ConfigMap key, as `validate --target rosa-hcp` reports it', (_case, data, code, at) => {
    const objects = [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'openshift-config', data)];
    const outcome = tryExportRosaHcp(objects, { cluster: CLUSTER });
    expect(outcome.result).toBeUndefined();
    expect(outcome.errors.map((finding) => [finding.code, finding.object, finding.path])).toEqual([[code, 'ConfigMap/cas', at]]);
    expect(validateObjects(objects, { target: 'rosa-hcp' }).errors.map((finding) => finding.code)).toEqual([code]);
  });
});

describe('GIVEN several mirror sets for the same source', () => {
  test('WHEN exported THEN the mirrors are merged as the MCO merges them: list order kept, ties alphabetical', () => {
    const objects = [
      idms('b', [{ source: 'quay.io/team', mirrors: ['z.example.com/team', 'y.example.com/team'] }]),
      idms('a', [{ source: 'quay.io/team', mirrors: ['x.example.com/team'] }]),
      icsp('c', [{ source: 'quay.io/team', mirrors: ['y.example.com/team', 'w.example.com/team'] }]),
    ];
    // z before y before w (their lists), x unordered against them: alphabetically first among the free ones.
    expect(exportRosaHcp(objects, { cluster: CLUSTER }).imageMirrors[0].mirrors).toEqual(['x.example.com/team', 'z.example.com/team', 'y.example.com/team', 'w.example.com/team']);
    expect(exportHostedCluster(objects, { name: CLUSTER }).hostedCluster.spec.imageContentSources?.[0].mirrors).toEqual(['x.example.com/team', 'z.example.com/team', 'y.example.com/team', 'w.example.com/team']);
  });

  const host = fc.constantFrom('a', 'b', 'c', 'd', 'e').map((name) => `${name}.example.com/m`);
  const entry: fc.Arbitrary<MirrorEntry> = fc.record({
    source: fc.constantFrom('quay.io/team', 'registry.redhat.io', 'registry.example.com:5000/app'),
    mirrors: fc.uniqueArray(host, { minLength: 1, maxLength: 3 }),
  });
  const sets = fc.array(fc.array(entry, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 })
    .map((lists) => lists.map((entries, index) => (index % 2 === 0 ? idms(`set-${index}`, entries) : icsp(`set-${index}`, entries))));

  test('WHEN the objects come in any order THEN every target writes the same bytes', () => {
    fc.assert(fc.property(sets.chain((objects) => fc.tuple(fc.constant(objects), fc.shuffledSubarray(objects, { minLength: objects.length, maxLength: objects.length }))), ([objects, shuffled]) => {
      const rosa = (list: unknown[]) => exportRosaHcp(list, { cluster: CLUSTER });
      expect(renderRosaCliScript(rosa(shuffled))).toBe(renderRosaCliScript(rosa(objects)));
      expect(renderRhcsTerraformJson(rosa(shuffled))).toBe(renderRhcsTerraformJson(rosa(objects)));
      expect(renderHostedClusterYaml(exportHostedCluster(shuffled, { name: CLUSTER }))).toBe(renderHostedClusterYaml(exportHostedCluster(objects, { name: CLUSTER })));
    }), { numRuns: 100 });
  });

  test('WHEN exported THEN each source has the mirrors, in the order, that registries.conf of `ocp-images preview` gives it', () => {
    fc.assert(fc.property(sets, (objects) => {
      const exported = exportRosaHcp(objects, { cluster: CLUSTER });
      const collected = collectNodeFilesInput(objects);
      const files = renderNodeFiles({ ...collected.input, assumeEmptyImage: true }).files;
      const conf = parseToml(files.find((file) => file.path === '/etc/containers/registries.conf')?.content ?? '') as { registry?: { location: string; mirror?: { location: string }[] }[] };
      for (const mirror of exported.imageMirrors) {
        const registry = (conf.registry ?? []).find((candidate) => candidate.location === mirror.source);
        expect((registry?.mirror ?? []).map((item) => item.location)).toEqual(mirror.mirrors);
      }
      expect(exported.imageMirrors.length).toBe((conf.registry ?? []).length);
    }), { numRuns: 100 });
  });
});

describe('GIVEN generated configurations, some of which a target cannot carry', () => {
  const fragment = fc.constantFrom<unknown[]>(
    [image({ registrySources: { allowedRegistries: ['mirror.example.com'], blockedRegistries: [] } })],
    [image({ registrySources: { blockedRegistries: ['docker.io'], insecureRegistries: ['docker.io'] } })],
    [image({ registrySources: { containerRuntimeSearchRegistries: ['registry.example.com'] } })],
    [image({ allowedRegistriesForImport: [{ domainName: 'a.io', insecure: true }, { domainName: 'a.io' }] })],
    [image({ additionalTrustedCA: { name: 'cas' } })],
    [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM })],
    [image({ registrySources: { allowedRegistries: ['quay.io/team:latest'] } })],
    [idms('digest', [{ source: 'quay.io/team', mirrors: ['mirror.example.com/team'] }])],
    [idms('never', [{ source: 'quay.io/ocp', mirrors: ['mirror.example.com/ocp'], mirrorSourcePolicy: 'NeverContactSource' }])],
    [itms('tags', [{ source: 'quay.io/tags', mirrors: ['mirror.example.com/tags'] }])],
    [icsp('repeat', [{ source: 'quay.io/icsp', mirrors: ['mirror.example.com/icsp', 'mirror.example.com/icsp'] }])],
    [{ apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: { managementState: 'Managed' } }],
  );
  const configuration = fc.uniqueArray(fragment, { maxLength: 4 }).map((fragments) => fragments.flat());
  const TARGETS: readonly [CheckTarget, (objects: unknown[]) => TargetExportOutcome<unknown>][] = [
    ['rosa-hcp', (objects) => tryExportRosaHcp(objects, { cluster: CLUSTER })],
    ['hypershift', (objects) => tryExportHostedCluster(objects, { name: CLUSTER })],
  ];
  const key = (finding: { code: string; object: string; path: string }) => `${finding.code} ${finding.object} ${finding.path}`;

  test.each(TARGETS.map(([target, run]) => [target, run] as const))('WHEN exported for %s THEN it refuses exactly what `validate --target` reports as errors, and exports otherwise', (target, run) => {
    let refused = 0;
    fc.assert(fc.property(configuration, (objects) => {
      const outcome = run(objects);
      const expected = validateObjects(objects, { target }).errors.map(key);
      expect(outcome.errors.map(key)).toEqual(expected);
      expect(outcome.result !== undefined).toBe(expected.length === 0);
      refused += expected.length > 0 ? 1 : 0;
    }), { numRuns: 150 });
    // Both outcomes were exercised.
    expect(refused).toBeGreaterThan(10);
    expect(refused).toBeLessThan(150);
  });
});

describe('GIVEN values the shell would change (rosa CLI script)', () => {
  test('WHEN quoted THEN sh passes every value unchanged', () => {
    const values = fc.sample(fc.string({ unit: fc.constantFrom('a', '*', '?', ' ', "'", '"', '$', '`', '\\', ';', '&', '|', '~', '#', '(', '[', '{', '\n', ',', ':', '/', '.', '-', '=', '!') , maxLength: 12 }), { numRuns: 200, seed: 42 });
    const script = `printf '%s\\0' ${values.map(shellQuote).join(' ')}\n`;
    const dir = tempTree({ 'a.example.com': '', 'aa': '' });
    const run = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\0').slice(0, -1)).toEqual(values);
  });

  test('WHEN a cluster is not a rosa cluster key THEN the script is refused with the reason', () => {
    const exported = exportRosaHcp([], { cluster: 'my cluster' });
    expect(() => renderRosaCliScript(exported)).toThrow("cluster name or ID of letters, digits, '_' and '-'");
  });
});

describe('GIVEN the rhcs form of an export', () => {
  test('WHEN a value holds `${` or `%{` THEN it is written as a Terraform literal; a `${...}` cluster stays a reference', () => {
    expect(terraformLiteral('a${b}%{c}')).toBe('a$${b}%%{c}');
    const exported = exportRosaHcp([image({ allowedRegistriesForImport: [{ domainName: 'x${y}.example.com' }] })], { cluster: '${rhcs_cluster_rosa_hcp.main.id}' });
    const json = JSON.parse(renderRhcsTerraformJson(exported));
    expect(json.locals.registry_config.allowed_registries_for_import).toEqual([{ domain_name: 'x$${y}.example.com', insecure: false }]);
    const literal = JSON.parse(renderRhcsTerraformJson(exportRosaHcp([idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }])], { cluster: '2a1b' })));
    expect(literal.resource.rhcs_image_mirror.quay_io_a.cluster_id).toBe('2a1b');
    const reference = JSON.parse(renderRhcsTerraformJson(exportRosaHcp([idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }])], { cluster: '${var.cluster_id}' })));
    expect(reference.resource.rhcs_image_mirror.quay_io_a.cluster_id).toBe('${var.cluster_id}');
  });

  test('WHEN sources are named THEN names are Terraform names, a wildcard says so, and colliding sources all get a hash suffix', () => {
    const names = rhcsImageMirrorNames(['quay.io/openshift', '*.example.com', 'example.com', 'quay_io/openshift', '5.example.com']);
    expect(names.get('*.example.com')).toBe('wildcard_example_com');
    expect(names.get('example.com')).toBe('example_com');
    expect(names.get('5.example.com')).toBe('mirror_5_example_com');
    expect(names.get('quay.io/openshift')).toMatch(/^quay_io_openshift_[0-9a-f]{8}$/);
    expect(names.get('quay_io/openshift')).toMatch(/^quay_io_openshift_[0-9a-f]{8}$/);
    expect(names.get('quay.io/openshift')).not.toBe(names.get('quay_io/openshift'));
    for (const name of names.values()) {
      expect(name).toMatch(TERRAFORM_NAME);
    }
  });

  test('WHEN sources are added that collide with none THEN no existing name changes', () => {
    const source = fc.stringMatching(/^[a-z]{1,6}\.(io|com)(\/[a-z.]{1,6})?$/);
    fc.assert(fc.property(fc.uniqueArray(source, { maxLength: 6 }), fc.uniqueArray(source, { maxLength: 6 }), (before, added) => {
      const first = rhcsImageMirrorNames(before);
      const second = rhcsImageMirrorNames([...before, ...added]);
      const collides = (name: string) => [...second.values()].filter((other) => other.startsWith(`${name}_`)).length > 0;
      for (const [key, name] of first) {
        if (!collides(name)) {
          expect(second.get(key)).toBe(name);
        }
        expect(new Set(second.values()).size).toBe(second.size);
      }
    }), { numRuns: 200 });
  });

  test('WHEN rendered THEN registry_config and every rhcs_image_mirror pass the schema transcribed from the provider', () => {
    const exported = exportRosaHcp([
      image({ registrySources: { blockedRegistries: ['docker.io'], allowedRegistries: [], insecureRegistries: ['lab.example.com'] }, allowedRegistriesForImport: [{ domainName: 'quay.io' }], additionalTrustedCA: { name: 'cas' } }),
      configMap('cas', 'openshift-config', { 'lab.example.com': CA_PEM }),
      idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }, { source: '*.example.org', mirrors: ['m.example.com/org'] }]),
    ], { cluster: '${rhcs_cluster_rosa_hcp.main.id}' });
    const json = JSON.parse(renderRhcsTerraformJson(exported));
    expect(registryConfigErrors(json.locals.registry_config)).toEqual([]);
    expect(Object.keys(json.resource.rhcs_image_mirror)).toEqual(['quay_io_a', 'wildcard_example_org']);
    for (const [name, mirror] of Object.entries(json.resource.rhcs_image_mirror)) {
      expect(name).toMatch(TERRAFORM_NAME);
      expect(imageMirrorErrors(mirror)).toEqual([]);
    }
    // The oracle itself refuses what the provider refuses.
    expect(registryConfigErrors({ registry_sources: { allowed_registries: [], blocked_registries: ['docker.io'] } })).not.toEqual([]);
    expect(imageMirrorErrors({ cluster_id: 'x', source: 'quay.io', mirrors: [], type: 'digest' })).not.toEqual([]);
  });

  test('WHEN Terraform reads the locals THEN `local.registry_config` evaluates to the registry configuration', () => {
    const exported = exportRosaHcp([
      image({ registrySources: { allowedRegistries: ['mirror.example.com:8443', '*.apps.example.com'] }, allowedRegistriesForImport: [{ domainName: 'mirror.example.com:8443', insecure: true }], additionalTrustedCA: { name: 'cas' } }),
      configMap('cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM }),
    ], { cluster: CLUSTER });
    const document = JSON.parse(renderRhcsTerraformJson(exported));
    // Only the locals: the rhcs provider is not in the local mirror, so a configuration with its resources cannot init.
    const dir = tempTree({ 'main.tf.json': JSON.stringify({ '//': document['//'], locals: document.locals }), 'cli.tfrc': '' });
    const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    expect(spawnSync('terraform', ['init', '-input=false', '-backend=false'], { cwd: dir, env, encoding: 'utf8' }).status).toBe(0);
    const run = spawnSync('terraform', ['console'], { cwd: dir, env, input: 'jsonencode(local.registry_config)\n', encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(JSON.parse(run.stdout.trim()))).toEqual(rhcsRegistryConfig(exported.registryConfig));
    expect(fs.existsSync(path.join(dir, '.terraform.lock.hcl'))).toBe(false);
  });
});

describe('GIVEN the rhcs target in one call (exportRhcs)', () => {
  test('WHEN exported THEN the file is the rendered export, and the plain values are the ones the file holds', () => {
    const objects = [
      image({ registrySources: { allowedRegistries: ['quay.io', 'registry.example.com'] }, additionalTrustedCA: { name: 'cas' } }),
      configMap('cas', 'openshift-config', { 'registry.example.com..5000': CA_PEM }),
      idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }, { source: 'quay.io/b', mirrors: ['m.example.com/b'] }]),
    ];
    const exported = exportRosaHcp(objects, { cluster: CLUSTER });
    const rhcs = exportRhcs(objects, { cluster: CLUSTER });
    expect(rhcs.json).toBe(renderRhcsTerraformJson(exported));
    expect(rhcs.registryConfig).toEqual(rhcsRegistryConfig(exported.registryConfig));
    expect(rhcs.imageMirrors).toEqual(rhcsImageMirrors(exported));
    const file = JSON.parse(rhcs.json) as { locals: unknown; resource: { rhcs_image_mirror: unknown } };
    expect(file.locals).toEqual({ registry_config: rhcs.registryConfig });
    expect(file.resource.rhcs_image_mirror).toEqual(rhcs.imageMirrors);
    expect(rhcs.warnings).toEqual(exported.warnings);
  });
});

describe('GIVEN the checked objects of one run of the engine with a target', () => {
  test('WHEN its rules and the export read the hosted configuration THEN they share one reading of that run', () => {
    const objects = [image({ additionalTrustedCA: { name: 'cas' } }), configMap('cas', 'openshift-config', { 'quay.io': CA_PEM }), idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }])];
    const first = checkObjects(objects, { target: 'rosa-hcp' }).checked;
    const second = checkObjects(objects, { target: 'rosa-hcp' }).checked;
    expect(readHostedConfiguration(first)).toBe(readHostedConfiguration(first));
    // Another run is another list: read on its own, with the same content.
    expect(readHostedConfiguration(second)).not.toBe(readHostedConfiguration(first));
    expect(readHostedConfiguration(second)).toEqual(readHostedConfiguration(first));
  });
});

describe('GIVEN the HostedCluster form of an export (exportHostedCluster)', () => {
  const objects = [
    image({
      registrySources: { blockedRegistries: ['docker.io', 'docker.io'], insecureRegistries: null, containerRuntimeSearchRegistries: ['registry.example.com'] },
      imageStreamImportMode: 'PreserveOriginal',
      additionalTrustedCA: { name: 'cas' },
    }),
    configMap('cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM }),
    idms('m', [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }]),
    { apiVersion: 'imageregistry.operator.openshift.io/v1', kind: 'Config', metadata: { name: 'cluster' }, spec: { managementState: 'Managed', replicas: 2 } },
  ];

  test('WHEN exported THEN the Image spec goes as it is (without nulls), mirrors to imageContentSources, the CA ConfigMap to the namespace', () => {
    const exported = exportHostedCluster(objects, { name: 'hc1', namespace: 'hosted' });
    expect(exported.hostedCluster).toEqual({
      apiVersion: 'hypershift.openshift.io/v1beta1',
      kind: 'HostedCluster',
      metadata: { name: 'hc1', namespace: 'hosted' },
      spec: {
        configuration: { image: { additionalTrustedCA: { name: 'cas' }, registrySources: { blockedRegistries: ['docker.io', 'docker.io'], containerRuntimeSearchRegistries: ['registry.example.com'] }, imageStreamImportMode: 'PreserveOriginal' } },
        imageContentSources: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }],
      },
    });
    expect(exported.trustedCaConfigMap).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cas', namespace: 'hosted' }, data: { 'mirror.example.com..8443': CA_PEM } });
    const documents = parseAllDocuments(renderHostedClusterYaml(exported)).map((document) => document.toJS());
    expect(documents).toEqual([exported.trustedCaConfigMap, exported.hostedCluster]);
  });

  test('WHEN no namespace is given THEN `clusters`; WHEN the ConfigMap is not given THEN the fragment names it and says it must exist', () => {
    const exported = exportHostedCluster([image({ additionalTrustedCA: { name: 'elsewhere' } })], { name: 'hc1' });
    expect(exported.hostedCluster.metadata.namespace).toBe('clusters');
    expect(exported.trustedCaConfigMap).toBeUndefined();
    expect(exported.externalTrustedCaConfigMap).toBe('elsewhere');
    expect(parseAllDocuments(renderHostedClusterYaml(exported))).toHaveLength(1);
  });

  test('WHEN the name is not a DNS-1123 label THEN a plain error names it', () => {
    expect(() => exportHostedCluster([], { name: 'My_Cluster' })).toThrow('lower-case DNS-1123 label');
    expect(() => exportHostedCluster([], { name: 'ok', namespace: 'a.b' })).toThrow('namespace');
  });

  test('WHEN the name is 63 characters THEN it is a label; 64 characters, or a dash at either end, THEN it is not', () => {
    expect(exportHostedCluster([], { name: 'a'.repeat(63) }).hostedCluster.metadata.name).toHaveLength(63);
    for (const name of ['a'.repeat(64), '-hc1', 'hc1-']) {
      expect(() => exportHostedCluster([], { name })).toThrow('lower-case DNS-1123 label');
    }
  });
});

describe('GIVEN the typed input of the constructs (imageConfigurationObjects)', () => {
  test('WHEN trustedCAs are given THEN an Image pointing at a ConfigMap in openshift-config keyed `host..port`', () => {
    const objects = imageConfigurationObjects({ image: { registrySources: { blockedRegistries: ['docker.io'] } }, trustedCAs: { 'mirror.example.com:8443': CA_PEM } });
    expect(objects).toEqual([
      image({ registrySources: { blockedRegistries: ['docker.io'] }, additionalTrustedCA: { name: 'registry-trusted-cas' } }),
      configMap('registry-trusted-cas', 'openshift-config', { 'mirror.example.com..8443': CA_PEM }),
    ]);
    expect(validateObjects(objects, { target: 'rosa-hcp' }).errors).toEqual([]);
  });

  test('WHEN both trustedCAs and image.additionalTrustedCA are given THEN a ValidationError (trusted-ca-props-conflict)', () => {
    expect(() => imageConfigurationObjects({ image: { additionalTrustedCA: { name: 'mine' } }, trustedCAs: { 'a.example.com': CA_PEM } })).toThrow(ValidationError);
  });
});
