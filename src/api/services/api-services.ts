/** Everything the routes call, assembled by the caller (the CLI, a test, a benchmark) and handed to buildApp. */
import type { Logger } from '../../config/logger.ts';
import type { TrackRecordRules } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import type { Clock } from '../../domain/clock.ts';
import type { QueueAdmin } from '../../queue/queue-admin.ts';
import type { TaskQueue } from '../../queue/task-queue.ts';
import type { ApiMetrics } from '../plugins/metrics.ts';
import type { SecuritySettings } from '../plugins/security.ts';
import type { LivePredictions } from './live-predictions.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { ReadModels } from './read-models.ts';
import type { TrackRecords } from './track-records.ts';

export interface ApiServices {
  /** Reported by /healthcheck/ (package version). */
  readonly version: string;
  /** Required in X-API-Key on /predict/*; undefined leaves /predict/* open (only tests do that). */
  readonly apiKey: string | undefined;
  /** When set, required in X-API-Key on /monitoring/*. */
  readonly monitoringApiKey: string | undefined;
  readonly logger: Logger;
  readonly db: Db;
  /** "Now" for routes that need it (default year, source staleness). */
  readonly clock: Clock;
  readonly queue: TaskQueue;
  /** The BullMQ queue behind /monitoring/queues (Bull Board); undefined with the in-process queue (404 there). */
  readonly queueAdmin?: QueueAdmin | undefined;
  readonly readModels: ReadModels;
  readonly catalog: ModelCatalog;
  readonly live: LivePredictions;
  readonly metrics: ApiMetrics;
  /** params.yaml `betting` and `evaluate` (trackRecordRulesOf): how the track record grades and bets. */
  readonly trackRecordRules: Partial<TrackRecordRules>;
  /** The track records, graded under those rules and kept until their data moves. */
  readonly trackRecords: TrackRecords;
  /** The /metrics body; set under node:cluster to the sum over all processes. Default: this process's registry. */
  readonly metricsText?: (() => Promise<string>) | undefined;
  /** Rate limits and CORS; undefined = none (security headers are always sent). */
  readonly security?: SecuritySettings | undefined;
  /** Folder of the dashboard's static build (index.html); a placeholder page is served when it is absent. */
  readonly uiDir: string;
}

export interface RouteOptions {
  readonly services: ApiServices;
}
