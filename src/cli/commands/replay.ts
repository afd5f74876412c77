/**
 * `matchcast replay --data <folder> --from <date> --to <date> [--leagues E0,D1] [--json [file]]`: plays real
 * football-data seasons forward one virtual day at a time through the real sync and stages (see
 * pipelines/replay/replay.ts), then prints the track record of what was published before kick-off. Killed, it
 * continues from the last finished day when run again with the same window and leagues.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadParams } from '../../config/params.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { checkCron } from '../../pipelines/scheduling/cron-schedule.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { leagueList, paramsOption, parseIsoDate, season } from '../option-parsers.ts';

interface ReplayFlags {
  readonly data: string;
  readonly from: number;
  readonly to: number;
  readonly leagues?: string[];
  readonly fromSeason?: string;
  readonly retrain?: string;
  readonly params?: string;
  readonly json?: string | boolean;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'replay real seasons on a virtual clock: a local stand-in provider publishes the football-data files as they were each day, the real sync and stages run, and the track record of pre-kick-off predictions is printed',
    )
    .requiredOption('--data <folder>', 'football-data folder (<Div>/<season>.csv, new/<CODE>.csv)')
    .requiredOption(
      '--from <date>',
      'first virtual day, YYYY-MM-DD (everything before is history)',
      parseIsoDate,
    )
    .requiredOption('--to <date>', 'last virtual day, YYYY-MM-DD', parseIsoDate)
    .option('--leagues <codes>', 'league codes instead of params sync.leagues, e.g. E0,D1,ARG', leagueList)
    .option('--from-season <season>', 'earliest season of history instead of params sync.seasons', season)
    .option('--retrain <cron>', 'retraining schedule, UTC cron (default: params schedule.retrain)')
    .addOption(paramsOption())
    .option('--json [file]', 'write the track record as JSON to the file, or print it as JSON without one')
    .action(async (flags: ReplayFlags) => {
      if (!existsSync(flags.data) || !statSync(flags.data).isDirectory()) {
        throw new ExpectedError(`replay: --data ${flags.data} is not a folder`);
      }
      if (flags.to < flags.from) throw new ExpectedError('replay: --to is before --from');
      if (flags.retrain !== undefined) checkCron(flags.retrain);
      const config = configOrExit();
      const params = loadParams(flags.params);
      const [{ runReplay }, { trackRecordText }, { pipelineDeps }] = await Promise.all([
        import('../../pipelines/replay/replay.ts'),
        import('../../pipelines/replay/track-record-text.ts'),
        import('../../pipelines/run/pipeline-services.ts'),
      ]);
      const db = await openDatabase(config);
      const bar = new SingleBar({
        format: 'replay |{bar}| {value}/{total} daily steps | {day} | {seconds} s/step',
        stream: process.stderr,
        noTTYOutput: false,
      });
      let started = false;
      try {
        const result = await runReplay({
          deps: pipelineDeps(config, db, params),
          dataDir: flags.data,
          fromMs: flags.from,
          toMs: flags.to,
          leagues: flags.leagues,
          fromSeason: flags.fromSeason,
          retrain: flags.retrain,
          log: process.env.LOG_LEVEL === 'debug' ? (line) => process.stderr.write(`${line}\n`) : undefined,
          onDay: (d) => {
            const payload = { day: day(d.dayMs), seconds: (d.durationMs / 1000).toFixed(1) };
            if (!started && process.stderr.isTTY) {
              bar.start(d.total, d.index - 1, payload);
              started = true;
            }
            if (started) bar.update(d.index, payload);
            else
              process.stderr.write(
                `replay: step ${d.index}/${d.total} ${payload.day} (${payload.seconds} s)\n`,
              );
          },
        });
        if (started) bar.stop();
        const json = `${JSON.stringify(result.record, null, 2)}\n`;
        if (flags.json === true) process.stdout.write(json);
        else {
          process.stdout.write(
            `replay ${day(flags.from)} … ${day(flags.to)}: ${result.daysRun} daily steps run (one each morning, the last on the morning after the last day, to bring its results)${result.resumedAfter === null ? '' : ` (continued after ${result.resumedAfter}, already replayed)`}\n${trackRecordText(result.record)}`,
          );
          if (typeof flags.json === 'string') writeFileSync(flags.json, json);
        }
        if (result.record.late_predictions > 0) {
          process.stderr.write(
            `matchcast: ${result.record.late_predictions} predictions were logged at or after kick-off\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        if (started) bar.stop();
        await db.close();
      }
    });
}
