/** betting/roi_by_region.csv → RegionRoiRecord rows, in file order. Empty or absent cells are null. */
import { parse } from 'csv-parse/sync';
import type { RegionRoiRecord } from '../../domain/artifacts.ts';
import { ArtifactShapeError } from './table-columns.ts';

const numberOrNull = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === '' || text === 'nan' || text === 'NaN') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ArtifactShapeError(`not a number: ${text}`);
  return value;
};

export function parseRegionRoi(body: Buffer): RegionRoiRecord[] {
  const records = parse(body, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<
    string,
    string
  >[];
  return records.map((r, i) => {
    if (!('n_bets' in r)) throw new ArtifactShapeError(`row ${i + 1}: n_bets is missing`);
    const regionId = numberOrNull(r.region_id);
    const low = numberOrNull(r.roi_ci95_low);
    const high = numberOrNull(r.roi_ci95_high);
    return {
      region_name: r.region_name === undefined || r.region_name === '' ? null : r.region_name,
      roi_pct: numberOrNull(r.roi_pct),
      n_bets: Math.trunc(numberOrNull(r.n_bets) ?? 0),
      hit_rate: numberOrNull(r.hit_rate),
      region_id: regionId === null ? null : Math.trunc(regionId),
      roi_ci95: low === null || high === null ? null : [low, high],
      max_drawdown: numberOrNull(r.max_drawdown),
    };
  });
}
