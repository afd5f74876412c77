import { describe, expect, it } from 'vitest';
import { runCli as matchcast } from '../support/child-process.ts';

/** Sub-command names listed in a help text's "Commands:" section. */
function subcommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z0-9-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

describe('matchcast CLI', () => {
  it('answers --help on every command, nested ones included', async () => {
    let level: string[][] = [[]];
    let checked = 0;
    while (level.length > 0) {
      const answers = await Promise.all(level.map((command) => matchcast([...command, '--help'])));
      const next: string[][] = [];
      answers.forEach(({ code, stdout }, i) => {
        const command = level[i]!;
        expect(code, command.join(' ')).toBe(0);
        expect(stdout, command.join(' ')).toMatch(/^Usage: matchcast/);
        for (const name of subcommands(stdout)) next.push([...command, name]);
      });
      checked += level.length;
      level = next;
    }
    expect(checked).toBeGreaterThan(10);
  }, 240_000);

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
