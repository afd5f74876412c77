/**
 * The plain daily step's incremental reads return, day after day, exactly what their full reads return, on both
 * drivers: the match records the feature table is built from (loadMatchRecordsSince), the honest past predictions
 * batch inference publishes (honestPastPredictionsSince) and the odds history of the bets live betting values
 * (loadSnapshotsSince). Days bring new predictions, kick-offs passing, results, statistics, a kick-off moved before a
 * prediction, new prices and a new match; a backtest replacing its rows, a deleted price, corrected statistics and
 * a deleted match must make them read everything again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { loadMatchRecords, loadMatchRecordsSince, type MatchRecords } from '../../src/db/match-repository.ts';
import {
  loadSnapshots,
  loadSnapshotsSince,
  type SnapshotHistory,
  snapshotsByMatch,
} from '../../src/db/odds-history-repository.ts';
import {
  appendPredictions,
  type HonestPast,
  honestPastPredictions,
  honestPastPredictionsSince,
  type NewPrediction,
} from '../../src/db/prediction-log-repository.ts';
import type { LoggedPrediction } from '../../src/domain/leakage-rule.ts';
import type { OddsSnapshot } from '../../src/domain/odds-history.ts';
import { DRIVERS } from '../support/services.ts';
import { writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2025-01-20T00:00:00Z');

// Each day's change besides the day's batch predictions, and whether the incremental reads may vouch for it
// (prediction log, odds history, match records).
const DAYS: readonly {
  readonly name: string;
  readonly sql: string;
  readonly log: boolean;
  readonly odds: boolean;
  readonly records: boolean;
}[] = [
  { name: 'nothing but the day', sql: 'SELECT 1', log: true, odds: true, records: true },
  {
    name: 'results arrive, new dated prices',
    sql: `
        UPDATE matches SET status = 'finished', home_score = 1, away_score = 0
        WHERE status = 'scheduled' AND start_time_utc < '2025-01-22T00:00:00Z';
        INSERT INTO match_stats (match_id, home_shots, away_shots, home_shots_target, away_shots_target)
        SELECT match_id, 12, 9, 5, 3 FROM matches WHERE start_time_utc < '2025-01-22T00:00:00Z'
        ON CONFLICT (match_id) DO NOTHING;
        INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
        SELECT match_id, 'exchange', 'snapshot', start_time_utc - interval '2 hours', 2.5, 3.5, 4.5
        FROM matches WHERE match_id % 3 = 1;`,
    log: true,
    odds: true,
    records: true,
  },
  {
    name: 'a kick-off moved before a logged prediction, another one later',
    sql: `
        UPDATE matches SET start_time_utc = start_time_utc - interval '2 days'
        WHERE match_id = (SELECT min(match_id) FROM matches WHERE start_time_utc > '2025-01-23T12:00:00Z');
        UPDATE matches SET start_time_utc = start_time_utc + interval '3 days'
        WHERE match_id = (SELECT max(match_id) FROM matches WHERE start_time_utc < '2025-01-22T00:00:00Z');`,
    log: true,
    odds: true,
    records: true,
  },
  {
    name: 'a new match with a price, backtest rows',
    sql: `
        INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
                             home_team_id, away_team_id, status)
        SELECT source, 'plain-incr-new', region_id, competition, season, sex, '2025-01-24T18:00:00Z',
               home_team_id, away_team_id, 'scheduled'
        FROM matches ORDER BY match_id LIMIT 1;
        INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
        SELECT match_id, 'newbook', 'snapshot', start_time_utc - interval '1 day', 2.05, 3.05, 4.05
        FROM matches WHERE source_key = 'plain-incr-new';
        INSERT INTO prediction_log (match_id, model_name, model_version, source, proba_home, proba_draw,
                                    proba_away, trained_until, computed_at)
        SELECT match_id, 'm', 1, 'backtest', 0.4, 0.3, 0.3, start_time_utc - interval '1 day', '2025-03-01'
        FROM matches WHERE match_id % 10 = 0;`,
    log: true,
    odds: true,
    records: true,
  },
  {
    name: 'a backtest replacing its rows (log rows deleted)',
    sql: `
        DELETE FROM prediction_log WHERE source = 'backtest';
        INSERT INTO prediction_log (match_id, model_name, model_version, source, proba_home, proba_draw,
                                    proba_away, trained_until, computed_at)
        SELECT match_id, 'm', 2, 'backtest', 0.5, 0.3, 0.2, start_time_utc - interval '1 day', '2025-03-02'
        FROM matches WHERE match_id % 3 = 0;`,
    log: false,
    odds: true,
    records: true,
  },
  {
    name: 'a deleted and a corrected price, a far fixture',
    sql: `
        DELETE FROM odds WHERE bookmaker = 'exchange' AND match_id % 2 = 0;
        UPDATE odds SET odd_home = odd_home + 0.25 WHERE bookmaker = 'testbook' AND match_id % 5 = 0;
        INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
                             home_team_id, away_team_id, status)
        SELECT source, 'plain-incr-far', region_id, competition, season, sex, '2025-06-01T18:00:00Z',
               home_team_id, away_team_id, 'scheduled'
        FROM matches ORDER BY match_id LIMIT 1;`,
    log: true,
    odds: false,
    records: true,
  },
  {
    name: 'corrected statistics',
    sql: `UPDATE match_stats SET home_corners = 4 WHERE match_id % 2 = 0;`,
    log: true,
    odds: true,
    records: false,
  },
  {
    name: 'a far fixture deleted (no statistics, prices or predictions)',
    sql: `DELETE FROM matches WHERE source_key = 'plain-incr-far';`,
    log: true,
    odds: true,
    records: false,
  },
  {
    name: 'more prices and predictions after the fall-backs',
    sql: `
        INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
        SELECT match_id, 'exchange', 'snapshot', start_time_utc - interval '30 minutes', 2.6, 3.6, 4.6
        FROM matches WHERE match_id % 5 = 0;`,
    log: true,
    odds: true,
    records: true,
  },
  { name: 'nothing again', sql: 'SELECT 1', log: true, odds: true, records: true },
];

const predictionKey = (p: LoggedPrediction) => JSON.stringify(p);

/** Candidates per match in a fixed order: the full read's order within a match is the scan's. */
function canonical(byMatch: ReadonlyMap<number, readonly LoggedPrediction[]>): [number, string[]][] {
  return [...byMatch.entries()]
    .map(([id, list]): [number, string[]] => [id, list.map(predictionKey).sort()])
    .sort((a, b) => a[0] - b[0]);
}

