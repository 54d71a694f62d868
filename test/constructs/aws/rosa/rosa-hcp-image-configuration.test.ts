/**
 * The cdktf side of ROSA HCP (`cdk-openshift-images/rosa`): `RosaHcpImageConfiguration` writes `registry_config` onto
 * the user's `rhcs_cluster_rosa_hcp` and adds one `rhcs_image_mirror` per source.
 *
 * The synthesized JSON is checked against a schema transcribed from the rhcs provider's source (./rhcs-schema.ts):
 * there are no prebuilt cdktf bindings of the rhcs provider on npm and the provider is not in the local Terraform
 * mirror, so `terraform validate` cannot check these resources here.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { RhcsImageMirror, RhcsProvider, RosaHcpImageConfiguration } from '../../../../src/rosa';
import { ValidationError } from '../../../../src/validation';
import { imageMirrorErrors, registryConfigErrors, TERRAFORM_NAME } from '../../../targets/rhcs-schema';
import { CA_PEM, idms } from '../../../support/objects';

interface Synthesized {
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function newStack(): { stack: TerraformStack; cluster: TerraformResource } {
  const stack = new TerraformStack(Testing.app(), 'rosa');
  const cluster = new TerraformResource(stack, 'main', { terraformResourceType: 'rhcs_cluster_rosa_hcp' });
  cluster.addOverride('name', 'my-cluster');
  return { stack, cluster };
}

function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

describe('GIVEN a ROSA HCP cluster resource and its image configuration (RosaHcpImageConfiguration)', () => {
  test('WHEN synthesized THEN registry_config is on the cluster and one rhcs_image_mirror per source, all passing the provider schema', () => {
    const { stack, cluster } = newStack();
    new RosaHcpImageConfiguration(stack, 'images', {
      cluster,
      image: {
        registrySources: { allowedRegistries: ['mirror.example.com:8443', 'backup.example.com', 'mirror.example.com:8443'], blockedRegistries: [] },
        allowedRegistriesForImport: [{ domainName: 'mirror.example.com:8443' }],
      },
      trustedCAs: { 'mirror.example.com:8443': CA_PEM },
      imageDigestMirrors: [
        { source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com:8443/ocp/release'] },
        { source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['backup.example.com/ocp/release'] },
      ],
      objects: [idms('operators', [{ source: 'registry.redhat.io', mirrors: ['mirror.example.com:8443/redhat'] }])],
    });
    const json = synth(stack);
    const registryConfig = json.resource.rhcs_cluster_rosa_hcp.main.registry_config;
    expect(registryConfig).toEqual({
      registry_sources: { allowed_registries: ['mirror.example.com:8443', 'backup.example.com'] },
      allowed_registries_for_import: [{ domain_name: 'mirror.example.com:8443', insecure: false }],
      additional_trusted_ca: { 'mirror.example.com..8443': CA_PEM },
    });
    expect(registryConfigErrors(registryConfig)).toEqual([]);
    expect(json.resource.rhcs_cluster_rosa_hcp.main.name).toBe('my-cluster');
    const mirrors = json.resource.rhcs_image_mirror;
    expect(Object.values(mirrors).map((mirror) => [mirror.source, mirror.mirrors])).toEqual([
      ['quay.io/openshift-release-dev/ocp-release', ['backup.example.com/ocp/release', 'mirror.example.com:8443/ocp/release']],
      ['registry.redhat.io', ['mirror.example.com:8443/redhat']],
    ]);
    for (const [name, mirror] of Object.entries(mirrors)) {
      expect(name).toMatch(TERRAFORM_NAME);
      expect(imageMirrorErrors(mirror)).toEqual([]);
      expect(mirror.cluster_id).toBe('${rhcs_cluster_rosa_hcp.main.id}');
    }
  });

  test('WHEN the cluster already sets other registry_config fields THEN the override keeps them', () => {
    const { stack, cluster } = newStack();
    cluster.addOverride('registry_config.platform_allowlist_id', 'allowlist-1');
    new RosaHcpImageConfiguration(stack, 'images', { cluster, image: { registrySources: { blockedRegistries: ['docker.io'] } } });
    expect(synth(stack).resource.rhcs_cluster_rosa_hcp.main.registry_config).toEqual({ platform_allowlist_id: 'allowlist-1', registry_sources: { blocked_registries: ['docker.io'] } });
  });

  test('WHEN the configuration has no Image THEN registry_config is left alone and only mirrors are added', () => {
    const { stack, cluster } = newStack();
    const images = new RosaHcpImageConfiguration(stack, 'images', { cluster, imageDigestMirrors: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }] });
    const json = synth(stack);
    expect(json.resource.rhcs_cluster_rosa_hcp.main.registry_config).toBeUndefined();
    expect(images.registryConfig).toBeUndefined();
    expect([...images.imageMirrors.keys()]).toEqual(['quay.io/a']);
    expect(images.imageMirrors.get('quay.io/a')?.node.id).toBe('quay_io_a');
  });

  test('WHEN ROSA HCP cannot carry the configuration THEN a ValidationError at construction names the construct path and every problem', () => {
    const { stack, cluster } = newStack();
    let thrown: unknown;
    try {
      new RosaHcpImageConfiguration(stack, 'images', {
        cluster,
        image: { registrySources: { containerRuntimeSearchRegistries: ['registry.example.com'] } },
        imageDigestMirrors: [{ source: 'quay.io/a', mirrors: ['m.example.com/a'], mirrorSourcePolicy: 'NeverContactSource' }],
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.findings.map((finding) => finding.code)).toEqual(['hosted-never-contact-source', 'rosa-image-field-unsupported']);
    expect(error.message).toContain('[rosa/images]');
  });

  test('WHEN the resource is not a rhcs_cluster_rosa_hcp THEN an error says which one is needed', () => {
    const stack = new TerraformStack(Testing.app(), 'rosa');
    const classic = new TerraformResource(stack, 'classic', { terraformResourceType: 'rhcs_cluster_rosa_classic' });
    expect(() => new RosaHcpImageConfiguration(stack, 'images', { cluster: classic })).toThrow('give the rhcs_cluster_rosa_hcp resource');
  });

  test('WHEN the configuration has warnings THEN they become annotations of the construct', () => {
    const { stack, cluster } = newStack();
    const images = new RosaHcpImageConfiguration(stack, 'images', { cluster, image: { registrySources: { insecureRegistries: ['lab.example.com'] } } });
    const warnings = images.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => String(entry.data));
    expect(warnings.some((warning) => warning.startsWith('Image/cluster spec.registrySources.insecureRegistries[0]: ') && warning.includes('(insecure-registry)'))).toBe(true);
  });

  test('WHEN RhcsImageMirror is used alone THEN it synthesizes the provider arguments, HCL too', () => {
    const stack = new TerraformStack(Testing.app(), 'rosa');
    new RhcsImageMirror(stack, 'mirror', { clusterId: 'abc', source: 'quay.io/a', mirrors: ['m.example.com/a', 'n.example.com/a'] });
    const mirror = synth(stack).resource.rhcs_image_mirror.mirror;
    expect(mirror).toEqual({ cluster_id: 'abc', type: 'digest', source: 'quay.io/a', mirrors: ['m.example.com/a', 'n.example.com/a'] });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toContain('resource "rhcs_image_mirror" "mirror"');
    expect(hcl).toMatch(/mirrors = \[\s*"m\.example\.com\/a",\s*"n\.example\.com\/a"\s*\]/);
    expect(hcl).toContain('cluster_id = "abc"');
  });
});

describe('GIVEN a stack without generated rhcs bindings (RhcsProvider)', () => {
  test('WHEN synthesized THEN the provider is required from terraform-redhat/rhcs at a release with rhcs_image_mirror, and no credential is written', () => {
    const stack = new TerraformStack(Testing.app(), 'rosa');
    new RhcsProvider(stack, 'rhcs', { url: 'https://api.stage.openshift.com' });
    new RhcsProvider(stack, 'other', { alias: 'other' });
    const json = JSON.parse(Testing.synth(stack)) as { terraform: { required_providers: Record<string, unknown> }; provider: { rhcs: Record<string, unknown>[] } };
    expect(json.terraform.required_providers.rhcs).toEqual({ source: 'terraform-redhat/rhcs', version: '>= 1.7.2' });
    expect(json.provider.rhcs).toEqual([{ url: 'https://api.stage.openshift.com' }, { alias: 'other' }]);
  });
});

describe('GIVEN the built package WHEN the rosa subpath is required by name', () => {
  test('THEN it resolves to the constructs and the export functions, without loading cdk8s', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['-e', `
      const rosa = require('cdk-openshift-images/rosa');
      console.log(JSON.stringify({
        missing: ['RosaHcpImageConfiguration', 'RhcsImageMirror', 'exportRosaHcp', 'renderRhcsTerraformJson'].filter((name) => !(name in rosa)),
        cdk8s: Object.keys(require.cache).filter((file) => /node_modules[\\\\/]cdk8s[\\\\/]/.test(file)).length,
      }));`], { cwd: path.resolve(__dirname, '../../../..'), encoding: 'utf8' }));
    expect(out).toEqual({ missing: [], cdk8s: 0 });
    // The stub for tools that ignore the exports map points at the same file.
    const stub = require('../../../../rosa/package.json') as { main: string; types: string };
    expect(path.resolve(__dirname, '../../../../rosa', stub.main)).toBe(path.resolve(__dirname, '../../../../lib/rosa.js'));
  });
});
