import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBulkBody, chooseEncoding, etagOf } from '../../../src/api/services/bulk-body.ts';

describe('chooseEncoding', () => {
  const all = ['br', 'gzip', 'identity'] as const;
  const noBrotli = ['gzip', 'identity'] as const;
  it.each([
    [undefined, all, 'identity'],
    ['', all, 'identity'],
    ['gzip', all, 'gzip'],
    // Equal q: our order, not the header's (a browser's "gzip, deflate, br" gets brotli).
    ['gzip, deflate, br', all, 'br'],
    ['br;q=0, gzip', all, 'gzip'],
    ['gzip;q=0', all, 'identity'],
    ['deflate', all, 'identity'],
    ['*', all, 'br'],
    ['*', noBrotli, 'gzip'],
    ['BR', all, 'br'],
    // q-values rank: a low-q brotli loses to gzip.
    ['br;q=0.1, gzip;q=1', all, 'gzip'],
    // A coding the client refuses is never sent, even the only compressed copy there is.
    ['br', noBrotli, 'identity'],
    ['br, gzip;q=0', noBrotli, 'identity'],
    ['gzip;q=0, *', noBrotli, 'identity'],
    ['identity;q=0, gzip', noBrotli, 'gzip'],
    // x-gzip is gzip (RFC 9110 8.4.1.3), unless gzip itself is named and says otherwise.
    ['x-gzip', all, 'gzip'],
    ['X-GZIP;q=0.5, identity;q=0.1', noBrotli, 'gzip'],
    ['gzip;q=0, x-gzip', noBrotli, 'identity'],
    ['x-gzip;q=0', noBrotli, 'identity'],
  ])('%s of %j → %s', (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });
});

describe('buildBulkBody', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ match_id: i, label: 'home_win' }));

  it('keeps identity, gzip and brotli copies of a small array', async () => {
    const json = JSON.stringify(rows(500));
    const small = rows(500);
    const body = await buildBulkBody(small.length, (i) => small[i], 'seed-1');
    expect(body.length).toBe(Buffer.byteLength(json));
    expect(body.identity?.toString()).toBe(json);
    expect(gunzipSync(body.gzip).toString()).toBe(json);
    expect(brotliDecompressSync(body.br ?? Buffer.alloc(0)).toString()).toBe(json);
    expect(body.gzip.length).toBeLessThan(body.length / 5);
  });

  it('streams a large array through gzip only, byte for byte the same JSON', async () => {
    const big = rows(9001);
    const twice = (r: { match_id: number; label: string }) => ({ ...r, twice: r.match_id * 2 });
    const body = await buildBulkBody(
      big.length,
      (i) => twice(big[i] as { match_id: number; label: string }),
      'seed-2',
    );
    const json = JSON.stringify(big.map(twice));
    expect(body.identity).toBeNull();
    expect(body.br).toBeNull();
    expect(body.length).toBe(Buffer.byteLength(json));
    expect(gunzipSync(body.gzip).toString()).toBe(json);
  });

  it('serialises an empty array as []', async () => {
    expect((await buildBulkBody(0, () => null, 'e')).identity?.toString()).toBe('[]');
  });

  it('derives a strong, quoted etag from the seed alone', async () => {
    expect(etagOf('a')).toMatch(/^"[\w-]{22}"$/);
    expect(etagOf('a')).toBe(etagOf('a'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
    expect((await buildBulkBody(0, () => null, 'a')).etag).toBe(etagOf('a'));
  });
});
