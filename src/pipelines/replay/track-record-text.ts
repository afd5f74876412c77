/**
 * A track record as text for a terminal or a markdown page: the headline figures with their intervals, then
 * one row per league (the table docs/track-record.md publishes) and how many leagues look significant by chance.
 */
import { besideMarket, leaguesAgainstChance, type TrackRecord } from '../../domain/track-record.ts';

const f = (x: number | null, digits = 4) => (x === null ? 'n/a' : x.toFixed(digits));
const ci = (c: readonly [number, number] | null, digits: number) =>
  c === null ? 'n/a' : `[${f(c[0], digits)}, ${f(c[1], digits)}]`;

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
  ];
  return `${lines.join('\n')}\n`;
}
