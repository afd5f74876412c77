/** A single-series line over time (the cumulative-profit curve), drawn as SVG with a zero line. */
import { msToDay } from '../../logic/period.ts';
import { linearScale, thinIndices } from './scale.ts';

export interface LineChartProps {
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

export function LineChart({ timesMs, values, label, width = 420, height = 160 }: LineChartProps) {
  if (values.length === 0) return null;
  const idx = thinIndices(values.length, 600);
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const t0 = timesMs[0]!;
  const t1 = timesMs[timesMs.length - 1]!;
  const x = linearScale(t0, t1 === t0 ? t0 + 1 : t1, PAD.left, width - PAD.right);
  const y = linearScale(lo, hi === lo ? lo + 1 : hi, height - PAD.bottom, PAD.top);
  const points = idx.map((i) => `${x(timesMs[i]!).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(' ');
  const last = values[values.length - 1]!;
  return (
    <svg
      className="chart line-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="profit-chart"
    >
      <line className="axis" x1={PAD.left} x2={width - PAD.right} y1={y(0)} y2={y(0)} />
      <text className="tick" x={PAD.left - 4} y={y(hi) + 4} textAnchor="end">
        {hi.toFixed(0)}
      </text>
      <text className="tick" x={PAD.left - 4} y={y(lo) + 4} textAnchor="end">
        {lo.toFixed(0)}
      </text>
      <text className="tick" x={PAD.left - 4} y={y(0) + 4} textAnchor="end">
        0
      </text>
      <text className="tick" x={PAD.left} y={height - 6}>
        {msToDay(t0)}
      </text>
      <text className="tick" x={width - PAD.right} y={height - 6} textAnchor="end">
        {msToDay(t1)}
      </text>
      <polyline className={last >= 0 ? 'series gain' : 'series loss'} points={points} fill="none" />
    </svg>
  );
}
