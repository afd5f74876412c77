/**
 * "Do larger edges pay?": a record's bets by the edge they were taken at, each band with its flat ROI and CLV and
 * their intervals, coloured by the interval rule, and how many bands would look significant by chance.
 */

import { edgeBandLabel } from '../../../domain/edge-bands.ts';
import { edgeBandsAgainstChance } from '../../../domain/track-record.ts';
import type { TrackRecordView } from '../../api/track-record.ts';
import { count, intervalTone, pctInterval, signedPct } from '../../logic/format.ts';

const asPct = (v: number | null) => (v === null ? null : 100 * v);
const ciPct = (ci: readonly [number, number] | null) =>
  ci === null ? null : ([100 * ci[0], 100 * ci[1]] as const);

export function EdgeTable({
  record,
  label,
}: {
  readonly record: Pick<TrackRecordView, 'by_edge' | 'by_edge_multiplicity'>;
  /** What the record is, for the table's accessible name: `track record`, `backtest`. */
  readonly label: string;
}) {
  return (
    <div data-testid="tr-edges">
      <h3>Do larger edges pay?</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways on a phone needs focus to scroll by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label={`${label} by edge`}>
        <table className="small-table compact stacked" data-testid="tr-edge-table">
          <thead>
            <tr>
              <th>edge</th>
              <th className="num">bets</th>
              <th className="num">mean edge</th>
              <th className="num">ROI flat, 95 % interval</th>
              <th className="num">CLV, 95 % interval (bets)</th>
            </tr>
          </thead>
          <tbody>
            {record.by_edge.map((b) => {
              const { flat } = b.roi;
              return (
                <tr key={b.from} data-testid="tr-edge-row">
                  <td className="nowrap" data-testid="tr-edge-band">
                    {edgeBandLabel(b)}
                  </td>
                  <td className="num" data-label="bets" data-testid="tr-edge-bets">
                    {count(flat.n_bets)}
                  </td>
                  <td className="num" data-label="mean edge" data-testid="tr-edge-mean">
                    {signedPct(asPct(b.edge_mean))}
                  </td>
                  <td className="num" data-label="ROI flat">
                    <span className={intervalTone(flat.ci95)} data-testid="tr-edge-roi">
                      {signedPct(flat.roi_pct)}
                    </span>{' '}
                    <span className="ci" data-testid="tr-edge-roi-ci">
                      {pctInterval(flat.ci95)}
                    </span>
                  </td>
                  <td className="num" data-label="CLV (bets)">
                    <span className={intervalTone(b.clv.ci95)} data-testid="tr-edge-clv">
                      {signedPct(asPct(b.clv.mean), 2)}
                    </span>{' '}
                    <span className="ci" data-testid="tr-edge-clv-ci">
                      {pctInterval(ciPct(b.clv.ci95), 2)}
                    </span>{' '}
                    ({count(b.clv.n_bets)})
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <p className="footnote" data-testid="tr-edge-chance">
        {edgeBandsAgainstChance(record.by_edge_multiplicity)}
      </p>
      <p className="footnote">
        Each bet sits in the band of the edge it was taken at. If a larger edge meant a better bet, ROI and
        CLV would rise from band to band; where they do not, a larger edge is only a larger disagreement with
        the market. A band's CLV counts only its bets with a closing price they were not taken at (the figures
        above say how many have none).
      </p>
    </div>
  );
}
