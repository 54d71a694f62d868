/**
 * Writing a preview to disk under an output folder, at the files' node paths (`DIR/etc/containers/...`).
 *
 * All files are first written into a staging folder inside the output folder, then renamed into place (a rename on
 * the same file system is atomic), so a failure while writing leaves the previous preview untouched. Files the MCO
 * manages but does not write this time are removed, so the folder holds exactly what the MCO would write.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NodeFile, POLICY_JSON_PATH, REGISTRIES_CONF_PATH, SEARCH_REGISTRIES_DROP_IN_PATH } from './render';

/** Every node path the registries MachineConfig can hold (without sigstore policies). */
export const MANAGED_NODE_PATHS: readonly string[] = [REGISTRIES_CONF_PATH, POLICY_JSON_PATH, SEARCH_REGISTRIES_DROP_IN_PATH];

/** Where a node path lands under `outDir`. */
export function localPathOf(outDir: string, nodePath: string): string {
  return path.join(outDir, ...nodePath.split('/').filter((part) => part !== ''));
}

/**
 * Writes `files` under `outDir` and removes stale managed files; returns the local paths written.
 * @throws the file system's error; files already in place stay as they were when staging fails
 */
export function writeNodeFiles(outDir: string, files: readonly NodeFile[]): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(outDir, '.ocp-images-preview-'));
  try {
    const staged = files.map((file, index) => {
      const stagedPath = path.join(staging, String(index));
      fs.writeFileSync(stagedPath, file.content, { mode: file.mode });
      return { stagedPath, target: localPathOf(outDir, file.path) };
    });
    for (const { stagedPath, target } of staged) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(stagedPath, target);
    }
    const written = new Set(files.map((file) => file.path));
    for (const nodePath of MANAGED_NODE_PATHS) {
      if (!written.has(nodePath)) {
        fs.rmSync(localPathOf(outDir, nodePath), { force: true });
      }
    }
    return staged.map(({ target }) => target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
