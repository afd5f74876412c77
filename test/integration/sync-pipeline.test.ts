/**
 * One real fixture's life through the real stages: `sync` pulls SP1 history and fixtures.csv from a local
 * provider server, the model trains and is registered, `batch_inference` logs probabilities for the scheduled
 * fixtures before kick-off; a week later the scheduled sync job brings the results and the published past
 * predictions carry the scores they are graded against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import { ARTIFACT_KEYS } from '../../src/domain/artifacts.ts';
import { createPipeline } from '../../src/pipelines/run/pipeline.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { getParquet } from '../../src/storage/artifact-io.ts';
import { predictionRows } from '../../src/storage/artifacts/artifact-tables.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { startProviderServer } from '../support/provider-server.ts';
import { present, providerFolder, SEASON, seasonUpTo, write } from '../support/provider-sync-world.ts';
import { DRIVERS } from '../support/services.ts';

const pglite = DRIVERS[0]!;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('a fixture from the provider through the real stages', () => {
  it.runIf(present)(
    'is predicted before kick-off and graded once its result arrives',
    async () => {
      const { db, dispose } = await pglite.open();
      cleanups.push(dispose);
      const root = providerFolder(cleanups);
      const folder = mkdtempSync(join(tmpdir(), 'matchcast-sync-pipeline-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      const server = await startProviderServer(root);
      cleanups.push(() => server.close());

      const base = loadParams();
      const params: Params = {
        ...base,
        train: { ...base.train, train_from: '2024-07-01', min_matches_played: 0 },
        evaluate: { ...base.evaluate, test_from: '2025-05-01' },
        sync: { ...base.sync, leagues: ['SP1'], from_season: '2024-25', min_interval_ms: 0 },
      };
      const store = createFileArtifactStore(folder);
      const pipeline = createPipeline({
        db,
        store,
        registry: createModelRegistry({ db, store }),
        runs: createRunRepository(db),
        params,
        modelName: 'sync-model',
      });
      const source = { kind: 'provider', url: server.url } as const;
      const tuesday = new Date('2025-09-22T12:00:00Z');
      await pipeline.run({
        source,
        now: tuesday,
        only: ['sync', 'features', 'train', 'evaluate', 'register', 'batch_inference'],
      });
      const logged = await db.query<{
        home: string;
        computed_at: Date;
        start_time_utc: Date;
        status: string;
      }>(
        `SELECT h.name AS home, p.computed_at, m.start_time_utc, m.status
       FROM prediction_log p JOIN matches m USING (match_id) JOIN teams h ON h.id = m.home_team_id
       WHERE p.source = 'batch' ORDER BY m.start_time_utc, h.name`,
      );
      expect(logged).toHaveLength(9);
      for (const p of logged) {
        expect(p.status).toBe('scheduled');
        expect(p.computed_at.getTime()).toBeLessThan(p.start_time_utc.getTime());
      }

      // A week later the scheduled sync job (sync → features → batch inference) brings the results.
      write(root, SEASON, seasonUpTo('2025-09-26'));
      await pipeline.run({
        source,
        now: new Date('2025-09-30T09:00:00Z'),
        only: ['sync', 'features', 'batch_inference'],
      });
      const rows = predictionRows((await getParquet(store, ARTIFACT_KEYS.predictions))?.table ?? {});
      const bilbao = rows.find((r) => r.home_team_name === 'Ath Bilbao' && r.away_team_name === 'Girona');
      expect(bilbao).toMatchObject({ is_future: false, status: 'finished', home_score: 1, away_score: 1 });
      expect(Date.parse(bilbao?.computed_at ?? '')).toBe(tuesday.getTime());
    },
    600_000,
  );
});
