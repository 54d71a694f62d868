/**
 * Peer dependencies are checked when an entry point loads, so that a missing one is reported with the entry that
 * needs it and the version range to install, instead of Node's bare "Cannot find module 'cdktf'" from deep inside
 * the package. Each entry needs only its own peers: the main entry cdk8s, the `aws` subpath cdktf and the AWS
 * provider; npm installs none of the optional ones by itself. The ranges are read from this package's own
 * package.json, so the message always matches what npm checks.
 */

interface PackageManifest {
  readonly name: string;
  readonly peerDependencies: { readonly [name: string]: string };
}

// A plain require: package.json sits above `src`/`lib`, outside the compiled tree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../../package.json') as PackageManifest;

/** Whether `name` resolves from this package, as the `require` calls of the entry will resolve it. */
function isInstalled(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch (error) {
    // Anything but "not found" (e.g. a package whose `exports` hide its root) means the package is there.
    return (error as { code?: unknown }).code !== 'MODULE_NOT_FOUND';
  }
}

/** The message for the peers of `entry` that are missing (`names`, at least one). */
export function missingPeerDependenciesMessage(entry: string, names: readonly string[]): string {
  const specs = names.map((name) => `${name}@${manifest.peerDependencies[name] ?? 'latest'}`);
  const list = specs.length === 1 ? specs[0] : `${specs.slice(0, -1).join(', ')} and ${specs[specs.length - 1]}`;
  const noun = specs.length === 1 ? 'the peer dependency' : 'the peer dependencies';
  const verb = specs.length === 1 ? 'is' : 'are';
  return `${entry} needs ${noun} ${list}, which ${verb} not installed: npm install ${specs.join(' ')}`;
}

/**
 * Throws when a peer dependency of `entry` is not installed, naming every missing one with its version range.
 * The error has code `MODULE_NOT_FOUND`, like the one it replaces, for callers that probe optional modules.
 */
export function requirePeerDependencies(entry: string, names: readonly string[]): void {
  const missing = names.filter((name) => !isInstalled(name));
  if (missing.length > 0) {
    throw Object.assign(new Error(missingPeerDependenciesMessage(entry, missing)), { code: 'MODULE_NOT_FOUND' });
  }
}

/** The name users import: `cdk-openshift-images`, or `cdk-openshift-images/<subpath>`. */
export function entryName(subpath?: string): string {
  return subpath ? `${manifest.name}/${subpath}` : manifest.name;
}
