/**
 * Dixon–Coles fitted per competition on a rolling window and refitted as the season goes: the feature side of
 * the goal model. A fit only ever sees results folded in before it (the feature table folds a kick-off's results
 * in after writing its rows), and a competition is refitted at most once every `refit_days`, from the previous
 * fit (warm start), so the whole history costs seconds.
 *
 * @example
 *   const dc = new DixonColesRatings(params.dixon_coles);
 *   const o = dc.outcomes(competition, homeId, awayId, startMs); // 1X2, over 2.5, BTTS, expected goals
 *   dc.record(competition, homeId, awayId, 2, 1, startMs);
 */
import { type DixonColesFit, type DixonColesGame, fitDixonColes } from './dixon-coles.ts';
import type { DixonColesParams } from './feature-params.ts';
import { type MatrixOutcomes, matrixOutcomes, scoreMatrix } from './score-matrix.ts';

const DAY_MS = 86_400_000;

interface League {
  readonly index: Map<number, number>;
  games: DixonColesGame[];
  fit: DixonColesFit | null;
  fitDay: number;
}

export class DixonColesRatings {
  private readonly leagues = new Map<string, League>();

  constructor(private readonly params: DixonColesParams) {}

  private league(competition: string): League {
    let league = this.leagues.get(competition);
    if (!league) {
      league = { index: new Map(), games: [], fit: null, fitDay: Number.NEGATIVE_INFINITY };
      this.leagues.set(competition, league);
    }
    return league;
  }

  private teamIndex(league: League, teamId: number): number {
    let i = league.index.get(teamId);
    if (i === undefined) {
      i = league.index.size;
      league.index.set(teamId, i);
    }
    return i;
  }

  /** The model's view of a match kicking off at startMs, from results before it. */
  outcomes(competition: string, homeId: number, awayId: number, startMs: number): MatrixOutcomes {
    const league = this.league(competition);
    const home = this.teamIndex(league, homeId);
    const away = this.teamIndex(league, awayId);
    const day = startMs / DAY_MS;
    if (day - league.fitDay >= this.params.refit_days) {
      const oldest = day - this.params.window_days;
      if (league.games.length > 0 && (league.games[0] as DixonColesGame).day < oldest) {
        league.games = league.games.filter((g) => g.day >= oldest);
      }
      league.fit = fitDixonColes(league.games, league.index.size, {
        xi: this.params.xi,
        nowDays: day,
        prior: this.params.prior,
        sweeps: league.fit ? this.params.sweeps : this.params.sweeps * 4,
        ...(league.fit ? { start: league.fit } : {}),
      });
      league.fitDay = day;
    }
    const fit = league.fit as DixonColesFit;
    return matrixOutcomes(scoreMatrix(fit.rates(home, away), fit.rho));
  }

  record(
    competition: string,
    homeId: number,
    awayId: number,
    homeGoals: number,
    awayGoals: number,
    startMs: number,
  ): void {
    const league = this.league(competition);
    league.games.push({
      home: this.teamIndex(league, homeId),
      away: this.teamIndex(league, awayId),
      homeGoals,
      awayGoals,
      day: startMs / DAY_MS,
    });
  }
}
