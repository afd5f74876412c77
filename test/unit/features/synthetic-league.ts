/** A small seeded league for tests: teams with fixed strengths, double round robins, Poisson goals. */
import type { MatchRecord } from '../../../src/domain/match.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';

function poisson(lambda: number, random: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export interface LeagueOptions {
  readonly seed?: number;
  readonly teams?: number;
  readonly seasons?: number;
  readonly firstYear?: number;
  readonly regionId?: number;
  readonly competition?: string;
  readonly sex?: 0 | 1;
  /** Matches kicking off at/after this instant are left unplayed (status scheduled). */
  readonly unplayedFromMs?: number;
}

/** Every team plays every other home and away each season; rounds a week apart, 5 matches per kick-off slot. */
export function syntheticLeague(options: LeagueOptions = {}): MatchRecord[] {
  const random = seededRandom(options.seed ?? 1);
  const teams = options.teams ?? 10;
  const strength = Array.from({ length: teams }, () => random() * 1.2 - 0.6);
  const matches: MatchRecord[] = [];
  let id = (options.regionId ?? 1) * 1_000_000;
  for (let s = 0; s < (options.seasons ?? 3); s++) {
    const year = (options.firstYear ?? 2015) + s;
    let slot = 0;
    for (let h = 0; h < teams; h++) {
      for (let a = 0; a < teams; a++) {
        if (h === a) continue;
        const start = Date.UTC(year, 7, 1) + Math.floor(slot / 5) * 3.5 * 86_400_000;
        slot++;
        const lh = Math.exp(0.25 + 0.2 + (strength[h] as number) - (strength[a] as number) * 0.8);
        const la = Math.exp(0.2 + (strength[a] as number) - (strength[h] as number) * 0.8);
        const played = options.unplayedFromMs === undefined || start < options.unplayedFromMs;
        matches.push({
          matchId: ++id,
          regionId: options.regionId ?? 1,
          competition: options.competition ?? 'L1',
          season: `${year}-${String((year + 1) % 100).padStart(2, '0')}`,
          sex: options.sex ?? 0,
          startTimeMs: start,
          homeTeamId: (options.regionId ?? 1) * 1000 + h,
          awayTeamId: (options.regionId ?? 1) * 1000 + a,
          homeScore: played ? poisson(lh, random) : null,
          awayScore: played ? poisson(la, random) : null,
          status: played ? 'finished' : 'scheduled',
        });
      }
    }
  }
  return matches.sort((x, y) => x.startTimeMs - y.startTimeMs || x.matchId - y.matchId);
}
