/**
 * Feature-quality loop for the shot features: imports ../shared/data/football once into a PostgreSQL schema
 * (kept between runs, so only the first run pays for the import), then trains on matches before --test-from
 * and scores [--test-from, --test-to) beside the margin-free market. Tune on a validation window of training
 * seasons (e.g. --test-from 2022-07-01 --test-to 2024-07-01); the test seasons are for the final figure only.
 *
 *   node --import tsx bench/shots-eval.ts --test-from 2022-07-01 --test-to 2024-07-01 [--params p.yaml]
 *     [--models logreg] [--schema shots_eval] [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { importFootballData } from '../src/ingest/football-data/import.ts';
import { evaluateDatabase } from '../src/pipelines/evaluation/model-evaluation-source.ts';
import { availableTrainers } from '../src/pipelines/evaluation/model-trainers.ts';

const { values } = parseArgs({
  options: {
    'test-from': { type: 'string', default: '2024-07-01' },
    'test-to': { type: 'string' },
    params: { type: 'string' },
    models: { type: 'string', default: 'logreg' },
    schema: { type: 'string', default: 'shots_eval' },
    data: { type: 'string', default: join(import.meta.dirname, '../../shared/data/football') },
    json: { type: 'boolean', default: false },
  },
});
const params = values.params ? loadParams(values.params) : loadParams();
const db = await openDb({
  databaseUrl: process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  schema: values.schema,
});
try {
  await migrate(db);
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');
  if ((row?.n ?? 0) === 0) {
    const started = performance.now();
    const s = await importFootballData(db, [values.data], { nowMs: Date.parse('2026-11-22T00:00:00Z') });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(
      `imported ${s.matchesInserted} matches, ${s.statsWritten} with statistics, in ${seconds} s`,
    );
  }
  const wanted = values.models.split(',');
  const report = await evaluateDatabase(db, {
    params,
    testFromMs: Date.parse(`${values['test-from']}T00:00:00Z`),
    ...(values['test-to'] ? { testToMs: Date.parse(`${values['test-to']}T00:00:00Z`) } : {}),
    nowMs: Date.parse('2026-11-22T00:00:00Z'),
    trainers: availableTrainers(params.train).filter((t) => wanted.includes(t.name)),
    log: (line) => console.error(line),
  });
  if (values.json) console.log(JSON.stringify(report));
  const names = [...report.models, ...report.baselines];
  const ll = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));
  console.log(
    `n=${report.n_test}  ${names.map((n) => `${n} ${ll(report.overall[n]?.log_loss)}`).join('  ')}`,
  );
  for (const g of report.by_league) {
    console.log(
      `${g.group.slice(0, 40).padEnd(41)}${String(g.n).padStart(6)}  ${names.map((n) => ll(g.scores[n]?.log_loss)).join('  ')}`,
    );
  }
} finally {
  await db.close();
}
