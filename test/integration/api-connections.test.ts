/**
 * When the server closes a connection, it says so and runs nothing more on it: after a connection's 1,000th
 * request (requests pipelined behind it are not run), and for a request reaching a server that shuts down.
 */
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createInProcessTaskQueue } from '../../src/queue/in-process-task-queue.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { API_KEY, createApiFixture, registerModel } from '../unit/api/fixture.ts';

describe('a connection that has carried its requests', () => {
  it('closes after its 1,000th request and runs none pipelined behind it', async () => {
    // Every task submitted is counted: a request that ran submitted one, whether or not its answer was delivered.
    const queue = createInProcessTaskQueue();
    let submitted = 0;
    const counting: TaskQueue = Object.assign(Object.create(queue) as TaskQueue, {
      enqueue: ((name, data) => {
        submitted++;
        return queue.enqueue(name, data);
      }) satisfies TaskQueue['enqueue'],
    });
    const f = await createApiFixture({ queue: counting });
    await registerModel(f.registry);
    const port = Number(new URL(await f.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
    });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    // One write of 1,050 requests: Node parses and dispatches them all at once; without the cap all would run.
    const body = '{"match_id":1000}';
    const request =
      `POST /predict/async/ HTTP/1.1\r\nHost: t\r\nX-API-Key: ${API_KEY}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    socket.write(request.repeat(1_050));
    await closed;
    await f.close();
    const heads = response.split('\r\n\r\n').filter((part) => part.includes('HTTP/1.1 '));
    expect(heads).toHaveLength(1_000);
    expect(heads.every((head) => head.includes('HTTP/1.1 202 '))).toBe(true);
    expect(heads.at(-1)).toMatch(/\r\nConnection: close/i);
    expect(heads.at(-2)).toMatch(/\r\nConnection: keep-alive/i);
    expect(submitted).toBe(1_000);
  }, 60_000);
});

describe('a request that arrives while the server shuts down', () => {
  it('is 503 SHUTTING_DOWN in the error shape, saying the connection closes', async () => {
    const g = await createApiFixture();
    const port = Number(new URL(await g.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    const ended = new Promise((resolve) => socket.on('close', resolve));
    // Generous waits: on a loaded machine the server must have read the first request's headers before the close.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 250));
    // A request whose body is still coming keeps the connection busy, so the close leaves it open...
    const body = JSON.stringify({ match_id: 1 });
    socket.write(
      `POST /predict/async/ HTTP/1.1\r\nHost: t\r\nX-API-Key: ${API_KEY}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await tick();
    const closing = g.close();
    await vi.waitUntil(() => !g.app.server.listening);
    // ...and a second request comes down it once the close has begun.
    socket.write(`${body.slice(5)}GET /livez HTTP/1.1\r\nHost: t\r\n\r\n`);
    await Promise.race([ended, tick().then(tick).then(tick)]);
    socket.destroy();
    await closing;
    const second = text.slice(text.indexOf('HTTP/1.1', 1));
    expect(second.startsWith('HTTP/1.1 503 '), text).toBe(true);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
      detail: expect.stringMatching(/shutting down/),
      code: 'SHUTTING_DOWN',
    });
  });
});
