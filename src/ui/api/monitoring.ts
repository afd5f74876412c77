/** The open monitoring routes: drift report, queue counts, workers, task status. */
import type { OutcomeClass } from '../../domain/outcome.ts';
import {
  asArray,
  asObject,
  bool,
  DecodeError,
  type Json,
  num,
  numOrNull,
  outcomeClass,
  str,
  strOrNull,
} from './decode.ts';

export interface FeatureDriftView {
  readonly feature: string;
  readonly psi: number;
  readonly ksStatistic: number | null;
  readonly ksPvalue: number | null;
  readonly drifted: boolean;
}

export type DriftView =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'report';
      readonly driftScore: number;
      readonly generatedAt: string | null;
      readonly reference: string | null;
      readonly current: string | null;
      readonly features: readonly FeatureDriftView[];
      /** The rule behind `drifted`, as the report states it; null for a report written before it did. */
      readonly thresholds: { readonly psi: number; readonly ksPvalue: number } | null;
      /** The champion's log loss on its pre-kick-off predictions of the current window's finished matches. */
      readonly rollingLogLoss: number | null;
      /** How many matches it averages; null from a report written before it said. */
      readonly rollingN: number | null;
      /** The first day of the current window (`2026-11-07`), which the rolling log loss covers up to the latest result. */
      readonly currentFrom: string | null;
      readonly validationLogLoss: number | null;
    };

function windowText(v: unknown, path: string): string | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, path);
  const days = o.same_days_of_year === true ? ' on the same days of the year' : '';
  return `${str(o, 'from', path).slice(0, 10)} → ${str(o, 'to', path).slice(0, 10)} (${num(o, 'n', path)} matches${days})`;
}

export function decodeDrift(value: unknown): DriftView {
  const o = asObject(value, 'drift');
  const score = numOrNull(o, 'drift_score', 'drift');
  if (score === null) return { kind: 'none' };
  const perf =
    o.performance === undefined || o.performance === null ? {} : asObject(o.performance, 'drift.performance');
  return {
    kind: 'report',
    driftScore: score,
    generatedAt: strOrNull(o, 'generated_at', 'drift'),
    reference: windowText(o.reference, 'drift.reference'),
    current: windowText(o.current, 'drift.current'),
    features: asArray(o.features ?? [], 'drift.features').map((f, i) => {
      const path = `drift.features[${i}]`;
      const fo = asObject(f, path);
      return {
        feature: str(fo, 'feature', path),
        psi: num(fo, 'psi', path),
        ksStatistic: numOrNull(fo, 'ks_statistic', path),
        ksPvalue: numOrNull(fo, 'ks_pvalue', path),
        drifted: bool(fo, 'drifted', path),
      };
    }),
    thresholds:
      o.thresholds === undefined || o.thresholds === null
        ? null
        : {
            psi: num(asObject(o.thresholds, 'drift.thresholds'), 'psi', 'drift.thresholds'),
            ksPvalue: num(asObject(o.thresholds, 'drift.thresholds'), 'ks_pvalue', 'drift.thresholds'),
          },
    rollingLogLoss: numOrNull(perf, 'rolling_log_loss', 'drift.performance'),
    rollingN: numOrNull(perf, 'n', 'drift.performance'),
    currentFrom:
      o.current === undefined || o.current === null
        ? null
        : str(asObject(o.current, 'drift.current'), 'from', 'drift.current').slice(0, 10),
    validationLogLoss: numOrNull(perf, 'validation_log_loss', 'drift.performance'),
  };
}

