import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type InTurn, oneAtATime, readerLeft } from '../../../src/api/services/one-at-a-time.ts';

/** Work that records its start and waits to be released, and asks for it as one reader of `key`. */
function bench(queue: InTurn) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const ask = (key: string, left?: AbortSignal) =>
    queue.forReader(key, left, () =>
      queue.run(
        key,
        () =>
          new Promise<string>((resolve) => {
            started.push(key);
            releases.set(key, () => resolve(key));
          }),
      ),
    );
  const release = (key: string) => releases.get(key)?.();
  return { started, ask, release };
}

describe('oneAtATime', () => {
  it('runs one piece of work at a time and refuses one that would queue behind too many, with 503 BUSY', async () => {
    const { started, ask, release } = bench(oneAtATime(2));
    const first = ask('1');
    const queued = [ask('2'), ask('3')];
    await expect(ask('4')).rejects.toMatchObject({ status: 503, code: 'BUSY' });
    await Promise.resolve();
    expect(started).toEqual(['1']);
    release('1');
    expect(await first).toBe('1');
    await expect.poll(() => started).toEqual(['1', '2']);
    // A place freed: one more may queue.
    const fourth = ask('4');
    release('2');
    await expect.poll(() => started).toEqual(['1', '2', '3']);
    release('3');
    await expect.poll(() => started).toEqual(['1', '2', '3', '4']);
    release('4');
    expect(await Promise.all([...queued, fourth])).toEqual(['2', '3', '4']);
  });

  it('drops work whose every reader has left before it began, freeing its place at once', async () => {
    const queue = oneAtATime(2);
    const { started, ask, release } = bench(queue);
    const first = ask('running');
    const gone = new AbortController();
    // Caught at once: it is rejected while the test awaits other things.
    const abandoned = ask('abandoned', gone.signal).catch((error: unknown) => error);
    // Two readers of one key share its work (as the caches in front of it do): it is wanted while one waits.
    const stays = new AbortController();
    const leaves = new AbortController();
    const shared = ask('shared', leaves.signal);
    const sharedAgain = queue.forReader('shared', stays.signal, () => shared);
    await expect.poll(() => started).toEqual(['running']);
    // Full: one running, two waiting.
    await expect(ask('refused')).rejects.toMatchObject({ code: 'BUSY' });
    gone.abort();
    leaves.abort();
    // Its reader gone, the abandoned work is refused and its place free while the first still runs.
    expect(await abandoned).toMatchObject({ code: 'BUSY' });
    const newcomer = ask('newcomer');
    // A reader already gone when it asks takes no place and starts nothing.
    const late = new AbortController();
    late.abort();
    await expect(ask('late', late.signal)).rejects.toMatchObject({ code: 'BUSY' });
    release('running');
    await first;
    await expect.poll(() => started).toEqual(['running', 'shared']);
    release('shared');
    expect(await sharedAgain).toBe('shared');
    await expect.poll(() => started).toEqual(['running', 'shared', 'newcomer']);
    release('newcomer');
    expect(await newcomer).toBe('newcomer');
    // Nobody waits any more: the counts are back to nothing, and a new reader of the old key starts it afresh.
    const again = ask('abandoned');
    await expect.poll(() => started).toEqual(['running', 'shared', 'newcomer', 'abandoned']);
    release('abandoned');
    expect(await again).toBe('abandoned');
  });

  it('readerLeft aborts when the client closes before its answer, not after an answer was sent', async () => {
    const signals: AbortSignal[] = [];
    const server = createServer((_, response) => {
      signals.push(readerLeft(response));
      // The first request is never answered; the second at once.
      if (signals.length === 2) response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const dropped = request({ port, host: '127.0.0.1', path: '/' });
      dropped.on('error', () => {});
      dropped.end();
      await expect.poll(() => signals.length).toBe(1);
      dropped.destroy();
      await expect.poll(() => signals[0]?.aborted).toBe(true);
      const answered = await fetch(`http://127.0.0.1:${port}/`);
      expect(await answered.text()).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(signals[1]?.aborted).toBe(false);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('readerLeft asked after the client has gone (a handler that awaited first) is aborted at once', async () => {
    const asked: AbortSignal[] = [];
    const server = createServer((_, response) => {
      setTimeout(() => asked.push(readerLeft(response)), 200);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const dropped = request({ port, host: '127.0.0.1', path: '/' });
      dropped.on('error', () => {});
      dropped.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
      dropped.destroy();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]?.aborted).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
