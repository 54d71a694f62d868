/**
 * The rhcs Terraform provider's arguments for what the ROSA HCP export writes, transcribed by hand from the provider's
 * source (terraform-redhat/terraform-provider-rhcs at 60b118a):
 * - `registry_config` of `rhcs_cluster_rosa_hcp`: provider/registry_config/resource.go (`RegistryConfigResource`,
 *   `RegistrySourcesResource`, `RegistryLocationResource`) and the `ConflictsWithNotEmpty` validator on
 *   `blocked_registries` (provider/common/attrvalidators/conflicts_with_not_empty.go: an error when
 *   `allowed_registries` is not null and `blocked_registries` has elements);
 * - `rhcs_image_mirror`: provider/imagemirror/image_mirror_resource.go (`cluster_id` and `source` required, `type` in
 *   {digest}, `mirrors` a list of at least one string; `id` and the timestamps computed only).
 *
 * Why transcribed: no prebuilt cdktf bindings of the rhcs provider exist on npm, and the provider is not in the local
 * Terraform mirror these tests run with, so `terraform validate` cannot check the resources. This schema is the test
 * oracle instead; the Terraform meta-arguments (`depends_on`, `lifecycle`, ...) are allowed as Terraform allows them.
 */
import Ajv from 'ajv';

const stringList = { type: 'array', items: { type: 'string' } };

const META_ARGUMENTS = {
  // A Terraform JSON comment (cdktf writes its construct metadata there).
  '//': {},
  depends_on: stringList,
  count: {},
  for_each: {},
  provider: { type: 'string' },
  lifecycle: { type: 'object' },
  provisioner: {},
  connection: {},
};

export const RHCS_REGISTRY_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    registry_sources: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowed_registries: stringList,
        blocked_registries: stringList,
        insecure_registries: stringList,
      },
      // ConflictsWithNotEmpty on blocked_registries: non-empty blocked_registries next to allowed_registries set at all.
      not: { required: ['allowed_registries', 'blocked_registries'], properties: { blocked_registries: { minItems: 1 } } },
    },
    allowed_registries_for_import: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { domain_name: { type: 'string' }, insecure: { type: 'boolean' } },
      },
    },
    additional_trusted_ca: { type: 'object', additionalProperties: { type: 'string' } },
    platform_allowlist_id: { type: 'string' },
  },
};

export const RHCS_IMAGE_MIRROR_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['cluster_id', 'source', 'mirrors'],
  properties: {
    cluster_id: { type: 'string' },
    type: { enum: ['digest'] },
    source: { type: 'string' },
    mirrors: { ...stringList, minItems: 1 },
    ...META_ARGUMENTS,
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const registryConfig = ajv.compile(RHCS_REGISTRY_CONFIG_SCHEMA);
const imageMirror = ajv.compile(RHCS_IMAGE_MIRROR_SCHEMA);

/** The schema errors of a `registry_config` value (empty when the provider would accept it). */
export function registryConfigErrors(value: unknown): string[] {
  return registryConfig(value) ? [] : (registryConfig.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** The schema errors of the arguments of one `rhcs_image_mirror` (empty when the provider would accept them). */
export function imageMirrorErrors(value: unknown): string[] {
  return imageMirror(value) ? [] : (imageMirror.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Terraform names: a letter or `_` first, then letters, digits, `_` and `-`. */
export const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
