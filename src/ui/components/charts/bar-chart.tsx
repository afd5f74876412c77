/** Horizontal bars, one per named value (per-feature drift), with an optional threshold line. */
import { linearScale } from './scale.ts';

export interface Bar {
  readonly name: string;
  readonly value: number;
  readonly highlighted: boolean;
  readonly title?: string;
}

export interface BarChartProps {
  readonly bars: readonly Bar[];
  readonly label: string;
  readonly threshold?: number;
  readonly width?: number;
  readonly testId?: string;
}

const ROW = 18;
const LABEL_W = 190;

export function BarChart({ bars, label, threshold, width = 560, testId }: BarChartProps) {
  const height = bars.length * ROW + 24;
  let hi = threshold ?? 0;
  for (const b of bars) if (b.value > hi) hi = b.value;
  const x = linearScale(0, hi === 0 ? 1 : hi, LABEL_W, width - 50);
  return (
    <svg
      className="chart bar-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      {bars.map((b, i) => (
        <g key={b.name} transform={`translate(0 ${i * ROW + 4})`}>
          <title>{b.title ?? `${b.name}: ${b.value.toFixed(3)}`}</title>
          <text className="tick" x={LABEL_W - 6} y={ROW - 6} textAnchor="end">
            {b.name}
          </text>
          <rect
            className={b.highlighted ? 'bar bar-hot' : 'bar'}
            x={LABEL_W}
            y={2}
            width={Math.max(1, x(b.value) - LABEL_W)}
            height={ROW - 5}
          />
          <text className="tick" x={x(b.value) + 4} y={ROW - 6}>
            {b.value.toFixed(3)}
          </text>
        </g>
      ))}
      {threshold !== undefined && (
        <line className="threshold" x1={x(threshold)} x2={x(threshold)} y1={0} y2={height - 18} />
      )}
      {threshold !== undefined && (
        <text className="tick" x={x(threshold)} y={height - 4} textAnchor="middle">
          {threshold}
        </text>
      )}
    </svg>
  );
}
