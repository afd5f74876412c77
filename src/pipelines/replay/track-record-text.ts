/**
 * A track record as text for a terminal or a markdown page: the headline figures with their intervals, then
 * one row per league (the table docs/track-record.md publishes) and one per edge band, each table with how many
 * of its rows look significant by chance.
 */
import { edgeBandLabel } from '../../domain/edge-bands.ts';
import {
  besideMarket,
  edgeBandsAgainstChance,
  leaguesAgainstChance,
  type TrackRecord,
} from '../../domain/track-record.ts';

const f = (x: number | null, digits = 4) => (x === null ? 'n/a' : x.toFixed(digits));
const ci = (c: readonly [number, number] | null, digits: number) =>
  c === null ? 'n/a' : `[${f(c[0], digits)}, ${f(c[1], digits)}]`;
const pct = (x: number | null) => (x === null ? null : 100 * x);
const pctCi = (c: readonly [number, number] | null) =>
  c === null ? null : ([100 * c[0], 100 * c[1]] as const);

export function trackRecordText(r: TrackRecord): string {
  const closing = r.market_closing;
  const pre = r.market_pre_match;
  const lines = [
    `matches predicted ${r.matches_predicted}, published at or after kick-off ${r.late_predictions}, graded ${r.graded}`,
    `model (all ${r.graded} graded): log loss ${f(r.model.log_loss)}, RPS ${f(r.model.rps)}`,
    `closing market (${closing.n} matches): log loss ${f(closing.log_loss)}, RPS ${f(closing.rps)}; model on the same: ${f(closing.model_log_loss)}, ${f(closing.model_rps)}`,
    `pre-match market (${pre.n} matches): log loss ${f(pre.log_loss)}; model on the same: ${f(pre.model_log_loss)}`,
    `closing-line value: ${r.clv.n_bets} bets, mean ${f(r.clv.mean)}, 95% CI ${ci(r.clv.ci95, 4)} (${r.clv.taken_at_close} more taken at the close)`,
    `flat-stake ROI: ${r.roi.flat.n_bets} bets, ${f(r.roi.flat.roi_pct, 2)} %, 95% CI ${ci(r.roi.flat.ci95, 2)}`,
    '',
    '| league | graded | log loss model / closing market (same matches) | mean CLV (bets) | flat ROI % | 95% CI | bets |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.by_league.map((l) => {
      const m = l.market_closing;
      const model = besideMarket(m, m.model_log_loss, l.model.log_loss);
      return `| ${l.league} | ${l.n} | ${f(model)} / ${f(m.log_loss)} | ${f(l.clv.mean)} (${l.clv.n_bets}) | ${f(l.roi.flat.roi_pct, 2)} | ${ci(l.roi.flat.ci95, 2)} | ${l.roi.flat.n_bets} |`;
    }),
    '',
    leaguesAgainstChance(r.multiplicity),
    '',
    'By the edge each bet was taken at (if edges measured an advantage, ROI and CLV would rise from band to band):',
    '',
    '| edge | bets | mean edge % | flat ROI % | 95% CI | mean CLV % | 95% CI (bets) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.by_edge.map(
      (b) =>
        `| ${edgeBandLabel(b)} | ${b.roi.flat.n_bets} | ${f(pct(b.edge_mean), 2)} | ${f(b.roi.flat.roi_pct, 2)} | ${ci(b.roi.flat.ci95, 2)} | ${f(pct(b.clv.mean), 2)} | ${ci(pctCi(b.clv.ci95), 2)} (${b.clv.n_bets}) |`,
    ),
    '',
    edgeBandsAgainstChance(r.by_edge_multiplicity),
  ];
  return `${lines.join('\n')}\n`;
}
