import { Command } from 'commander';

/** Adds `import` to the `ocp-images` program. */
export function registerImportCommand(_program: Command): void {}
