/**
 * "Predict live": POST /predict/async/, then poll GET /monitoring/task_status/{id} until the worker answers.
 * Latency is measured from the POST to the poll that saw the result, i.e. what a client actually waits.
 */
import { type ApiClient, ApiError } from '../../api/client.ts';
import type { ModelStage } from '../../api/model-info.ts';
import { decodeTaskId, decodeTaskStatus, type LivePrediction } from '../../api/monitoring.ts';

export interface LiveResult {
  readonly taskId: string;
  readonly prediction: LivePrediction;
  readonly latencyMs: number;
}

export interface PollOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The task was queued with the dashboard's key, but its result is read from /monitoring/, which a server may guard
 * with a key of its own (MONITORING_API_KEY): a refusal there says nothing about the dashboard's key, so it is
 * this panel's failure, not a reason to ask for another key.
 */
export class ResultKeyRefused extends Error {
  constructor(readonly taskId: string) {
    super(
      `The prediction was queued (task ${taskId}), but the server keeps its result behind the monitoring key ` +
        '(MONITORING_API_KEY), which this dashboard does not hold. Ask the operator for the result, or for ' +
        'a dashboard key that is also the monitoring key.',
    );
  }
}

/** The task's state; a refusal of the key is the monitoring key's (ResultKeyRefused). */
async function taskState(client: ApiClient, taskId: string) {
  try {
    return await client.get(`/monitoring/task_status/${encodeURIComponent(taskId)}`, decodeTaskStatus);
  } catch (e) {
    throw e instanceof ApiError && e.kind === 'unauthorized' ? new ResultKeyRefused(taskId) : e;
  }
}

export async function predictLive(
  client: ApiClient,
  matchId: number,
  stage: ModelStage,
  { intervalMs, timeoutMs, signal }: PollOptions,
): Promise<LiveResult> {
  const started = performance.now();
  const taskId = await client.post('/predict/async/', { match_id: matchId, stage }, decodeTaskId);
  // Poll quickly at first (a tabular model answers in milliseconds), then back off to intervalMs.
  let wait = 10;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    const state = await taskState(client, taskId);
    if (state.status === 'success') {
      return { taskId, prediction: state.prediction, latencyMs: performance.now() - started };
    }
    if (state.status === 'failure') throw new Error(`The prediction task failed: ${state.error}`);
    if (performance.now() - started > timeoutMs) throw new Error(`No result after ${timeoutMs / 1000} s.`);
    await sleep(wait);
    wait = Math.min(intervalMs, wait * 2);
  }
}

/**
 * A failed live prediction in plain words: what happened and what to do, rather than `400: …`. Chosen by the
 * API's error code (its catalogue, src/api/errors.ts), never by matching the message.
 */
export function liveFailureText(e: unknown, stage: ModelStage): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  if (e.kind === 'network') return 'The server did not answer. Check that it is running, then try again.';
  if (e.kind !== 'http') return e.message;
  switch (e.answer.code) {
    case 'STAGE_NOT_SERVED':
      return `No model version is ${stage} any more, so it cannot predict. Choose another stage.`;
    case 'NO_WORKER_ALIVE':
      return 'No worker is running to compute the prediction. Start one (matchcast worker), then try again.';
    case 'INFERENCE_TIMEOUT':
      return 'The worker did not answer in time. Try again in a moment.';
    case 'MATCH_NOT_FOUND':
      return 'The server has no features for this match, so no model can predict it live.';
  }
  const why = e.answer.detail ?? 'no reason given';
  return e.status !== null && e.status >= 500
    ? `The server could not make the prediction (${why}). Try again in a moment.`
    : `The server refused the prediction: ${why}.`;
}
