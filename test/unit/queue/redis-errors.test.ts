/** A Redis outage is told once, not once per reconnect attempt; other errors each time. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { reportRedisErrors } from '../../../src/queue/redis-connection.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('reportRedisErrors', () => {
  it('reports an outage once, its end once, and every other error', () => {
    const client = new EventEmitter();
    const [queue, worker] = [new EventEmitter(), new EventEmitter()];
    const told: (string | undefined)[] = [];
    reportRedisErrors(client, [queue, worker], (error) => told.push(error?.message));
    for (let i = 0; i < 20; i++) (i % 2 ? queue : worker).emit('error', refused());
    worker.emit('error', new Error('Connection is closed.'));
    client.emit('ready');
    client.emit('ready');
    worker.emit('error', new Error('Missing lock for job 7. moveToFinished'));
    worker.emit('error', new Error('Missing lock for job 8. moveToFinished'));
    queue.emit('error', refused());
    expect(told).toEqual([
      'connect ECONNREFUSED 127.0.0.1:6379',
      undefined,
      'Missing lock for job 7. moveToFinished',
      'Missing lock for job 8. moveToFinished',
      'connect ECONNREFUSED 127.0.0.1:6379',
    ]);
  });
});
