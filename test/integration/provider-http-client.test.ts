/**
 * The provider client against a real local server that sends more than any provider file holds: a declared
 * length, a chunked body and a small gzip body that inflates past the cap are each refused with one clear reason,
 * not read whole into memory, and not retried. A provider that cannot be used says whether it answered at all.
 */
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.ts';
import { createProviderClient, ProviderUnavailableError } from '../../src/ingest/provider/http-client.ts';

const CAP = 10_000;
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  const big = Buffer.alloc(CAP + 1, 'x');
  server = createServer((request, response) => {
    requests++;
    if (request.url === '/declared.csv') response.writeHead(200, { 'content-length': big.length }).end(big);
    else if (request.url === '/chunked.csv') {
      response.writeHead(200);
      response.write(big.subarray(0, CAP));
      response.end(big.subarray(CAP));
    } else if (request.url === '/bomb.csv') {
      const packed = gzipSync(Buffer.alloc(CAP * 50, 'x'));
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': packed.length }).end(packed);
    } else if (request.url === '/down.csv') response.writeHead(503).end();
    else response.writeHead(200).end('Div,Date\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('provider bodies larger than any provider file', () => {
  const client = createProviderClient({
    timeoutMs: 5000,
    retries: 2,
    backoffMs: 1,
    minIntervalMs: 0,
    clock: systemClock,
    maxBodyBytes: CAP,
  });
  const none = { etag: null, lastModified: null };

  it.each([
    ['declared.csv', /a body of 10,001 bytes, above the 10,000 bytes/],
    ['chunked.csv', /a longer body, above the 10,000 bytes/],
    ['bomb.csv', /a longer body, above the 10,000 bytes/],
  ])('%s is refused, once', async (file, reason) => {
    const before = requests;
    await expect(client.get(`${base}/${file}`, none)).rejects.toThrow(reason);
    expect(requests - before).toBe(1);
  });

  it('reads a body within the cap', async () => {
    const result = await client.get(`${base}/small.csv`, none);
    expect(result.status === 'changed' && Buffer.from(result.body).toString()).toBe('Div,Date\n');
  });
});

describe('a provider that cannot be used', () => {
  const client = createProviderClient({
    timeoutMs: 5000,
    retries: 1,
    backoffMs: 1,
    minIntervalMs: 0,
    clock: systemClock,
  });
  const none = { etag: null, lastModified: null };
  const failure = (url: string) => client.get(url, none).catch((error: unknown) => error);

  // `matchcast sync` adds what to do offline when nothing answered, not when the provider answered 5xx.
  it('says whether any answer came back', async () => {
    const down = await failure(`${base}/down.csv`);
    expect(down).toBeInstanceOf(ProviderUnavailableError);
    expect(down).toMatchObject({ reason: 'HTTP 503 (2 tries)', noAnswer: false });
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const refused = await failure(`http://127.0.0.1:${closed}/E0.csv`);
    expect(refused).toBeInstanceOf(ProviderUnavailableError);
    expect(refused).toMatchObject({ reason: 'network error (ECONNREFUSED) (2 tries)', noAnswer: true });
  });

  it('names a port fetch will not use, at once, instead of blaming the network', async () => {
    const blocked = await failure('http://127.0.0.1:9/E0.csv');
    expect(blocked).toBeInstanceOf(ProviderUnavailableError);
    expect(blocked).toMatchObject({
      reason: 'fetch refuses port 9, one the Fetch standard blocks; serve the provider on another port',
      noAnswer: false,
    });
  });
});