function grouped(predictions: readonly LoggedPrediction[]): Map<number, LoggedPrediction[]> {
  const out = new Map<number, LoggedPrediction[]>();
  for (const p of predictions) out.set(p.matchId, [...(out.get(p.matchId) ?? []), p]);
  return out;
}

function snapshotsOf(ids: readonly number[], all: ReadonlyMap<number, readonly OddsSnapshot[]>) {
  return ids.map((id) => [id, all.get(id) ?? []] as const);
}

/** The day's batch predictions: every match kicking off in the next three days, two versions a day. */
async function logDay(db: Db, nowMs: number): Promise<void> {
  const upcoming = await db.query<{ match_id: number }>(
    `SELECT match_id FROM matches WHERE start_time_utc > $1 AND start_time_utc <= $2 ORDER BY match_id`,
    [new Date(nowMs), new Date(nowMs + 3 * DAY_MS)],
  );
  const rows: NewPrediction[] = upcoming.flatMap((m, i) =>
    (['champion', 'challenger'] as const).map((alias, k) => ({
      matchId: Number(m.match_id),
      modelName: 'm',
      modelVersion: k + 1,
      modelAlias: alias,
      runId: `run-${nowMs}`,
      source: 'batch' as const,
      probabilities: [
        0.3 + ((i + nowMs / DAY_MS) % 7) / 100,
        0.3,
        0.4 - ((i + nowMs / DAY_MS) % 7) / 100,
      ] as const,
      goalMarkets: k === 0 ? { over25: 0.55, btts: 0.5 } : null,
      trainedUntil: new Date(nowMs - DAY_MS),
      computedAt: new Date(nowMs),
    })),
  );
  await db.transaction((tx) => appendPredictions(tx, rows, new Date(nowMs)));
}

