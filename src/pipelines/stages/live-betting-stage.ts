/**
 * live_betting: the flat-stake simulation over past matches, betting only on published predictions (logged
 * before kick-off or walk-forward) against the latest pre-kick-off odds → betting/roi_by_region.csv and
 * betting/profit_by_day.csv, with the closing-line value of those bets in its metrics.
 */

import { loadRegions } from '../../db/match-details-repository.ts';
import { loadSnapshots, snapshotsByMatch } from '../../db/odds-history-repository.ts';
import { ARTIFACT_KEYS, type ProfitPoint, type RegionRoiRow } from '../../domain/artifacts.ts';
import { isValidOdds } from '../../domain/odds.ts';
import { outcomeOf } from '../../domain/outcome.ts';
import { getParquet } from '../../storage/artifact-io.ts';
import { predictionRows, profitCsv, regionRoiCsv } from '../../storage/artifacts/artifact-tables.ts';
import { type BetCandidate, profitByDay, roiByRegion, settleBets } from '../reports/betting-simulation.ts';
import { closingLineValues } from '../reports/closing-line-value.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import type { Stage } from '../run/stage.ts';

export const liveBettingStage: Stage<PipelineContext> = {
  name: 'live_betting',
  outputs: [ARTIFACT_KEYS.regionRoi, ARTIFACT_KEYS.profitByDay],
  params: (ctx) => ({ betting: ctx.params.betting }),
  async inputs(ctx) {
    const [predictions, odds] = await Promise.all([
      ctx.store.head(ARTIFACT_KEYS.predictions),
      ctx.store.head(ARTIFACT_KEYS.odds),
    ]);
    return { predictions: predictions?.etag ?? 'none', odds: odds?.etag ?? 'none' };
  },
  async run(ctx) {
    const [predictions, odds, regions] = await Promise.all([
      getParquet(ctx.store, ARTIFACT_KEYS.predictions),
      getParquet(ctx.store, ARTIFACT_KEYS.odds),
      loadRegions(ctx.db),
    ]);
    if (predictions === null) throw new Error('no predictions: run batch_inference first');
    const priceOf = new Map<number, [number, number, number]>();
    const bookmakerOf = new Map<number, string>();
    if (odds !== null) {
      const t = odds.table;
      for (let i = 0; i < (t.match_id?.length ?? 0); i++) {
        priceOf.set(Number(t.match_id?.[i]), [
          Number(t.odd_home?.[i]),
          Number(t.odd_draw?.[i]),
          Number(t.odd_away?.[i]),
        ]);
        bookmakerOf.set(Number(t.match_id?.[i]), String(t.bookmaker?.[i]));
      }
    }
    const candidates: BetCandidate[] = [];
    for (const r of predictionRows(predictions.table)) {
      const price = priceOf.get(r.match_id);
      // The predictions artifact holds past matches only from honest sources; upcoming ones are not settled.
      if (r.is_future || price === undefined || !isValidOdds(price)) continue;
      const finished = r.status === 'finished' && r.home_score !== null && r.away_score !== null;
      candidates.push({
        matchId: r.match_id,
        regionId: r.region_id,
        startTimeMs: Date.parse(r.start_time_utc),
        probabilities: [r.proba_home, r.proba_draw, r.proba_away],
        odds: price,
        outcome: finished ? outcomeOf(r.home_score as number, r.away_score as number) : null,
      });
    }
    const bets = settleBets(candidates, ctx.params.betting.edge_threshold);
    const roi: RegionRoiRow[] = roiByRegion(bets, regions);
    const days: ProfitPoint[] = profitByDay(bets);
    const snapshots = snapshotsByMatch(
      await loadSnapshots(
        ctx.db,
        bets.map((b) => b.matchId),
      ),
    );
    const clv = closingLineValues(bets, bookmakerOf, priceOf, snapshots);
    await ctx.store.put(ARTIFACT_KEYS.regionRoi, regionRoiCsv(roi));
    await ctx.store.put(ARTIFACT_KEYS.profitByDay, profitCsv(days));
    const profit = bets.reduce((s, b) => s + b.profit, 0);
    const roiPct = bets.length === 0 ? null : (100 * profit) / bets.length;
    ctx.log(
      `${bets.length} bets on ${candidates.length} priced past matches, ROI ${roiPct?.toFixed(2) ?? '–'} %`,
    );
    return {
      metrics: {
        n_bets: bets.length,
        profit,
        roi_pct: roiPct,
        priced_matches: candidates.length,
        clv_n_bets: clv.nBets,
        clv_mean: clv.mean,
        taken_at_close: clv.takenAtClose,
      },
      artifacts: { roi: ARTIFACT_KEYS.regionRoi, profit_by_day: ARTIFACT_KEYS.profitByDay },
    };
  },
};
