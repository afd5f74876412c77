/**
 * `matchcast backtest [--period month]`: walk-forward out-of-sample probabilities for past matches, retrained
 * before each period, written to the prediction log (source 'backtest') for ROI and right/wrong marks.
 */

import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { loadParams } from '../../config/params.ts';
import { systemClock } from '../../domain/clock.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import type { BacktestPeriod } from '../../pipelines/evaluation/backtest.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { paramsOption, parseIsoDate } from '../option-parsers.ts';
import { jsonOption, printReport } from '../output.ts';

const PERIODS: readonly BacktestPeriod[] = ['week', 'month', 'season'];

interface BacktestFlags {
  readonly period?: BacktestPeriod;
  readonly from?: number;
  readonly params?: string;
  readonly json?: boolean;
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('walk-forward backtest: retrain before each period, log out-of-sample probabilities')
    .addOption(
      new Option('--period <period>', 'retraining period (default: params backtest.period)').choices(PERIODS),
    )
    .option('--from <date>', 'first period start, YYYY-MM-DD (default: params backtest.start)', parseIsoDate)
    .addOption(paramsOption())
    .addOption(jsonOption('the summary'))
    .action(async (flags: BacktestFlags) => {
      const params = loadParams(flags.params);
      const period = flags.period ?? params.backtest.period;
      const startMs = flags.from;
      const config = configOrExit();
      const db = await openDatabase(config);
      const bar = new SingleBar({
        format: 'backtest |{bar}| {value}/{total} periods',
        stream: process.stderr,
      });
      let started = false;
      try {
        const began = performance.now();
        const { runBacktest } = await import('../../pipelines/evaluation/backtest.ts');
        const summary = await runBacktest(db, {
          params,
          period,
          nowMs: systemClock.nowMs(),
          modelName: config.modelName,
          ...(startMs === undefined ? {} : { startMs }),
          onProgress: (done, total) => {
            if (!started && !flags.json) {
              bar.start(total, 0);
              started = true;
            }
            if (started) bar.update(done);
          },
        });
        if (started) bar.stop();
        if (summary.predictions === 0)
          throw new ExpectedError(
            'backtest: no finished match to predict from the first period on (see --from); the previous backtest is kept',
          );
        const seconds = (performance.now() - began) / 1000;
        printReport(
          flags.json,
          { ...summary, period, seconds },
          (s) =>
            `${s.predictions} out-of-sample predictions over ${s.periods} ${period} periods ` +
            `(${s.firstKickoff?.slice(0, 10) ?? '—'} … ${s.lastKickoff?.slice(0, 10) ?? '—'}) in ${seconds.toFixed(1)} s`,
        );
      } finally {
        await db.close();
      }
    });
}
