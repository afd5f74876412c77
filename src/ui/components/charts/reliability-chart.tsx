/** Reliability diagram: predicted probability (x) against observed frequency (y), one line per outcome. */

import { type Calibration, drawnBins } from '../../logic/calibration.ts';
import { outcomeText } from '../../logic/format.ts';
import { linearScale } from './scale.ts';

const SIZE = 300;
const PAD = 34;
const CLASSES = ['home', 'draw', 'away'] as const;

export function ReliabilityChart({ calibration }: { readonly calibration: Calibration }) {
  const x = linearScale(0, 1, PAD, SIZE - 8);
  const y = linearScale(0, 1, SIZE - PAD, 8);
  return (
    <svg
      className="chart reliability-chart"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label="Reliability diagram"
      data-testid="calibration-chart"
    >
      <rect className="frame" x={PAD} y={8} width={SIZE - 8 - PAD} height={SIZE - PAD - 8} />
      <line className="diagonal" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <text className="tick" x={x(t)} y={SIZE - PAD + 14} textAnchor="middle">
            {t}
          </text>
          <text className="tick" x={PAD - 4} y={y(t) + 4} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
      <text className="tick" x={(SIZE + PAD) / 2} y={SIZE - 4} textAnchor="middle">
        predicted probability
      </text>
      {calibration.byOutcome.map(drawnBins).map((bins, k) => (
        <g key={CLASSES[k]} className={`series-${CLASSES[k]}`}>
          <polyline
            fill="none"
            className="series"
            points={bins.map((b) => `${x(b.meanPredicted).toFixed(1)},${y(b.observed).toFixed(1)}`).join(' ')}
          />
          {bins.map((b) => (
            <circle key={b.meanPredicted} cx={x(b.meanPredicted)} cy={y(b.observed)} r={2.5}>
              <title>
                {`${outcomeText(k as 0 | 1 | 2)}: predicted ${(b.meanPredicted * 100).toFixed(1)}%, observed ${(b.observed * 100).toFixed(1)}% (${b.n})`}
              </title>
            </circle>
          ))}
        </g>
      ))}
    </svg>
  );
}
