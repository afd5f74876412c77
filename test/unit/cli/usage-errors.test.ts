/**
 * A command line commander cannot parse is one line naming the problem and the command's --help, with exit
 * status 2 (commander printed two lines and exited 1). Help and the version asked for still exit 0.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../support/cli-in-process.ts';

async function usageError(args: readonly string[]): Promise<string> {
  const result = await runInProcess(args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  return lines[0] ?? '';
}

describe('command lines commander cannot parse', () => {
  it.each([
    [
      ['evaluate', '--bogus'],
      "matchcast: evaluate: unknown option '--bogus'; see `matchcast evaluate --help`",
    ],
    [
      ['evaluate', '--dat', 'x'],
      "matchcast: evaluate: unknown option '--dat' (Did you mean --data?); see `matchcast evaluate --help`",
    ],
    [
      ['evaluate', '--data'],
      "matchcast: evaluate: option '--data <paths...>' argument missing; see `matchcast evaluate --help`",
    ],
    [
      ['models', 'promote', '3'],
      "matchcast: models promote: required option '--alias <alias>' not specified; see `matchcast models promote --help`",
    ],
    [
      ['models', 'show', '1', '2'],
      "matchcast: models show: too many arguments for 'show'. Expected 1 argument but got 2; see `matchcast models show --help`",
    ],
    [['bogus'], "matchcast: unknown command 'bogus'; see `matchcast --help`"],
  ])('%j', async (args, line) => {
    expect(await usageError(args)).toBe(line);
  });

  it('names the option and the form a bad value should take', async () => {
    expect(await usageError(['evaluate', '--test-from', 'yesterday'])).toMatch(
      /^matchcast: evaluate: option '--test-from <date>' argument 'yesterday' is invalid\. expected a calendar date as YYYY-MM-DD; see `matchcast evaluate --help`$/,
    );
    expect(await usageError(['queue', 'list', '--state', 'nope'])).toMatch(
      /^matchcast: queue list: option '--state <state>' .*Allowed choices are failed, .*; see `matchcast queue list --help`$/,
    );
  });

  it('still answers --help and --version with status 0', async () => {
    const help = await runInProcess(['evaluate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect((await runInProcess(['--version'])).code).toBe(0);
  });

  it('shows the help of a command given without its sub-command, with the usage status', async () => {
    const result = await runInProcess(['models']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: matchcast models/);
  });
});
