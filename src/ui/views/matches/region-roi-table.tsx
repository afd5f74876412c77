/** The betting simulation's ROI per region, as the API reports it (GET /predict/region-roi/). */
import type { RegionRoiView } from '../../api/region-roi.ts';
import { count, intervalTone, pct, pctInterval, signed, signedPct } from '../../logic/format.ts';

export function RegionRoiTable({
  rows,
  allowedRegions,
}: {
  readonly rows: readonly RegionRoiView[];
  /** Regions the ROI slider lets through; null when the slider is off. Others are greyed out. */
  readonly allowedRegions: ReadonlySet<number> | null;
}) {
  return (
    // Focusable: on a phone the table scrolls sideways inside the panel, and keyboard users must reach it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
    <section className="panel" aria-label="ROI by region" tabIndex={0}>
      <h2>ROI by region (betting simulation)</h2>
      {rows.length === 0 ? (
        <p className="muted">No betting run yet.</p>
      ) : (
        <table className="small-table compact" data-testid="region-roi-table">
          <thead>
            <tr>
              <th>Region</th>
              <th className="num">Bets</th>
              <th className="num">Hit rate</th>
              <th className="num">ROI</th>
              <th className="num">95% interval</th>
              <th className="num">Max drawdown</th>
            </tr>
          </thead>
          <tbody>
            {/* Most bets first: sorted by ROI, the table opened on its luckiest small region. */}
            {[...rows]
              .sort((a, b) => b.n_bets - a.n_bets || (a.region_name ?? '').localeCompare(b.region_name ?? ''))
              .map((r) => (
                <tr
                  key={r.region_id}
                  className={
                    allowedRegions !== null && !allowedRegions.has(r.region_id) ? 'hidden-region' : ''
                  }
                >
                  <td>{r.region_name}</td>
                  <td className="num">{count(r.n_bets)}</td>
                  <td className="num">{pct(r.hit_rate)}</td>
                  <td className={`num ${intervalTone(r.roi_ci95)}`} data-testid="region-roi">
                    {signedPct(r.roi_pct)}
                  </td>
                  <td className="num" data-testid="region-roi-ci">
                    {pctInterval(r.roi_ci95)}
                  </td>
                  <td className="num">{r.max_drawdown === null ? '—' : signed(-r.max_drawdown, 1)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <p className="footnote">
        Flat stake 1 on each value bet; the interval is a bootstrap 95% interval over matches. An interval
        that straddles 0 means the simulation cannot tell this region's bets from luck, and a ROI is green or
        red only when its interval lies wholly above or below 0. With {rows.length} regions side by side, one
        of them far above the rest is what luck alone would give: the best region's ROI flatters it.
      </p>
    </section>
  );
}
