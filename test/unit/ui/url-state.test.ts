import { describe, expect, it } from 'vitest';
import { INITIAL_CONTROLS } from '../../../src/ui/logic/filter.ts';
import { routeOf } from '../../../src/ui/logic/route.ts';
import { ALL_LEAGUES } from '../../../src/ui/logic/track-record.ts';
import {
  DEFAULT_URL_STATE,
  formatUrlState,
  parseUrlState,
  type UrlState,
} from '../../../src/ui/logic/url-state.ts';

describe('URL state', () => {
  it('round-trips every filter, the order, the view and the time zone', () => {
    const state: UrlState = {
      route: 'model',
      tz: 'utc',
      controls: {
        regionId: 3,
        status: 'upcoming',
        period: 'custom',
        customFrom: '2026-01-01',
        customTo: '2026-01-31',
        minRegionRoiPct: -5,
        search: 'Ajax & PSV',
      },
      order: { key: 'edge', direction: 'desc' },
      record: { league: 'Premier League', from: '2025-08-01', to: '2026-05-31' },
    };
    expect(parseUrlState(formatUrlState(state))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(formatUrlState(DEFAULT_URL_STATE)).toBe('#/matches');
    expect(formatUrlState({ ...DEFAULT_URL_STATE, controls: { ...INITIAL_CONTROLS, regionId: 0 } })).toBe(
      '#/matches?region=0',
    );
  });

  it('reads an empty or old-style fragment as the default matches view', () => {
    expect(parseUrlState('')).toEqual(DEFAULT_URL_STATE);
    expect(parseUrlState('#/monitoring').route).toBe('monitoring');
  });

  it('reads the view alone as the entry does, the start-up link included', () => {
    expect(routeOf('#/track-record?league=Serie+A&key=k')).toBe('track-record');
    expect(routeOf('#/model&key=k')).toBe('model');
    expect(routeOf('#key=k')).toBe('matches');
    expect(routeOf('')).toBe('matches');
  });

  it('falls back to defaults for values that do not parse, keeping the rest', () => {
    const s = parseUrlState(
      '#/nowhere?region=x&status=soon&period=custom&from=yesterday&roi=-400&sort=odd-up&tz=mars',
    );
    expect(s).toEqual({ ...DEFAULT_URL_STATE, controls: { ...INITIAL_CONTROLS, period: 'custom' } });
  });

  it("keeps the track record's league and days in the URL", () => {
    const state: UrlState = {
      ...DEFAULT_URL_STATE,
      route: 'track-record',
      record: { league: 'Liga Profesional', from: '2026-01-01', to: '' },
    };
    const hash = formatUrlState(state);
    expect(hash).toBe('#/track-record?league=Liga+Profesional&since=2026-01-01');
    expect(parseUrlState(hash)).toEqual(state);
    expect(parseUrlState('#/track-record?league=&since=soon').record).toEqual(ALL_LEAGUES);
    // A day that does not exist is left open, not sent to the API (which answers 422 for it).
    expect(parseUrlState('#/track-record?since=2026-02-30&until=2026-13-01').record).toEqual(ALL_LEAGUES);
    expect(parseUrlState('#/matches?period=custom&from=2026-02-30').controls.customFrom).toBe('');
  });
});
