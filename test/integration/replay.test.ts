/**
 * `runReplay` on a small real slice (issue #13 item 4): two main divisions, two weeks of 2025-26 with three
 * rounds, the real sync against the stand-in provider and the real stages on PostgreSQL. The replay is stopped
 * half-way (as a kill would) and run again: it continues from the last finished day, nothing is published at or
 * after kick-off, no price is held before football-data collected it, every chain entry is chained at virtual time,
 * and the track record equals one recomputed here straight from the prediction log and odds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { removeMargin } from '../../src/domain/margin-removal.ts';
import { runReplay } from '../../src/pipelines/replay/replay.ts';
import type { PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { storePipelineDeps } from '../../src/pipelines/run/pipeline-services.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { DRIVERS, IN_CI } from '../support/services.ts';

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const present = existsSync(join(DATA, 'E0', '2025-26.csv')) && existsSync(join(DATA, 'D1', '2025-26.csv'));
if (!present && IN_CI) throw new Error(`football data not found at ${DATA}`);

const postgres = DRIVERS[1]!;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const FROM = Date.UTC(2025, 9, 18);
const TO = Date.UTC(2025, 9, 31);
const base = loadParams();
// History of the current season only, weekly retraining (Mondays): honest, and fast enough for CI.
const params: Params = {
  ...base,
  train: { ...base.train, train_from: '2025-07-01', min_matches_played: 0 },
  evaluate: { ...base.evaluate, test_from: '2025-05-01' },
  betting: { ...base.betting, bootstrap: { resamples: 200, seed: 1 } },
};
const options = {
  dataDir: DATA,
  fromMs: FROM,
  toMs: TO,
  leagues: ['E0', 'D1'],
  fromSeason: '2025-26',
  retrain: '0 0 * * 1',
};

async function replayDeps(db: Db): Promise<PipelineDeps> {
  const folder = mkdtempSync(join(tmpdir(), 'matchcast-replay-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return storePipelineDeps(db, createFileArtifactStore(folder), params, 'replay-model');
}

const EPS = 1e-15;

describe.runIf(present && postgres.available)('replay of a small real slice', () => {
  it('publishes nothing late, and its track record is the prediction log recomputed', async () => {
    const { db, dispose } = await postgres.open();
    cleanups.push(dispose);
    const deps = await replayDeps(db);
    const first = await runReplay({ deps, ...options, maxDays: 6 });
    expect(first).toMatchObject({ daysRun: 6, finished: false, resumedAfter: null });
    const result = await runReplay({ deps, ...options });
    expect(result).toMatchObject({ daysRun: 9, finished: true, resumedAfter: '2025-10-23' });
    const record = result.record;
    expect(record.late_predictions).toBe(0);
    expect(record.graded).toBeGreaterThan(30);

    // Independent recomputation: the last batch prediction logged before kick-off of each finished match.
    const rows = await db.query<{
      match_id: number;
      home_score: number;
      away_score: number;
      proba_home: number;
      proba_draw: number;
      proba_away: number;
      computed_at: Date;
      start_time_utc: Date;
    }>(
      `SELECT DISTINCT ON (m.match_id) m.match_id, m.home_score, m.away_score,
              p.proba_home, p.proba_draw, p.proba_away, p.computed_at, m.start_time_utc
       FROM prediction_log p JOIN matches m USING (match_id)
       WHERE p.source = 'batch' AND p.model_alias = 'champion' AND m.status = 'finished'
         AND m.start_time_utc >= $1 AND m.start_time_utc < $2
       ORDER BY m.match_id, p.computed_at DESC, p.id`,
      [new Date(FROM), new Date(TO + 86_400_000)],
    );
    const [late] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM prediction_log p JOIN matches m USING (match_id)
       WHERE p.source <> 'backtest' AND p.computed_at >= m.start_time_utc`,
    );
    expect(late?.n).toBe(0);
    // No price is held before it existed: after the last step (the morning after TO), nothing is observed later.
    const [early] = await db.query<{ n: number; priced: number }>(
      `SELECT count(*) FILTER (WHERE observed_at > $1)::int AS n,
              count(DISTINCT match_id) FILTER (WHERE kind = 'pre_match')::int AS priced
       FROM odds_snapshots`,
      [new Date(TO + 86_400_000)],
    );
    expect(early).toMatchObject({ n: 0, priced: expect.any(Number) });
    expect(early?.priced).toBeGreaterThan(30);
    // Chained on the replay's virtual clock: each entry when its batch ran, never the wall-clock time.
    const [chained] = await db.query<{ n: number; off: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE c.chained_at <> p.computed_at)::int AS off
       FROM prediction_chain c JOIN prediction_log p ON p.id = c.prediction_id`,
    );
    expect(chained?.n).toBeGreaterThan(0);
    expect(chained?.off).toBe(0);
    // Goal markets are logged with each published prediction.
    const [goals] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM prediction_log WHERE source <> 'backtest' AND proba_over_2_5 IS NULL`,
    );
    expect(goals?.n).toBe(0);
    expect(rows.length).toBe(record.graded);
    const outcome = (r: (typeof rows)[number]) =>
      r.home_score > r.away_score ? 0 : r.home_score === r.away_score ? 1 : 2;
    let logLoss = 0;
    for (const r of rows) {
      const p = [r.proba_home, r.proba_draw, r.proba_away][outcome(r)] as number;
      logLoss -= Math.log(Math.max(EPS, p));
    }
    expect(record.model.log_loss).toBeCloseTo(logLoss / rows.length, 9);

    // The closing market from the odds table (Pinnacle's closing price, margin removed as params say).
    const closing = await db.query<{ match_id: number; h: number; d: number; a: number }>(
      `SELECT match_id, odd_home AS h, odd_draw AS d, odd_away AS a FROM odds
       WHERE kind = 'closing' AND bookmaker = 'pinnacle' AND match_id = ANY($1::bigint[])`,
      [rows.map((r) => r.match_id)],
    );
    const byId = new Map(rows.map((r) => [Number(r.match_id), r]));
    let marketLoss = 0;
    for (const c of closing) {
      const r = byId.get(Number(c.match_id));
      if (!r) continue;
      const q = removeMargin([c.h, c.d, c.a], params.evaluate.margin_method);
      marketLoss -= Math.log(Math.max(EPS, q[outcome(r)] as number));
    }
    expect(record.market_closing.n).toBe(closing.length);
    expect(record.market_closing.log_loss).toBeCloseTo(marketLoss / closing.length, 9);
    expect(record.by_league.map((l) => l.league).sort()).toEqual([
      'England / Premier League',
      'Germany / Bundesliga',
    ]);
    expect(record.by_league.reduce((s, l) => s + l.n, 0)).toBe(record.graded);
    expect(record.roi.flat.n_bets).toBeGreaterThan(0);
    expect(record.clv.ci95).not.toBeNull();
  }, 300_000);
});
