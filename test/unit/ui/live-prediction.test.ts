import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/ui/api/client.ts';
import { liveFailureText } from '../../../src/ui/views/matches/live-prediction.ts';

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
