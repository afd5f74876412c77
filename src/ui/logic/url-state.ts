/**
 * The dashboard's state in the URL fragment, so a view can be shared and survives a reload:
 * `#/matches?region=3&status=upcoming&period=custom&from=2026-01-01&to=2026-01-31&roi=5&q=ajax&sort=edge-desc&tz=utc`,
 * `#/matches?status=finished&match=4711` (a match's detail open),
 * `#/track-record?league=Premier+League&since=2025-08-01`.
 * Defaults are left out; a value that does not parse falls back to its default rather than breaking the page.
 */
import { isCalendarDate } from '../../domain/calendar-date.ts';
import { type FilterControls, INITIAL_CONTROLS, ROI_SLIDER_OFF, STATUS_FILTERS } from './filter.ts';
import { TIME_ZONES, type TimeZoneChoice } from './format.ts';
import { PERIOD_PICKS } from './period.ts';
import { type Route, routeOf } from './route.ts';
import { DEFAULT_ORDER, SORT_KEYS, type SortOrder } from './sort.ts';
import { ALL_LEAGUES, parseRecordFilter, type RecordFilter, writeRecordFilter } from './track-record.ts';

export interface UrlState {
  readonly route: Route;
  readonly tz: TimeZoneChoice;
  readonly controls: FilterControls;
  readonly order: SortOrder;
  /** The track-record view's league and kick-off days (`league`, `since`, `until`). */
  readonly record: RecordFilter;
  /** The match whose detail is open on the matches view (`match`), if any. */
  readonly match: number | null;
}

export const DEFAULT_URL_STATE: UrlState = {
  route: 'matches',
  tz: 'local',
  controls: INITIAL_CONTROLS,
  order: DEFAULT_ORDER,
  record: ALL_LEAGUES,
  match: null,
};

function oneOf<T extends string>(values: readonly T[], v: string | null, fallback: T): T {
  return values.find((x) => x === v) ?? fallback;
}

function intOr(v: string | null, fallback: number): number {
  if (v === null || !/^-?\d+$/.test(v)) return fallback;
  return Number(v);
}

function parseOrder(v: string | null): SortOrder {
  const [key, direction] = (v ?? '').split('-');
  const k = oneOf(SORT_KEYS, key ?? null, DEFAULT_ORDER.key);
  return { key: k, direction: direction === 'desc' ? 'desc' : 'asc' };
}

/** Reads a fragment such as `#/matches?region=3` (the `key=` part, if any, is not state and is ignored). */
export function parseUrlState(hash: string): UrlState {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  const regionId = intOr(params.get('region'), -1);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const route = routeOf(hash);
  const match = intOr(params.get('match'), -1);
  return {
    route,
    tz: oneOf(TIME_ZONES, params.get('tz'), 'local'),
    controls: {
      regionId: regionId < 0 ? null : regionId,
      status: oneOf(STATUS_FILTERS, params.get('status'), 'all'),
      period: oneOf(PERIOD_PICKS, params.get('period'), 'all'),
      customFrom: isCalendarDate(from) ? from : '',
      customTo: isCalendarDate(to) ? to : '',
      minRegionRoiPct: Math.max(ROI_SLIDER_OFF, intOr(params.get('roi'), ROI_SLIDER_OFF)),
      search: params.get('q') ?? '',
    },
    order: parseOrder(params.get('sort')),
    record: parseRecordFilter(params),
    // The detail is part of the matches view: another view's link does not carry it there.
    match: route === 'matches' && match >= 0 ? match : null,
  };
}

/** The fragment for a state, `#/route` plus only the parameters that differ from the defaults. */
export function formatUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  const c = s.controls;
  // The matches filters ride along on every route, so going to another view and back keeps them.
  if (c.regionId !== null) p.set('region', String(c.regionId));
  if (c.status !== 'all') p.set('status', c.status);
  if (c.period !== 'all') p.set('period', c.period);
  if (c.period === 'custom' && c.customFrom !== '') p.set('from', c.customFrom);
  if (c.period === 'custom' && c.customTo !== '') p.set('to', c.customTo);
  if (c.minRegionRoiPct > ROI_SLIDER_OFF) p.set('roi', String(c.minRegionRoiPct));
  if (c.search !== '') p.set('q', c.search);
  if (s.order.key !== DEFAULT_ORDER.key) p.set('sort', `${s.order.key}-${s.order.direction}`);
  writeRecordFilter(s.record, p);
  if (s.route === 'matches' && s.match !== null) p.set('match', String(s.match));
  if (s.tz !== 'local') p.set('tz', s.tz);
  const query = p.toString();
  return `#/${s.route}${query === '' ? '' : `?${query}`}`;
}

/**
 * How a change of state enters the browser's history. Opening a match detail adds an entry, so Back closes it;
 * closing it when the current entry is the one its opening added (`openedHere`) goes back to that entry rather
 * than adding a copy of it, so Back then leaves the view. Every other change replaces the current entry: Back
 * leaves the view instead of undoing filter keystrokes one by one.
 */
export function historyStep(
  current: UrlState,
  next: UrlState,
  openedHere: boolean,
): 'push' | 'back' | 'replace' {
  if (next.match !== null && next.match !== current.match) return 'push';
  const closesOnly =
    current.match !== null &&
    next.match === null &&
    formatUrlState(next) === formatUrlState({ ...current, match: null });
  return openedHere && closesOnly ? 'back' : 'replace';
}
