import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArtifactKeyError } from '../../../src/storage/artifact-errors.ts';
import type { ArtifactStore } from '../../../src/storage/artifact-store.ts';
import { createArtifactStore } from '../../../src/storage/create-artifact-store.ts';
import { canMount, tmpfs } from '../../support/tmpfs.ts';

const mountable = canMount('the read-only part of the artifact store test');

describe('file artifact store', () => {
  let dir: string;
  let store: ArtifactStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-store-'));
    store = createArtifactStore({ artifactStore: dir });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes, reads, heads, lists and deletes by key', async () => {
    const put = await store.put('reports/drift/latest.json', '{"drift_score":0.1}');
    expect(put.size).toBe(19);
    const got = await store.get('reports/drift/latest.json');
    expect(got?.body.toString()).toBe('{"drift_score":0.1}');
    expect(got?.info.etag).toBe(put.etag);
    expect(await store.head('reports/drift/latest.json')).toEqual(put);
    await store.put('reports/drift/2026-01-01.json', '{}');
    await store.put('features/match_features.parquet', new Uint8Array([1, 2, 3]));
    expect(await store.list('reports/')).toEqual([
      'reports/drift/2026-01-01.json',
      'reports/drift/latest.json',
    ]);
    await store.delete('reports/drift/latest.json');
    expect(await store.get('reports/drift/latest.json')).toBeNull();
    expect(await store.head('reports/drift/latest.json')).toBeNull();
    expect(store.uriOf('models/m/1/model.onnx')).toBe(`file://${dir}/models/m/1/model.onnx`);
  });

  it('answers null for absent keys and an empty list for a folder not yet created', async () => {
    const fresh = createArtifactStore({ artifactStore: join(dir, 'not-yet') });
    expect(await fresh.get('a/b.json')).toBeNull();
    expect(await fresh.list('')).toEqual([]);
  });

  it('changes the etag when the content changes, even at the same size', async () => {
    // Back to back, within one tick of the file system's clock: the etag must still change every time.
    const etags = new Set<string>();
    for (const body of ['aaaa', 'bbbb', 'cccc', 'dddd'])
      etags.add((await store.put('odds/odds.parquet', body)).etag);
    expect(etags.size).toBe(4);
    expect((await store.head('odds/odds.parquet'))?.etag).toBe([...etags].at(-1));
  });

  it('keeps the etag when the same bytes are put again, so readers have nothing to reload', async () => {
    const first = await store.put('predictions/predictions.parquet', new Uint8Array([1, 2, 3, 4]));
    const again = await store.put('predictions/predictions.parquet', Buffer.from([1, 2, 3, 4]));
    expect(again).toEqual(first);
    expect(await store.head('predictions/predictions.parquet')).toEqual(first);
    const changed = await store.put('predictions/predictions.parquet', new Uint8Array([1, 2, 3, 5]));
    expect(changed.etag).not.toBe(first.etag);
  });

  it('moves mtime past the previous put even when the file-system clock is behind it', async () => {
    // An earlier put may have moved mtime ahead of the clock; the next put must not fall back to an older etag.
    const ahead = new Date(Date.now() + 60_000);
    await store.put('odds/odds.parquet', 'aaaa');
    utimesSync(join(dir, 'odds', 'odds.parquet'), ahead, ahead);
    const next = await store.put('odds/odds.parquet', 'bbbbbbbb');
    expect(next.modifiedAt.getTime()).toBeGreaterThan(ahead.getTime());
  });

  it('leaves no temp files behind and never exposes a partial file', async () => {
    const big = new Uint8Array(4 << 20).fill(7);
    await Promise.all([
      store.put('x/big.bin', big),
      store.put('x/big.bin', big),
      store.put('x/big.bin', big),
    ]);
    expect(readdirSync(join(dir, 'x'))).toEqual(['big.bin']);
    expect((await store.get('x/big.bin'))?.body.length).toBe(big.length);
  });

  it('names the path when a key is a folder (Node names none for reading a folder)', async () => {
    mkdirSync(join(dir, 'pipeline', 'pipeline.lock.json'), { recursive: true });
    await expect(store.get('pipeline/pipeline.lock.json')).rejects.toMatchObject({
      code: 'EISDIR',
      path: join(dir, 'pipeline', 'pipeline.lock.json'),
    });
  });

  it.runIf(mountable)(
    'names the read-only folder when a part of the store is mounted read-only',
    async () => {
      // Node's recursive mkdir under such a folder reports ENOENT, "no such file or directory".
      const part = join(dir, 'models');
      mkdirSync(part);
      const mounted = tmpfs('ro', part);
      if (!mounted) throw new Error('tmpfs mount failed');
      try {
        await expect(store.put('models/v1/model.onnx', 'x')).rejects.toMatchObject({
          code: 'EROFS',
          path: part,
        });
      } finally {
        mounted.unmount();
      }
    },
  );

  it.each(['', '/abs', '../up', 'a/../../b', 'a//b', 'a\\b'])('refuses the key %j', async (key) => {
    await expect(store.put(key, 'x')).rejects.toBeInstanceOf(InvalidArtifactKeyError);
  });
});
