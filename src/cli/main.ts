import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import { CliIo, processIo } from './io';

export { EXIT_OK, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes';
export type { CliIo } from './io';
export { processIo } from './io';

/** A command of the program: its name, and how to add it (its module is loaded only then). */
interface CommandEntry {
  readonly name: string;
  readonly register: (program: Command, io: CliIo) => void;
}

// In the order `--help` lists them. Each command's module (with the rule engine, the renderer, the YAML readers...
// that it needs) is required when the command is added to the program, not when this module is: a run of one command
// loads that command's code only. Start-up time is the whole run for a small input (docs/performance.md).
const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', register: (program, io) => (require('./validate') as typeof import('./validate')).registerValidateCommand(program, io) },
  { name: 'preview', register: (program, io) => (require('./preview') as typeof import('./preview')).registerPreviewCommand(program, io) },
  { name: 'migrate', register: (program, io) => (require('./migrate') as typeof import('./migrate')).registerMigrateCommand(program, io) },
  { name: 'import', register: (program, io) => (require('./import') as typeof import('./import')).registerImportCommand(program, io) },
  { name: 'impact', register: (program, io) => (require('./impact') as typeof import('./impact')).registerImpactCommand(program, io) },
  { name: 'export', register: (program, io) => (require('./export') as typeof import('./export')).registerExportCommand(program, io) },
];

/** The names of the `ocp-images` commands, in the order `--help` lists them. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((command) => command.name);

/**
 * Builds the `ocp-images` program. Commands live in their own modules. With `only`, just that command is added (a run
 * that names its command needs no other); without it, every command, as `--help` lists them.
 */
export function buildProgram(io: CliIo = processIo(), only?: string): Command {
  const program = new Command('ocp-images')
    .description('Checks and previews OpenShift image configuration (Image, mirror sets, registry Config, ImagePruner) before it reaches a cluster.')
    .version(require('../../package.json').version)
    .showHelpAfterError('(run with --help for usage)')
    // Before the commands are added: they inherit where help and errors go.
    .configureOutput({ writeOut: (text) => { io.stdout.write(text); }, writeErr: (text) => { io.stderr.write(text); } })
    .exitOverride();
  for (const command of COMMANDS) {
    if (only === undefined || command.name === only) {
      command.register(program, io);
    }
  }
  return program;
}

/**
 * Runs the CLI with `argv` (without node and script) and resolves to the exit code. `io` defaults to the process's
 * own streams; a test or another program passes its own and the process is left as it was.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { ...processIo(), ...io };
  // A run whose first word is a command adds only that command; anything else (no command, `--help`, `--version`,
  // `help validate`, a misspelt command that deserves a suggestion) gets the whole program.
  const program = buildProgram(fullIo, COMMAND_NAMES.includes(argv[0]) ? argv[0] : undefined);
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
