import { describe, expect, it } from 'vitest';
import { INITIAL_CONTROLS } from '../../../src/ui/logic/filter.ts';
import { routeOf } from '../../../src/ui/logic/route.ts';
import { ALL_LEAGUES } from '../../../src/ui/logic/track-record.ts';
import {
  DEFAULT_URL_STATE,
  formatUrlState,
  historyStep,
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
      match: null,
    };
    expect(parseUrlState(formatUrlState(state))).toEqual(state);
  });

  it("round-trips the open match's detail on the matches view, with the filters", () => {
    const state: UrlState = {
      ...DEFAULT_URL_STATE,
      controls: { ...INITIAL_CONTROLS, status: 'finished', search: 'Ajax' },
      match: 4711,
    };
    const hash = formatUrlState(state);
    expect(hash).toBe('#/matches?status=finished&q=Ajax&match=4711');
    expect(parseUrlState(hash)).toEqual(state);
    // Match 0 is a match like any other; the start-up link's key is not state.
    expect(parseUrlState('#/matches?match=0&key=k').match).toBe(0);
  });

  it('keeps the detail to the matches view, and drops an id that does not parse', () => {
    expect(formatUrlState({ ...DEFAULT_URL_STATE, route: 'model', match: 4711 })).toBe('#/model');
    expect(parseUrlState('#/model?match=4711').match).toBeNull();
    for (const bad of ['-3', 'x', '4.5', ''])
      expect(parseUrlState(`#/matches?match=${bad}`)).toEqual(DEFAULT_URL_STATE);
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

describe('historyStep', () => {
  const list: UrlState = { ...DEFAULT_URL_STATE, controls: { ...INITIAL_CONTROLS, status: 'finished' } };
  const detail: UrlState = { ...list, match: 4711 };

  it('adds an entry when a detail opens, so Back closes it', () => {
    expect(historyStep(list, detail, false)).toBe('push');
    expect(historyStep(detail, { ...detail, match: 42 }, true)).toBe('push');
  });

  it('goes back when closing the detail this entry opened, else replaces the entry', () => {
    expect(historyStep(detail, list, true)).toBe('back');
    // Opened from a link or a reload of a shared one: there is no entry of ours to go back to.
    expect(historyStep(detail, list, false)).toBe('replace');
    // Closing and changing something else at once: going back would lose the other change.
    expect(historyStep(detail, { ...list, tz: 'utc' }, true)).toBe('replace');
  });

  it('replaces the entry for every other change', () => {
    expect(historyStep(list, { ...list, order: { key: 'edge', direction: 'desc' } }, false)).toBe('replace');
    expect(historyStep(detail, { ...detail, tz: 'utc' }, true)).toBe('replace');
    expect(historyStep(list, list, true)).toBe('replace');
  });
});
