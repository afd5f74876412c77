/**
 * sync: pulls what changed at the provider (football-data.co.uk or a mirror) into the database — results,
 * corrections, upcoming fixtures — when the ingest source is a provider (`matchcast sync` records it). Runs at
 * every firing: whether the provider changed is what it finds out, with conditional GETs.
 */
import { manualClock } from '../../domain/clock.ts';
import { syncProvider } from '../../ingest/provider/sync.ts';
import { syncFailures } from '../../ingest/provider/sync-failures.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import type { Stage } from '../run/stage.ts';

export const syncStage: Stage<PipelineContext> = {
  name: 'sync',
  outputs: [],
  params: (ctx) => ({ source: ctx.source, sync: ctx.params.sync }),
  async inputs(ctx): Promise<Record<string, string>> {
    // Each run is a new look at the provider; without one there is nothing to look at.
    return ctx.source.kind === 'provider' ? { at: ctx.now.toISOString() } : {};
  },
  async run(ctx) {
    if (ctx.source.kind !== 'provider') {
      ctx.log('no provider configured (matchcast sync sets one): nothing to pull');
      return {};
    }
    // The run's fixed "now" (a replay sets it to its virtual day).
    const nowMs = ctx.now.getTime();
    const summary = await syncProvider(ctx.db, {
      baseUrl: ctx.source.url,
      params: ctx.params.sync,
      leagues: ctx.source.leagues,
      fromSeason: ctx.source.fromSeason,
      store: ctx.store,
      clock: manualClock(nowMs),
      log: (level, line) => (level === 'warn' ? ctx.log(`warning: ${line}`, 'warn') : ctx.log(line)),
    });
    const count = (outcome: string) => summary.files.filter((f) => f.outcome === outcome).length;
    ctx.log(
      `${summary.files.length} provider files: ${count('imported')} imported, ${count('unchanged')} unchanged, ${count('missing')} missing, ${count('rejected')} rejected, ${count('failed')} failed; ${summary.stale.length} stale`,
    );
    return {
      leftOut: syncFailures(summary),
      metrics: {
        files_imported: count('imported'),
        files_unchanged: count('unchanged'),
        files_missing: count('missing'),
        files_rejected: count('rejected'),
        files_failed: count('failed'),
        matches_inserted: summary.matchesInserted,
        matches_updated: summary.matchesUpdated,
        postponed: summary.postponed,
        stale_sources: summary.stale.length,
      },
    };
  },
};
