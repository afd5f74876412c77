/**
 * A track record as text for a terminal or a markdown page: the headline figures with their intervals, then
 * one row per league (the table docs/track-record.md publishes).
 */
import type { TrackRecord } from '../../domain/track-record.ts';

const f = (x: number | null, digits = 4) => (x === null ? 'n/a' : x.toFixed(digits));
const ci = (c: readonly [number, number] | null, digits: number) =>
  c === null ? 'n/a' : `[${f(c[0], digits)}, ${f(c[1], digits)}]`;

export function trackRecordText(r: TrackRecord): string {
  const lines = [
    `matches predicted ${r.matches_predicted}, published at or after kick-off ${r.late_predictions}, graded ${r.graded}`,
    `model: log loss ${f(r.model.log_loss)}, RPS ${f(r.model.rps)}`,
    `closing market (${r.market_closing.n} matches): log loss ${f(r.market_closing.log_loss)}, RPS ${f(r.market_closing.rps)}`,
    `pre-match market (${r.market_pre_match.n} matches): log loss ${f(r.market_pre_match.log_loss)}`,
    `closing-line value: ${r.clv.n_bets} bets, mean ${f(r.clv.mean)}, 95% CI ${ci(r.clv.ci95, 4)} (${r.clv.taken_at_close} more taken at the close)`,
    `flat-stake ROI: ${r.roi.flat.n_bets} bets, ${f(r.roi.flat.roi_pct, 2)} %, 95% CI ${ci(r.roi.flat.ci95, 2)}`,
    '',
    '| league | graded | model log loss | closing market log loss | mean CLV | flat ROI % |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.by_league.map(
      (l) =>
        `| ${l.league} | ${l.n} | ${f(l.model.log_loss)} | ${f(l.market_closing.log_loss)} | ${f(l.clv.mean)} | ${f(l.roi.flat.roi_pct, 2)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
