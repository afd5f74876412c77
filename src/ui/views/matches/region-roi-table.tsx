/** The betting simulation's ROI per region, as the API reports it (GET /predict/region-roi/). */
import type { RegionRoiRow } from '../../../domain/artifacts.ts';
import { pct, signedPct } from '../../logic/format.ts';

export function RegionRoiTable({
  rows,
  allowedRegions,
}: {
  readonly rows: readonly RegionRoiRow[];
  /** Regions the ROI slider lets through; null when the slider is off. Others are greyed out. */
  readonly allowedRegions: ReadonlySet<number> | null;
}) {
  return (
    <section className="panel" aria-label="ROI by region">
      <h2>ROI by region (betting simulation)</h2>
      {rows.length === 0 ? (
        <p className="muted">No betting run yet.</p>
      ) : (
        <table className="small-table" data-testid="region-roi-table">
          <thead>
            <tr>
              <th>Region</th>
              <th className="num">Bets</th>
              <th className="num">Hit rate</th>
              <th className="num">ROI</th>
            </tr>
          </thead>
          <tbody>
            {[...rows]
              .sort((a, b) => (b.roi_pct ?? -Infinity) - (a.roi_pct ?? -Infinity))
              .map((r) => (
                <tr
                  key={r.region_id}
                  className={
                    allowedRegions !== null && !allowedRegions.has(r.region_id) ? 'hidden-region' : ''
                  }
                >
                  <td>{r.region_name}</td>
                  <td className="num">{r.n_bets}</td>
                  <td className="num">{pct(r.hit_rate)}</td>
                  <td className={`num ${(r.roi_pct ?? 0) >= 0 ? 'gain' : 'loss'}`}>{signedPct(r.roi_pct)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
