/**
 * League-level base rates (home-win share, draw share, goals per match) as exponential moving averages over a
 * competition's earlier matches: the home advantage and draw tendency differ between leagues and eras.
 */
export interface LeagueRateValues {
  homeWin: number;
  draw: number;
  goals: number;
}

/** Starting values before a competition has any finished match: typical European league figures. */
export const LEAGUE_RATE_PRIOR: Readonly<LeagueRateValues> = Object.freeze({
  homeWin: 0.45,
  draw: 0.26,
  goals: 2.7,
});

export class LeagueRates {
  private readonly rates = new Map<string, LeagueRateValues>();

  constructor(private readonly alpha: number) {}

  get(competition: string): Readonly<LeagueRateValues> {
    return this.rates.get(competition) ?? LEAGUE_RATE_PRIOR;
  }

  update(competition: string, homeGoals: number, awayGoals: number): void {
    const current = this.rates.get(competition) ?? { ...LEAGUE_RATE_PRIOR };
    const a = this.alpha;
    current.homeWin += a * ((homeGoals > awayGoals ? 1 : 0) - current.homeWin);
    current.draw += a * ((homeGoals === awayGoals ? 1 : 0) - current.draw);
    current.goals += a * (homeGoals + awayGoals - current.goals);
    this.rates.set(competition, current);
  }
}
