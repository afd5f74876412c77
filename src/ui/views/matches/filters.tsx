/**
 * The filter bar: region, status, period (quick picks + custom days), order, min region ROI, team search, and
 * under them a note on the order where it needs one.
 */
import {
  type FilterControls,
  ROI_SLIDER_OFF,
  STATUS_FILTERS,
  type StatusFilter,
} from '../../logic/filter.ts';
import { signedPct, type TimeZoneChoice, zoneLabel } from '../../logic/format.ts';
import { isReversedRange, PERIOD_LABELS, PERIOD_PICKS, type PeriodPick } from '../../logic/period.ts';
import type { SortOrder } from '../../logic/sort.ts';

export interface FiltersProps {
  readonly value: FilterControls;
  readonly onChange: (next: FilterControls) => void;
  readonly order: SortOrder;
  readonly onOrder: (next: SortOrder) => void;
  /** The zone whose whole days the custom period covers. */
  readonly tz: TimeZoneChoice;
  readonly regions: readonly { readonly id: number; readonly name: string }[];
  /** Upper end of the ROI slider (percent); null when the API has no region ROI yet. */
  readonly roiSliderMax: number | null;
  /** A line under the controls on what the order shown means (edgeSortNote); null for none. */
  readonly orderNote: string | null;
}

const STATUS_TEXT: Readonly<Record<StatusFilter, string>> = {
  all: 'All',
  upcoming: 'Upcoming',
  finished: 'Finished',
};

/** The orders the Order menu offers (the column titles offer the same, and both directions). */
const ORDERS: readonly { readonly value: string; readonly order: SortOrder; readonly label: string }[] = [
  {
    value: 'schedule-asc',
    order: { key: 'schedule', direction: 'asc' },
    label: 'Next matches, then latest results',
  },
  { value: 'kickoff-asc', order: { key: 'kickoff', direction: 'asc' }, label: 'Kick-off, earliest first' },
  { value: 'kickoff-desc', order: { key: 'kickoff', direction: 'desc' }, label: 'Kick-off, latest first' },
  {
    value: 'confidence-desc',
    order: { key: 'confidence', direction: 'desc' },
    label: 'Most confident first',
  },
  { value: 'edge-desc', order: { key: 'edge', direction: 'desc' }, label: 'Largest edge first' },
  { value: 'region-asc', order: { key: 'region', direction: 'asc' }, label: 'Region A–Z' },
];

export function Filters({
  value,
  onChange,
  order,
  onOrder,
  tz,
  regions,
  roiSliderMax,
  orderNote,
}: FiltersProps) {
  const set = <K extends keyof FilterControls>(key: K, v: FilterControls[K]) =>
    onChange({ ...value, [key]: v });
  const sliderOff = value.minRegionRoiPct <= ROI_SLIDER_OFF;
  const orderValue = `${order.key}-${order.key === 'schedule' ? 'asc' : order.direction}`;
  const orderListed = ORDERS.some((o) => o.value === orderValue);
  return (
    <div className="filters">
      <label>
        Region
        <select
          data-testid="region-filter"
          value={value.regionId ?? ''}
          onChange={(e) => set('regionId', e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="segmented" data-testid="status-filter">
        <legend>Status</legend>
        {STATUS_FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === value.status ? 'on' : ''}
            aria-pressed={s === value.status}
            onClick={() => set('status', s)}
          >
            {STATUS_TEXT[s]}
          </button>
        ))}
      </fieldset>
      <label>
        Period
        <select
          data-testid="period-filter"
          value={value.period}
          onChange={(e) => set('period', e.target.value as PeriodPick)}
        >
          {PERIOD_PICKS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {value.period === 'custom' && (
        <span className="custom-period">
          <input
            type="date"
            aria-label={`From day (${zoneLabel(tz)})`}
            value={value.customFrom}
            onChange={(e) => set('customFrom', e.target.value)}
          />
          →
          <input
            type="date"
            aria-label={`To day (${zoneLabel(tz)})`}
            value={value.customTo}
            onChange={(e) => set('customTo', e.target.value)}
          />
          {isReversedRange(value.customFrom, value.customTo) && (
            <span className="state-error" role="status" data-testid="period-reversed">
              The first day is after the last: no match fits.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange({ ...value, customFrom: value.customTo, customTo: value.customFrom })}
              >
                Swap them
              </button>
            </span>
          )}
        </span>
      )}
      <label>
        Order
        <select
          data-testid="order-select"
          value={orderValue}
          onChange={(e) => {
            const picked = ORDERS.find((o) => o.value === e.target.value);
            if (picked !== undefined) onOrder(picked.order);
          }}
        >
          {ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {!orderListed && (
            <option value={orderValue} disabled>
              Set by a column title
            </option>
          )}
        </select>
      </label>
      <label className="roi-slider">
        Min region ROI{' '}
        <output data-testid="roi-slider-value">
          {sliderOff ? 'off' : `≥ ${signedPct(value.minRegionRoiPct, 0)}`}
        </output>
        <input
          type="range"
          data-testid="roi-slider"
          min={ROI_SLIDER_OFF}
          max={roiSliderMax ?? 0}
          step={1}
          disabled={roiSliderMax === null}
          title={roiSliderMax === null ? 'No betting results yet' : undefined}
          value={value.minRegionRoiPct}
          onChange={(e) => set('minRegionRoiPct', Number(e.target.value))}
        />
      </label>
      <label className="search">
        Team
        <input
          type="search"
          data-testid="team-search"
          placeholder="Search a team"
          value={value.search}
          onChange={(e) => set('search', e.target.value)}
        />
      </label>
      {orderNote !== null && (
        <p className="order-note" data-testid="edge-sort-note">
          {orderNote}
        </p>
      )}
    </div>
  );
}
