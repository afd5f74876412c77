/**
 * The contract of docs/api.md as a table: for each route, the fields its answer must carry. The test fails if a
 * field goes missing (or an unlisted one appears) in a live answer or in the OpenAPI document's schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../../src/queue/start-worker.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  isInProcess,
  MODEL_NAME,
  registerModel,
} from '../unit/api/fixture.ts';

const PREDICTION_ITEM = [
  'match_id',
  'homeTeamName',
  'awayTeamName',
  'startTimeUtc',
  'proba_home',
  'proba_draw',
  'proba_away',
  'predicted_class',
  'predicted_label',
  'is_future',
  'model_stage',
  'model_run_id',
];
const PRECOMPUTED = [
  'match_id',
  'proba_home',
  'proba_draw',
  'proba_away',
  'predicted_class',
  'predicted_label',
  'is_future',
  'start_time_utc',
  'home_team_name',
  'away_team_name',
  'model_run_id',
  'model_stage',
  'predictions_computed_at',
  // Additions to the contract (issue #14): over 2.5 goals and both teams to score, null when unknown.
  'proba_over_2_5',
  'proba_btts',
];
const CARD = [
  ...PRECOMPUTED,
  'region_id',
  'region_name',
  'sex',
  'status',
  'odd_home',
  'odd_draw',
  'odd_away',
  'odds_url',
  'home_score',
  'away_score',
  'outcome',
  'prediction_correct',
  'value_bet',
  'suspect_edge',
  'home_matches_played',
  'away_matches_played',
];
const LIVE_PREDICTION = [
  'predicted_class',
  'predicted_label',
  'probabilities',
  'model_name',
  'model_version',
  'model_stage',
  'model_run_id',
];

interface ContractRow {
  readonly method: 'GET' | 'POST';
  /** The path as the contract and the OpenAPI document write it. */
  readonly path: string;
  /** A concrete URL to call. */
  readonly url: string;
  readonly status: number;
  /** Fields of the answer, or of each item when `array`. */
  readonly fields: readonly string[];
  readonly array?: boolean;
  /** Fields of nested objects, by property. */
  readonly nested?: Record<string, readonly string[]>;
  /** Documented fields of nested objects that an answer carries only in some states (e.g. once closed). */
  readonly nestedOptional?: Record<string, readonly string[]>;
  readonly body?: object;
}

const CONTRACT: readonly ContractRow[] = [
  {
    method: 'GET',
    path: '/predict/predictions/',
    url: '/predict/predictions/',
    status: 200,
    fields: PREDICTION_ITEM,
    array: true,
  },
  {
    method: 'GET',
    path: '/predict/precomputed/{match_id}',
    url: '/predict/precomputed/1000',
    status: 200,
    fields: PRECOMPUTED,
  },
  {
    method: 'GET',
    path: '/predict/cards/',
    url: '/predict/cards/',
    status: 200,
    fields: CARD,
    array: true,
    nested: {
      value_bet: ['outcome', 'edge', 'odd', 'stake_flat', 'stake_kelly'],
      suspect_edge: ['outcome', 'edge', 'odd', 'reason'],
    },
    // Only once the match has a closing price in the odds history (test/integration/track-record.test.ts).
    nestedOptional: { value_bet: ['closing_odd', 'clv'] },
  },
  {
    method: 'GET',
    path: '/predict/region-roi/',
    url: '/predict/region-roi/',
    status: 200,
    fields: ['region_name', 'roi_pct', 'n_bets', 'hit_rate', 'region_id', 'roi_ci95', 'max_drawdown'],
    array: true,
  },
  {
    method: 'GET',
    path: '/predict/odds/',
    url: '/predict/odds/',
    status: 200,
    fields: ['match_id', 'odd_home', 'odd_draw', 'odd_away', 'bookmaker', 'odds_url', 'collected_at'],
    array: true,
  },
  {
    method: 'GET',
    path: '/predict/{match_id}',
    url: '/predict/1000?stage=champion',
    status: 200,
    fields: ['match_id', 'prediction', 'task_id', 'hindsight'],
    nested: { prediction: LIVE_PREDICTION },
  },
  {
    method: 'POST',
    path: '/predict/async/',
    url: '/predict/async/',
    status: 202,
    fields: ['task_id', 'status'],
    body: { match_id: 1000 },
  },
  {
    method: 'GET',
    path: '/predict/model/info',
    url: '/predict/model/info?stage=champion',
    status: 200,
    fields: ['model_name', 'stage', 'version', 'run_id', 'metrics', 'params', 'feature_names', 'created_at'],
  },
  {
    method: 'GET',
    path: '/livescores/',
    url: '/livescores/?year=2026&month=3&limit=10&offset=0',
    status: 200,
    fields: [
      'match_id',
      'startTimeUtc',
      'homeTeamName',
      'awayTeamName',
      'homeScore',
      'awayScore',
      'status',
      'region_id',
      'region_name',
      'sex',
    ],
    array: true,
  },
  {
    method: 'GET',
    path: '/monitoring/celery/queues',
    url: '/monitoring/celery/queues',
    status: 200,
    fields: ['active', 'scheduled', 'reserved', 'queues'],
    nested: { queues: ['ml'] },
  },
  {
    method: 'GET',
    path: '/monitoring/celery/workers',
    url: '/monitoring/celery/workers',
    status: 200,
    fields: ['workers'],
  },
  {
    method: 'GET',
    path: '/healthcheck/',
    url: '/healthcheck/',
    status: 200,
    fields: ['status', 'version', 'worker_pid', 'memory_usage_mb', 'database'],
  },
];

