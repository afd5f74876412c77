/** A single series over real time (the cumulative-profit curve), every point drawn, with a zero line. */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useTimeZone } from '../../hooks/time-zone-context.ts';
import { referenceLine } from './reference-line.ts';
import { timeAxis, zoneOptions } from './time-axis.ts';
import { UplotChart } from './uplot-chart.tsx';

export interface LineChartProps {
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
  readonly label: string;
  readonly height?: number;
}

const GAIN = '#1a7f37';
const LOSS = '#b42318';

export function LineChart({ timesMs, values, label, height = 180 }: LineChartProps) {
  const gain = (values.at(-1) ?? 0) >= 0;
  const tz = useTimeZone();
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: false },
      cursor: { y: false },
      ...zoneOptions(tz),
      scales: { x: { time: true } },
      axes: [timeAxis(tz), { size: 48, gap: 4, values: (_u, ticks) => ticks.map((t) => t.toFixed(0)) }],
      series: [{}, { label: 'profit', stroke: gain ? GAIN : LOSS, width: 1.5, points: { show: false } }],
      hooks: {
        // The break-even line, drawn under the series.
        drawAxes: [referenceLine(0)],
      },
    }),
    [gain, tz],
  );
  // uPlot's time axis counts seconds.
  const data = useMemo<uPlot.AlignedData>(
    () => [timesMs.map((t) => t / 1000), [...values]],
    [timesMs, values],
  );
  if (values.length === 0) return null;
  return <UplotChart options={options} data={data} height={height} label={label} testId="profit-chart" />;
}
