/**
 * `matchcast sync [--leagues E0,D1] [--from-season 2016-17]`: pulls what changed at the provider
 * (FOOTBALL_DATA_URL, default football-data.co.uk) into the database and remembers the provider as the ingest
 * source, so the scheduled `sync` stage keeps it up to date.
 */
import type { Command } from 'commander';
import { loadParams } from '../../config/params.ts';
import { systemClock } from '../../domain/clock.ts';
import { ProviderUnavailableError } from '../../ingest/provider/http-client.ts';
import type { SyncSummary } from '../../ingest/provider/sync.ts';
import { leaguesNotOnProvider, syncFailures } from '../../ingest/provider/sync-failures.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { leagueList, paramsOption, season } from '../option-parsers.ts';
import { jsonOption, printReport } from '../output.ts';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description(
      'pull results, corrections and upcoming fixtures from football-data.co.uk (FOOTBALL_DATA_URL) for the leagues and seasons params.yaml `sync:` lists; only what changed is downloaded',
    )
    .option('--leagues <codes>', 'league codes instead of params sync.leagues, e.g. E0,D1,ARG', leagueList)
    .option('--from-season <season>', 'earliest season instead of params sync.seasons, e.g. 2016-17', season)
    .addOption(paramsOption())
    .addOption(jsonOption('the sync summary (progress lines then go to stderr)'))
    .action(async (options: { leagues?: string[]; fromSeason?: string; params?: string; json?: boolean }) => {
      const config = configOrExit();
      const params = loadParams(options.params);
      const [
        { forgetUnaskedFiles, syncProvider },
        { readIngestSource, writeIngestSource },
        { pipelineDeps },
      ] = await Promise.all([
        import('../../ingest/provider/sync.ts'),
        import('../../pipelines/run/ingest-source-store.ts'),
        import('../../pipelines/run/pipeline-services.ts'),
      ]);
      const db = await openDatabase(config);
      try {
        const deps = pipelineDeps(config, db, params);
        let summary: SyncSummary;
        try {
          summary = await syncProvider(db, {
            baseUrl: config.footballDataUrl,
            params: params.sync,
            leagues: options.leagues,
            fromSeason: options.fromSeason,
            clock: systemClock,
            forgetUnasked: false,
            store: deps.store,
            log: (level, line) =>
              level === 'warn' || options.json
                ? process.stderr.write(`${level === 'warn' ? 'warning: ' : ''}${line}\n`)
                : process.stdout.write(`${line}\n`),
          });
        } catch (error) {
          if (!(error instanceof ProviderUnavailableError && error.noAnswer)) throw error;
          // No answer at all is most often this machine's network, not the provider: say what works without it.
          process.stderr.write(
            `matchcast: ${error.message}\nmatchcast: no answer from ${config.footballDataUrl}: check the network or ` +
              'FOOTBALL_DATA_URL; offline, `matchcast import football-data <folder>` imports local files and ' +
              '`npm start` runs on the demo\n',
          );
          process.exitCode = 1;
          return;
        }
        // The scheduled sync job pulls what this run was asked for, not params.yaml's whole list, and not a code
        // the provider has no file of: remembered, it would be asked for in vain every hour. The files watched
        // (source health) are those of what is remembered.
        const unknown = leaguesNotOnProvider(summary);
        const leagues = options.leagues?.filter((league) => !unknown.includes(league));
        let remembered = await readIngestSource(deps.store);
        if (leagues === undefined || leagues.length > 0) {
          remembered = {
            kind: 'provider',
            url: config.footballDataUrl,
            ...(leagues === undefined ? {} : { leagues }),
            ...(options.fromSeason === undefined ? {} : { fromSeason: options.fromSeason }),
          };
          await writeIngestSource(deps.store, remembered);
        }
        await forgetUnaskedFiles(
          db,
          remembered.kind === 'provider'
            ? {
                baseUrl: remembered.url,
                params: params.sync,
                leagues: remembered.leagues,
                fromSeason: remembered.fromSeason,
                clock: systemClock,
              }
            : null,
        );
        const count = (outcome: string) => summary.files.filter((f) => f.outcome === outcome).length;
        printReport(
          options.json,
          summary,
          () =>
            `${summary.files.length} files: ${count('imported')} imported, ${count('unchanged')} unchanged, ` +
            `${count('final')} final, ${count('missing')} missing, ${count('rejected')} rejected, ${count('failed')} failed; ` +
            `matches ${summary.matchesInserted} new, ${summary.matchesUpdated} updated; ${summary.postponed} postponed`,
        );
        const failures = syncFailures(summary);
        for (const line of failures) process.stderr.write(`matchcast: ${line}\n`);
        if (options.leagues !== undefined && unknown.length > 0)
          process.stderr.write(
            `matchcast: ${unknown.join(', ')} not remembered for the scheduled sync${leagues?.length === 0 ? ' (nothing was: the provider setting is unchanged)' : ''}\n`,
          );
        if (failures.length > 0) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
