/**
 * Runs a `matchcast` command inside the test's process (no child process, no tsx start-up): what it writes to
 * stdout and stderr (plus the one line main.ts would print for a thrown failure), and the exit status.
 */
import { type Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { describeError } from '../../src/cli/describe-error.ts';
import { createProgram } from '../../src/cli/program.ts';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function quiet(command: Command, stderr: string[]): void {
  // The program throws rather than exits (program.ts): help and the version as a CommanderError, parse errors as
  // a UsageError.
  command.configureOutput({
    writeOut: () => {},
    writeErr: (text) => void stderr.push(text),
  });
  for (const sub of command.commands) quiet(sub, stderr);
}

/** `env` is applied for the command's duration (REDIS_URL, …) and restored afterwards. */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<InProcessResult> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  setEnv(env);
  const program = createProgram();
  quiet(program, stderr);
  let code = 0;
  try {
    await program.parseAsync(['node', 'matchcast', ...args]);
    // Commands that report a failure and go on set the status instead of throwing.
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode;
    else {
      const described = describeError(error);
      stderr.push(`matchcast: ${described.message}\n`);
      code = described.exitCode;
    }
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    setEnv(saved);
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
