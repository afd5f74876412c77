/**
 * A steady, bounded load on the API: a few clients, each alternating a live prediction (GET /predict/{id}), an
 * async one (POST /predict/async/) and a precomputed read, with a short pause between requests. Every answer
 * is kept with its time, so a fault's window can be cut out of the record afterwards.
 */
import { API_KEY, MATCH_IDS } from './topology.ts';

export type RequestKind = 'live' | 'async' | 'precomputed';

export interface Sample {
  readonly kind: RequestKind;
  readonly matchId: number;
  /** ms since the epoch at the start and end of the request */
  readonly startedAt: number;
  readonly endedAt: number;
  /** HTTP status, or the network error's code when no answer came (e.g. ECONNREFUSED) */
  readonly status: number | string;
  /** the error body's code, when there was one */
  readonly code?: string;
  readonly retryAfter: boolean;
  /** live: the answering model version and its probabilities; async: the task id */
  readonly version?: string;
  readonly probabilities?: string;
  readonly taskId?: string;
}

export interface Load {
  readonly samples: Sample[];
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly retryAfter: boolean;
  readonly body: Record<string, unknown> | null;
}

async function call(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the status says enough
  }
  return { status: res.status, retryAfter: res.headers.has('retry-after'), body };
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { name?: string }).name ?? 'error';
}

export function startLoad(apiUrl: string, clients = 4, pauseMs = 25): Load {
  const samples: Sample[] = [];
  let running = true;
  const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
  const kinds: RequestKind[] = ['live', 'async', 'precomputed'];

  const one = async (kind: RequestKind, matchId: number): Promise<void> => {
    const startedAt = Date.now();
    try {
      const answer =
        kind === 'live'
          ? await call(`${apiUrl}/predict/${matchId}`, { headers })
          : kind === 'async'
            ? await call(`${apiUrl}/predict/async/`, {
                method: 'POST',
                headers,
                body: JSON.stringify({ match_id: matchId }),
              })
            : await call(`${apiUrl}/predict/precomputed/${matchId}`, { headers });
      const body = answer.body;
      const prediction = body?.prediction as { model_version?: string; probabilities?: object } | undefined;
      samples.push({
        kind,
        matchId,
        startedAt,
        endedAt: Date.now(),
        status: answer.status,
        retryAfter: answer.retryAfter,
        ...(typeof body?.code === 'string' ? { code: body.code } : {}),
        ...(prediction?.model_version ? { version: prediction.model_version } : {}),
        ...(prediction?.probabilities ? { probabilities: JSON.stringify(prediction.probabilities) } : {}),
        ...(kind === 'async' && typeof body?.task_id === 'string' ? { taskId: body.task_id } : {}),
      });
    } catch (error) {
      samples.push({
        kind,
        matchId,
        startedAt,
        endedAt: Date.now(),
        status: networkCode(error),
        retryAfter: false,
      });
      // A refused connection answers at once; do not spin on it.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const client = async (c: number) => {
    for (let i = c; running; i++) {
      await one(kinds[i % kinds.length] as RequestKind, MATCH_IDS[i % MATCH_IDS.length] as number);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return {
    samples,
    async stop() {
      running = false;
      await done;
    },
  };
}