export interface QueueCounts {
  readonly active: number;
  readonly scheduled: number;
  readonly reserved: number;
  /** Per queue: its counters by name (waiting, active, completed, failed …), as the API reports them. */
  readonly queues: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function decodeQueues(value: unknown): QueueCounts {
  const o = asObject(value, 'queues');
  const queues: Record<string, Record<string, number>> = {};
  for (const [name, q] of Object.entries(asObject(o.queues ?? {}, 'queues.queues'))) {
    const counters: Record<string, number> = {};
    for (const [k, v] of Object.entries(asObject(q, `queues.queues.${name}`))) {
      if (typeof v === 'number') counters[k] = v;
    }
    queues[name] = counters;
  }
  return {
    active: num(o, 'active', 'queues'),
    scheduled: num(o, 'scheduled', 'queues'),
    reserved: num(o, 'reserved', 'queues'),
    queues,
  };
}

export interface WorkerView {
  readonly name: string;
  readonly queues: readonly string[];
  readonly ping: string;
  readonly pid: number | null;
  readonly hostname: string;
  readonly lastHeartbeat: string | null;
  readonly modelsLoaded: readonly string[];
}

function stringList(v: unknown, path: string): string[] {
  if (v === null || v === undefined) return [];
  return asArray(v, path).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

export function decodeWorkers(value: unknown): readonly WorkerView[] {
  const o = asObject(value, 'workers');
  return asArray(o.workers, 'workers.workers').map((w, i) => {
    const path = `workers[${i}]`;
    const wo: Json = asObject(w, path);
    const ping = wo.ping;
    const heartbeat = wo.last_heartbeat;
    return {
      name: str(wo, 'name', path),
      queues: stringList(wo.queues, `${path}.queues`),
      ping: typeof ping === 'string' ? ping : JSON.stringify(ping ?? null),
      pid: numOrNull(wo, 'pid', path),
      hostname: typeof wo.hostname === 'string' ? wo.hostname : '',
      lastHeartbeat:
        typeof heartbeat === 'number'
          ? new Date(heartbeat).toISOString()
          : strOrNull(wo, 'last_heartbeat', path),
      modelsLoaded: stringList(wo.models_loaded, `${path}.models_loaded`),
    };
  });
}

export interface LivePrediction {
  readonly predicted: OutcomeClass;
  readonly probabilities: readonly [number, number, number];
  readonly modelName: string;
  readonly modelVersion: string;
  readonly modelStage: string;
  readonly inferenceMs: number | null;
}

export type TaskState =
  | { readonly status: 'pending' | 'started' }
  | { readonly status: 'success'; readonly prediction: LivePrediction }
  | { readonly status: 'failure'; readonly error: string };

export function decodeTaskStatus(value: unknown): TaskState {
  const o = asObject(value, 'task');
  const status = str(o, 'status', 'task');
  if (status === 'pending' || status === 'started') return { status };
  if (status === 'failure') return { status, error: typeof o.error === 'string' ? o.error : 'task failed' };
  if (status !== 'success') throw new DecodeError('task.status', 'pending, started, success or failure');
  const result = asObject(o.result, 'task.result');
  const p = asObject(result.prediction, 'task.result.prediction');
  const probs = asObject(p.probabilities, 'task.result.prediction.probabilities');
  const path = 'task.result.prediction';
  return {
    status,
    prediction: {
      predicted: outcomeClass(p, 'predicted_class', path),
      probabilities: [num(probs, '0', path), num(probs, '1', path), num(probs, '2', path)],
      modelName: str(p, 'model_name', path),
      modelVersion:
        typeof p.model_version === 'number' ? String(p.model_version) : str(p, 'model_version', path),
      modelStage: str(p, 'model_stage', path),
      inferenceMs: numOrNull(result, 'inference_ms', 'task.result'),
    },
  };
}

export function decodeTaskId(value: unknown): string {
  const o = asObject(value, 'async');
  const id = o.task_id;
  if (typeof id === 'number') return String(id);
  return str(o, 'task_id', 'async');
}

export interface SourceView {
  readonly path: string;
  readonly url: string;
  readonly status: string;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastChangedAt: string | null;
  readonly rows: number | null;
  readonly failures: number;
  readonly lastError: string | null;
  readonly final: boolean;
  readonly stale: boolean;
}

/** GET /monitoring/sources: every provider file sync pulls, with its health. */
export function decodeSources(value: unknown): {
  readonly stale: number;
  readonly sources: readonly SourceView[];
} {
  const o = asObject(value, 'sources');
  return {
    stale: num(o, 'stale', 'sources'),
    sources: asArray(o.sources, 'sources.sources').map((v, i) => {
      const path = `sources.sources[${i}]`;
      const s = asObject(v, path);
      return {
        path: str(s, 'path', path),
        url: str(s, 'url', path),
        status: str(s, 'status', path),
        lastAttemptAt: strOrNull(s, 'last_attempt_at', path),
        lastSuccessAt: strOrNull(s, 'last_success_at', path),
        lastChangedAt: strOrNull(s, 'last_changed_at', path),
        rows: numOrNull(s, 'rows', path),
        failures: num(s, 'failures', path),
        lastError: strOrNull(s, 'last_error', path),
        final: bool(s, 'final', path),
        stale: bool(s, 'stale', path),
      };
    }),
  };
}
