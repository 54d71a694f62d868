/**
 * Where a run of the CLI reads and writes. Every command takes the same shape, so `runCli` can hand one to whichever
 * command runs, and a test or another program can run a command as a shell would (its own streams, working folder
 * and environment).
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The working directory paths and the configuration file are resolved against. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Reads standard input (`-f -`). @default - file descriptor 0 */
  readonly readStdin?: () => string;
}

/** What reading a command's input needs: standard input, and the folder relative paths are resolved against. */
export interface InputIo {
  /** @default - file descriptor 0 */
  readonly readStdin?: () => string;
  /** @default - the process's working directory */
  readonly cwd?: string;
}

/** The process's own streams, directory and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
