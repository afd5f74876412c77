/** GET /predict/region-roi/: the betting simulation's ROI per region. */
import type { RegionRoiRow } from '../../domain/artifacts.ts';
import { asArray, asObject, num, numOrNull, str } from './decode.ts';

export function decodeRegionRoi(value: unknown): readonly RegionRoiRow[] {
  return asArray(value, 'region-roi').map((v, i) => {
    const path = `region-roi[${i}]`;
    const o = asObject(v, path);
    return {
      region_id: num(o, 'region_id', path),
      region_name: str(o, 'region_name', path),
      roi_pct: numOrNull(o, 'roi_pct', path),
      n_bets: num(o, 'n_bets', path),
      hit_rate: numOrNull(o, 'hit_rate', path),
    };
  });
}
