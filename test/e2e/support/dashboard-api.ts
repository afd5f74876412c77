/**
 * The real API app for the browser tests — buildApp over assembleApi, as `matchcast api` and `npm start`
 * wire it — listening on a random port, over a temporary artifact folder and an in-memory PGlite registry
 * filled with demo-artifacts.ts (and its matches, odds history and prediction log, demo-history.ts); an in-process worker (startWorker) answers live predictions. Serves the
 * built dashboard from src/ui/dist.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from '../../../src/api/app.ts';
import { createApiMetrics } from '../../../src/api/plugins/metrics.ts';
import { assembleApi } from '../../../src/api/services/assemble.ts';
import type { TrackRecordRules } from '../../../src/config/params.ts';
import type { Db } from '../../../src/db/db.ts';
import { ARTIFACT_KEYS } from '../../../src/domain/artifacts.ts';
import {
  INPUT_NAME,
  OUTPUT_NAME,
  softmaxRegressionToOnnx,
} from '../../../src/models/onnx/softmax-regression.ts';
import { writeIngestSource } from '../../../src/pipelines/run/ingest-source-store.ts';
import type { IngestSource } from '../../../src/pipelines/run/pipeline-context.ts';
import { createInProcessTaskQueue } from '../../../src/queue/in-process-task-queue.ts';
import { startWorker } from '../../../src/queue/start-worker.ts';
import { createModelRegistry, type ModelRegistry } from '../../../src/registry/model-registry.ts';
import { createRunRepository } from '../../../src/registry/run-repository.ts';
import { putJson, putParquet } from '../../../src/storage/artifact-io.ts';
import type { ArtifactStore } from '../../../src/storage/artifact-store.ts';
import { predictionColumns, regionRoiCsv } from '../../../src/storage/artifacts/artifact-tables.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';
import type { Column } from '../../../src/storage/parquet/parquet-file.ts';
import { openMigratedPglite } from '../../support/pglite-template.ts';
import { DEMO_FEATURES, type DemoArtifacts } from './demo-artifacts.ts';
import { seedDemoHistory } from './demo-history.ts';

export const MODEL_NAME = 'soccer-match-outcome';
export const UI_DIR = new URL('../../../src/ui/dist/', import.meta.url).pathname;

export interface DashboardApi {
  readonly url: string;
  readonly apiKey: string;
  /** GET `path` with the key; fails the test unless it answers 200. */
  getJson<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

function columnsOf(
  rows: readonly Record<string, number | string | boolean | null>[],
  kinds: Record<string, Column['kind']>,
): Column[] {
  return Object.entries(kinds).map(([name, kind]) => ({
    name,
    kind,
    values: rows.map((r) => r[name] ?? null),
  }));
}

function demoModel(scale: number): Uint8Array {
  return softmaxRegressionToOnnx({
    featureNames: DEMO_FEATURES,
    mean: [0, 0, 0, 0],
    scale: [100, 1, 1, 1],
    weights: [
      [0.6 * scale, 0, -0.6 * scale],
      [0.2 * scale, 0, -0.2 * scale],
      [0.1 * scale, 0, -0.1 * scale],
      [0, 0.1, 0],
    ],
    bias: [0.35, 0, -0.1],
  });
}

const DAY_MS = 86_400_000;

/**
 * The training windows the registry records (`trained_from`, `trained_until`, `n_train`): the champion's ends
 * where its logged predictions say it does; the challenger's a month earlier, so the model view flags it as
 * stale; the candidate's at the newest result.
 */
function trainingWindows(artifacts: DemoArtifacts) {
  const finished = artifacts.predictions.filter((p) => p.status === 'finished');
  // ISO times in UTC sort as text.
  const kickoffs = finished.map((p) => p.start_time_utc).sort();
  const from = kickoffs[0]!;
  const newest = kickoffs.at(-1)!;
  const championUntil =
    artifacts.predictions.find((p) => p.model_stage === 'champion')?.trained_until ?? newest;
  const window = (until: string) => ({
    trained_from: from,
    trained_until: until,
    n_train: kickoffs.filter((k) => k <= until).length,
  });
  return {
    champion: window(championUntil),
    challenger: window(new Date(Date.parse(championUntil) - 30 * DAY_MS).toISOString()),
    candidate: window(newest),
  };
}

