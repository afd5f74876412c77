import { describe, expect, it } from 'vitest';
import { createInProcessTaskQueue } from '../../../src/queue/in-process-task-queue.ts';
import { UnrecoverableTaskError } from '../../../src/queue/queue-errors.ts';
import { TaskFailedError, TaskTimeoutError } from '../../../src/queue/task-queue.ts';

const task = (stage: 'champion' | 'challenger', match_id = 1) => ({
  match_id,
  stage,
  features: [0.5],
  feature_names: ['elo_diff'],
});
const info = task('champion');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-process task queue', () => {
  it('runs tasks through the attached worker and reports their status', async () => {
    const queue = createInProcessTaskQueue();
    expect(await queue.hasLiveWorker()).toBe(false);
    const worker = queue.attachWorker({
      name: 'w1',
      concurrency: 2,
      run: async (name, data) => ({ name, data }),
      modelsLoaded: () => ['m@champion:1'],
    });
    expect(await queue.hasLiveWorker()).toBe(true);
    const id = await queue.enqueue('predict_match', info);
    expect(await queue.waitFor(id, 'predict_match', 1000)).toEqual({ name: 'predict_match', data: info });
    expect(await queue.status(id)).toMatchObject({ taskId: id, name: 'predict_match', status: 'success' });
    expect(await queue.status('nope')).toBeNull();
    expect(await queue.workers()).toMatchObject([
      { name: 'w1', alive: true, modelsLoaded: ['m@champion:1'] },
    ]);
    expect(await queue.counts()).toMatchObject({ completed: 1, waiting: 0, active: 0 });
    await worker.close();
    expect(await queue.hasLiveWorker()).toBe(false);
    await queue.close();
  });

  it('keeps tasks pending until a worker attaches, then reports started while running', async () => {
    const queue = createInProcessTaskQueue();
    const id = await queue.enqueue('predict_match', info);
    expect((await queue.status(id))?.status).toBe('pending');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    queue.attachWorker({ name: 'w', concurrency: 1, run: () => gate.then(() => 1), modelsLoaded: () => [] });
    expect((await queue.status(id))?.status).toBe('started');
    release();
    expect(await queue.waitFor(id, 'predict_match', 1000)).toBe(1);
    await queue.close();
  });

  it('fails unrecoverable errors at once and retries other errors once', async () => {
    const queue = createInProcessTaskQueue();
    const calls = new Map<string, number>();
    queue.attachWorker({
      name: 'w',
      concurrency: 1,
      run: async (_name, data) => {
        const key = JSON.stringify(data);
        calls.set(key, (calls.get(key) ?? 0) + 1);
        if ((data as { stage: string }).stage === 'champion') throw new UnrecoverableTaskError('bad input');
        throw new Error('database away');
      },
      modelsLoaded: () => [],
    });
    const bad = await queue.enqueue('predict_match', task('champion'));
    await expect(queue.waitFor(bad, 'predict_match', 1000)).rejects.toBeInstanceOf(TaskFailedError);
    expect(await queue.status(bad)).toMatchObject({ status: 'failure', error: 'bad input', result: null });
    const flaky = await queue.enqueue('predict_match', task('challenger'));
    await expect(queue.waitFor(flaky, 'predict_match', 1000)).rejects.toThrow(/database away/);
    expect(calls.get(JSON.stringify(task('champion')))).toBe(1);
    expect(calls.get(JSON.stringify(task('challenger')))).toBe(2);
    await queue.close();
  });

  it('runs at most `concurrency` tasks at once and finishes in-flight tasks on close', async () => {
    const queue = createInProcessTaskQueue();
    let running = 0;
    let peak = 0;
    const worker = queue.attachWorker({
      name: 'w',
      concurrency: 3,
      run: async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(20);
        running--;
        return 'done';
      },
      modelsLoaded: () => [],
    });
    const ids = await Promise.all(Array.from({ length: 10 }, () => queue.enqueue('predict_match', info)));
    await sleep(5);
    await worker.close();
    expect(running).toBe(0);
    expect(peak).toBe(3);
    const states = await Promise.all(ids.map(async (id) => (await queue.status(id))?.status));
    expect(states.filter((s) => s === 'success')).toHaveLength(3);
    expect(states.filter((s) => s === 'pending')).toHaveLength(7);
    await queue.close();
  });

  it('times out a wait, and forgets results after their TTL', async () => {
    const queue = createInProcessTaskQueue({ resultTtlSeconds: 0.05 });
    const id = await queue.enqueue('predict_match', info);
    await expect(queue.waitFor(id, 'predict_match', 20)).rejects.toBeInstanceOf(TaskTimeoutError);
    queue.attachWorker({ name: 'w', concurrency: 1, run: async () => 1, modelsLoaded: () => [] });
    expect(await queue.waitFor(id, 'predict_match', 1000)).toBe(1);
    await sleep(80);
    expect(await queue.status(id)).toBeNull();
    await queue.close();
  });
});
