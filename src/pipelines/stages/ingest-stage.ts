/**
 * ingest: brings the match and odds tables up to date from the configured source. Football-data CSVs are
 * re-imported when a file changed (idempotent upserts). The demo world is played forward to "now" — results
 * for matches past kick-off, new fixtures — so the demo stays alive on any later day.
 */
import { statSync } from 'node:fs';
import { listCsvFiles } from '../../ingest/football-data/files.ts';
import { importFootballData } from '../../ingest/football-data/import.ts';
import { importFailures } from '../../ingest/football-data/import-failures.ts';
import {
  CELL_WARNING_KINDS,
  describeProblem,
  describeProblemCounts,
  describeSkipped,
} from '../../ingest/football-data/parsed-match.ts';
import { hashValue } from '../run/lock-file.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import type { Stage } from '../run/stage.ts';
import { advanceDemo, DEMO_TICK_MS } from './demo-ingest.ts';

/** Rejected files and cut-off rows named in the stage's log; the rest are counted. */
const MAX_PROBLEMS_LOGGED = 10;
/** Counted in one line: the import command names each (`matchcast import football-data`). */
const COUNTED_PROBLEMS = ['malformed', 'conflict', ...CELL_WARNING_KINDS] as const;

function filesFingerprint(paths: readonly string[]): string {
  return hashValue(
    listCsvFiles(paths).map((file) => {
      const s = statSync(file);
      return [file, s.size, s.mtimeMs];
    }),
  );
}

export const ingestStage: Stage<PipelineContext> = {
  name: 'ingest',
  outputs: [],
  // A CSV import also reads when a fixture is overdue; the demo and the provider (the sync stage's) do not.
  params: (ctx) =>
    ctx.source.kind === 'football-data'
      ? { source: ctx.source, postponed_after_hours: ctx.params.sync.postponed_after_hours }
      : { source: ctx.source },
  async inputs(ctx): Promise<Record<string, string>> {
    switch (ctx.source.kind) {
      case 'football-data':
        return { files: filesFingerprint(ctx.source.paths) };
      case 'demo':
        return { tick: String(Math.floor(ctx.now.getTime() / DEMO_TICK_MS)) };
      case 'provider':
      case 'none':
        return {};
    }
  },
  async run(ctx) {
    switch (ctx.source.kind) {
      case 'football-data': {
        const summary = await importFootballData(ctx.db, ctx.source.paths, {
          nowMs: ctx.now.getTime(),
          postponeOverdueAfterHours: ctx.params.sync.postponed_after_hours,
        });
        const skipped = Object.values(summary.rowsSkipped).reduce((s, n) => s + n, 0);
        ctx.log(
          `${summary.files} files: ${summary.matchesInserted} new, ${summary.matchesUpdated} updated matches, ${skipped} rows skipped${skipped > 0 ? ` (${describeSkipped(summary.rowsSkipped)})` : ''}${summary.postponed > 0 ? `; ${summary.postponed} overdue fixtures postponed` : ''}`,
        );
        // Said here, not only counted: the run goes on with what could be read, and these need a person.
        const broken = [...summary.rejected, ...summary.problems.filter((p) => p.kind === 'truncated')];
        for (const p of broken.slice(0, MAX_PROBLEMS_LOGGED))
          ctx.log(`not imported: ${describeProblem(p)}`, 'warn');
        if (broken.length > MAX_PROBLEMS_LOGGED)
          ctx.log(`not imported: … and ${broken.length - MAX_PROBLEMS_LOGGED} more`, 'warn');
        // "problems: none" right under the lines above read as if nothing had gone wrong.
        const counted = describeProblemCounts(summary.problems, COUNTED_PROBLEMS) || 'none';
        ctx.log(`${broken.length > 0 ? 'other problems' : 'problems'}: ${counted}`);
        return {
          leftOut: importFailures(summary),
          metrics: {
            files: summary.files,
            files_rejected: summary.rejected.length,
            matches_inserted: summary.matchesInserted,
            matches_updated: summary.matchesUpdated,
            odds_inserted: summary.oddsInserted,
            rows_skipped: skipped,
            postponed: summary.postponed,
          },
        };
      }
      case 'demo': {
        const metrics = await advanceDemo(ctx.db, ctx.now, ctx.source);
        ctx.log(
          `demo world at ${ctx.now.toISOString().slice(0, 16)}: ${metrics.finished} finished, ${metrics.scheduled} scheduled, ${metrics.matches_inserted} new, ${metrics.matches_updated} updated`,
        );
        return { metrics };
      }
      case 'provider':
        ctx.log('provider files are pulled and imported by the sync stage');
        return {};
      case 'none':
        ctx.log('no ingest source configured: using the data already in the database');
        return {};
    }
  },
};
