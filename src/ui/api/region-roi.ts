/** GET /predict/region-roi/: the betting simulation's ROI per region. */
import type { RegionRoiRow } from '../../domain/artifacts.ts';
import { UNKNOWN_REGION_ID } from './cards.ts';
import { asArray, asObject, num, numOrNull, strOrNull } from './decode.ts';

export function decodeRegionRoi(value: unknown): readonly RegionRoiRow[] {
  return asArray(value, 'region-roi').map((v, i) => {
    const path = `region-roi[${i}]`;
    const o = asObject(v, path);
    return {
      region_id: numOrNull(o, 'region_id', path) ?? UNKNOWN_REGION_ID,
      region_name: strOrNull(o, 'region_name', path) ?? 'Unknown region',
      roi_pct: numOrNull(o, 'roi_pct', path),
      n_bets: num(o, 'n_bets', path),
      hit_rate: numOrNull(o, 'hit_rate', path),
    };
  });
}
