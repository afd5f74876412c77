import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../bin/matchcast.js', import.meta.url).pathname;

async function matchcast(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Sub-command names as `matchcast --help` lists them, nested ones included (e.g. "models list"). */
async function listCommands(prefix: string[] = []): Promise<string[][]> {
  const { stdout } = await matchcast([...prefix, '--help']);
  const section = stdout.split(/^Commands:$/m)[1] ?? '';
  const names = section
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z0-9-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
  const nested = await Promise.all(names.map((name) => listCommands([...prefix, name])));
  return names.flatMap((name, i) => [[...prefix, name], ...(nested[i] ?? [])]);
}

describe('matchcast CLI', () => {
  it('answers --help on every command', async () => {
    const commands = await listCommands();
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const { code, stdout } = await matchcast([...command, '--help']);
      expect(code, command.join(' ')).toBe(0);
      expect(stdout, command.join(' ')).toMatch(/^Usage: matchcast /);
    }
  });

  it('stops on a bad environment value with one line naming the variable', async () => {
    const { code, stderr } = await matchcast(['migrate'], { PREDICT_TIMEOUT_MS: 'soon' });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PREDICT_TIMEOUT_MS=soon');
  });
});
