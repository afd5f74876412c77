/**
 * Home, draw and away over real time (a match's logged probabilities, or its odds movement): three series,
 * every point marked, and the kick-off as a dashed vertical line. Loaded only with the match detail.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useTimeZone } from '../../hooks/time-zone-context.ts';
import { timeAxis, zoneOptions } from './time-axis.ts';
import { UplotChart } from './uplot-chart.tsx';

export interface ThreeWayChartProps {
  readonly timesMs: readonly number[];
  /** One array per outcome (home, draw, away), aligned with timesMs. */
  readonly values: readonly [readonly number[], readonly number[], readonly number[]];
  readonly kickoffMs: number;
  readonly label: string;
  readonly format: (v: number) => string;
  readonly testId: string;
  readonly height?: number;
}

// The probability bar's colours (styles.css --home, --draw, --away), darker draw grey for contrast on white.
const COLOURS = ['#2f6fdf', '#6b7280', '#e0803a'] as const;
const NAMES = ['home', 'draw', 'away'] as const;
const HOUR_S = 3600;

export function ThreeWayChart(props: ThreeWayChartProps) {
  const { timesMs, values, kickoffMs, label, format, testId, height = 150 } = props;
  const tz = useTimeZone();
  const kickoffS = kickoffMs / 1000;
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: true, live: false },
      cursor: { y: false },
      ...zoneOptions(tz),
      scales: {
        // The kick-off line always in view, with an hour of room around the points.
        x: {
          time: true,
          range: (_u, lo, hi) => [Math.min(lo, kickoffS) - HOUR_S, Math.max(hi, kickoffS) + HOUR_S],
        },
      },
      axes: [timeAxis(tz), { size: 44, gap: 4, values: (_u, ticks) => ticks.map(format) }],
      series: [
        {},
        ...NAMES.map((name, k) => ({
          label: name,
          stroke: COLOURS[k],
          width: 1.5,
          points: { show: true, size: 6 },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
      hooks: {
        drawAxes: [
          (u: uPlot) => {
            const x = Math.round(u.valToPos(kickoffS, 'x', true));
            const { ctx } = u;
            ctx.save();
            ctx.strokeStyle = '#8a8f98';
            ctx.setLineDash([4, 4]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    }),
    [kickoffS, format, tz],
  );
  // uPlot's time axis counts seconds.
  const data = useMemo<uPlot.AlignedData>(
    () => [timesMs.map((t) => t / 1000), [...values[0]], [...values[1]], [...values[2]]],
    [timesMs, values],
  );
  if (timesMs.length === 0) return null;
  return <UplotChart options={options} data={data} height={height} label={label} testId={testId} />;
}
