import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../../src/ui/api/client.ts';
import {
  liveFailureText,
  predictLive,
  ResultKeyRefused,
} from '../../../src/ui/views/matches/live-prediction.ts';

const answered = (status: number, code: string, detail: string) =>
  new ApiError('http', `${status}: ${detail}`, status, { code, detail });

describe('liveFailureText', () => {
  it('says in plain words what failed and what to do, without the status code', () => {
    const stage = liveFailureText(
      answered(400, 'STAGE_NOT_SERVED', 'no model version is challenger; stages held now: champion'),
      'challenger',
    );
    expect(stage).toBe(
      'No model version is challenger any more, so it cannot predict. Choose another stage.',
    );
    expect(liveFailureText(answered(503, 'NO_WORKER_ALIVE', 'no worker'), 'champion')).toMatch(
      /^No worker is running/,
    );
    expect(liveFailureText(new ApiError('network', 'The API did not answer (x).'), 'champion')).toMatch(
      /^The server did not answer/,
    );
  });

  it('falls back on the API’s own words for other errors', () => {
    expect(liveFailureText(answered(500, 'INTERNAL', 'disk full'), 'champion')).toBe(
      'The server could not make the prediction (disk full). Try again in a moment.',
    );
    expect(liveFailureText(answered(422, 'VALIDATION_FAILED', 'bad stage'), 'champion')).toBe(
      'The server refused the prediction: bad stage.',
    );
    expect(liveFailureText(new Error('No result after 35 s.'), 'champion')).toBe('No result after 35 s.');
  });
});

describe('predictLive', () => {
  it('keeps a refusal of the monitoring key in the panel: the dashboard key was accepted, only the result is guarded', async () => {
    const server = createServer((request, response) => {
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method === 'POST' && request.url === '/predict/async/')
        return json(202, { task_id: 'task-7', status: 'PENDING' });
      json(401, { detail: 'invalid or missing API key', code: 'UNAUTHORIZED' });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const client = createApiClient('dashboard-key', `http://127.0.0.1:${port}`);
      const failure = await predictLive(client, 41, 'champion', { intervalMs: 10, timeoutMs: 1000 }).catch(
        (e: unknown) => e,
      );
      // Not an ApiError of kind 'unauthorized', which would send the user back to the key prompt.
      expect(failure).toBeInstanceOf(ResultKeyRefused);
      expect(liveFailureText(failure, 'champion')).toMatch(
        /^The prediction was queued \(task task-7\), but the server keeps its result behind the monitoring key/,
      );
    } finally {
      server.close();
    }
  });
});
