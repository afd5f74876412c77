import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import {
  DEFAULT_FILTER,
  filterCards,
  INITIAL_CONTROLS,
  normalizeControls,
  ROI_SLIDER_OFF,
  regionsPassingRoi,
  roiSelection,
} from '../../../src/ui/logic/filter.ts';
import { apiCard } from './api-card.ts';

const cards = [
  decodeCard(apiCard({ match_id: 1, region_id: 1, home_team_name: 'Arsenal' }), 'c'),
  decodeCard(
    apiCard({ match_id: 2, region_id: 2, region_name: 'Spain', start_time_utc: '2026-04-01T18:00:00Z' }),
    'c',
  ),
  decodeCard(
    apiCard({
      match_id: 3,
      region_id: 3,
      region_name: 'Norway',
      outcome: null,
      status: 'scheduled',
      home_score: null,
    }),
    'c',
  ),
  // Called off years ago: no result, and never "upcoming".
  decodeCard(
    apiCard({
      match_id: 4,
      region_id: 3,
      region_name: 'Norway',
      start_time_utc: '2015-05-10T14:00:00Z',
      outcome: null,
      status: 'cancelled',
      home_score: null,
      away_score: null,
      prediction_correct: null,
    }),
    'c',
  ),
];
const roi = new Map<number, number | null>([
  [1, 12.5],
  [2, -4],
  [3, null],
]);
const ids = (f: Partial<typeof DEFAULT_FILTER>) =>
  filterCards(cards, { ...DEFAULT_FILTER, ...f }, roi).map((c) => c.id);

describe('filterCards', () => {
  it('keeps everything by default', () => expect(ids({})).toEqual([1, 2, 3, 4]));
  it('filters by region', () => expect(ids({ regionId: 2 })).toEqual([2]));
  it('filters by status', () => {
    expect(ids({ status: 'finished' })).toEqual([1, 2]);
    expect(ids({ status: 'upcoming' })).toEqual([3]);
    expect(ids({ status: 'all' })).toContain(4);
  });
  it('filters by kick-off window, to exclusive', () => {
    expect(ids({ fromMs: Date.parse('2026-03-15T00:00:00Z') })).toEqual([2]);
    expect(ids({ toMs: Date.parse('2026-04-01T18:00:00Z') })).toEqual([1, 3, 4]);
  });
  it('searches either team, case-insensitively', () => {
    expect(ids({ search: 'ARS' })).toEqual([1]);
    expect(ids({ search: ' beta ' })).toEqual([1, 2, 3, 4]);
  });
  it('hides regions below the ROI slider, and those without ROI once it is on', () => {
    expect(ids({ minRegionRoiPct: ROI_SLIDER_OFF })).toEqual([1, 2, 3, 4]);
    expect(ids({ minRegionRoiPct: -5 })).toEqual([1, 2]);
    expect(ids({ minRegionRoiPct: 0 })).toEqual([1]);
    expect(ids({ minRegionRoiPct: 13 })).toEqual([]);
  });
});

describe('regionsPassingRoi', () => {
  it('is null (no restriction) when the slider is off', () => {
    expect(regionsPassingRoi(roi, ROI_SLIDER_OFF)).toBeNull();
    expect([...(regionsPassingRoi(roi, -4) ?? [])]).toEqual([1, 2]);
  });

  it("counts, for the slider's warning, only regions that had a ROI to be chosen by", () => {
    // Region 3 has no ROI (no bets): 2 kept of the 2 that could be, not of 3.
    expect(roiSelection(roi, null)).toBeNull();
    expect(roiSelection(roi, regionsPassingRoi(roi, -4))).toEqual({ kept: 2, of: 2 });
  });

  it('drops a region the cards do not have and keeps the ROI threshold within the slider', () => {
    const regions = new Set([1, 2]);
    const linked = { ...INITIAL_CONTROLS, regionId: 999, minRegionRoiPct: 50 };
    expect(normalizeControls(linked, regions, 12)).toEqual({
      ...linked,
      regionId: null,
      minRegionRoiPct: 12,
    });
    // Without any region ROI the slider is disabled: off.
    expect(normalizeControls(linked, regions, null).minRegionRoiPct).toBe(ROI_SLIDER_OFF);
    const fine = { ...INITIAL_CONTROLS, regionId: 2, minRegionRoiPct: 5 };
    expect(normalizeControls(fine, regions, 12)).toBe(fine);
  });
});
