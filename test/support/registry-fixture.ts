/**
 * A registry with two distinguishable versions for queue and worker tests: version 1 favours the home side,
 * version 2 the away side (so a result shows which one served it); version 1 is champion.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/db.ts';
import { createModelRegistry, type ModelRegistry } from '../../src/registry/model-registry.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { FIXTURE_FEATURES, fixtureFeatureSet, fixtureModel, fixtureSignature } from './onnx-fixtures.ts';

export interface SeededRegistry {
  readonly registry: ModelRegistry;
  readonly modelName: string;
  readonly artifactDir: string;
}

export const HOME_BIAS = [1, 0, -1] as const;
export const AWAY_BIAS = [-1, 0, 1] as const;

export async function seedRegistry(db: Db, modelName: string, artifactDir?: string): Promise<SeededRegistry> {
  const dir = artifactDir ?? mkdtempSync(join(tmpdir(), 'mc-artifacts-'));
  const registry = createModelRegistry({ db, store: createFileArtifactStore(dir) });
  const featureSet = fixtureFeatureSet();
  for (const bias of [HOME_BIAS, AWAY_BIAS]) {
    await registry.register({
      name: modelName,
      onnx: fixtureModel(bias),
      signature: fixtureSignature(featureSet),
      featureSet,
      metrics: { log_loss: 0.99 },
    });
  }
  await registry.promote({ name: modelName, version: 1, alias: 'champion', actor: 'test', reason: 'seed' });
  return { registry, modelName, artifactDir: dir };
}

/** predict_match data for an all-zero feature row (version 1 → home win, version 2 → away win). */
export function predictData(matchId = 1, stage: 'champion' | 'challenger' | 'candidate' = 'champion') {
  return { match_id: matchId, stage, features: [0, 0, 0, 0], feature_names: [...FIXTURE_FEATURES] };
}
