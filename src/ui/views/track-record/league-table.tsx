/** The record per league: model vs closing market, CLV, and the flat ROI with its bets and interval. */

import { besideMarket } from '../../../domain/track-record.ts';
import type { LeagueRecordView } from '../../api/track-record.ts';
import { count, pctInterval, signedPct } from '../../logic/format.ts';
import { score } from '../../logic/track-record.ts';

export function LeagueTable({
  leagues,
  chosen,
}: {
  readonly leagues: readonly LeagueRecordView[];
  readonly chosen: string | null;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways on a phone needs focus to scroll by keyboard
    <section className="table-scroll" tabIndex={0} aria-label="Track record per league">
      {/* On a phone each league stacks into a card of labelled lines (styles.css .stacked, data-label). */}
      <table className="small-table stacked" data-testid="tr-league-table">
        <thead>
          <tr>
            <th>league</th>
            <th className="num">graded</th>
            <th className="num">log loss model / market, same matches</th>
            <th className="num">RPS model / market, same matches</th>
            <th className="num">CLV (bets)</th>
            <th className="num">ROI flat</th>
            <th className="num">95 % interval</th>
            <th className="num">bets</th>
          </tr>
        </thead>
        <tbody>
          {leagues.map((l) => (
            <tr
              key={l.league}
              data-testid="tr-league-row"
              data-league={l.league}
              className={chosen === l.league ? 'chosen' : ''}
            >
              <td>{l.league}</td>
              <td className="num" data-label="graded">
                {l.n}
              </td>
              <td className="num" data-label="log loss model / market">
                {score(besideMarket(l.market_closing, l.market_closing.model_log_loss, l.model.log_loss))} /{' '}
                {score(l.market_closing.log_loss)}
              </td>
              <td className="num" data-label="RPS model / market">
                {score(besideMarket(l.market_closing, l.market_closing.model_rps, l.model.rps))} /{' '}
                {score(l.market_closing.rps)}
              </td>
              <td className="num" data-label="CLV (bets)">
                {signedPct(l.clv.mean === null ? null : 100 * l.clv.mean, 2)} ({count(l.clv.n_bets)})
              </td>
              <td className="num" data-label="ROI flat" data-testid="tr-league-roi">
                {signedPct(l.roi.flat.roi_pct)}
              </td>
              <td className="num" data-label="95 % interval">
                {pctInterval(l.roi.flat.ci95)}
              </td>
              <td className="num" data-label="bets" data-testid="tr-league-bets">
                {count(l.roi.flat.n_bets)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
