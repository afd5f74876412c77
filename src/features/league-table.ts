/**
 * The league table of each competition-season from the results so far, and what is still at stake for a team:
 * late in a season a side that can neither reach the top places nor drop into the bottom ones has little to
 * play for, and the market prices that. Assumes a double round robin (2·(teams − 1) matches per team); the
 * top zone is the first four places, the bottom zone the last three.
 */
interface TeamLine {
  points: number;
  goalDifference: number;
  played: number;
}

interface SeasonTable {
  readonly lines: Map<number, TeamLine>;
  /** Points in descending order, rebuilt lazily after a result. */
  sortedPoints: number[] | null;
}

export interface Standing {
  /** Share of the team's season played, 0–1. */
  readonly progress: number;
  /** Points per match this season (0 before its first match). */
  readonly pointsPerMatch: number;
  /** Table position scaled to 0 (top) … 1 (bottom); 0.5 before the team has played. */
  readonly position: number;
  /** 1 while the top or bottom zone is still within reach (or about to be), 0 when the season is settled for it. */
  readonly stakes: number;
  /** 1 at or above the top-zone line, falling to 0 as the gap reaches every point still available. */
  readonly reachTop: number;
  /** 1 at or below the bottom-zone line, falling to 0 as the cushion reaches every point still available. */
  readonly dropRisk: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

const TOP_ZONE = 4;
const BOTTOM_ZONE = 3;

export class LeagueTables {
  private readonly tables = new Map<string, SeasonTable>();
  /** Teams per competition in its latest finished-or-running season: the size of the next one until it fills. */
  private readonly sizes = new Map<string, number>();

  private table(competition: string, season: string): SeasonTable {
    const key = `${competition}\u0000${season}`;
    let table = this.tables.get(key);
    if (!table) {
      table = { lines: new Map(), sortedPoints: null };
      this.tables.set(key, table);
    }
    return table;
  }

  /** Registers a fixture's teams (fixture facts only) so the season's size is known early. */
  enter(competition: string, season: string, teamId: number): void {
    const table = this.table(competition, season);
    if (!table.lines.has(teamId)) {
      table.lines.set(teamId, { points: 0, goalDifference: 0, played: 0 });
      table.sortedPoints = null;
    }
    this.sizes.set(competition, Math.max(table.lines.size, this.sizes.get(`${competition}\u0000last`) ?? 0));
  }

  record(competition: string, season: string, homeId: number, awayId: number, hg: number, ag: number): void {
    const table = this.table(competition, season);
    const home = table.lines.get(homeId) ?? { points: 0, goalDifference: 0, played: 0 };
    const away = table.lines.get(awayId) ?? { points: 0, goalDifference: 0, played: 0 };
    home.played++;
    away.played++;
    home.goalDifference += hg - ag;
    away.goalDifference += ag - hg;
    home.points += hg > ag ? 3 : hg === ag ? 1 : 0;
    away.points += ag > hg ? 3 : hg === ag ? 1 : 0;
    table.lines.set(homeId, home);
    table.lines.set(awayId, away);
    table.sortedPoints = null;
    this.sizes.set(`${competition}\u0000last`, table.lines.size);
  }

  standing(competition: string, season: string, teamId: number): Standing {
    const table = this.table(competition, season);
    const teams = Math.max(table.lines.size, this.sizes.get(competition) ?? 0, 2);
    const line = table.lines.get(teamId) ?? { points: 0, goalDifference: 0, played: 0 };
    const total = 2 * (teams - 1);
    const remaining = Math.max(0, total - line.played);
    if (line.played === 0) {
      return { progress: 0, pointsPerMatch: 0, position: 0.5, stakes: 1, reachTop: 0.5, dropRisk: 0.5 };
    }
    if (table.sortedPoints === null) {
      table.sortedPoints = [...table.lines.values()].map((l) => l.points).sort((a, b) => b - a);
    }
    const points = table.sortedPoints;
    let above = 0;
    for (const l of table.lines.values()) {
      if (l.points > line.points || (l.points === line.points && l.goalDifference > line.goalDifference))
        above++;
    }
    const topLine = points[Math.min(TOP_ZONE, points.length) - 1] ?? 0;
    const bottomLine = points[Math.max(0, teams - BOTTOM_ZONE)] ?? 0;
    const reach = 3 * remaining;
    const canReachTop = topLine - line.points <= reach;
    const canDrop = line.points - bottomLine <= reach;
    return {
      progress: Math.min(1, line.played / total),
      pointsPerMatch: line.points / line.played,
      position: table.lines.size > 1 ? above / (table.lines.size - 1) : 0.5,
      stakes: canReachTop || canDrop ? 1 : 0,
      reachTop: reach > 0 ? clamp01(1 - (topLine - line.points) / reach) : line.points >= topLine ? 1 : 0,
      dropRisk:
        reach > 0 ? clamp01(1 - (line.points - bottomLine) / reach) : line.points <= bottomLine ? 1 : 0,
    };
  }
}
