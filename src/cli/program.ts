/**
 * The `matchcast` command: one sub-command per entry point, each a thin adapter over the services below. Built
 * by a function so tests can run a command in-process (`createProgram().parseAsync([...])`).
 */
import { Command, CommanderError, Help } from 'commander';
import { PACKAGE_VERSION } from '../config/package-files.ts';
import { registerApi } from './commands/api.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerDemoData } from './commands/demo-data.ts';
import { registerEvaluate } from './commands/evaluate.ts';
import { registerExportTrackRecord } from './commands/export-track-record.ts';
import { registerImport } from './commands/import.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerModels } from './commands/models.ts';
import { registerPipeline } from './commands/pipeline.ts';
import { registerQueue } from './commands/queue.ts';
import { registerReplay } from './commands/replay.ts';
import { registerScheduler } from './commands/scheduler.ts';
import { registerStart } from './commands/start.ts';
import { registerSync } from './commands/sync.ts';
import { registerUp } from './commands/up.ts';
import { registerVerifyTrackRecord } from './commands/verify-track-record.ts';
import { registerWorker } from './commands/worker.ts';
import { UsageError } from './usage-error.ts';

/** The exit status of a command line that could not be parsed. */
const USAGE_EXIT_CODE = 2;

/**
 * Commander's parse errors become one UsageError line naming the command and its --help (commander printed two
 * lines and exited 1). Help and the version asked for pass through, as does the help shown for a missing
 * sub-command, with the usage status.
 */
function oneLineUsageErrors(command: Command, path: readonly string[]): void {
  const name = ['matchcast', ...path].join(' ');
  command.exitOverride((error) => {
    if (error.exitCode === 0) throw error;
    if (error.code === 'commander.help') throw new CommanderError(USAGE_EXIT_CODE, error.code, error.message);
    // "error: unknown option '--dat'\n(Did you mean --data?)" → one line, without commander's prefix.
    const problem = error.message
      .replace(/^error: /, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ')
      .replace(/\.$/, '');
    throw new UsageError(`${path.length > 0 ? `${path.join(' ')}: ` : ''}${problem}; see \`${name} --help\``);
  });
  for (const sub of command.commands) oneLineUsageErrors(sub, [...path, sub.name()]);
}

export function createProgram(): Command {
  const program = new Command('matchcast')
    .description('Soccer match outcome forecasts: import, train, evaluate, serve')
    .version(PACKAGE_VERSION)
    // Options of `matchcast` itself only before a sub-command: `models promote --version 3` is then an unknown
    // option, not the program's version printed with exit 0 and nothing promoted.
    .enablePositionalOptions()
    // main.ts prints the one line of a UsageError (oneLineUsageErrors).
    .configureOutput({ outputError: () => {} })
    // Required options and arguments say so in every command's help (sub-commands inherit this).
    .configureHelp({
      optionDescription: (option) =>
        `${new Help().optionDescription(option)}${option.mandatory ? ' (required)' : ''}`,
      argumentDescription: (argument) =>
        `${new Help().argumentDescription(argument)}${argument.required ? ' (required)' : ''}`,
    });

  registerApi(program);
  registerBacktest(program);
  registerDemoData(program);
  registerEvaluate(program);
  registerExportTrackRecord(program);
  registerImport(program);
  registerMigrate(program);
  registerModels(program);
  registerPipeline(program);
  registerReplay(program);
  registerQueue(program);
  registerWorker(program);
  registerScheduler(program);
  registerStart(program);
  registerSync(program);
  registerUp(program);
  registerVerifyTrackRecord(program);
  // Only matchcast's own options stop at a sub-command; a command's options may still follow one of its own, as
  // they always could (`models list --model m`, `queue list --prefix p`).
  for (const command of program.commands) command.enablePositionalOptions(false);
  oneLineUsageErrors(program, []);
  return program;
}
