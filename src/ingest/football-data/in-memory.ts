/**
 * football-data files read straight into the shapes modelling consumes (match records, prices, region names),
 * with no database in between: what `matchcast evaluate --data` needs. Writing 268,000 matches and 2.3 million
 * prices into an in-memory PGlite and reading them back cost about as long as the whole evaluation besides.
 * Same reading loop as the import (`readFootballData`), so the same matches win; ids are numbered in the order
 * a fresh import would insert them.
 *
 * @example
 *   const { matches, odds, regionNames } = await readFootballDataInMemory(['../shared/data/football'], { nowMs });
 */
import { teamKey } from '../../db/import-repository.ts';
import type { StoredOdds } from '../../db/match-repository.ts';
import type { StoredOverUnder } from '../../db/over-under-repository.ts';
import type { MatchRecord } from '../../domain/match.ts';
import { OVER_UNDER_LINE } from '../../domain/odds.ts';
import { findCsvFiles } from './files.ts';
import type { ParsedMatch } from './parsed-match.ts';
import { type ReadOptions, type ReadSummary, readFootballData } from './read-football-data.ts';

export interface InMemoryData extends ReadSummary {
  /** Every match, in no particular order (the feature table sorts). */
  readonly matches: readonly MatchRecord[];
  readonly odds: readonly StoredOdds[];
  /** Over/under 2.5 goals prices, as `odds_over_under` would hold them. */
  readonly overUnder: readonly StoredOverUnder[];
  readonly regionNames: ReadonlyMap<number, string>;
}

export async function readFootballDataInMemory(
  paths: readonly string[],
  options: Pick<ReadOptions, 'nowMs' | 'teamName'> = {},
): Promise<InMemoryData> {
  const files = findCsvFiles(paths);
  const regions = new Map<string, number>();
  const regionNames = new Map<number, string>();
  const teams = new Map<string, number>();
  const parsed: ParsedMatch[] = [];
  const idOf = <K>(map: Map<K, number>, key: K): number => {
    let id = map.get(key);
    if (id === undefined) {
      id = map.size + 1;
      map.set(key, id);
    }
    return id;
  };
  // One batch: the reading loop has already kept one row per match, in first-seen order.
  const summary = await readFootballData(files, options, Number.POSITIVE_INFINITY, async (batch) => {
    for (const m of batch) parsed.push(m);
  });
  const matches: MatchRecord[] = [];
  const odds: StoredOdds[] = [];
  const overUnder: StoredOverUnder[] = [];
  for (const [i, m] of parsed.entries()) {
    const matchId = i + 1;
    const regionId = idOf(regions, m.region.code);
    regionNames.set(regionId, m.region.name);
    matches.push({
      matchId,
      regionId,
      competition: m.competition,
      season: m.season,
      sex: m.sex,
      startTimeMs: m.startTimeMs,
      homeTeamId: idOf(teams, teamKey({ name: m.homeTeam, regionId, sex: m.sex })),
      awayTeamId: idOf(teams, teamKey({ name: m.awayTeam, regionId, sex: m.sex })),
      homeScore: m.homeScore,
      awayScore: m.awayScore,
      status: m.status,
      stats: m.stats,
    });
    for (const o of m.odds) {
      odds.push({
        matchId,
        bookmaker: o.bookmaker,
        kind: o.kind,
        collectedAt: null,
        odds: [o.home, o.draw, o.away],
        url: null,
      });
    }
    for (const o of m.overUnder) {
      overUnder.push({
        matchId,
        bookmaker: o.bookmaker,
        kind: o.kind,
        collectedAt: null,
        line: OVER_UNDER_LINE,
        odds: [o.over, o.under],
      });
    }
  }
  return { ...summary, matches, odds, overUnder, regionNames };
}
