/**
 * The results subscriber through a lost connection, on the real Redis behind a TCP relay the test owns (it cuts
 * connections and can hold replies back):
 * - after a reconnect it is subscribed again and messages arrive (the queue's fast path: without it every
 *   result would wait for the slow poll of job states);
 * - closed in the moment it turns ready again (its INFO sent, the answer not yet back) it ends cleanly. There,
 *   ioredis's own re-subscription (now off) rejected a SUBSCRIBE nobody handled, an unhandled rejection that
 *   ends a Node process (and failed a CI run through the Redis outage test).
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openSubscriber } from '../../src/queue/redis-connection.ts';
import { REDIS_URL, redisAvailable } from '../support/services.ts';

const REPLY_DELAY_MS = 150;

/**
 * Relays to Redis; `cut()` drops the open connections. With `onReconnectInfo`, connections after the first have
 * every reply held back, and it is called when such a connection sends INFO (ioredis's ready check).
 */
async function startRelay(onReconnectInfo?: () => void) {
  const target = new URL(REDIS_URL);
  const open = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const slow = ++connections > 1 && onReconnectInfo !== undefined;
    const upstream = tcpConnect({
      host: target.hostname,
      port: Number(target.port || 6379),
      allowHalfOpen: true,
    });
    open.add(client);
    open.add(upstream);
    client.on('data', (chunk) => {
      if (slow && chunk.toString('latin1').toLowerCase().includes('\r\ninfo\r\n')) onReconnectInfo?.();
      upstream.write(chunk);
    });
    client.on('end', () => void sleep(REPLY_DELAY_MS * 2).then(() => upstream.end()));
    upstream.on('data', (chunk) => {
      if (!slow) return void client.write(chunk);
      void sleep(REPLY_DELAY_MS).then(() => client.writable && client.write(chunk));
    });
    upstream.on('end', () => void sleep(REPLY_DELAY_MS).then(() => client.end()));
    for (const socket of [client, upstream]) {
      socket.on('error', () => {});
      socket.on('close', () => open.delete(socket));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      for (const socket of open) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!redisAvailable)('the results subscriber', () => {
  it('is subscribed again after a reconnect: messages published then arrive', async () => {
    const relay = await startRelay();
    const channel = `subscriber-again-${process.pid}`;
    const received: string[] = [];
    const subscriber = openSubscriber(relay.url, channel, (text) => received.push(text));
    const publisher = new Redis(REDIS_URL);
    try {
      await subscriber.subscribed;
      relay.cut();
      // Published until one arrives: those sent before the new SUBSCRIBE are lost, as with any pub/sub.
      for (let i = 0; received.length === 0 && i < 100; i++) {
        await publisher.publish(channel, `after-${i}`);
        await sleep(50);
      }
      expect(received[0]).toMatch(/^after-\d+$/);
    } finally {
      publisher.disconnect();
      await subscriber.redis.quit();
      await relay.close();
    }
  });

  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
  });

  it('closes without an unhandled rejection while it turns ready again after a reconnect', async () => {
    let quitting: Promise<unknown> | undefined;
    const relay = await startRelay(() => {
      quitting ??= subscriber.redis.quit().catch(() => {});
    });
    const subscriber = openSubscriber(relay.url, `subscriber-shutdown-${process.pid}`, () => {});
    await subscriber.subscribed;

    relay.cut();
    await once(subscriber.redis, 'end');
    await quitting;
    // Every held-back reply has arrived and the connection has closed: a stray rejection has surfaced by now.
    await sleep(REPLY_DELAY_MS * 4);
    await relay.close();
    expect(quitting).toBeDefined();
    expect(rejections).toEqual([]);
  });
});
