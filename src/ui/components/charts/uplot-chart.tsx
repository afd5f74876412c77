/**
 * A uPlot chart as a React component: created on mount, given new data in place, resized with its container,
 * destroyed on unmount. uPlot draws every point on a canvas (100,000 is fine), so nothing is thinned away.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UplotChartProps {
  /** Everything but the size, which follows the container. */
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  /** What the chart shows, for screen readers and as its caption. */
  readonly label: string;
  readonly testId?: string;
}

export function UplotChart({ options, data, height, label, testId }: UplotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const chart = new uPlot({ ...options, width: Math.max(200, el.clientWidth), height }, latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure className="chart uplot-chart" role="img" aria-label={label} data-testid={testId}>
      <div ref={box} />
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
