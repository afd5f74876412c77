/** Spawning helper processes for tests: wait for a line on stdout, collect output for failure messages. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';

export interface Spawned {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the process exits (its code, or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** `via` is a command prefix node runs under, e.g. `ip netns exec <ns>` to run it on another host. */
export function spawnNode(
  args: readonly string[],
  env: Record<string, string>,
  cwd = process.cwd(),
  via: readonly string[] = [],
): Spawned {
  const command = [...via, process.execPath, ...args];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, output: () => text, exited };
}

/**
 * Resolves once `ready()` says so, polled every `everyMs`; rejects with the process's output if it exits first or
 * after `timeoutMs`. `what` names the awaited thing in those messages.
 */
async function untilReady(
  spawned: Spawned,
  ready: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  everyMs: number,
): Promise<void> {
  const started = Date.now();
  let done = false;
  void spawned.exited.then(() => {
    done = true;
  });
  while (!(await ready())) {
    if (done) throw new Error(`process exited before ${what}:\n${spawned.output()}`);
    if (Date.now() - started > timeoutMs)
      throw new Error(`not ${what} within ${timeoutMs} ms:\n${spawned.output()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resolves once `pattern` appears in the process's output; rejects if it exits first or after `timeoutMs`. */
export function waitForOutput(spawned: Spawned, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  return untilReady(spawned, () => pattern.test(spawned.output()), `printing ${pattern}`, timeoutMs, 50);
}

/**
 * Resolves once `url` answers at all (any status): the way to know a server is up whatever its log level says.
 * Rejects, with the process's output, if it exits first or after `timeoutMs`.
 */
export function waitForHttp(spawned: Spawned, url: string, timeoutMs = 30_000): Promise<void> {
  const answers = async () => {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).arrayBuffer();
      return true;
    } catch {
      return false;
    }
  };
  return untilReady(spawned, answers, `${url} answered`, timeoutMs, 100);
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = new URL('../../bin/matchcast.js', import.meta.url).pathname;

/** Runs `matchcast <args>` to completion and returns its exit code and output. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
