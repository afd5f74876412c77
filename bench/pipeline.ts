/**
 * The whole pipeline on real data: a fresh embedded database and artifact folder, every stage from the
 * football-data import to drift, with per-stage timings; then a second run that should skip everything.
 * Target: first run ≤ 5 minutes.
 *
 *   node --import tsx bench/pipeline.ts [folder=/work/shared/data/football] [--postgres]
 */
import { resolve } from 'node:path';
import { loadParams } from '../src/config/params.ts';
import { printStageEvent, timingTable } from '../src/pipelines/run/progress-printer.ts';
import { withTemporaryPipeline } from './support/temporary-pipeline.ts';

const args = process.argv.slice(2);
const folder = resolve(args.find((a) => !a.startsWith('--')) ?? '/work/shared/data/football');
const postgres = args.includes('--postgres');
const write = (text: string) => process.stderr.write(text);
await withTemporaryPipeline(
  { prefix: 'pipeline', params: loadParams(), postgres },
  async ({ db, pipeline }) => {
    const t0 = performance.now();
    const first = await pipeline.run({
      source: { kind: 'football-data', paths: [folder] },
      onEvent: printStageEvent(write),
      log: (line) => write(`      ${line}\n`),
    });
    const firstSeconds = (performance.now() - t0) / 1000;
    write(timingTable(first));
    const t1 = performance.now();
    const second = await pipeline.run({ source: { kind: 'football-data', paths: [folder] } });
    const secondSeconds = (performance.now() - t1) / 1000;
    const [counts] = await db.query<{ matches: number; predictions: number }>(
      'SELECT (SELECT count(*) FROM matches)::int AS matches, (SELECT count(*) FROM prediction_log)::int AS predictions',
    );
    console.log(
      JSON.stringify({
        bench: 'pipeline',
        driver: db.driver,
        folder,
        first_run_seconds: Number(firstSeconds.toFixed(1)),
        stages: Object.fromEntries(first.map((r) => [r.stage, Number((r.durationMs / 1000).toFixed(2))])),
        second_run_seconds: Number(secondSeconds.toFixed(2)),
        second_run_skipped: second.filter((r) => r.status === 'skipped').length,
        ...counts,
        target_seconds: 300,
      }),
    );
  },
);
