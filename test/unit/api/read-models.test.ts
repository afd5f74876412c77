/**
 * The read models over a real artifact folder and decoder: tables parsed from the files, a broken file keeping
 * the last good copy, and bulk bodies rebuilt (new ETag) exactly when an artifact they come from changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModels, type ReadModels } from '../../../src/api/services/read-models.ts';
import { ARTIFACT_KEYS } from '../../../src/domain/artifacts.ts';
import type { ArtifactStore } from '../../../src/storage/artifact-store.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';
import { createDecoderPool } from '../../../src/storage/parquet/decoder-pool.ts';
import { samplePredictions, writeAllArtifacts, writePredictions } from './fixture.ts';

let dir: string;
let store: ArtifactStore;
let models: ReadModels;
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mc-read-models-'));
  store = createFileArtifactStore(dir);
  await writeAllArtifacts(store, 20);
  models = createReadModels(
    store,
    3_600_000,
    { onError: (key) => errors.push(key), onLoad: () => {} },
    createDecoderPool(1),
  );
  await models.refresh();
});
afterAll(() => {
  models?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const bodyJson = async (body: Promise<{ gzip: Buffer }>) =>
  JSON.parse(gunzipSync((await body).gzip).toString());

describe('read models', () => {
  it('parses every artifact and is ready once each was checked', async () => {
    expect(models.ready()).toBe(true);
    expect(models.predictions.current()?.value.size).toBe(20);
    expect(models.odds.current()?.value.size).toBeGreaterThan(0);
    expect(models.features.current()?.value.has(1000)).toBe(true);
    expect(await bodyJson(models.cardsBody())).toHaveLength(20);
  });

  it('keeps serving the last good copy when a new file is broken', async () => {
    const before = (await models.predictionsBody()).etag;
    await store.put(ARTIFACT_KEYS.predictions, Buffer.from('PAR1 not parquet'));
    await models.refresh();
    expect(errors).toContain(ARTIFACT_KEYS.predictions);
    expect(models.predictions.current()?.value.size).toBe(20);
    expect((await models.predictionsBody()).etag).toBe(before);
  });

  it('rebuilds the bodies that depend on a changed artifact, and only those', async () => {
    const predictionsBefore = (await models.predictionsBody()).etag;
    const cardsBefore = (await models.cardsBody()).etag;
    const oddsBefore = (await models.oddsBody()).etag;
    await writePredictions(store, samplePredictions(12));
    await models.refresh();
    expect((await models.predictionsBody()).etag).not.toBe(predictionsBefore);
    expect((await models.cardsBody()).etag).not.toBe(cardsBefore);
    expect((await models.oddsBody()).etag).toBe(oddsBefore);
    expect(await bodyJson(models.predictionsBody())).toHaveLength(12);
  });
});
