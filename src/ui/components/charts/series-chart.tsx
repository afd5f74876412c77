/**
 * Several series over real time on one uPlot chart, optionally with a shaded band (a 95 % interval) and a
 * dashed reference line; every point drawn. The legend is plain HTML under the chart, so it wraps on a phone.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useTimeZone } from '../../hooks/time-zone-context.ts';
import { referenceLine } from './reference-line.ts';
import { timeAxis, zoneOptions } from './time-axis.ts';
import { UplotChart } from './uplot-chart.tsx';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly colour: string;
  readonly dashed?: boolean;
}

export interface ChartBand {
  readonly label: string;
  readonly low: readonly number[];
  readonly high: readonly number[];
  /** A translucent fill. */
  readonly fill: string;
}

export interface SeriesChartProps {
  readonly timesMs: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly band?: ChartBand;
  readonly reference?: number;
  /** Decimals of the y labels. */
  readonly digits?: number;
  readonly label: string;
  readonly testId: string;
  readonly height?: number;
}

const HIDDEN = 'rgba(0,0,0,0)';

export function SeriesChart({
  timesMs,
  series,
  band,
  reference,
  digits = 0,
  label,
  testId,
  height = 200,
}: SeriesChartProps) {
  const tz = useTimeZone();
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const lines: uPlot.Series[] = series.map((s) => ({
      label: s.label,
      stroke: s.colour,
      width: 1.5,
      points: { show: false },
      ...(s.dashed ? { dash: [5, 4] } : {}),
    }));
    // The band's edges are series too (uPlot fills between two series), drawn invisible.
    const edges: uPlot.Series[] = band
      ? [
          { label: `${band.label} high`, stroke: HIDDEN, points: { show: false } },
          { label: `${band.label} low`, stroke: HIDDEN, points: { show: false } },
        ]
      : [];
    const high = series.length + 1;
    return {
      legend: { show: false },
      cursor: { y: false },
      ...zoneOptions(tz),
      scales: { x: { time: true } },
      axes: [timeAxis(tz), { size: 52, gap: 4, values: (_u, ticks) => ticks.map((t) => t.toFixed(digits)) }],
      series: [{}, ...lines, ...edges],
      ...(band ? { bands: [{ series: [high, high + 1] as [number, number], fill: band.fill }] } : {}),
      ...(reference === undefined ? {} : { hooks: { drawAxes: [referenceLine(reference)] } }),
    };
  }, [series, band, reference, digits, tz]);
  // uPlot's time axis counts seconds.
  const data = useMemo<uPlot.AlignedData>(
    () => [
      timesMs.map((t) => t / 1000),
      ...series.map((s) => [...s.values]),
      ...(band ? [[...band.high], [...band.low]] : []),
    ],
    [timesMs, series, band],
  );
  if (timesMs.length === 0) return null;
  return (
    <div className="series-chart">
      <UplotChart options={options} data={data} height={height} label={label} testId={testId} />
      <ul className="chart-key" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`key-line${s.dashed ? ' key-dashed' : ''}`} style={{ borderColor: s.colour }} />
            {s.label}
          </li>
        ))}
        {band && (
          <li>
            <span className="key-band" style={{ background: band.fill }} />
            {band.label}
          </li>
        )}
      </ul>
    </div>
  );
}
