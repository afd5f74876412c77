import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../../src/config/params.ts';
import { type MatchRecord, matchStats } from '../../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../../src/features/feature-table.ts';
import { generateDemoWorld } from '../../../../src/ingest/demo/generate-world.ts';

describe('the demo world feeds every feature', () => {
  it('has shots on finished matches and no constant feature column', () => {
    const today = new Date('2026-10-10T12:00:00Z');
    const world = generateDemoWorld({ seed: 3, today, historyYears: 2 });
    const teamIds = new Map<string, number>();
    const idOf = (name: string) => teamIds.get(name) ?? teamIds.set(name, teamIds.size + 1).get(name)!;
    const regionIds = new Map(world.regions.map((r, i) => [r.code, i + 1]));
    const records: MatchRecord[] = world.matches.map((m, i) => ({
      matchId: i + 1,
      regionId: regionIds.get(m.region.code)!,
      competition: m.competition,
      season: m.season,
      sex: m.sex,
      startTimeMs: m.startTimeMs,
      homeTeamId: idOf(m.homeTeam),
      awayTeamId: idOf(m.awayTeam),
      homeScore: m.homeScore,
      awayScore: m.awayScore,
      status: m.status,
      stats: m.stats === null ? null : matchStats(m.stats),
    }));
    const finished = world.matches.filter((m) => m.status === 'finished');
    for (const m of finished) {
      expect(m.stats).not.toBeNull();
      expect(m.stats!.homeShotsTarget).toBeGreaterThanOrEqual(m.homeScore!);
      expect(m.stats!.homeShots).toBeGreaterThanOrEqual(m.stats!.homeShotsTarget);
    }
    const meanShots =
      finished.reduce((s, m) => s + m.stats!.homeShots + m.stats!.awayShots, 0) / finished.length / 2;
    expect(meanShots).toBeGreaterThan(10);
    expect(meanShots).toBeLessThan(16);

    const table = buildFeatureTable(records, loadParams().features, { nowMs: today.getTime() });
    const constant = table.featureNames.filter((_, j) => {
      const first = table.x[j];
      for (let i = 1; i < table.n; i++) if (table.x[i * table.d + j] !== first) return false;
      return true;
    });
    expect(constant).toEqual([]);
  });
});
