/**
 * The demo world lives like real football (issue #13 item 7): fixtures appear days ahead with pre-match prices
 * observed before kick-off, batch inference logs its predictions before kick-off, and once the virtual week has
 * passed the match is graded against the closing price with a closing-line value — through the demo's own
 * stages on a virtual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParams, trackRecordRulesOf } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { loadTrackRecordInput } from '../../src/db/track-record-repository.ts';
import { trackRecord } from '../../src/pipelines/reports/track-record.ts';
import { createPipeline, type Pipeline } from '../../src/pipelines/run/pipeline.ts';
import type { DemoSource } from '../../src/pipelines/run/pipeline-context.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { DRIVERS } from '../support/services.ts';

const DAY = 86_400_000;
/** A Wednesday: the coming weekend's prices are open, the next weekend's fixtures are out without prices. */
const T0 = new Date('2026-10-07T12:00:00Z');
const T1 = new Date(T0.getTime() + 7 * DAY);
// Two years of history keep the pipeline to seconds.
const source: DemoSource = { kind: 'demo', seed: 5, historyYears: 2 };
const params = loadParams();
// The shared PostgreSQL server (a schema of its own): no PGlite start-up, so the file stays fast.
const postgres = DRIVERS.find((d) => d.driver === 'postgres');

describe.runIf(postgres?.available)('the demo world on a virtual clock', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let dir: string;
  let pipeline: Pipeline;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'matchcast-demo-record-'));
    ({ db, dispose } = await (postgres as NonNullable<typeof postgres>).open());
    const store = createFileArtifactStore(join(dir, 'artifacts'));
    pipeline = createPipeline({
      db,
      store,
      registry: createModelRegistry({ db, store }),
      runs: createRunRepository(db),
      params,
      modelName: 'soccer-match-outcome',
    });
  });

  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows fixtures days ahead with pre-match prices, predicts them before kick-off, then grades them with a CLV', {
    timeout: 120_000,
  }, async () => {
    await pipeline.run({
      source,
      now: T0,
      only: ['ingest', 'features', 'train', 'evaluate', 'register', 'batch_inference'],
    });

    const [ahead] = await db.query<{ fixtures: number; far: number; priced: number; future_prices: number }>(
      `SELECT (SELECT count(*) FROM matches WHERE status = 'scheduled' AND start_time_utc > $1)::int AS fixtures,
              (SELECT count(*) FROM matches WHERE status = 'scheduled'
                 AND start_time_utc > $1::timestamptz + interval '7 days')::int AS far,
              (SELECT count(DISTINCT s.match_id) FROM odds_snapshots s JOIN matches m USING (match_id)
                 WHERE m.start_time_utc > $1 AND s.kind = 'pre_match' AND s.observed_at <= $1)::int AS priced,
              (SELECT count(*) FROM odds_snapshots WHERE observed_at > $1)::int AS future_prices`,
      [T0],
    );
    // Two weekends of fixtures, the first one priced; no price the virtual day has not seen yet.
    expect(ahead?.far).toBeGreaterThan(0);
    expect(ahead?.priced).toBeGreaterThan(0);
    expect(ahead?.priced).toBeLessThan(ahead?.fixtures as number);
    expect(ahead?.future_prices).toBe(0);

    const [logged] = await db.query<{ n: number; earliest_lead_days: number }>(
      `SELECT count(*)::int AS n, min(extract(epoch FROM m.start_time_utc - p.computed_at) / 86400)::float8
              AS earliest_lead_days
       FROM prediction_log p JOIN matches m USING (match_id)
       WHERE p.source = 'batch' AND p.computed_at = $1 AND m.start_time_utc > $1`,
      [T0],
    );
    expect(logged?.n).toBe(ahead?.fixtures);
    expect(logged?.earliest_lead_days).toBeGreaterThan(1);

    // A virtual week later: the weekend's results and closing prices are in.
    await pipeline.run({ source, now: T1, only: ['ingest'] });
    const [prices] = await db.query<{ bad: number; closing: number }>(
      `SELECT count(*) FILTER (WHERE s.kind = 'pre_match' AND s.observed_at >= m.start_time_utc
                                  OR s.kind = 'closing' AND s.observed_at <> m.start_time_utc)::int AS bad,
              count(*) FILTER (WHERE s.kind = 'closing' AND m.start_time_utc > $1)::int AS closing
       FROM odds_snapshots s JOIN matches m USING (match_id)`,
      [T0],
    );
    expect(prices).toEqual({ bad: 0, closing: expect.any(Number) });
    expect(prices?.closing).toBeGreaterThan(0);

    const record = trackRecord(await loadTrackRecordInput(db), trackRecordRulesOf(params));
    expect(record.late_predictions).toBe(0);
    expect(record.graded).toBeGreaterThan(0);
    expect(record.graded).toBeLessThan(record.matches_predicted);
    expect(record.market_closing.n).toBe(record.graded);
    expect(record.market_pre_match.n).toBe(record.graded);
    // Every bet was taken at a pre-match price, so every one has a closing-line value.
    expect(record.clv.n_bets).toBeGreaterThan(0);
    expect(record.clv).toMatchObject({ n_bets: record.roi.flat.n_bets, taken_at_close: 0 });
    const [low, high] = record.clv.ci95 ?? [Number.NaN, Number.NaN];
    expect(low).toBeLessThanOrEqual(record.clv.mean as number);
    expect(high).toBeGreaterThanOrEqual(record.clv.mean as number);
    // A model weaker than the market does not beat the closing line by much (a week's few bets: wide bounds).
    expect(record.clv.mean).toBeGreaterThan(-0.2);
    expect(record.clv.mean).toBeLessThan(0.08);
  });
});
