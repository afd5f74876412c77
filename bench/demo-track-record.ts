/**
 * The demo's track record after a first start: a fresh demo world warmed up on a virtual clock
 * (src/pipelines/run/demo-warm-up.ts), then the record `GET /v1/predict/track-record` serves, with timings.
 *
 *   node --import tsx bench/demo-track-record.ts [--now 2026-12-04T04:00:00Z] [--weeks 4] [--seed 42]
 */
import { loadParams, trackRecordRulesOf } from '../src/config/params.ts';
import { loadTrackRecordInput } from '../src/db/track-record-repository.ts';
import { manualClock } from '../src/domain/clock.ts';
import { trackRecord } from '../src/pipelines/reports/track-record.ts';
import { warmUpDemo } from '../src/pipelines/run/demo-warm-up.ts';
import { withTemporaryPipeline } from './support/temporary-pipeline.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const now = Date.parse(flag('--now') ?? '2026-12-04T04:00:00Z');
const weeks = Number(flag('--weeks') ?? 4);
const seed = Number(flag('--seed') ?? 42);

const params = loadParams();
await withTemporaryPipeline({ prefix: 'demo-record', params }, async ({ db, pipeline }) => {
  const t0 = performance.now();
  await warmUpDemo(pipeline, {
    clock: manualClock(now),
    source: { kind: 'demo', seed },
    weeks,
    log: (line) => process.stderr.write(`  ${((performance.now() - t0) / 1000).toFixed(1)} s  ${line}\n`),
  });
  const seconds = (performance.now() - t0) / 1000;
  const record = trackRecord(await loadTrackRecordInput(db), trackRecordRulesOf(params));
  console.log(
    JSON.stringify(
      { bench: 'demo-track-record', now: new Date(now).toISOString(), weeks, seed, seconds, record },
      null,
      2,
    ),
  );
});
