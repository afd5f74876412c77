/**
 * Home, draw and away over real time (a match's logged probabilities, or its odds movement): three series per
 * line, every point marked, and the kick-off as a grey dashed vertical line. Several lines (predictions of different
 * sources) share the axis, each drawn in its own style and named in the legend. Loaded only with the match detail.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useTimeZone } from '../../hooks/time-zone-context.ts';
import { timeAxis, zoneOptions } from './time-axis.ts';
import { UplotChart } from './uplot-chart.tsx';

/**
 * How a line is drawn: its home, draw and away series share it, and the key shows it. A solid line has hollow points,
 * the others filled ones, so a line of a single point is told apart too.
 */
export type LineStyle = 'solid' | 'dotted' | 'dashed';

export interface ThreeWayLine {
  /** Named in the legend after the outcome (`home, walk-forward backtest`); null for a chart of one line. */
  readonly name: string | null;
  readonly style: LineStyle;
  /** One array per outcome (home, draw, away), aligned with timesMs; null where the line has no point. */
  readonly values: readonly [
    readonly (number | null)[],
    readonly (number | null)[],
    readonly (number | null)[],
  ];
}

export interface ThreeWayChartProps {
  readonly timesMs: readonly number[];
  readonly lines: readonly ThreeWayLine[];
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
const DASHES: Readonly<Record<LineStyle, number[] | undefined>> = {
  solid: undefined,
  dotted: [2, 3],
  dashed: [6, 4],
};

/** A line's sample in the key: its dash and its point, in the text colour. */
function LineSample({ style }: { readonly style: LineStyle }) {
  return (
    <svg className="key-sample" width="22" height="10" aria-hidden="true">
      <line x1="0" y1="5" x2="22" y2="5" stroke="currentColor" strokeDasharray={DASHES[style]?.join(' ')} />
      <circle cx="11" cy="5" r="3" stroke="currentColor" fill={style === 'solid' ? '#fff' : 'currentColor'} />
    </svg>
  );
}

export function ThreeWayChart(props: ThreeWayChartProps) {
  const { timesMs, lines, kickoffMs, label, format, testId, height = 150 } = props;
  const tz = useTimeZone();
  const kickoffS = kickoffMs / 1000;
  const named = lines.some((l) => l.name !== null);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      // Several lines: a key of their own under the chart (outcome colours, line styles), not six legend rows.
      legend: { show: !named, live: false },
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
        ...lines.flatMap((line) =>
          NAMES.map((name, k) => ({
            label: line.name === null ? name : `${name}, ${line.name}`,
            stroke: COLOURS[k],
            width: 1.5,
            ...(DASHES[line.style] === undefined ? {} : { dash: DASHES[line.style] }),
            // A line's points stand among the other lines' nulls: joined to each other, never to theirs.
            spanGaps: true,
            points: { show: true, size: 6, ...(line.style === 'solid' ? {} : { fill: COLOURS[k] }) },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
          })),
        ),
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
    [kickoffS, format, tz, lines, named],
  );
  // uPlot's time axis counts seconds.
  const data = useMemo<uPlot.AlignedData>(
    () => [timesMs.map((t) => t / 1000), ...lines.flatMap((line) => line.values.map((v) => [...v]))],
    [timesMs, lines],
  );
  if (timesMs.length === 0) return null;
  const chart = <UplotChart options={options} data={data} height={height} label={label} testId={testId} />;
  if (!named) return chart;
  return (
    <div className="series-chart">
      {chart}
      {/* The chart's label names the lines for a screen reader. */}
      <ul className="chart-key" aria-hidden="true" data-testid={`${testId}-key`}>
        {NAMES.map((name, k) => (
          <li key={name}>
            <span className="key-band" style={{ background: COLOURS[k] }} />
            {name}
          </li>
        ))}
        {lines.map((l) => (
          <li key={l.name}>
            <LineSample style={l.style} />
            {l.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
