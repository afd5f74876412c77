/**
 * A real API for tests: the Fastify app over a folder artifact store, a migrated database (PGlite unless one
 * is given), the in-process queue and the real registry. Helpers write small artifacts the way the pipeline
 * does and register a real ONNX softmax model.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../../src/api/app.ts';
import { createApiMetrics } from '../../../src/api/plugins/metrics.ts';
import type { ApiServices } from '../../../src/api/services/api-services.ts';
import { assembleApi } from '../../../src/api/services/assemble.ts';
import type { Logger } from '../../../src/config/logger.ts';
import type { TrackRecordRules } from '../../../src/config/params.ts';
import type { Db } from '../../../src/db/db.ts';
import { ARTIFACT_KEYS, type OddsRow, type PredictionRow } from '../../../src/domain/artifacts.ts';
import type { ModelAlias } from '../../../src/domain/model-signature.ts';
import type { EdgeRule } from '../../../src/domain/value-bet.ts';
import {
  INPUT_NAME,
  OUTPUT_NAME,
  softmaxRegressionToOnnx,
} from '../../../src/models/onnx/softmax-regression.ts';
import {
  createInProcessTaskQueue,
  type InProcessTaskQueue,
} from '../../../src/queue/in-process-task-queue.ts';
import type { QueueAdmin } from '../../../src/queue/queue-admin.ts';
import type { TaskQueue } from '../../../src/queue/task-queue.ts';
import { createModelRegistry, type ModelRegistry } from '../../../src/registry/model-registry.ts';
import type { ArtifactStore } from '../../../src/storage/artifact-store.ts';
import { oddsColumns, predictionColumns } from '../../../src/storage/artifacts/artifact-tables.ts';
import type { DriftReport } from '../../../src/storage/artifacts/drift-report.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';
import { encodeParquet } from '../../../src/storage/parquet/parquet-file.ts';
import { openMigratedPglite } from '../../support/pglite-template.ts';

export const API_KEY = 'test-api-key-0123456789';
export const MODEL_NAME = 'soccer-match-outcome';
export const FEATURE_NAMES = ['diff_win_5_mean', 'elo_diff', 'rest_days_diff'] as const;
export const FEATURE_SET_VERSION = 'test-1';

const DAY = 86_400_000;
const BASE = Date.parse('2026-03-01T15:00:00Z');

/** `n` predictions alternating regions 1 and 2; the first `past` are finished matches, the rest upcoming. */
export function samplePredictions(n: number, past = Math.floor(n / 2)): PredictionRow[] {
  return Array.from({ length: n }, (_, i) => {
    const finished = i < past;
    const start = new Date(BASE + (i - past) * DAY + (finished ? 0 : 30 * DAY)).toISOString();
    const p: [number, number, number] =
      i % 3 === 0 ? [0.6, 0.25, 0.15] : i % 3 === 1 ? [0.3, 0.4, 0.3] : [0.2, 0.25, 0.55];
    const predicted = p.indexOf(Math.max(...p));
    return {
      match_id: 1000 + i,
      home_team_name: `Home ${i % 7}`,
      away_team_name: `Away ${i % 5}`,
      start_time_utc: start,
      region_id: 1 + (i % 2),
      region_name: i % 2 === 0 ? 'England' : 'Spain',
      sex: 0,
      status: finished ? 'finished' : 'scheduled',
      home_score: finished ? i % 3 : null,
      away_score: finished ? 1 : null,
      proba_home: p[0],
      proba_draw: p[1],
      proba_away: p[2],
      // Every fourth match without goal markets, as a row written before they existed reads back.
      proba_over_2_5: i % 4 === 3 ? null : 0.4 + (i % 5) * 0.05,
      proba_btts: i % 4 === 3 ? null : 0.45 + (i % 3) * 0.05,
      home_matches_played: 30,
      away_matches_played: 30,
      predicted_class: predicted,
      is_future: !finished,
      model_name: MODEL_NAME,
      model_version: 1,
      model_stage: finished ? 'backtest' : 'champion',
      model_run_id: 'run-abc',
      computed_at: new Date(Date.parse(start) - DAY).toISOString(),
      trained_until: new Date(Date.parse(start) - 2 * DAY).toISOString(),
    };
  });
}

