/** The filter bar: region, status, period (quick picks + custom days), min region ROI, team search. */
import { ROI_SLIDER_OFF, STATUS_FILTERS, type StatusFilter } from '../../logic/filter.ts';
import { signedPct } from '../../logic/format.ts';
import { PERIOD_LABELS, PERIOD_PICKS, type PeriodPick } from '../../logic/period.ts';

export interface FilterControls {
  readonly regionId: number | null;
  readonly status: StatusFilter;
  readonly period: PeriodPick;
  readonly customFrom: string;
  readonly customTo: string;
  readonly minRegionRoiPct: number;
  readonly search: string;
}

export interface FiltersProps {
  readonly value: FilterControls;
  readonly onChange: (next: FilterControls) => void;
  readonly regions: readonly { readonly id: number; readonly name: string }[];
  /** Upper end of the ROI slider (percent); null when the API has no region ROI yet. */
  readonly roiSliderMax: number | null;
}

const STATUS_TEXT: Readonly<Record<StatusFilter, string>> = {
  all: 'All',
  upcoming: 'Upcoming',
  finished: 'Finished',
};

export function Filters({ value, onChange, regions, roiSliderMax }: FiltersProps) {
  const set = <K extends keyof FilterControls>(key: K, v: FilterControls[K]) =>
    onChange({ ...value, [key]: v });
  const sliderOff = value.minRegionRoiPct <= ROI_SLIDER_OFF;
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
            aria-label="From day"
            value={value.customFrom}
            onChange={(e) => set('customFrom', e.target.value)}
          />
          →
          <input
            type="date"
            aria-label="To day"
            value={value.customTo}
            onChange={(e) => set('customTo', e.target.value)}
          />
        </span>
      )}
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
    </div>
  );
}
