import { Command, CommanderError } from 'commander';
import { registerImpactCommand } from './impact';
import { registerPreviewCommand } from './preview';
import { registerValidateCommand } from './validate';

import { EXIT_OK, EXIT_USAGE } from './exit-codes';

export { EXIT_OK, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes';

/** Builds the `ocp-images` program. Commands live in their own modules. */
export function buildProgram(): Command {
  const program = new Command('ocp-images')
    .description('Checks and previews OpenShift image configuration (Image, mirror sets, registry Config, ImagePruner) before it reaches a cluster.')
    .version(require('../../package.json').version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerValidateCommand(program);
  registerPreviewCommand(program);
  registerImpactCommand(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], stderr: { write(text: string): unknown } = process.stderr): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    // No command is a usage error, like an unknown one: the usage goes to standard error, never to the output.
    stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  // Commands report through process.exitCode; start clean so an earlier in-process run cannot leak into this one.
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT_OK;
      }
      return EXIT_USAGE;
    }
    throw error;
  }
}