/** Writes the artifacts as the pipeline would and registers a champion, a challenger and a candidate. */
async function publish(
  artifacts: DemoArtifacts,
  store: ArtifactStore,
  db: Db,
  registry: ModelRegistry,
): Promise<void> {
  await putParquet(store, ARTIFACT_KEYS.predictions, predictionColumns(artifacts.predictions));
  await putParquet(
    store,
    ARTIFACT_KEYS.odds,
    columnsOf(artifacts.odds as unknown as Record<string, number | string | null>[], {
      match_id: 'bigint',
      odd_home: 'double',
      odd_draw: 'double',
      odd_away: 'double',
      bookmaker: 'varchar',
      odds_url: 'varchar',
      collected_at: 'varchar',
    }),
  );
  await putParquet(
    store,
    ARTIFACT_KEYS.features,
    columnsOf(artifacts.featureRows, {
      match_id: 'bigint',
      start_time_utc: 'varchar',
      region_id: 'bigint',
      is_future: 'boolean',
      outcome: 'bigint',
      ...Object.fromEntries(DEMO_FEATURES.map((f) => [f, 'double' as const])),
    }),
  );
  await putJson(store, ARTIFACT_KEYS.featureSet, artifacts.featureSet);
  await store.put(ARTIFACT_KEYS.regionRoi, regionRoiCsv(artifacts.regionRoi));
  await putJson(store, ARTIFACT_KEYS.driftLatest, artifacts.drift);

  const runs = createRunRepository(db);
  for (const runId of ['run-champion', 'run-challenger', 'run-candidate']) {
    await runs.start({ experiment: MODEL_NAME, stage: 'train', runId });
    await runs.finish(runId, { status: 'success' });
  }
  const signature = {
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    featureNames: [...DEMO_FEATURES],
    classes: [0, 1, 2] as const,
    featureSetVersion: artifacts.featureSet.version,
  };
  const windows = trainingWindows(artifacts);
  await registry.register({
    name: MODEL_NAME,
    onnx: demoModel(1),
    signature,
    featureSet: artifacts.featureSet,
    metrics: { log_loss: 0.987, rps: 0.201, brier: 0.589, accuracy: 0.512, roc_auc_ovr: 0.661, ece: 0.021 },
    params: { family: 'logistic_regression', l2: 1, ...windows.champion },
    runId: 'run-champion',
    alias: 'champion',
    actor: 'e2e',
  });
  await registry.register({
    name: MODEL_NAME,
    onnx: demoModel(1.3),
    signature,
    featureSet: artifacts.featureSet,
    metrics: { log_loss: 0.995, rps: 0.204, brier: 0.594, accuracy: 0.505, roc_auc_ovr: 0.655, ece: 0.034 },
    params: { family: 'gbdt', trees: 200, depth: 3, ...windows.challenger },
    runId: 'run-challenger',
    alias: 'challenger',
    actor: 'e2e',
  });
  // Registered as every new version is (alias candidate), not yet promoted.
  await registry.register({
    name: MODEL_NAME,
    onnx: demoModel(1.1),
    signature,
    featureSet: artifacts.featureSet,
    metrics: { log_loss: 0.984, rps: 0.2, brier: 0.587, accuracy: 0.514, roc_auc_ovr: 0.664, ece: 0.02 },
    params: { family: 'logistic_regression', l2: 1, ...windows.candidate },
    runId: 'run-candidate',
    actor: 'e2e',
  });
}

export interface DashboardApiOptions {
  readonly apiKey?: string;
  /** Fills the database further before the API starts (e.g. a track record). */
  readonly seed?: (db: Db) => Promise<void>;
  /** params.yaml's betting rules as the API is given them (default: the edge rule's defaults only). */
  readonly trackRecordRules?: TrackRecordRules;
  /** The ingest source remembered in the store, as `start` or `up --data` leaves it (default: none recorded). */
  readonly source?: IngestSource;
  /** MONITORING_API_KEY: the monitoring routes' own key, which the dashboard cannot send (default: none). */
  readonly monitoringApiKey?: string;
}

/** `artifacts` null: a fresh install — no artifact, no model — for the empty states. */
export async function startDashboardApi(
  artifacts: DemoArtifacts | null,
  { apiKey = 'e2e-secret-key', seed, trackRecordRules, source, monitoringApiKey }: DashboardApiOptions = {},
): Promise<DashboardApi> {
  const dir = await mkdtemp(join(tmpdir(), 'matchcast-e2e-'));
  const store = createFileArtifactStore(join(dir, 'artifacts'));
  const { db, dispose: disposeDb } = await openMigratedPglite();

  const registry = createModelRegistry({ db, store });
  if (artifacts !== null) {
    await publish(artifacts, store, db, registry);
    await seedDemoHistory(db, artifacts);
  }
  if (seed !== undefined) await seed(db);
  if (source !== undefined) await writeIngestSource(store, source);

  const logger = pino({ level: 'silent' });
  const queue = createInProcessTaskQueue();
  const worker = await startWorker({ queue, registry, modelName: MODEL_NAME, name: 'e2e-worker', logger });
  // The same wiring as `matchcast api` and `npm start`.
  const assembled = assembleApi({
    config: {
      apiKey,
      monitoringApiKey,
      modelName: MODEL_NAME,
      predictTimeoutMs: 30_000,
      cacheRecheckSeconds: 60,
      inferenceMode: 'queue',
    },
    logger,
    db,
    queue,
    store,
    version: 'e2e',
    uiDir: UI_DIR,
    metrics: createApiMetrics({ defaultMetrics: false }),
    ...(trackRecordRules === undefined ? {} : { trackRecordRules }),
  });
  await assembled.start();
  const app = await buildApp(assembled.services);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    apiKey,
    async getJson<T>(path: string): Promise<T> {
      const res = await fetch(`${address}${path}`, { headers: { 'X-API-Key': apiKey } });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await app.close();
      await assembled.close();
      await worker.close();
      await queue.close();
      await disposeDb();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
