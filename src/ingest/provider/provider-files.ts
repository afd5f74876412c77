/**
 * Which files of the football-data.co.uk layout a sync pulls, from the leagues and seasons asked for (pure):
 * `mmz4281/<yyzz>/<Div>.csv` per main division and season, `new/<CODE>.csv` per other league (one file of
 * every season), then `fixtures.csv` and `new_league_fixtures.csv` — fixtures last, so results already stored
 * are known when the fixtures are written.
 */
import { divisionKeyPrefix, isMainDivision, newLeagueKeyPrefix } from '../football-data/regions.ts';
import { autumnSeason } from '../football-data/seasons.ts';

export type ProviderFileKind = 'season' | 'league' | 'fixtures';

export interface ProviderFile {
  /** Path under the provider's base URL. */
  readonly path: string;
  readonly kind: ProviderFileKind;
  /** The league of a season or league file; null for a fixtures file (several leagues). */
  readonly league: string | null;
  /** Source-key prefixes of the matches this file may bring in (fixtures files: only the leagues asked for). */
  readonly sourcePrefixes: readonly string[];
  /** A season that ended before now: once pulled it will not change, so it is pulled no more. */
  readonly closed: boolean;
}

export interface SyncPlan {
  readonly leagues: readonly string[];
  /** Seasons counted back from the current one (including it). */
  readonly seasons: number;
  /** Earliest season (`2016-17`), overriding `seasons`. */
  readonly fromSeason?: string | undefined;
  readonly fixtures: boolean;
  readonly nowMs: number;
}

/** `2025-26` → `2526` (football-data's folder name). */
export function seasonCode(season: string): string {
  const start = Number(season.slice(0, 4));
  return `${String(start % 100).padStart(2, '0')}${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The first day after a season (1 July of its second year, UTC): from then on its file is final. */
export function seasonEndMs(season: string): number {
  return Date.UTC(Number(season.slice(0, 4)) + 1, 6, 1);
}

/** Seasons from the earliest asked for to the current one, oldest first. */
export function seasonsToPull(plan: Pick<SyncPlan, 'seasons' | 'fromSeason' | 'nowMs'>): string[] {
  const now = new Date(plan.nowMs);
  const current = autumnSeason({
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    day: now.getUTCDate(),
  });
  const last = Number(current.slice(0, 4));
  const first = plan.fromSeason === undefined ? last - plan.seasons + 1 : Number(plan.fromSeason.slice(0, 4));
  const out: string[] = [];
  for (let year = Math.min(first, last); year <= last; year++) {
    out.push(`${year}-${String((year + 1) % 100).padStart(2, '0')}`);
  }
  return out;
}

export function planProviderFiles(plan: SyncPlan): ProviderFile[] {
  const main = plan.leagues.filter(isMainDivision);
  const other = plan.leagues.filter((l) => !isMainDivision(l));
  const files: ProviderFile[] = [];
  for (const season of seasonsToPull(plan)) {
    for (const div of main) {
      files.push({
        path: `mmz4281/${seasonCode(season)}/${div}.csv`,
        kind: 'season',
        league: div,
        sourcePrefixes: [divisionKeyPrefix(div)],
        closed: seasonEndMs(season) <= plan.nowMs,
      });
    }
  }
  for (const code of other) {
    files.push({
      path: `new/${code}.csv`,
      kind: 'league',
      league: code,
      sourcePrefixes: [newLeagueKeyPrefix(code)],
      closed: false,
    });
  }
  if (plan.fixtures && main.length > 0) {
    const sourcePrefixes = main.map(divisionKeyPrefix);
    files.push({ path: 'fixtures.csv', kind: 'fixtures', league: null, sourcePrefixes, closed: false });
  }
  if (plan.fixtures && other.length > 0) {
    const sourcePrefixes = other.map(newLeagueKeyPrefix);
    files.push({
      path: 'new_league_fixtures.csv',
      kind: 'fixtures',
      league: null,
      sourcePrefixes,
      closed: false,
    });
  }
  return files;
}
