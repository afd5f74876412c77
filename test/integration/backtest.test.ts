/**
 * The walk-forward backtest on each database driver: every finished match after the start gets one
 * out-of-sample probability in prediction_log, from a model whose training data ended before its kick-off, and a
 * past match without a result gets none.
 */
import { describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import type { MatchRecord } from '../../src/domain/match.ts';
import { runBacktest } from '../../src/pipelines/evaluation/backtest.ts';
import { DRIVERS } from '../support/services.ts';
import { syntheticLeague } from '../unit/features/synthetic-league.ts';

const base = loadParams();
const params: Params = {
  ...base,
  train: { ...base.train, train_from: '2000-07-01', min_matches_played: 0 },
  backtest: { ...base.backtest, start: '2016-07-01' },
};
const NOW = Date.UTC(2018, 1, 1);

async function insertMatches(db: Db, matches: readonly MatchRecord[]): Promise<Map<number, number>> {
  const [region] = await db.query<{ id: number }>(
    `INSERT INTO regions (code, name, country) VALUES ('XX', 'Testland', 'Testland') RETURNING id`,
  );
  const teamIds = new Map<number, number>();
  for (const t of new Set(matches.flatMap((m) => [m.homeTeamId, m.awayTeamId]))) {
    const [row] = await db.query<{ id: number }>(
      'INSERT INTO teams (name, region_id, sex) VALUES ($1, $2, 0) RETURNING id',
      [`Team ${t}`, region?.id],
    );
    teamIds.set(t, row?.id as number);
  }
  const ids = new Map<number, number>();
  for (const m of matches) {
    const [row] = await db.query<{ match_id: number }>(
      `INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc, home_team_id,
                            away_team_id, home_score, away_score, status)
       VALUES ('test', $1, $2, 'L1', $3, 0, $4, $5, $6, $7, $8, $9) RETURNING match_id`,
      [
        `m${m.matchId}`,
        region?.id,
        m.season,
        new Date(m.startTimeMs),
        teamIds.get(m.homeTeamId),
        teamIds.get(m.awayTeamId),
        m.homeScore,
        m.awayScore,
        m.status,
      ],
    );
    ids.set(Number(row?.match_id), m.startTimeMs);
  }
  return ids;
}

describe.each(DRIVERS)('backtest ($driver)', (driver) => {
  it.skipIf(!driver.available)(
    'logs one honest out-of-sample probability per match, a rerun replaces them, an empty one keeps them',
    async () => {
      const { db, dispose } = await driver.open();
      try {
        // Two seasons (112 matches) before the first period: enough to train on (at least 100 are required).
        const league = syntheticLeague({
          seed: 5,
          teams: 8,
          seasons: 4,
          firstYear: 2014,
          unplayedFromMs: NOW,
        });
        // A fixture whose kick-off passed months ago and that never got a result: nothing to score, not predicted.
        const overdue = league.findIndex((m) => m.startTimeMs >= Date.UTC(2017, 8, 1));
        const matches = league.map((m, i) =>
          i === overdue ? { ...m, homeScore: null, awayScore: null, status: 'scheduled' as const } : m,
        );
        const kickoffs = await insertMatches(db, matches);
        const options = { params, period: 'month' as const, nowMs: NOW, modelName: 'soccer-match-outcome' };
        const summary = await runBacktest(db, options);
        const expected = matches.filter(
          (m) => m.startTimeMs >= Date.UTC(2016, 6, 1) && m.startTimeMs < NOW && m.status === 'finished',
        );
        expect(summary.predictions).toBe(expected.length);
        expect(summary.periods).toBeGreaterThan(3);

        const rows = await db.query<{
          match_id: number;
          source: string;
          trained_until: Date;
          proba_home: number;
          proba_draw: number;
          proba_away: number;
        }>(`SELECT match_id, source, trained_until, proba_home, proba_draw, proba_away FROM prediction_log`);
        expect(rows).toHaveLength(expected.length);
        for (const r of rows) {
          expect(r.source).toBe('backtest');
          expect(r.trained_until.getTime()).toBeLessThan(kickoffs.get(Number(r.match_id)) as number);
          expect(r.proba_home + r.proba_draw + r.proba_away).toBeCloseTo(1, 9);
        }

        await runBacktest(db, options);
        const count = async () =>
          (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM prediction_log'))[0]?.n;
        expect(await count()).toBe(expected.length);
        // A window past the data predicts nothing, and keeps the previous reconstruction (it wiped it once).
        const empty = await runBacktest(db, { ...options, startMs: NOW + 86_400_000 });
        expect(empty.predictions).toBe(0);
        expect(await count()).toBe(expected.length);
      } finally {
        await dispose();
      }
    },
  );
});
