/**
 * The pipeline end to end on a small synthetic world, on both database drivers: a first run runs every stage
 * and publishes honest predictions; an unchanged second run skips everything; a data or param change re-runs
 * exactly what depends on it; a failing stage stops the run and leaves earlier outputs intact.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { ARTIFACT_KEYS } from '../../src/domain/artifacts.ts';
import { PSI_ROWS_PER_BIN } from '../../src/pipelines/reports/feature-drift.ts';
import { LOCK_FILE_KEY, parseLockFile } from '../../src/pipelines/run/lock-file.ts';
import { createPipeline, PIPELINE_STAGES, type PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import type { PipelineContext } from '../../src/pipelines/run/pipeline-context.ts';
import { storePipelineDeps } from '../../src/pipelines/run/pipeline-services.ts';
import { StageFailedError, type StageReport } from '../../src/pipelines/run/runner.ts';
import type { Stage } from '../../src/pipelines/run/stage.ts';
import { getJson, getParquet } from '../../src/storage/artifact-io.ts';
import { predictionRows } from '../../src/storage/artifacts/artifact-tables.ts';
import { DriftReport } from '../../src/storage/artifacts/drift-report.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { DRIVERS } from '../support/services.ts';
import { PIPELINE_WORLD, writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const NOW = PIPELINE_WORLD.now;
const LATER = new Date('2025-05-01T12:05:00Z'); // no kick-off in between: no clock-driven re-run

const statuses = (reports: readonly StageReport[]) =>
  Object.fromEntries(reports.map((r) => [r.stage, r.status]));

describe.each(DRIVERS)('pipeline on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let folder: string;
  let deps: PipelineDeps;
  const params: Params = loadParams();

  beforeAll(async () => {
    if (!driver.available) return;
    ({ db, dispose } = await driver.open());
    folder = mkdtempSync(join(tmpdir(), 'matchcast-pipeline-'));
    deps = storePipelineDeps(db, createFileArtifactStore(folder), params, 'test-model');
    await writeSyntheticWorld(db, PIPELINE_WORLD);
  });

  afterAll(async () => {
    if (!driver.available) return;
    await dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it.runIf(driver.available)('runs every stage once, then skips them all when nothing changed', async () => {
    const pipeline = createPipeline(deps);
    const first = await pipeline.run({ source: { kind: 'none' }, now: NOW });
    expect(first.map((r) => r.status)).toEqual(Array(11).fill('ran'));
    for (const key of [
      ARTIFACT_KEYS.features,
      ARTIFACT_KEYS.predictions,
      ARTIFACT_KEYS.odds,
      ARTIFACT_KEYS.regionRoi,
      ARTIFACT_KEYS.profitByDay,
      ARTIFACT_KEYS.driftLatest,
      LOCK_FILE_KEY,
    ]) {
      expect(await deps.store.head(key), key).not.toBeNull();
    }
    expect(await deps.registry.aliasVersion('test-model', 'champion')).toBe(1);
    // One timeline: the version, its promotion and the predictions it logged all carry the run's "now" (a
    // virtual day in the demo's warm-up), not the database's clock.
    expect((await deps.registry.getVersion('test-model', 1))?.createdAt).toEqual(NOW);
    expect((await deps.registry.history('test-model')).map((p) => p.at)).toEqual([NOW, NOW]);
    const [logged] = await db.query<{ n: number; first: Date; last: Date }>(
      `SELECT count(*)::int AS n, min(computed_at) AS first, max(computed_at) AS last
       FROM prediction_log WHERE source = 'batch'`,
    );
    expect(logged).toEqual({ n: expect.any(Number), first: NOW, last: NOW });
    expect(logged?.n).toBeGreaterThan(0);
    const second = await pipeline.run({ source: { kind: 'none' }, now: LATER });
    expect(second.map((r) => r.status)).toEqual(Array(11).fill('skipped'));
    const runs = await deps.runs.list({ experiment: 'pipeline', limit: 100 });
    expect(runs.filter((r) => r.status === 'success')).toHaveLength(11);
    expect(runs.filter((r) => r.status === 'skipped')).toHaveLength(11);
    const train = runs.find((r) => r.stage === 'train' && r.status === 'success');
    expect(train?.metrics.duration_ms).toEqual(expect.any(Number));
    expect(train?.dataFingerprint).toEqual(expect.any(String));
  });

  it.runIf(driver.available)('states the drift rule it applied, and every feature follows it', async () => {
    // In the shape the API documents for it (GET /monitoring/drift).
    const report = (await getJson(deps.store, ARTIFACT_KEYS.driftLatest, DriftReport))?.value as DriftReport;
    expect(report.thresholds).toEqual({ psi: params.drift.psi_threshold, ks_pvalue: params.drift.ks_pvalue });
    expect(report.features.length).toBeGreaterThan(0);
    // PSI counts only on a current window with PSI_ROWS_PER_BIN rows a bin.
    const psiJudged = report.current.n >= PSI_ROWS_PER_BIN * params.drift.psi_bins;
    for (const f of report.features)
      expect(f.drifted, f.feature).toBe(
        (psiJudged && f.psi >= params.drift.psi_threshold) || f.ks_pvalue < params.drift.ks_pvalue,
      );
  });

  it.runIf(driver.available)(
    'publishes upcoming predictions from the champion and nothing leaky for past matches',
    async () => {
      const predictions = await getParquet(deps.store, ARTIFACT_KEYS.predictions);
      const rows = predictionRows(predictions?.table ?? {});
      const upcoming = rows.filter((r) => r.is_future);
      expect(upcoming.length).toBeGreaterThan(0);
      expect(
        upcoming.every((r) => r.model_stage === 'champion' && Date.parse(r.start_time_utc) > NOW.getTime()),
      ).toBe(true);
      // model_run_id names the run that trained the champion, as live predictions and model info do.
      const champion = await deps.registry.resolve('test-model', 'champion');
      expect(champion?.runId).toEqual(expect.any(String));
      expect(new Set(upcoming.map((r) => r.model_run_id))).toEqual(new Set([champion?.runId]));
      // History comes from the walk-forward backtest, each row from a model trained before its kick-off.
      expect(rows.filter((r) => !r.is_future && r.model_stage === 'backtest').length).toBeGreaterThan(50);
      for (const r of rows) expect(Date.parse(r.trained_until)).toBeLessThan(Date.parse(r.start_time_utc));
      // Over 2.5 and BTTS ride along from the feature row's Dixon–Coles fit (results before the match only),
      // logged with the 1X2 (the backtest's for past matches). This small world has fewer finished matches than
      // goal_markets.min_matches, so no recalibration is fitted yet and the raw score matrix stands (the
      // recalibrated path: test/unit/pipelines/calibrated-goal-markets.test.ts).
      const features = (await getParquet(deps.store, ARTIFACT_KEYS.features))?.table ?? {};
      const featureRow = new Map((features.match_id ?? []).map((id, i) => [Number(id), i]));
      for (const r of rows) {
        const i = featureRow.get(r.match_id) as number;
        expect(r.proba_over_2_5).toBeCloseTo(features.dc_over25?.[i] as number, 12);
        expect(r.proba_btts).toBeCloseTo(features.dc_btts?.[i] as number, 12);
        expect(r.proba_over_2_5).toBeGreaterThan(0);
        expect(r.proba_btts).toBeLessThan(1);
      }
      const [logged] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM prediction_log WHERE source = 'batch' AND model_alias = 'champion'",
      );
      expect(logged?.n).toBe(upcoming.length);
      // A forced re-run with nothing new publishes nothing new: the same probabilities are not logged twice.
      await createPipeline(deps).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['batch_inference'],
        force: true,
      });
      const [again] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM prediction_log WHERE source = 'batch' AND model_alias = 'champion'",
      );
      expect(again?.n).toBe(upcoming.length);

      // A finished match shows the goal markets logged with its 1X2, not the feature table's: with the logged
      // pair gone, the match shows none, though the feature row still has them.
      const past = rows.find((r) => !r.is_future) as (typeof rows)[number];
      const [log] = await db.query<{ proba_over_2_5: number; proba_btts: number }>(
        `SELECT proba_over_2_5, proba_btts FROM prediction_log WHERE match_id = $1 AND source = 'backtest'`,
        [past.match_id],
      );
      expect([past.proba_over_2_5, past.proba_btts]).toEqual([log?.proba_over_2_5, log?.proba_btts]);
      await db.query(
        `UPDATE prediction_log SET proba_over_2_5 = NULL, proba_btts = NULL WHERE match_id = $1`,
        [past.match_id],
      );
      await createPipeline(deps).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['batch_inference'],
        force: true,
      });
      const after = predictionRows((await getParquet(deps.store, ARTIFACT_KEYS.predictions))?.table ?? {});
      expect(after.find((r) => r.match_id === past.match_id)).toMatchObject({
        proba_home: past.proba_home,
        proba_over_2_5: null,
        proba_btts: null,
      });
    },
  );

  it.runIf(driver.available)(
    're-runs only what a change touches, and never shows a leaky past probability',
    async () => {
      const pipeline = createPipeline(deps);
      // A param of the betting simulation: only live_betting depends on it.
      const stricter = { ...params, betting: { ...params.betting, edge_threshold: 0.5 } };
      const paramRun = await createPipeline({ ...deps, params: stricter }).run({
        source: { kind: 'none' },
        now: LATER,
      });
      expect(statuses(paramRun)).toMatchObject({
        train: 'skipped',
        batch_inference: 'skipped',
        live_betting: 'ran',
      });

      // Time passes: the first upcoming match kicks off and gets a result. A leaky entry (a model trained on the
      // match) is logged for it too; the published row must be the champion's pre-kick-off one.
      const [next] = await db.query<{ match_id: number; start_time_utc: Date }>(
        "SELECT match_id, start_time_utc FROM matches WHERE status = 'scheduled' ORDER BY start_time_utc, match_id LIMIT 1",
      );
      if (!next) throw new Error('no scheduled match');
      await db.query(
        "UPDATE matches SET status = 'finished', home_score = 2, away_score = 0, updated_at = now() WHERE match_id = $1",
        [next.match_id],
      );
      await db.query(
        `INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, source, proba_home, proba_draw,
         proba_away, trained_until, computed_at)
       VALUES ($1, 'test-model', 99, 'champion', 'batch', 0.98, 0.01, 0.01, $2, $2)`,
        [next.match_id, new Date(next.start_time_utc.getTime() + 3_600_000)],
      );
      const afterKickoff = new Date(next.start_time_utc.getTime() + 2 * 3_600_000);
      const dataRun = await pipeline.run({ source: { kind: 'none' }, now: afterKickoff });
      expect(statuses(dataRun)).toMatchObject({
        ingest: 'skipped',
        features: 'ran',
        train: 'ran',
        register: 'ran',
        batch_inference: 'ran',
        odds: 'skipped',
      });
      // A retrained model is a candidate; the champion stays until promoted by hand.
      expect(await deps.registry.aliasVersion('test-model', 'candidate')).toBe(2);
      expect(await deps.registry.aliasVersion('test-model', 'champion')).toBe(1);

      const rows = predictionRows((await getParquet(deps.store, ARTIFACT_KEYS.predictions))?.table ?? {});
      const published = rows.find((r) => r.match_id === Number(next.match_id));
      const v1 = (await deps.registry.listVersions('test-model')).find((v) => v.version === 1);
      expect(published).toMatchObject({
        is_future: false,
        model_stage: 'champion',
        model_version: 1,
        model_run_id: v1?.runId,
      });
      expect(published?.proba_home).not.toBe(0.98);
      expect(Date.parse(published?.computed_at ?? '')).toBeLessThan(next.start_time_utc.getTime());
    },
  );

  it.runIf(driver.available)(
    'moves the champion to the new version when the feature set changes under it',
    async () => {
      const changed = { ...params, features: { ...params.features, elo: { ...params.features.elo, k: 24 } } };
      await createPipeline({ ...deps, params: changed }).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['features', 'train', 'register'],
      });
      const candidate = await deps.registry.aliasVersion('test-model', 'candidate');
      expect(await deps.registry.aliasVersion('test-model', 'champion')).toBe(candidate);
      const latest = (await deps.registry.history('test-model', 'champion')).at(-1);
      expect(latest).toMatchObject({ actor: 'pipeline', toVersion: candidate });
      expect(latest?.reason).toMatch(/no longer computed/);
    },
  );

  it.runIf(driver.available)(
    'registers no copy of the newest version when register runs again on the same model',
    async () => {
      const before = await deps.registry.listVersions('test-model');
      const [report] = await createPipeline(deps).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['register'],
        force: true,
      });
      expect(report?.status).toBe('ran');
      expect(await deps.registry.listVersions('test-model')).toHaveLength(before.length);
    },
  );

  it.runIf(driver.available)(
    'marks a run a stopped process left running as failed when the next run starts (it stayed running)',
    async () => {
      const left = await deps.runs.start({ experiment: 'pipeline', stage: 'odds' });
      const other = await deps.runs.start({ experiment: 'evaluate-cli', stage: 'evaluate' });
      await createPipeline(deps).run({ source: { kind: 'none' }, now: LATER, only: ['register'] });
      expect(await deps.runs.get(left.runId)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^interrupted: the process stopped/),
        endedAt: expect.any(Date),
      });
      // Only the pipeline's own runs: another experiment's may be under way in another process.
      expect((await deps.runs.get(other.runId))?.status).toBe('running');
    },
  );

  it.runIf(driver.available)(
    'stops at a failing stage, keeps earlier outputs, and resumes there',
    async () => {
      const broken: Stage<PipelineContext> = {
        ...(PIPELINE_STAGES.find((s) => s.name === 'odds') as Stage<PipelineContext>),
        run: async () => {
          throw new Error('bookmaker feed unreachable');
        },
      };
      const stages = PIPELINE_STAGES.map((s) => (s.name === 'odds' ? broken : s));
      const featuresBefore = await deps.store.head(ARTIFACT_KEYS.features);
      await db.query(
        "INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away) SELECT match_id, 'other', 'opening', 2.5, 3.3, 2.9 FROM matches LIMIT 1",
      );
      const run = createPipeline({ ...deps, stages }).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['features', 'odds', 'live_betting'],
      });
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageFailedError);
      expect((error as StageFailedError).stage).toBe('odds');
      expect((error as StageFailedError).reports.map((r) => r.status)).toEqual(['ran', 'failed']);
      expect((await deps.store.head(ARTIFACT_KEYS.features))?.etag).not.toBe(featuresBefore?.etag);
      const [failed] = await deps.runs.list({ stage: 'odds', limit: 1 });
      expect(failed?.status).toBe('failed');
      expect(failed?.error).toContain('bookmaker feed unreachable');
      const lock = parseLockFile((await deps.store.get(LOCK_FILE_KEY))?.body.toString('utf8') ?? null);
      expect(lock.stages.odds?.run_id).not.toBe(failed?.runId);
      // Fixed: the next run resumes at odds (features is up to date now).
      const resumed = await createPipeline(deps).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['features', 'odds'],
      });
      expect(statuses(resumed)).toEqual({ features: 'skipped', odds: 'ran' });
    },
  );

  it.runIf(driver.available)(
    'refreshes the feature table and the published predictions when a kick-off passes, not when hours pass without one',
    async () => {
      const [next] = await db.query<{ at: Date }>(
        'SELECT min(start_time_utc) AS at FROM matches WHERE start_time_utc > $1',
        [LATER],
      );
      const kickoffMs = new Date(next?.at ?? Number.NaN).getTime();
      // Hours away: the old hourly and quarter-hourly refreshes would have run in between.
      expect(kickoffMs - LATER.getTime()).toBeGreaterThan(2 * 3_600_000);
      const pipeline = createPipeline(deps);
      const only = ['features', 'batch_inference'] as const;
      await pipeline.run({ source: { kind: 'none' }, now: LATER, only });
      // The instant before the next kick-off: as long after as the world allows, nothing to redo.
      const before = await pipeline.run({ source: { kind: 'none' }, now: new Date(kickoffMs - 1), only });
      expect(statuses(before)).toEqual({ features: 'skipped', batch_inference: 'skipped' });
      const after = await pipeline.run({ source: { kind: 'none' }, now: new Date(kickoffMs + 60_000), only });
      expect(statuses(after)).toEqual({ features: 'ran', batch_inference: 'ran' });
      const rows = predictionRows((await getParquet(deps.store, ARTIFACT_KEYS.predictions))?.table ?? {});
      expect(rows.some((r) => r.is_future && Date.parse(r.start_time_utc) <= kickoffMs)).toBe(false);
    },
  );

  it.runIf(driver.available)(
    'publishes nothing for a fixture whose kick-off passed a month ago without a result or a prediction before it',
    async () => {
      // As a fixtures file imported after its dates leaves it: scheduled, no score, nothing logged before kick-off.
      const [overdue] = await db.query<{ match_id: number }>(
        `INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc, home_team_id,
                              away_team_id, home_score, away_score, status)
         SELECT source, 'overdue-fixture', region_id, competition, season, sex, $1, away_team_id, home_team_id,
                NULL, NULL, 'scheduled'
         FROM matches WHERE status = 'finished' ORDER BY start_time_utc DESC LIMIT 1
         RETURNING match_id`,
        [new Date(LATER.getTime() - 30 * 86_400_000)],
      );
      const id = Number(overdue?.match_id);
      const reports = await createPipeline(deps).run({
        source: { kind: 'none' },
        now: LATER,
        only: ['features', 'backtest', 'batch_inference'],
        force: true,
      });
      expect(reports.map((r) => r.status)).toEqual(['ran', 'ran', 'ran']);
      const logged = await db.query('SELECT 1 FROM prediction_log WHERE match_id = $1', [id]);
      expect(logged).toHaveLength(0);
      const rows = predictionRows((await getParquet(deps.store, ARTIFACT_KEYS.predictions))?.table ?? {});
      expect(rows.filter((r) => !r.is_future && r.model_stage === 'backtest').length).toBeGreaterThan(50);
      expect(rows.find((r) => r.match_id === id)).toBeUndefined();
    },
  );
});
