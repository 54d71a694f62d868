/**
 * Runs `ocp-images` in this process (`runCli`, as the bin does), capturing what it writes to standard output and
 * standard error. Fast, so most CLI contract tests use it; a few go through the real bin (see cli.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runInProcess(argv: readonly string[]): Promise<InProcessRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (sink: string[]) => ((chunk: unknown) => {
    sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture(stdout));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture(stderr));
  try {
    const code = await runCli(argv, { stderr: { write: (text: string) => stderr.push(text) } });
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
    // The commands report through process.exitCode; leave it clean so the test process itself exits 0.
    process.exitCode = undefined;
  }
}

/** A fresh temporary folder holding `files` (relative path -> content). */
export function tempFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-images-impact-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
