import { describe, expect, it } from 'vitest';
import { ApiError, BUSY_RETRIES, retryWhenBusy } from '../../../src/ui/api/client.ts';

describe('retryWhenBusy', () => {
  it('asks again only for 503 BUSY, a bounded number of times', () => {
    const busy = new ApiError('http', '503: busy', 503, { code: 'BUSY', detail: 'retry shortly' });
    expect(retryWhenBusy(0, busy)).toBe(true);
    expect(retryWhenBusy(BUSY_RETRIES - 1, busy)).toBe(true);
    expect(retryWhenBusy(BUSY_RETRIES, busy)).toBe(false);
    const down = new ApiError('http', '503: down', 503, { code: 'DATABASE_UNAVAILABLE', detail: null });
    expect(retryWhenBusy(0, down)).toBe(false);
    expect(retryWhenBusy(0, new ApiError('network', 'no answer'))).toBe(false);
    expect(retryWhenBusy(0, new Error('BUSY'))).toBe(false);
  });
});
