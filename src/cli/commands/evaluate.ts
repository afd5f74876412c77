/**
 * `matchcast evaluate`: trains every model family on matches before a cut and scores the later ones beside the
 * class-prior and market baselines (docs/model-quality.md). Works on the configured database or straight on a
 * folder of football-data files (`--data`, read straight into memory: no database).
 */

import type { Command } from 'commander';
import { loadParams } from '../../config/params.ts';
import { systemClock } from '../../domain/clock.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import type { EvaluationReport } from '../../pipelines/evaluation/evaluation.ts';
import type { FolderEvaluation, SourceOptions } from '../../pipelines/evaluation/model-evaluation-source.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { paramsOption, parseIsoDate } from '../option-parsers.ts';
import { jsonOption, printReport } from '../output.ts';

interface EvaluateFlags {
  readonly data?: string[];
  readonly testFrom?: number;
  readonly testTo?: number;
  readonly models?: string[];
  readonly params?: string;
  readonly json?: boolean;
}

const fixed = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(4)}`);

/** The human-readable report: overall scores, then log loss per league. */
export function formatEvaluation(report: EvaluationReport): string {
  const names = [...report.models, ...report.baselines];
  // The first column fits the longest name (market_closing_multiplicative).
  const width = Math.max(20, ...names.map((n) => n.length + 2));
  const lines = [
    `test ${report.test_from.slice(0, 10)} … ${report.test_to?.slice(0, 10) ?? 'end'}: ${report.n_test} matches scored` +
      ` (${report.n_without_market} without a market price left out), ${report.n_train} training matches`,
    '',
    `${'forecaster'.padEnd(width)}${['log_loss', 'rps', 'brier', 'accuracy', 'roc_auc', 'ece'].map((h) => h.padStart(10)).join('')}`,
  ];
  for (const name of names) {
    const s = report.overall[name];
    if (!s) continue;
    const cells = [s.log_loss, s.rps, s.brier, s.accuracy, s.roc_auc_ovr, s.ece].map((v) =>
      fixed(v).padStart(10),
    );
    lines.push(`${name.padEnd(width)}${cells.join('')}`);
  }
  const gaps = Object.entries(report.gap_to_market);
  if (gaps.length > 0) {
    lines.push(
      '',
      'minus the closing market on the same matches (mean, 95 % interval of the paired differences)',
    );
    for (const [name, g] of gaps) {
      const interval = (ci: [number, number] | null) =>
        ci === null ? '' : ` [${signed(ci[0])}, ${signed(ci[1])}]`;
      lines.push(
        `${name.padEnd(width)}log loss ${signed(g.log_loss)}${interval(g.log_loss_ci95)}   rps ${signed(g.rps)}${interval(g.rps_ci95)}`,
      );
    }
  }
  lines.push(
    '',
    `log loss per league`,
    `${'league'.padEnd(44)}${'n'.padStart(7)}${names.map((n) => n.padStart(Math.max(14, n.length + 2))).join('')}`,
  );
  for (const g of report.by_league) {
    const cells = names
      .map((n) => fixed(g.scores[n]?.log_loss).padStart(Math.max(14, n.length + 2)))
      .join('');
    lines.push(`${g.group.slice(0, 43).padEnd(44)}${String(g.n).padStart(7)}${cells}`);
  }
  const ou = report.over_under_2_5;
  if (ou) {
    lines.push(
      '',
      `over/under 2.5 goals on ${ou.n} matches (${(ou.over_rate * 100).toFixed(1)} % over), log loss:` +
        ` score matrix ${fixed(ou.model.log_loss)}, closing market ${fixed(ou.market_closing.log_loss)},` +
        ` pre-match market ${fixed(ou.market_pre_match.log_loss)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('train on matches before a cut, score later ones against class priors and the market')
    .option('--data <paths...>', 'football-data CSV files or folders (read into memory, no database)')
    .option(
      '--test-from <date>',
      'first day scored, YYYY-MM-DD (default: params evaluate.test_from)',
      parseIsoDate,
    )
    .option('--test-to <date>', 'first day no longer scored, YYYY-MM-DD (default: no end)', parseIsoDate)
    .option(
      '--models <names>',
      'comma-separated model families: logreg, gbdt, elo_ordered_logit, dixon_coles (default: all; the market-aware challenger comes with the first)',
      (value: string) => value.split(',').map((name) => name.trim()),
    )
    .addOption(paramsOption())
    .addOption(jsonOption('the report'))
    .action(async (flags: EvaluateFlags) => {
      const params = loadParams(flags.params);
      const testFromMs = flags.testFrom ?? parseIsoDate(params.evaluate.test_from);
      if (flags.testTo !== undefined && flags.testTo <= testFromMs)
        throw new ExpectedError('evaluate: --test-to is not after --test-from: the test window is empty');
      const [{ evaluateDatabase, evaluateFolder }, { availableTrainers }] = await Promise.all([
        import('../../pipelines/evaluation/model-evaluation-source.ts'),
        import('../../pipelines/evaluation/model-trainers.ts'),
      ]);
      const available = availableTrainers(params.train);
      const wanted = flags.models ?? available.map((t) => t.name);
      const missing = wanted.filter((w) => !available.some((t) => t.name === w));
      if (missing.length > 0) {
        throw new ExpectedError(
          `evaluate: unknown model ${missing.join(', ')} (available: ${available.map((t) => t.name).join(', ')})`,
        );
      }
      const trainers = available.filter((t) => wanted.includes(t.name));
      const options: SourceOptions = {
        params,
        testFromMs,
        ...(flags.testTo === undefined ? {} : { testToMs: flags.testTo }),
        nowMs: systemClock.nowMs(),
        trainers,
        log: (line) => process.stderr.write(`${line}\n`),
      };
      let report: EvaluationReport | FolderEvaluation;
      if (flags.data) {
        report = await evaluateFolder(flags.data, options);
      } else {
        const db = await openDatabase(configOrExit());
        try {
          report = await evaluateDatabase(db, options);
        } finally {
          await db.close();
        }
      }
      printReport(flags.json, report, formatEvaluation);
      const files = 'files_not_read' in report ? report.files_not_read.length : 0;
      const rows = 'rows_not_read' in report ? report.rows_not_read.length : 0;
      if (files + rows > 0) {
        // The scores stand for what was read; the exit status says that was not all of it, as an import's would.
        const parts = [
          ...(files > 0 ? [`${files} file${files === 1 ? '' : 's'} could not be read whole`] : []),
          ...(rows > 0 ? [`${rows} row${rows === 1 ? '' : 's'} could not be read`] : []),
        ];
        process.stderr.write(
          `matchcast: evaluate: ${parts.join(' and ')} (listed above); the scores leave out what was not read; correct or remove it and evaluate again\n`,
        );
        process.exitCode = 1;
      }
    });
}
