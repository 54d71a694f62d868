import { Command, CommanderError } from 'commander';
import { registerExportCommand } from './export';
import { registerImpactCommand } from './impact';
import { registerImportCommand } from './import';
import { registerMigrateCommand } from './migrate';
import { registerPreviewCommand } from './preview';
import { registerValidateCommand } from './validate';

import { EXIT_OK, EXIT_USAGE } from './exit-codes';

export { EXIT_OK, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes';

/** Where the CLI reads and writes, so it can run inside another program or a test as it runs in a shell. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  /** The working directory paths and the configuration file are resolved against. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Reads standard input (`-f -`). @default - file descriptor 0 */
  readonly readStdin?: () => string;
}

/** The process's own streams, directory and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Builds the `ocp-images` program. Commands live in their own modules. */
export function buildProgram(io: CliIo = processIo()): Command {
  const program = new Command('ocp-images')
    .description('Checks and previews OpenShift image configuration (Image, mirror sets, registry Config, ImagePruner) before it reaches a cluster.')
    .version(require('../../package.json').version)
    .showHelpAfterError('(run with --help for usage)')
    // Before the commands are added: they inherit where help and errors go.
    .configureOutput({ writeOut: (text) => { io.stdout.write(text); }, writeErr: (text) => { io.stderr.write(text); } })
    .exitOverride();
  registerValidateCommand(program, io);
  registerPreviewCommand(program, io);
  registerMigrateCommand(program);
  registerImportCommand(program);
  registerImpactCommand(program);
  registerExportCommand(program);
  return program;
}

/**
 * Runs the CLI with `argv` (without node and script) and resolves to the exit code. `io` defaults to the process's
 * own streams; a test or another program passes its own and the process is left as it was.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { ...processIo(), ...io };
  const program = buildProgram(fullIo);
  if (argv.length === 0) {
    // No command is a usage error, like an unknown one: the usage goes to standard error, never to the output.
    fullIo.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  // Commands report through process.exitCode; start clean, and put back what the process had, so an in-process run
  // neither sees nor leaves an exit code.
  const previous = process.exitCode;
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
  } finally {
    process.exitCode = previous;
  }
}
