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

  it('does not start work whose every reader has left by its turn, and frees its place in the queue', async () => {
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
    gone.abort();
    leaves.abort();
    await expect.poll(() => started).toEqual(['running']);
    release('running');
    await first;
    expect(await abandoned).toMatchObject({ code: 'BUSY' });
    await expect.poll(() => started).toEqual(['running', 'shared']);
    release('shared');
    expect(await sharedAgain).toBe('shared');
    // Nobody waits any more: the counts are back to nothing, and a new reader of the old key starts it afresh.
    const again = ask('abandoned');
    await expect.poll(() => started).toEqual(['running', 'shared', 'abandoned']);
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
});
