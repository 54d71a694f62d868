/**
 * The node files as a node really has them: the registries MachineConfig (`99-<pool>-generated-registries`) overrides
 * the base files of `01-<pool>-container-runtime`, so a file the generated MachineConfig does not hold is the base
 * file, and the search-registries drop-in, which has no base file, is absent.
 *
 * The base texts are the MCO's templates (openshift/machine-config-operator at 7ff337a4,
 * `templates/<pool>/01-<pool>-container-runtime/_base/files/container-registries.yaml` and `policy.yaml`), byte for
 * byte, the same for every pool.
 */
import { MANAGED_NODE_PATHS, NodeFile, POLICY_JSON_PATH, REGISTRIES_CONF_PATH } from '../node-files';

/** `/etc/containers/registries.conf` of `01-<pool>-container-runtime`. */
export const BASE_REGISTRIES_CONF = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";

/** `/etc/containers/policy.json` of `01-<pool>-container-runtime`, with the template's own layout. */
export const BASE_POLICY_JSON = [
  '{',
  '    "default": [',
  '        {',
  '            "type": "insecureAcceptAnything"',
  '        }',
  '    ],',
  '    "transports":',
  '        {',
  '            "docker-daemon":',
  '                {',
  '                    "": [{"type":"insecureAcceptAnything"}]',
  '                }',
  '        }',
  '}',
  '',
].join('\n');

const BASE_FILES: Readonly<Record<string, string>> = {
  [REGISTRIES_CONF_PATH]: BASE_REGISTRIES_CONF,
  [POLICY_JSON_PATH]: BASE_POLICY_JSON,
};

/** What a node holds at each of the three paths (`null`: no file), given the files the MCO generates. */
export function effectiveNodeFiles(generated: readonly NodeFile[]): ReadonlyMap<string, string | null> {
  const files = new Map<string, string | null>();
  for (const nodePath of MANAGED_NODE_PATHS) {
    const own = generated.find((file) => file.path === nodePath);
    files.set(nodePath, own ? own.content : BASE_FILES[nodePath] ?? null);
  }
  return files;
}
