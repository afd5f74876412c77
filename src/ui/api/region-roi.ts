/** GET /predict/region-roi/: the betting simulation's ROI per region, with its bets, interval and drawdown. */
import type { RegionRoiRecord } from '../../domain/artifacts.ts';
import { UNKNOWN_REGION_ID } from './cards.ts';
import { asArray, asObject, DecodeError, type Json, num, numOrNull, strOrNull } from './decode.ts';

/** A region's row as the dashboard shows it: every row has a region (unknown ones are grouped). */
export type RegionRoiView = RegionRoiRecord & { readonly region_id: number; readonly region_name: string };

function interval(o: Json, path: string): [number, number] | null {
  const v = o.roi_ci95;
  if (v === undefined || v === null) return null;
  const [low, high] = asArray(v, `${path}.roi_ci95`);
  if (typeof low !== 'number' || typeof high !== 'number')
    throw new DecodeError(`${path}.roi_ci95`, '[low, high]');
  return [low, high];
}

export function decodeRegionRoi(value: unknown): readonly RegionRoiView[] {
  return asArray(value, 'region-roi').map((v, i) => {
    const path = `region-roi[${i}]`;
    const o = asObject(v, path);
    return {
      region_id: numOrNull(o, 'region_id', path) ?? UNKNOWN_REGION_ID,
      region_name: strOrNull(o, 'region_name', path) ?? 'Unknown region',
      roi_pct: numOrNull(o, 'roi_pct', path),
      n_bets: num(o, 'n_bets', path),
      hit_rate: numOrNull(o, 'hit_rate', path),
      roi_ci95: interval(o, path),
      max_drawdown: numOrNull(o, 'max_drawdown', path),
    };
  });
}
