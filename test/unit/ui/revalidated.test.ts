import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../../src/ui/api/client.ts';
import { revalidated } from '../../../src/ui/api/revalidated.ts';

interface Row {
  readonly n: number;
}

/** A stand-in for a bulk route: answers 304 to its current ETag, records what each request named. */
function bulkRoute(etag: string | null) {
  const route = { etag, rows: [{ n: 1 }] as Row[], asked: [] as (string | null)[] };
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const named = new Headers(init.headers).get('if-none-match');
    route.asked.push(named);
    const headers = route.etag === null ? undefined : { etag: route.etag };
    if (named !== null && named === route.etag) return new Response(null, { status: 304, headers });
    return new Response(JSON.stringify(route.rows), { status: 200, headers });
  });
  vi.stubGlobal('fetch', fetch);
  return route;
}

const decodeRows = (json: unknown) => (json as Row[]).map((r) => ({ n: r.n }));
/** A client of its own per test: clients are shared per key. */
const newClient = () => createApiClient(randomUUID());

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('revalidated', () => {
  it('asks with the ETag it holds and gives back the same value on a 304', async () => {
    const route = bulkRoute('"v1-gzip"');
    const load = revalidated('/predict/cards/', decodeRows);
    const client = newClient();
    const first = await load(client);
    expect(first).toEqual([{ n: 1 }]);
    // Unchanged: a 304, and the very same array, so nothing that depends on it is computed again.
    expect(await load(client)).toBe(first);
    route.etag = '"v2-gzip"';
    route.rows = [{ n: 2 }];
    const changed = await load(client);
    expect(changed).toEqual([{ n: 2 }]);
    expect(await load(client)).toBe(changed);
    expect(route.asked).toEqual([null, '"v1-gzip"', '"v1-gzip"', '"v2-gzip"']);
  });

  it('holds answers per client: another key starts without an ETag', async () => {
    const route = bulkRoute('"v1"');
    const load = revalidated('/predict/region-roi/', decodeRows);
    await load(newClient());
    await load(newClient());
    expect(route.asked).toEqual([null, null]);
  });

  it('names no ETag when the route sends none, and takes no unasked 304 for data', async () => {
    const route = bulkRoute(null);
    const load = revalidated('/predict/cards/', decodeRows);
    const client = newClient();
    await load(client);
    await load(client);
    expect(route.asked).toEqual([null, null]);
    vi.stubGlobal('fetch', async () => new Response(null, { status: 304 }));
    await expect(load(newClient())).rejects.toBeInstanceOf(ApiError);
  });

  it('leaves the answer it holds as it was when a request fails', async () => {
    const route = bulkRoute('"v1"');
    const load = revalidated('/predict/cards/', decodeRows);
    const client = newClient();
    const first = await load(client);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(load(client)).rejects.toMatchObject({ kind: 'network' });
    bulkRoute(route.etag);
    expect(await load(client)).toBe(first);
  });
});
