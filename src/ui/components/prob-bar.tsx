/** Three probabilities (home, draw, away) as one compact stacked bar. */
import type { Probabilities } from '../../domain/outcome.ts';
import { outcomeText, pct } from '../logic/format.ts';

export function ProbBar({ probs }: { readonly probs: Probabilities }) {
  const title = ([0, 1, 2] as const).map((k) => `${outcomeText(k)} ${pct(probs[k])}`).join(' · ');
  return (
    <span className="prob-bar" title={title}>
      <span className="seg seg-home" style={{ width: `${probs[0] * 100}%` }} />
      <span className="seg seg-draw" style={{ width: `${probs[1] * 100}%` }} />
      <span className="seg seg-away" style={{ width: `${probs[2] * 100}%` }} />
    </span>
  );
}
