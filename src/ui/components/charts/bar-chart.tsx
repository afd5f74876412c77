/**
 * Horizontal bars, one per named value (per-feature drift), with an optional threshold line. Drawn at the width
 * it is given on screen, so its labels keep their size on a phone (a fixed 560-unit drawing shrank them to 6 px).
 */
import { useRef } from 'react';
import { useElementWidth } from '../../hooks/use-element-width.ts';
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
  readonly testId?: string;
}

const ROW = 18;
/** The drawing's width before the first measure. */
const DEFAULT_WIDTH = 560;

export function BarChart({ bars, label, threshold, testId }: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) || DEFAULT_WIDTH;
  // The names' column: 190 px, less on a narrow screen so the bars keep some room.
  const labelWidth = Math.min(190, Math.round(width * 0.45));
  const height = bars.length * ROW + 24;
  let hi = threshold ?? 0;
  for (const b of bars) if (b.value > hi) hi = b.value;
  const x = linearScale(0, hi === 0 ? 1 : hi, labelWidth, width - 50);
  return (
    <div ref={box}>
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
            <text className="tick" x={labelWidth - 6} y={ROW - 6} textAnchor="end">
              {b.name}
            </text>
            <rect
              className={b.highlighted ? 'bar bar-hot' : 'bar'}
              x={labelWidth}
              y={2}
              width={Math.max(1, x(b.value) - labelWidth)}
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
    </div>
  );
}
