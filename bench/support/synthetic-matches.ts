/** `target` matches of a synthetic world (25 leagues of 20 teams, as many seasons as needed) for the model benches. */
import type { MatchRecord } from '../../src/domain/match.ts';
import { syntheticLeague } from '../../test/unit/features/synthetic-league.ts';

export function syntheticMatches(target: number): MatchRecord[] {
  const leagues = 25;
  const seasons = Math.ceil(target / (leagues * 20 * 19));
  return Array.from({ length: leagues }, (_, l) =>
    syntheticLeague({
      seed: l + 1,
      teams: 20,
      seasons,
      firstYear: 2000,
      regionId: l + 1,
      competition: `L${l}`,
    }),
  )
    .flat()
    .slice(0, target);
}