export function sampleOdds(rows: readonly PredictionRow[]): OddsRow[] {
  return rows.map((r, i) => ({
    match_id: r.match_id,
    odd_home: i % 3 === 0 ? 2.2 : 2.5,
    odd_draw: 3.3,
    odd_away: i % 3 === 2 ? 2.1 : 3.1,
    bookmaker: 'Pinnacle',
    odds_url: i % 4 === 0 ? null : `https://example.test/m/${r.match_id}`,
    collected_at: new Date(Date.parse(r.start_time_utc) - 3_600_000).toISOString(),
  }));
}

export async function writePredictions(store: ArtifactStore, rows: readonly PredictionRow[]): Promise<void> {
  await store.put(ARTIFACT_KEYS.predictions, await encodeParquet(predictionColumns(rows)));
}

export async function writeOdds(store: ArtifactStore, rows: readonly OddsRow[]): Promise<void> {
  await store.put(ARTIFACT_KEYS.odds, await encodeParquet(oddsColumns(rows)));
}

/** A feature row per prediction, feature values derived from the match id. */
export async function writeFeatures(store: ArtifactStore, rows: readonly PredictionRow[]): Promise<void> {
  await store.put(
    ARTIFACT_KEYS.features,
    await encodeParquet([
      { name: 'match_id', kind: 'bigint', values: rows.map((r) => r.match_id) },
      { name: 'start_time_utc', kind: 'varchar', values: rows.map((r) => r.start_time_utc) },
      { name: 'region_id', kind: 'bigint', values: rows.map((r) => r.region_id) },
      { name: 'is_future', kind: 'boolean', values: rows.map((r) => r.is_future) },
      { name: 'outcome', kind: 'bigint', values: rows.map(() => null) },
      ...FEATURE_NAMES.map((name, j) => ({
        name,
        kind: 'double' as const,
        values: rows.map((r) => ((r.match_id % 11) - 5) / (j + 1)),
      })),
    ]),
  );
}

export async function writeAllArtifacts(store: ArtifactStore, n = 20): Promise<PredictionRow[]> {
  const rows = samplePredictions(n);
  await writePredictions(store, rows);
  await writeOdds(store, sampleOdds(rows));
  await writeFeatures(store, rows);
  await store.put(
    ARTIFACT_KEYS.regionRoi,
    'region_id,region_name,roi_pct,n_bets,hit_rate,roi_ci95_low,roi_ci95_high,max_drawdown\n' +
      '1,England,4.5,120,0.41,-12.25,21.5,14.3\n2,Spain,,0,,,,\n',
  );
  // A whole report, as monitor_drift writes it (its schema documents the route).
  const drift: DriftReport = {
    drift_score: 0.25,
    generated_at: '2026-03-01T00:00:00.000Z',
    model_name: 'soccer-match-outcome',
    model_version: 1,
    reference: {
      from: '2025-08-01T00:00:00.000Z',
      to: '2026-01-31T00:00:00.000Z',
      n: 400,
      same_days_of_year: true,
    },
    current: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', n: 80 },
    thresholds: { psi: 0.2, ks_pvalue: 0.01 },
    features: [
      { feature: 'elo_diff', psi: 0.31, ks_statistic: 0.2, ks_pvalue: 0.001, drifted: true },
      { feature: 'home_form', psi: 0.04, ks_statistic: 0.05, ks_pvalue: 0.6, drifted: false },
    ],
    performance: { rolling_log_loss: 0.99, validation_log_loss: 1.0, n: 60 },
  };
  await store.put(ARTIFACT_KEYS.driftLatest, JSON.stringify(drift));
  return rows;
}

