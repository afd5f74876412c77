/**
 * The ingest source is remembered in the artifact store (pipeline/source.json), so `pipeline run`, the scheduler
 * and a later `npm start` keep ingesting from wherever `start` or `up --data` first pointed them.
 */
import { Type } from 'typebox';
import { LEAGUE_CODE_PATTERN, SEASON_PATTERN } from '../../config/params.ts';
import { getJson, parseJson, putJson } from '../../storage/artifact-io.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import type { IngestSource } from './pipeline-context.ts';

export const SOURCE_KEY = 'pipeline/source.json';

const IngestSourceSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('demo'),
    seed: Type.Integer(),
    historyYears: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  Type.Object({ kind: Type.Literal('football-data'), paths: Type.Array(Type.String(), { minItems: 1 }) }),
  Type.Object({
    kind: Type.Literal('provider'),
    url: Type.String({ pattern: '^https?://' }),
    leagues: Type.Optional(Type.Array(Type.String({ pattern: LEAGUE_CODE_PATTERN }), { minItems: 1 })),
    fromSeason: Type.Optional(Type.String({ pattern: SEASON_PATTERN })),
  }),
  Type.Object({ kind: Type.Literal('none') }),
]);

export async function readIngestSource(store: ArtifactStore): Promise<IngestSource> {
  const stored = await getJson(store, SOURCE_KEY, IngestSourceSchema);
  return stored?.value ?? { kind: 'none' };
}

/** The remembered source from the bytes of SOURCE_KEY (the API keeps them cached, see read-models.ts). */
export function parseIngestSource(body: Buffer): IngestSource {
  return parseJson(SOURCE_KEY, body, IngestSourceSchema);
}

export async function writeIngestSource(store: ArtifactStore, source: IngestSource): Promise<void> {
  await putJson(store, SOURCE_KEY, source);
}
