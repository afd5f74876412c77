/**
 * Which world the served figures come from, as the API tells it (GET /predict/track-record/method
 * `data_source`): the kind of the ingest source `start`, `up --data` or `sync` remembered in the store, and the
 * demo's seed. The dashboard warns on the demo that its teams, results and prices are invented. Never the
 * operator's paths or provider URL: a caller needs to know what kind of data it reads, not where it lies.
 */
import { parseIngestSource } from '../../pipelines/run/ingest-source-store.ts';
import type { IngestSource } from '../../pipelines/run/pipeline-context.ts';
import type { DataSource } from '../schemas/track-record.ts';

/** null for `none`: nothing is recorded, so the field is left out rather than guessed. */
export function dataSourceOf(source: IngestSource): DataSource | null {
  switch (source.kind) {
    case 'demo':
      return { kind: 'demo', seed: source.seed };
    case 'football-data':
    case 'provider':
      return { kind: source.kind };
    case 'none':
      return null;
  }
}

/** The body of SOURCE_KEY as the API serves it (read-models.ts keeps it cached and re-checked). */
export const parseDataSource = (body: Buffer): DataSource | null => dataSourceOf(parseIngestSource(body));