const WORKER_FIELDS = ['name', 'queues', 'ping', 'pid', 'hostname', 'last_heartbeat', 'models_loaded'];
const TASK_STATUS_FIELDS = ['task_id', 'status', 'result'];

let f: ApiFixture;
let worker: RunningWorker;
let openapi: {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
};

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  required?: string[];
}

beforeAll(async () => {
  f = await createApiFixture();
  await registerModel(f.registry, 'champion');
  if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
  worker = await startWorker({ queue: f.queue, registry: f.registry, modelName: MODEL_NAME });
  const [region] = await f.db.query<{ id: number }>(
    `INSERT INTO regions (code, name, country) VALUES ('ENG', 'England', 'England') RETURNING id`,
  );
  const teams = await f.db.query<{ id: number }>(
    `INSERT INTO teams (name, region_id) VALUES ('A', $1), ('B', $1) RETURNING id`,
    [region?.id],
  );
  await f.db.query(
    `INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                          away_team_id, status)
     VALUES ('test', 'k1', $1, 'League', '2026', '2026-03-05T15:00:00Z', $2, $3, 'scheduled')`,
    [region?.id, teams[0]?.id, teams[1]?.id],
  );
  openapi = (await f.app.inject({ url: '/openapi.json' })).json();
});
afterAll(async () => {
  await worker?.close();
  await f?.close();
});

const sorted = (keys: Iterable<string>) => [...keys].sort();

function objectSchema(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema;
  return schema.anyOf?.find((s) => s.properties);
}

describe.each(CONTRACT)('$method $path', (row) => {
  it('answers with exactly the contract fields', async () => {
    const res = await f.app.inject({
      method: row.method,
      url: row.url,
      headers: { 'x-api-key': API_KEY },
      ...(row.body ? { payload: row.body } : {}),
    });
    expect(res.statusCode).toBe(row.status);
    const body = res.json() as Record<string, unknown> | Record<string, unknown>[];
    const items = row.array ? (body as Record<string, unknown>[]) : [body as Record<string, unknown>];
    expect(items.length, 'an answer to check').toBeGreaterThan(0);
    for (const item of items) {
      expect(sorted(Object.keys(item))).toEqual(sorted(row.fields));
      for (const [field, inner] of Object.entries(row.nested ?? {})) {
        const value = item[field];
        if (value !== null) expect(sorted(Object.keys(value as object)), field).toEqual(sorted(inner));
      }
    }
  });

  it('is documented with the same fields in /openapi.json', () => {
    const operation = openapi.paths[row.path]?.[row.method.toLowerCase()];
    expect(operation, `${row.method} ${row.path} in openapi.json`).toBeDefined();
    const schema = operation?.responses[String(row.status)]?.content?.['application/json']?.schema;
    const object = objectSchema(row.array ? schema?.items : schema);
    expect(sorted(Object.keys(object?.properties ?? {}))).toEqual(sorted(row.fields));
    for (const [field, inner] of Object.entries(row.nested ?? {})) {
      const nested = objectSchema(object?.properties?.[field]);
      const optional = row.nestedOptional?.[field] ?? [];
      expect(sorted(Object.keys(nested?.properties ?? {})), field).toEqual(sorted([...inner, ...optional]));
    }
  });
});

describe('nested monitoring answers', () => {
  it('describes each worker with the contract fields', async () => {
    const body = (await f.app.inject({ url: '/monitoring/celery/workers' })).json() as { workers: object[] };
    expect(body.workers.length).toBeGreaterThan(0);
    for (const w of body.workers) expect(sorted(Object.keys(w))).toEqual(sorted(WORKER_FIELDS));
  });

  it('answers task_status with task_id, status and result', async () => {
    const queued = (
      await f.app.inject({
        method: 'POST',
        url: '/predict/async/',
        payload: { match_id: 1001 },
        headers: { 'x-api-key': API_KEY },
      })
    ).json() as { task_id: string };
    const res = await f.app.inject({ url: `/monitoring/task_status/${queued.task_id}` });
    expect(res.statusCode).toBe(200);
    const keys = Object.keys(res.json() as object);
    for (const field of TASK_STATUS_FIELDS) expect(keys).toContain(field);
  });

  it('answers /monitoring/drift with drift_score', async () => {
    expect(Object.keys((await f.app.inject({ url: '/monitoring/drift' })).json() as object)).toContain(
      'drift_score',
    );
  });
});
