/**
 * What writing one timestamp of a precomputed answer costs: `isoText` (src/storage/artifacts/table-columns.ts)
 * against `new Date(ms).toISOString()` over the same instants (a season's kick-offs, an hour or more apart), in
 * turns, median of the rounds. A timestamp column also reuses the last instant's text; this times the formatting
 * itself, the case where the instant changes every row.
 *
 *   node --import tsx bench/iso-text.ts [--instants 100000] [--rounds 7]
 */
import { parseArgs } from 'node:util';
import { isoText } from '../src/storage/artifacts/table-columns.ts';
import { median } from './support/paired-rounds.ts';

const { values } = parseArgs({
  options: { instants: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '7' } },
});
const instants = Array.from(
  { length: Number(values.instants) },
  (_, i) => Date.UTC(2024, 6, 1) + i * 3_900_000 + (i % 1000),
);
const viaDate = (ms: number) => new Date(ms).toISOString();

/** ns per instant of one pass; the lengths are summed so the work cannot be dropped. */
function nsPerInstant(format: (ms: number) => string): number {
  let length = 0;
  const started = process.hrtime.bigint();
  for (const ms of instants) length += format(ms).length;
  const ns = Number(process.hrtime.bigint() - started) / instants.length;
  if (length === 0) throw new Error('nothing formatted');
  return ns;
}

const times = { date: [] as number[], isoText: [] as number[] };
for (let round = 0; round < Number(values.rounds) + 1; round++) {
  const date = nsPerInstant(viaDate);
  const own = nsPerInstant(isoText);
  // The first round warms both up and is not counted.
  if (round === 0) continue;
  times.date.push(date);
  times.isoText.push(own);
}
process.stdout.write(
  `${JSON.stringify({
    scenario: 'one timestamp written as ISO text',
    instants: instants.length,
    date_to_iso_string_ns: Math.round(median(times.date)),
    iso_text_ns: Math.round(median(times.isoText)),
  })}\n`,
);
