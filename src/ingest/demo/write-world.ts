/**
 * Stores a generated demo world (source `demo`) with the same idempotent upserts as the CSV importer: writing
 * the same world twice changes nothing, and a later day's world only adds results, prices seen since and
 * fixtures. Every demo price is dated (collected_at = when it was seen), so the odds history holds its moves.
 */

import type { Db } from '../../db/db.ts';
import { saveDemoAnchor, upsertDemoTruth } from '../../db/demo-repository.ts';
import {
  type DatedOddsInput,
  insertDatedOdds,
  type MatchInput,
  type MatchStatsInput,
  teamKey,
  upsertMatches,
  upsertMatchStats,
  upsertRegions,
  upsertTeams,
} from '../../db/import-repository.ts';
import { matchStats } from '../../domain/match.ts';
import type { DemoWorld } from './generate-world.ts';

export interface DemoWriteSummary {
  readonly matches: number;
  readonly matchesInserted: number;
  readonly matchesUpdated: number;
  readonly oddsInserted: number;
  readonly finished: number;
  readonly scheduled: number;
}

export const DEMO_SOURCE = 'demo';

export async function writeDemoWorld(db: Db, world: DemoWorld): Promise<DemoWriteSummary> {
  return db.transaction(async (tx) => {
    await saveDemoAnchor(tx, world.seed, new Date(world.anchorMs));
    const regionIds = await upsertRegions(tx, world.regions);
    const teams = new Map<string, { name: string; regionId: number; sex: 0 | 1 }>();
    for (const m of world.matches) {
      const regionId = regionIds.get(m.region.code)!;
      for (const name of [m.homeTeam, m.awayTeam]) {
        const team = { name, regionId, sex: m.sex };
        teams.set(teamKey(team), team);
      }
    }
    const teamIds = await upsertTeams(tx, [...teams.values()]);
    const teamId = (name: string, regionId: number, sex: 0 | 1) =>
      teamIds.get(teamKey({ name, regionId, sex }))!;
    const inputs: MatchInput[] = world.matches.map((m) => {
      const regionId = regionIds.get(m.region.code)!;
      return {
        source: DEMO_SOURCE,
        sourceKey: m.sourceKey,
        regionId,
        competition: m.competition,
        season: m.season,
        sex: m.sex,
        startTimeMs: m.startTimeMs,
        homeTeamId: teamId(m.homeTeam, regionId, m.sex),
        awayTeamId: teamId(m.awayTeam, regionId, m.sex),
        homeScore: m.homeScore,
        awayScore: m.awayScore,
        status: m.status,
      };
    });
    const written = await upsertMatches(tx, inputs);
    const odds: DatedOddsInput[] = [];
    const stats: MatchStatsInput[] = [];
    const truth = world.matches.map((m) => {
      const { matchId } = written.get(m.sourceKey)!;
      for (const { observedAtMs, ...o } of m.odds) odds.push({ matchId, collectedAtMs: observedAtMs, ...o });
      if (m.stats !== null) stats.push({ matchId, ...matchStats(m.stats) });
      return { matchId, ...m.truth };
    });
    const oddsInserted = await insertDatedOdds(tx, odds);
    await upsertMatchStats(tx, stats);
    await upsertDemoTruth(tx, truth);
    let matchesInserted = 0;
    let matchesUpdated = 0;
    for (const w of written.values()) {
      if (w.outcome === 'inserted') matchesInserted++;
      else if (w.outcome === 'updated') matchesUpdated++;
    }
    return {
      matches: world.matches.length,
      matchesInserted,
      matchesUpdated,
      oddsInserted,
      finished: world.matches.filter((m) => m.status === 'finished').length,
      scheduled: world.matches.filter((m) => m.status === 'scheduled').length,
    };
  });
}
