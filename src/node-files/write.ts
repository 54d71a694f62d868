/**
 * Writing a preview to disk under an output folder, at the files' node paths (`DIR/etc/containers/...`).
 *
 * The output folder is the caller's; the preview owns `DIR/etc/containers` (a link it switches) and
 * `DIR/etc/.ocp-images-preview` (the generations the link points into), see ./atomic-output. The whole set of files
 * switches in one rename, so a crash at any moment leaves the previous set or the new one; nothing is written or
 * deleted outside the output folder, and nothing the preview did not write is deleted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { replaceOwnedFolder } from './atomic-output';
import { NodeFile, POLICY_JSON_PATH, REGISTRIES_CONF_PATH, SEARCH_REGISTRIES_DROP_IN_PATH } from './render';

export { OutputFolderError } from './atomic-output';

/**
 * Every node path the registries MachineConfig can hold (without sigstore policies), in the MCO's order: `impact`
 * lists changed files in this order too.
 */
export const MANAGED_NODE_PATHS: readonly string[] = [REGISTRIES_CONF_PATH, POLICY_JSON_PATH, SEARCH_REGISTRIES_DROP_IN_PATH];

/** The node folder whose managed files switch together; every managed path lies under it. */
const OWNED_NODE_FOLDER = '/etc/containers';

/** Name of the preview's state folder in `DIR/etc`: the generations `DIR/etc/containers` points into. */
export const PREVIEW_STATE_FOLDER = '.ocp-images-preview';

/** Staging folders of earlier versions (`DIR/.ocp-images-preview-XXXXXX`, files named 0, 1, 2) left by a crash. */
const OLD_STAGING = /^\.ocp-images-preview-[A-Za-z0-9]{6}$/;

/** Where a node path lands under `outDir`. */
export function localPathOf(outDir: string, nodePath: string): string {
  return path.join(outDir, ...nodePath.split('/').filter((part) => part !== ''));
}

function relativeToOwnedFolder(nodePath: string): string {
  if (!nodePath.startsWith(`${OWNED_NODE_FOLDER}/`)) {
    throw new Error(`writeNodeFiles: ${JSON.stringify(nodePath)} is not under ${OWNED_NODE_FOLDER}`);
  }
  return nodePath.slice(OWNED_NODE_FOLDER.length + 1);
}

/** Removes a crashed staging folder of an earlier version: only when it holds nothing but its numbered files. */
function removeOldStaging(outDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(outDir).filter((name) => OLD_STAGING.test(name));
  } catch {
    return;
  }
  for (const name of names) {
    const staging = path.join(outDir, name);
    if (!fs.lstatSync(staging).isDirectory()) {
      continue;
    }
    const entries = fs.readdirSync(staging);
    if (entries.every((entry) => /^\d+$/.test(entry) && fs.lstatSync(path.join(staging, entry)).isFile())) {
      for (const entry of entries) {
        fs.unlinkSync(path.join(staging, entry));
      }
      fs.rmdirSync(staging);
    }
  }
}

/**
 * Writes `files` at their node paths under `outDir`, replacing the previous preview there as a whole (stale managed
 * files go with it); returns the local paths of the files, as they read through `outDir`.
 *
 * `outDir` must be a real folder or absent (it is then created, with its parents); a symbolic link on any path the
 * preview writes is refused, and so is a `DIR/etc/containers` holding files the preview did not write.
 * @throws OutputFolderError when `outDir` cannot be used, saying what to change; the previous preview is then intact
 */
export function writeNodeFiles(outDir: string, files: readonly NodeFile[]): string[] {
  for (const file of files) {
    if (!MANAGED_NODE_PATHS.includes(file.path)) {
      throw new Error(`writeNodeFiles: ${JSON.stringify(file.path)} is not a file of the registries MachineConfig (${MANAGED_NODE_PATHS.join(', ')})`);
    }
  }
  const owned = OWNED_NODE_FOLDER.split('/').filter((part) => part !== '');
  replaceOwnedFolder(
    {
      outDir,
      parents: owned.slice(0, -1),
      linkName: owned[owned.length - 1],
      stateName: PREVIEW_STATE_FOLDER,
      ownedPaths: MANAGED_NODE_PATHS.map(relativeToOwnedFolder),
    },
    files.map((file) => ({ path: relativeToOwnedFolder(file.path), content: file.content, mode: file.mode })),
  );
  try {
    removeOldStaging(path.resolve(outDir));
  } catch {
    // A leftover that cannot be removed does not make the preview wrong.
  }
  return files.map((file) => localPathOf(outDir, file.path));
}
