/**
 * "Predict live": POST /predict/async/, then poll GET /monitoring/task_status/{id} until the worker answers.
 * Latency is measured from the POST to the poll that saw the result, i.e. what a client actually waits.
 */
import type { ApiClient } from '../../api/client.ts';
import { decodeTaskId, decodeTaskStatus, type LivePrediction } from '../../api/monitoring.ts';

export type LiveStage = 'champion' | 'challenger';

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

export async function predictLive(
  client: ApiClient,
  matchId: number,
  stage: LiveStage,
  { intervalMs, timeoutMs, signal }: PollOptions,
): Promise<LiveResult> {
  const started = performance.now();
  const taskId = await client.post('/predict/async/', { match_id: matchId, stage }, decodeTaskId);
  // Poll quickly at first (a tabular model answers in milliseconds), then back off to intervalMs.
  let wait = 10;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    const state = await client.get(`/monitoring/task_status/${encodeURIComponent(taskId)}`, decodeTaskStatus);
    if (state.status === 'success') {
      return { taskId, prediction: state.prediction, latencyMs: performance.now() - started };
    }
    if (state.status === 'failure') throw new Error(`The prediction task failed: ${state.error}`);
    if (performance.now() - started > timeoutMs) throw new Error(`No result after ${timeoutMs / 1000} s.`);
    await sleep(wait);
    wait = Math.min(intervalMs, wait * 2);
  }
}
