/** `matchcast demo-data [--seed N]`: writes (or plays forward to now) the simulated demo world. */

import { type Command, InvalidArgumentError } from 'commander';
import { systemClock } from '../../domain/clock.ts';
import { DEMO_FIXTURE_DAYS, DEMO_HISTORY_YEARS, DEMO_SEED } from '../../ingest/demo/generate-world.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { jsonOption, printReport } from '../output.ts';

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`an integer from 0 to ${2 ** 31 - 1} is expected.`);
  }
  return seed;
}

export function registerDemoData(program: Command): void {
  program
    .command('demo-data')
    .description(
      `write the simulated demo world (5 regions incl. one women's league, ${DEMO_HISTORY_YEARS}+ seasons of results, fixtures ` +
        `for the next ${DEMO_FIXTURE_DAYS} days, two bookmakers); run again later to play it forward to now`,
    )
    .option('--seed <n>', 'world seed (same seed, same world)', parseSeed, DEMO_SEED)
    .addOption(jsonOption('what was written and the oracle log loss'))
    .action(async (options: { seed: number; json?: boolean }) => {
      const [{ advanceDemoWorld }, { loadDemoOracleLogLoss }] = await Promise.all([
        import('../../ingest/demo/advance-world.ts'),
        import('../../db/demo-repository.ts'),
      ]);
      const db = await openDatabase(configOrExit());
      try {
        const s = await advanceDemoWorld(db, new Date(systemClock.nowMs()), options.seed);
        const oracle = await loadDemoOracleLogLoss(db);
        printReport(
          options.json,
          { seed: options.seed, ...s, oracle },
          () =>
            `demo world seed ${options.seed} ${s.created ? 'created' : 'played forward'} ` +
            `(history from ${s.anchor.toISOString().slice(0, 10)} minus ${DEMO_HISTORY_YEARS} years): ${s.matches} matches, ` +
            `${s.finished} finished, ${s.scheduled} scheduled; ${s.matchesInserted} inserted, ` +
            `${s.matchesUpdated} updated, ${s.oddsInserted} odds inserted\n` +
            `oracle log loss over ${oracle.matches} finished demo matches: ${oracle.logLoss?.toFixed(4) ?? 'n/a'}`,
        );
      } finally {
        await db.close();
      }
    });
}
