import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.ts';
import { runCli as matchcast } from '../support/child-process.ts';

/** Every command of the tree, nested ones included, with its path from the root. */
function allCommands(root: Command, path: string[] = []): Array<{ path: string[]; command: Command }> {
  return root.commands.flatMap((command) => {
    const here = [...path, command.name()];
    return [{ path: here, command }, ...allCommands(command, here)];
  });
}

describe('matchcast CLI', () => {
  it('answers --help from the real executable', async () => {
    const { code, stdout } = await matchcast(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: matchcast/);
    expect(stdout).toMatch(/^Commands:$/m);
  });

  // The tree is walked in-process: `--help` prints exactly `helpInformation()`, and a process per command
  // cost ~25 s of CI time for the same text.
  it('has help on every command, nested ones included', () => {
    const commands = allCommands(createProgram());
    expect(commands.length).toBeGreaterThan(10);
    for (const { path, command } of commands) {
      expect(command.description(), path.join(' ')).not.toBe('');
      expect(command.helpInformation(), path.join(' ')).toMatch(
        new RegExp(`^Usage: matchcast ${path.join(' ')}`),
      );
    }
  });

  it('marks required options and arguments in help', async () => {
    const { stdout } = await matchcast(['models', 'promote', '--help']);
    expect(stdout).toMatch(/version +version number \(required\)/);
    expect(stdout).toMatch(/--alias <alias> .*champion, challenger, candidate \(required\)/);
    expect(stdout).toMatch(/--actor <who> +who promotes \(default: the OS user\)$/m);
  });

  it('stops on a bad environment value with one line naming the variable', async () => {
    const { code, stderr } = await matchcast(['migrate'], { PREDICT_TIMEOUT_MS: 'soon' });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PREDICT_TIMEOUT_MS=soon');
  });
});
