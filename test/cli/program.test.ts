/**
 * `runCli` adds only the command a run names (src/cli/main.ts), so a run loads that command's code only. The program
 * must answer exactly as the whole program would: help, usage errors, exit codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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

describe('GIVEN runCli embedded in another program, with a working folder of its own (io.cwd)', () => {
  const image = 'apiVersion: config.openshift.io/v1\nkind: Image\nmetadata:\n  name: cluster\nspec:\n  registrySources:\n    blockedRegistries: [docker.io]\n';
  const policy = 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: mirrors\nspec:\n  repositoryDigestMirrors:\n  - source: quay.io/team\n    mirrors: [mirror.example.com/team]\n';

  test.each([
    ['validate', ['validate', '-f', 'cluster/image.yaml'], [] as string[]],
    ['preview', ['preview', '-f', 'cluster', '--out', 'out'], ['out/etc/containers/registries.conf', 'out/etc/containers/policy.json']],
    ['migrate icsp', ['migrate', 'icsp', '-f', 'cluster/icsp.yaml', '--dest-dir', 'idms'], ['idms/imagedigestmirrorset_mirrors.yaml']],
    ['impact', ['impact', '--before', 'cluster/image.yaml', '--after', 'cluster'], [] as string[]],
    ['import', ['import', '-f', 'cluster'], [] as string[]],
    ['export', ['export', '--target', 'hostedcluster', '--cluster', 'hosted', '-f', 'cluster/image.yaml'], [] as string[]],
  ])('WHEN %s is given relative paths THEN it reads and writes under io.cwd, never under the process\'s folder', async (_name, argv, written) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-embedded-'));
    fs.mkdirSync(path.join(folder, 'cluster'));
    fs.writeFileSync(path.join(folder, 'cluster', 'image.yaml'), image);
    fs.writeFileSync(path.join(folder, 'cluster', 'icsp.yaml'), policy);
    const before = fs.readdirSync(process.cwd()).sort();
    const streams = io();

    const code = await runCli(argv, { stdout: streams.stdout, stderr: streams.stderr, cwd: folder, env: {} });

    expect({ code, stderr: streams.err.join('') }).toEqual({ code: 0, stderr: expect.not.stringContaining('no such file') });
    for (const file of written) {
      expect(fs.existsSync(path.join(folder, file))).toBe(true);
    }
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(before);
  });
});
