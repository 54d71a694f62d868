/**
 * `runCli` adds only the command a run names (src/cli/main.ts), so a run loads that command's code only. The program
 * must answer exactly as the whole program would: help, usage errors, exit codes.
 */
import { CommanderError } from 'commander';
import { buildProgram, COMMAND_NAMES, runCli } from '../../src/cli/main';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function io(): { stdout: { write(text: string): boolean }; stderr: { write(text: string): boolean }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: { write: (text) => out.push(text) > 0 }, stderr: { write: (text) => err.push(text) > 0 }, out, err };
}

async function viaRunCli(argv: readonly string[]): Promise<Captured> {
  const streams = io();
  const code = await runCli(argv, { stdout: streams.stdout, stderr: streams.stderr, cwd: process.cwd(), env: {} });
  return { code, stdout: streams.out.join(''), stderr: streams.err.join('') };
}

/** The same argv through the program with every command added, as `--help` sees it. */
async function viaWholeProgram(argv: readonly string[]): Promise<Captured> {
  const streams = io();
  const program = buildProgram({ stdout: streams.stdout, stderr: streams.stderr, cwd: process.cwd(), env: {} });
  let code = 0;
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }
    code = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
  }
  return { code, stdout: streams.out.join(''), stderr: streams.err.join('') };
}

describe('GIVEN the ocp-images program', () => {
  test('WHEN it lists its commands THEN every command runCli knows is there, in the order of --help', async () => {
    const help = (await viaRunCli(['--help'])).stdout;
    const listed = [...help.matchAll(/^ {2}([a-z]+)(?: \[options\]| \[command\])?\s/gm)].map((match) => match[1]).filter((name) => name !== 'help');
    expect(listed).toEqual([...COMMAND_NAMES]);
  });

  const runs: Array<readonly string[]> = [
    ...COMMAND_NAMES.map((name) => [name, '--help']),
    ['migrate', 'icsp', '--help'],
    ['validate'],
    ['validate', '-f'],
    ['validate', '--no-such-option'],
    ['validate', '-f', 'x.yaml', '--format', 'xml'],
    ['preview', '-f', 'x.yaml'],
    ['export', '--target', 'nowhere', '--cluster', 'c', '-f', 'x'],
    ['impact', '--before', 'a.yaml'],
    ['migrate'],
    ['migrate', 'icps'],
    ['import'],
  ];
  test.each(runs.map((argv) => [argv.join(' '), argv] as const))('WHEN `ocp-images %s` adds only its command THEN it answers as the whole program', async (_name, argv) => {
    const lazy = await viaRunCli(argv);
    expect(lazy).toEqual(await viaWholeProgram(argv));
    // Help and usage errors only: nothing above reaches a command's action.
    expect(lazy.stdout + lazy.stderr).not.toBe('');
  });

  test('WHEN no command, a misspelt one, --version or help COMMAND is given THEN the whole program answers', async () => {
    expect(await viaRunCli([])).toEqual({ code: 2, stdout: '', stderr: buildProgram().helpInformation() });
    const misspelt = await viaRunCli(['valdate', '-f', 'x']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('(Did you mean validate?)');
    expect(await viaRunCli(['--version'])).toEqual({ code: 0, stdout: `${(require('../../package.json') as { version: string }).version}\n`, stderr: '' });
    expect(await viaRunCli(['help', 'preview'])).toEqual(await viaWholeProgram(['preview', '--help']));
  });
});
