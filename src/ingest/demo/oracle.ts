/** The oracle: the simulator's own true probabilities, scored like any model. */
import { outcomeOf } from '../../domain/outcome.ts';
import type { DemoMatch } from './generate-world.ts';

export interface OracleScore {
  /** Finished matches scored. */
  readonly matches: number;
  /** Mean negative log of the true probability of what happened (NaN when no match is finished). */
  readonly logLoss: number;
}

/** The oracle's log loss over the finished matches given (a lower bound no honest model beats on average). */
export function oracleLogLoss(
  matches: readonly Pick<DemoMatch, 'truth' | 'homeScore' | 'awayScore' | 'status'>[],
): OracleScore {
  let n = 0;
  let total = 0;
  for (const m of matches) {
    if (m.status !== 'finished' || m.homeScore === null || m.awayScore === null) continue;
    const outcome = outcomeOf(m.homeScore, m.awayScore);
    const p = outcome === 0 ? m.truth.pHome : outcome === 1 ? m.truth.pDraw : m.truth.pAway;
    total -= Math.log(p);
    n++;
  }
  return { matches: n, logLoss: n === 0 ? Number.NaN : total / n };
}
