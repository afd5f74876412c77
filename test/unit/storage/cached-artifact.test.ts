import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../../../src/storage/artifact-store.ts';
import { createCachedArtifact } from '../../../src/storage/cached-artifact.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';

const dirs: string[] = [];
function store(): ArtifactStore {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-cache-'));
  dirs.push(dir);
  return createFileArtifactStore(dir);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function numbers(s: ArtifactStore, errors: unknown[] = [], parses = { count: 0 }) {
  return createCachedArtifact<number[]>({
    store: s,
    key: 'x/numbers.json',
    recheckMs: 60_000,
    parse: (body) => {
      parses.count++;
      const value: unknown = JSON.parse(body.toString());
      if (!Array.isArray(value)) throw new Error('not an array');
      return value as number[];
    },
    onError: (_key, error) => errors.push(error),
  });
}

describe('createCachedArtifact', () => {
  it('is null but checked when the artifact does not exist', async () => {
    const cached = numbers(store());
    expect(cached.checked).toBe(false);
    await cached.refresh();
    expect(cached.checked).toBe(true);
    expect(cached.current()).toBeNull();
  });

  it('loads, skips unchanged etags and picks up a new version', async () => {
    const s = store();
    const parses = { count: 0 };
    const cached = numbers(s, [], parses);
    await s.put('x/numbers.json', '[1,2]');
    await cached.refresh();
    expect(cached.current()?.value).toEqual([1, 2]);
    expect(cached.current()?.version).toBe(1);
    await cached.refresh();
    expect(parses.count).toBe(1);
    await s.put('x/numbers.json', '[1,2,3]');
    await cached.refresh();
    expect(cached.current()?.value).toEqual([1, 2, 3]);
    expect(cached.current()?.version).toBe(2);
  });

  it('keeps the last good value when a new file is broken, reporting it once', async () => {
    const s = store();
    const errors: unknown[] = [];
    const parses = { count: 0 };
    const cached = numbers(s, errors, parses);
    await s.put('x/numbers.json', '[7]');
    await cached.refresh();
    await s.put('x/numbers.json', '{"broken": ');
    await cached.refresh();
    await cached.refresh();
    expect(cached.current()?.value).toEqual([7]);
    expect(errors).toHaveLength(1);
    expect(parses.count).toBe(2);
    await s.put('x/numbers.json', '[8]');
    await cached.refresh();
    expect(cached.current()?.value).toEqual([8]);
  });

  it('shares one check between concurrent refreshes', async () => {
    const s = store();
    const parses = { count: 0 };
    const cached = numbers(s, [], parses);
    await s.put('x/numbers.json', '[1]');
    await Promise.all([cached.refresh(), cached.refresh(), cached.refresh()]);
    expect(parses.count).toBe(1);
  });
});