describe.each(DRIVERS)('plain-day incremental reads on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    if (!driver.available) return;
    ({ db, dispose } = await driver.open());
    await writeSyntheticWorld(db, {
      seed: 7,
      now: new Date('2025-01-21T00:00:00Z'),
      firstKickoff: new Date('2025-01-01T15:00:00Z'),
      seasons: 1,
    });
    // Predictions logged before the first day, so the first read has a history to carry.
    for (let day = FIRST_DAY - 5 * DAY_MS; day < FIRST_DAY; day += DAY_MS) await logDay(db, day);
  });

  afterAll(async () => {
    if (driver.available) await dispose();
  });

  it.runIf(driver.available)(
    'equal the full reads after every day of changes, falling back when they cannot vouch',
    async () => {
      let past: HonestPast | null = null;
      let history: SnapshotHistory | null = null;
      let records: MatchRecords | null = null;
      const seen = { past: 0, bets: 0 };
      for (const [index, day] of DAYS.entries()) {
        const nowMs = FIRST_DAY + index * DAY_MS;
        const now = new Date(nowMs);
        await db.exec(day.sql);
        await logDay(db, nowMs);
        records = await loadMatchRecordsSince(db, records);
        expect(records.records, day.name).toEqual(await loadMatchRecords(db));
        past = await honestPastPredictionsSince(db, now, past);
        const fullPast = grouped(await honestPastPredictions(db, now));
        expect(canonical(past.byMatch), day.name).toEqual(canonical(fullPast));
        // The bets: every match that kicked off, as live betting asks for them (a different set each day).
        const bets = (
          await db.query<{ match_id: number }>(
            'SELECT match_id FROM matches WHERE start_time_utc <= $1 ORDER BY match_id',
            [now],
          )
        ).map((r) => Number(r.match_id));
        history = await loadSnapshotsSince(db, bets, history);
        const fullHistory = snapshotsByMatch(await loadSnapshots(db, bets));
        expect(snapshotsOf(bets, history.byMatch), day.name).toEqual(snapshotsOf(bets, fullHistory));
        seen.past = Math.max(seen.past, fullPast.size);
        seen.bets = Math.max(seen.bets, bets.length);
        // Which reads fall back is certain only without other sessions. On a shared server (CI runs other files
        // beside this one) a transaction elsewhere holds the snapshot's xmin back: rows written meanwhile stay
        // "unsettled", so a day that may be read incrementally re-reads them, and a deletion of such rows is met
        // by re-reading their matches rather than everything. The answers above equal the full reads either way.
        if (index > 0 && driver.driver === 'pglite') {
          expect(past.readMatches === null, `${day.name}: log read in full`).toBe(!day.log);
          expect(history.readMatches === bets.length, `${day.name}: history read in full`).toBe(!day.odds);
          expect(records.rereadMatches === null, `${day.name}: records read in full`).toBe(!day.records);
        }
        if (index > 0 && day.log && day.odds && driver.driver === 'pglite') {
          expect(past.readMatches, day.name).toBeLessThan(fullPast.size);
          expect(history.readMatches, day.name).toBeLessThan(bets.length);
        }
      }
      // The days mattered: a growing history, and the moved kick-off made a logged prediction dishonest.
      expect(seen.past).toBeGreaterThan(10);
      expect(seen.bets).toBeGreaterThan(40);
    },
    120_000,
  );
});
