import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBulkBody, chooseEncoding, etagOf } from '../../../src/api/services/bulk-body.ts';

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'gzip'],
    ['BR', 'br'],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('buildBulkBody', () => {
  it('keeps gzip and brotli copies that inflate to the JSON', async () => {
    const json = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ match_id: i, label: 'home_win' })));
    const body = await buildBulkBody(json, 'seed-1');
    expect(body.length).toBe(Buffer.byteLength(json));
    expect(body.identity?.toString()).toBe(json);
    expect(gunzipSync(body.gzip).toString()).toBe(json);
    expect(brotliDecompressSync(body.br).toString()).toBe(json);
    expect(body.gzip.length).toBeLessThan(body.length / 5);
  });

  it('derives a strong, quoted etag from the seed alone', async () => {
    expect(etagOf('a')).toMatch(/^"[\w-]{22}"$/);
    expect(etagOf('a')).toBe(etagOf('a'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
    expect((await buildBulkBody('[]', 'a')).etag).toBe(etagOf('a'));
  });
});
