import { describe, expect, it } from 'vitest';
import { formatResultMessage, parseResultMessage } from '../../../src/queue/result-message.ts';
import { ResultWaiters } from '../../../src/queue/result-waiters.ts';
import { TaskFailedError, TaskTimeoutError } from '../../../src/queue/task-queue.ts';

describe('result waiters', () => {
  it('delivers an outcome to every waiter of the task', async () => {
    const waiters = new ResultWaiters();
    const a = waiters.wait('t1', 1000);
    const b = waiters.wait('t1', 1000);
    waiters.deliver('t1', { ok: true, result: 42 });
    expect(await Promise.all([a, b])).toEqual([42, 42]);
    expect(waiters.size).toBe(0);
  });

  it('keeps an outcome that arrives before its waiter, only when asked to', async () => {
    const waiters = new ResultWaiters();
    waiters.deliver('early', { ok: false, error: 'boom' });
    await expect(waiters.wait('early', 1000)).rejects.toBeInstanceOf(TaskFailedError);
    waiters.deliver('foreign', { ok: true, result: 1 }, false);
    await expect(waiters.wait('foreign', 10)).rejects.toBeInstanceOf(TaskTimeoutError);
  });

  it('lists waiters older than an age for polling', async () => {
    const waiters = new ResultWaiters();
    const pending = waiters.wait('t', 1000);
    expect(waiters.stale(0)).toEqual(['t']);
    expect(waiters.stale(60_000)).toEqual([]);
    waiters.rejectAll(new Error('closed'));
    await expect(pending).rejects.toThrow('closed');
  });

  it('round-trips result messages and ignores foreign ones', () => {
    expect(parseResultMessage(formatResultMessage('x', { ok: true, result: { a: 1 } }))).toEqual({
      id: 'x',
      outcome: { ok: true, result: { a: 1 } },
    });
    expect(parseResultMessage(formatResultMessage('y', { ok: false, error: 'e' }))?.outcome).toEqual({
      ok: false,
      error: 'e',
    });
    expect(parseResultMessage('not json')).toBeNull();
    expect(parseResultMessage('{"id":1,"ok":true}')).toBeNull();
    expect(parseResultMessage('{"id":"z"}')).toBeNull();
  });
});
