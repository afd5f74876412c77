/** The matches view's filters as one value, and the pure function that applies them. */
import type { MatchCard } from '../api/cards.ts';
import type { PeriodPick } from './period.ts';

export const STATUS_FILTERS = ['all', 'upcoming', 'finished'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The slider's lowest position: no ROI is below −100 %, so every region passes, even those without bets. */
export const ROI_SLIDER_OFF = -100;

/** The filter bar as the user set it (the period still a pick, not a window). */
export interface FilterControls {
  readonly regionId: number | null;
  readonly status: StatusFilter;
  readonly period: PeriodPick;
  /** `YYYY-MM-DD`, used when period is `custom`. */
  readonly customFrom: string;
  readonly customTo: string;
  readonly minRegionRoiPct: number;
  readonly search: string;
}

export const INITIAL_CONTROLS: FilterControls = {
  regionId: null,
  status: 'all',
  period: 'all',
  customFrom: '',
  customTo: '',
  minRegionRoiPct: ROI_SLIDER_OFF,
  search: '',
};

export interface MatchFilter {
  /** null = every region. */
  readonly regionId: number | null;
  readonly status: StatusFilter;
  /** Kick-off window in epoch ms: from inclusive, to exclusive; null = open. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  /** Hide regions whose betting ROI (percent) is below this; ROI_SLIDER_OFF shows all. */
  readonly minRegionRoiPct: number;
  /** Case-insensitive substring of either team's name. */
  readonly search: string;
}

export const DEFAULT_FILTER: MatchFilter = {
  regionId: null,
  status: 'all',
  fromMs: null,
  toMs: null,
  minRegionRoiPct: ROI_SLIDER_OFF,
  search: '',
};

/**
 * The controls as the data allows them, for a link typed, edited or older than the data: a region no card has
 * means every region, and the ROI threshold stays within the slider's range (up to `roiSliderMax`, off when
 * there is no region ROI). Returns `c` itself when nothing changes.
 */
export function normalizeControls(
  c: FilterControls,
  regionIds: ReadonlySet<number>,
  roiSliderMax: number | null,
): FilterControls {
  const regionId = c.regionId !== null && !regionIds.has(c.regionId) ? null : c.regionId;
  const minRegionRoiPct =
    roiSliderMax === null
      ? ROI_SLIDER_OFF
      : Math.min(c.minRegionRoiPct, Math.max(ROI_SLIDER_OFF, roiSliderMax));
  if (regionId === c.regionId && minRegionRoiPct === c.minRegionRoiPct) return c;
  return { ...c, regionId, minRegionRoiPct };
}

/** Region ids allowed by the ROI slider, or null when the slider is off (all allowed). */
export function regionsPassingRoi(
  roiByRegion: ReadonlyMap<number, number | null>,
  minRegionRoiPct: number,
): ReadonlySet<number> | null {
  if (minRegionRoiPct <= ROI_SLIDER_OFF) return null;
  const pass = new Set<number>();
  for (const [regionId, roi] of roiByRegion) if (roi !== null && roi >= minRegionRoiPct) pass.add(regionId);
  return pass;
}

/**
 * What the ROI slider chose, for its warning: how many regions it kept of how many had a ROI to be chosen by (a
 * region without bets is never kept, so counting it would understate the selection); null while it is off.
 */
export function roiSelection(
  roiByRegion: ReadonlyMap<number, number | null>,
  kept: ReadonlySet<number> | null,
): { readonly kept: number; readonly of: number } | null {
  if (kept === null) return null;
  let of = 0;
  for (const roi of roiByRegion.values()) if (roi !== null) of++;
  return { kept: kept.size, of };
}

export function filterCards(
  cards: readonly MatchCard[],
  f: MatchFilter,
  roiByRegion: ReadonlyMap<number, number | null>,
): MatchCard[] {
  const allowedRegions = regionsPassingRoi(roiByRegion, f.minRegionRoiPct);
  const needle = f.search.trim().toLowerCase();
  const out: MatchCard[] = [];
  for (const c of cards) {
    if (f.regionId !== null && c.regionId !== f.regionId) continue;
    if (allowedRegions !== null && !allowedRegions.has(c.regionId)) continue;
    if (f.status === 'finished' && c.outcome === null) continue;
    if (f.status === 'upcoming' && !c.upcoming) continue;
    if (f.fromMs !== null && c.kickoffMs < f.fromMs) continue;
    if (f.toMs !== null && c.kickoffMs >= f.toMs) continue;
    if (needle !== '' && !c.searchText.includes(needle)) continue;
    out.push(c);
  }
  return out;
}
