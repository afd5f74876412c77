/**
 * live_betting: the betting simulation over past matches, betting only on published predictions (logged
 * before kick-off or walk-forward), each at the price the track record and the cards take (betPrice: on offer
 * when it was published; the last pre-match price for the walk-forward backtest) → betting/roi_by_region.csv (ROI with
 * bets, bootstrap interval and drawdown) and betting/profit_by_day.csv; fractional Kelly and the closing-line value
 * of those bets in the run's metrics.
 */

import { edgeRuleOf } from '../../config/params.ts';
import { loadRegions } from '../../db/match-details-repository.ts';
import { loadSnapshotsSince, type SnapshotHistory } from '../../db/odds-history-repository.ts';
import { ARTIFACT_KEYS, type ProfitPoint, type RegionRoiRow } from '../../domain/artifacts.ts';
import { profitCsv, regionRoiCsv } from '../../storage/artifacts/artifact-tables.ts';
import {
  kellyFigures,
  profitByDay,
  roiByRegion,
  roiFigures,
  settleAll,
} from '../reports/betting-simulation.ts';
import { type ClosingLineSummary, closingLineValues } from '../reports/closing-line-value.ts';
import { loadPublishedCards, pricedAtBet } from '../reports/published-cards.ts';
import { carriedOver, type PipelineContext } from '../run/pipeline-context.ts';
import { artifactEtags, type Stage } from '../run/stage.ts';

// The bets' odds history as the previous run read it, kept for the process's life (PipelineContext.lasting, as
// ADR 0013): a daily run reads only the new bets' matches and those whose prices or kick-off were written since.
const BET_SNAPSHOTS_KEY = 'bet-snapshots';
// The bets' closing-line summary, whose verdicts are reused for bets whose history and price did not change.
const CLOSING_LINE_KEY = 'closing-line-memo';

export const liveBettingStage: Stage<PipelineContext> = {
  name: 'live_betting',
  outputs: [ARTIFACT_KEYS.regionRoi, ARTIFACT_KEYS.profitByDay],
  // The margin method takes the margin off the closing prices of the bets' closing-line value; the edge rule
  // reads train.min_matches_played besides `betting`.
  params: (ctx) => ({
    betting: ctx.params.betting,
    edge_rule: edgeRuleOf(ctx.params),
    margin_method: ctx.params.evaluate.margin_method,
  }),
  inputs: (ctx) =>
    artifactEtags(ctx.store, { predictions: ARTIFACT_KEYS.predictions, odds: ARTIFACT_KEYS.odds }),
  async run(ctx) {
    const [cards, regions] = await Promise.all([loadPublishedCards(ctx.store), loadRegions(ctx.db)]);
    // The predictions artifact holds past matches only from honest sources; upcoming ones are not settled.
    const past = cards.filter((c) => !c.isFuture && c.odds !== null);
    const history = await carriedOver<SnapshotHistory>(ctx, BET_SNAPSHOTS_KEY, (previous) =>
      loadSnapshotsSince(
        ctx.db,
        past.map((c) => c.matchId),
        previous,
      ),
    );
    const { candidates, bookmakerOf, priceOf } = pricedAtBet(past, history.byMatch);
    const { betting } = ctx.params;
    const rule = edgeRuleOf(ctx.params);
    const { bets, suspect, littleHistory, latePrices } = settleAll(candidates, rule);
    const roi: RegionRoiRow[] = await roiByRegion(bets, regions, betting.bootstrap);
    const days: ProfitPoint[] = profitByDay(bets);
    const clv = await carriedOver<ClosingLineSummary>(ctx, CLOSING_LINE_KEY, (previous) =>
      closingLineValues(
        bets,
        bookmakerOf,
        priceOf,
        history.byMatch,
        previous?.memo ?? null,
        ctx.params.evaluate.margin_method,
      ),
    );
    await ctx.store.put(ARTIFACT_KEYS.regionRoi, regionRoiCsv(roi));
    await ctx.store.put(ARTIFACT_KEYS.profitByDay, profitCsv(days));
    const flat = await roiFigures(bets, betting.bootstrap);
    const kelly = kellyFigures(bets, betting.kelly);
    const interval = flat.roi_ci95 ? `[${flat.roi_ci95[0].toFixed(1)}, ${flat.roi_ci95[1].toFixed(1)}]` : '–';
    ctx.log(
      `${bets.length} bets on ${candidates.length} priced past matches, flat ROI ${flat.roi_pct?.toFixed(2) ?? '–'} % ` +
        `(95 % interval ${interval}, max drawdown ${flat.max_drawdown?.toFixed(1) ?? '–'} units); ` +
        `${suspect} edges flagged, not bet (${littleHistory} for a team with fewer than ${rule.minMatchesPlayed} earlier matches, the rest above ${rule.ceiling} or at a negative margin: a data error or the model missing what the market knows), ${latePrices} prices after kick-off left out; odds history of ${history.readMatches} past matches read`,
    );
    return {
      metrics: {
        n_bets: bets.length,
        profit: flat.profit,
        roi_pct: flat.roi_pct,
        roi_ci95_low: flat.roi_ci95?.[0] ?? null,
        roi_ci95_high: flat.roi_ci95?.[1] ?? null,
        max_drawdown: flat.max_drawdown,
        kelly_growth_pct: kelly.growth_pct,
        kelly_max_drawdown_share: kelly.max_drawdown_share,
        suspect_edges: suspect,
        little_history_edges: littleHistory,
        late_prices: latePrices,
        priced_matches: candidates.length,
        clv_n_bets: clv.nBets,
        clv_mean: clv.mean,
        taken_at_close: clv.takenAtClose,
      },
      artifacts: { roi: ARTIFACT_KEYS.regionRoi, profit_by_day: ARTIFACT_KEYS.profitByDay },
    };
  },
};
