import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import {
  getJson,
  getParquet,
  InvalidArtifactError,
  putJson,
  putParquet,
} from '../../../src/storage/artifact-io.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'mc-io-'));
const store = createFileArtifactStore(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON and Parquet artifacts', () => {
  const Report = Type.Object({ drift_score: Type.Number() });

  it('round-trips JSON and validates it against a schema', async () => {
    await putJson(store, 'reports/drift/latest.json', { drift_score: 0.25 });
    expect((await getJson(store, 'reports/drift/latest.json', Report))?.value).toEqual({ drift_score: 0.25 });
    await putJson(store, 'reports/bad.json', { drift_score: 'high' });
    await expect(getJson(store, 'reports/bad.json', Report)).rejects.toBeInstanceOf(InvalidArtifactError);
    await store.put('reports/broken.json', '{"drift');
    await expect(getJson(store, 'reports/broken.json')).rejects.toBeInstanceOf(InvalidArtifactError);
    expect(await getJson(store, 'reports/none.json')).toBeNull();
  });

  it('round-trips a Parquet table', async () => {
    await putParquet(store, 'odds/odds.parquet', [
      { name: 'match_id', kind: 'bigint', values: [1, 2] },
      { name: 'odd_home', kind: 'double', values: [2.1, 1.5] },
      { name: 'bookmaker', kind: 'varchar', values: ['pinnacle', null] },
    ]);
    const read = await getParquet(store, 'odds/odds.parquet');
    expect(read?.table).toEqual({ match_id: [1, 2], odd_home: [2.1, 1.5], bookmaker: ['pinnacle', null] });
    await store.put('odds/broken.parquet', 'not parquet');
    await expect(getParquet(store, 'odds/broken.parquet')).rejects.toBeInstanceOf(InvalidArtifactError);
  });
});