/** Registers a real ONNX softmax regression over FEATURE_NAMES and points `alias` at it. */
export async function registerModel(registry: ModelRegistry, alias: ModelAlias = 'champion') {
  const d = FEATURE_NAMES.length;
  const onnx = softmaxRegressionToOnnx({
    featureNames: FEATURE_NAMES,
    mean: new Array(d).fill(0),
    scale: new Array(d).fill(1),
    weights: FEATURE_NAMES.map((_, j) => [0.3 / (j + 1), 0, -0.3 / (j + 1)]),
    bias: [0.2, 0, -0.1],
  });
  return registry.register({
    name: MODEL_NAME,
    onnx,
    signature: {
      inputName: INPUT_NAME,
      outputName: OUTPUT_NAME,
      featureNames: FEATURE_NAMES,
      classes: [0, 1, 2],
      featureSetVersion: FEATURE_SET_VERSION,
    },
    featureSet: {
      version: FEATURE_SET_VERSION,
      featureNames: FEATURE_NAMES,
      rows: 0,
      createdAt: new Date().toISOString(),
    },
    // Recorded as the evaluate and train stages record them: a text and a table among the metrics, a flag.
    metrics: { log_loss: 1.01, test_from: '2024-07-01', reliability: [{ n: 10, observed: 0.4 }] },
    params: { l2: 1, converged: true, family: 'logreg' },
    runId: null,
    alias,
  });
}

export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly store: ArtifactStore;
  readonly db: Db;
  readonly queue: TaskQueue;
  readonly registry: ModelRegistry;
  readonly services: ApiServices;
  readonly dir: string;
  /** Re-checks every artifact now (instead of waiting CACHE_RECHECK_SECONDS). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly apiKey?: string | undefined;
  readonly monitoringApiKey?: string;
  readonly inferenceMode?: 'queue' | 'inline';
  readonly predictTimeoutMs?: number;
  readonly db?: Db;
  readonly queue?: TaskQueue;
  /** The BullMQ queue behind /monitoring/queues (the caller closes it). */
  readonly queueAdmin?: QueueAdmin;
  /** Share another fixture's artifact store (nothing is written then). */
  readonly store?: ArtifactStore;
  /** Write artifacts before the app starts (default true). */
  readonly artifacts?: boolean;
  readonly uiDir?: string;
  /** Where log lines go (default: nowhere). */
  readonly logger?: Logger;
  /** The value-bet rule (default: DEFAULT_EDGE_RULE, as assembleApi's). */
  readonly edgeRule?: EdgeRule;
  /** params.yaml's betting settings as `matchcast api` passes them (default: assembleApi's, the code defaults). */
  readonly trackRecordRules?: TrackRecordRules;
}

export async function createApiFixture(options: FixtureOptions = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-api-'));
  const store = options.store ?? createFileArtifactStore(join(dir, 'artifacts'));
  // A database of its own unless given one (which the caller then closes).
  const { db, dispose: disposeDb } = options.db
    ? { db: options.db, dispose: async () => {} }
    : await openMigratedPglite();
  const queue = options.queue ?? createInProcessTaskQueue();
  if (options.artifacts !== false && options.store === undefined) await writeAllArtifacts(store);
  const assembled = assembleApi({
    config: {
      apiKey: 'apiKey' in options ? options.apiKey : API_KEY,
      monitoringApiKey: options.monitoringApiKey,
      modelName: MODEL_NAME,
      predictTimeoutMs: options.predictTimeoutMs ?? 5000,
      cacheRecheckSeconds: 3600,
      inferenceMode: options.inferenceMode ?? 'queue',
    },
    logger: options.logger ?? pino({ level: 'silent' }),
    db,
    queue,
    queueAdmin: options.queueAdmin,
    store,
    version: '0.0.0-test',
    uiDir: options.uiDir ?? join(dir, 'no-ui'),
    metrics: createApiMetrics({ defaultMetrics: true }),
    ...(options.edgeRule === undefined ? {} : { edgeRule: options.edgeRule }),
    ...(options.trackRecordRules === undefined ? {} : { trackRecordRules: options.trackRecordRules }),
  });
  await assembled.start();
  const app = await buildApp(assembled.services);
  await app.ready();
  return {
    app,
    store,
    db,
    queue,
    registry: createModelRegistry({ db, store }),
    services: assembled.services,
    dir,
    refresh: () => assembled.services.readModels.refresh(),
    async close() {
      await app.close();
      await assembled.close();
      if (options.queue === undefined) await queue.close();
      await disposeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function isInProcess(queue: TaskQueue): queue is InProcessTaskQueue {
  return queue.kind === 'inprocess';
}
