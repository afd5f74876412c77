/**
 * The incremental feature table (issue #13, Speed) on a real slice: E0 and D1 from 2023-24 on, seen day after
 * day as a replay sees them (results until yesterday, a week of fixtures ahead), each day's table built from
 * the previous day's checkpoint must be byte-for-byte the full recomputation — and so after a corrected old
 * result, a postponed fixture and a match inserted at the boundary, where the build must start again from row 0.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../src/config/params.ts';
import type { MatchRecord } from '../../src/domain/match.ts';
import {
  buildFeatureTable,
  type FeatureCheckpoint,
  type FeatureTable,
  featureTableSteps,
} from '../../src/features/feature-table.ts';
import { readFootballDataInMemory } from '../../src/ingest/football-data/in-memory.ts';
import { runInTurns } from '../../src/pipelines/run/event-loop-turns.ts';
import { IN_CI } from '../support/services.ts';

/** The pipeline's incremental build (feature-source.ts), in turns of the event loop. */
const buildFrom = (...args: Parameters<typeof featureTableSteps>) => runInTurns(featureTableSteps(...args));

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const FILES = ['E0', 'D1'].flatMap((div) =>
  ['2023-24', '2024-25', '2025-26'].map((season) => join(DATA, div, `${season}.csv`)),
);
const present = FILES.every((f) => existsSync(f));
if (!present && IN_CI) throw new Error(`football data not found at ${DATA}`);

const DAY_MS = 86_400_000;
const params = loadParams().features;

/** The database as a replay has it on `dayMs`: results before it, the next week's fixtures without them. */
function asOf(all: readonly MatchRecord[], dayMs: number): MatchRecord[] {
  return all
    .filter((m) => m.startTimeMs < dayMs + 7 * DAY_MS)
    .map((m) =>
      m.startTimeMs < dayMs
        ? m
        : { ...m, homeScore: null, awayScore: null, status: 'scheduled', stats: null },
    );
}

function expectSameTable(a: FeatureTable, b: FeatureTable): void {
  expect(a.n).toBe(b.n);
  expect(a.matches.map((m) => m.matchId)).toEqual(b.matches.map((m) => m.matchId));
  // Bytes, not numbers: -0 and every last bit must agree.
  expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
  expect(Buffer.from(a.outcome.buffer).equals(Buffer.from(b.outcome.buffer))).toBe(true);
  expect(Buffer.from(a.isFuture.buffer).equals(Buffer.from(b.isFuture.buffer))).toBe(true);
}

describe.skipIf(!present)('incremental feature table on E0 + D1', () => {
  it('equals the full recomputation day after day, and starts again from row 0 when the past changed', async () => {
    const { matches: all } = await readFootballDataInMemory(FILES);
    let checkpoint: FeatureCheckpoint | null = null;
    let resumed = 0;
    const first = Date.UTC(2025, 8, 1);
    for (let day = 0; day < 24; day++) {
      const dayMs = first + day * DAY_MS;
      let matches = asOf(all, dayMs);
      let restarts = false;
      if (day === 10) {
        // A corrected result from last season: the checkpoint's rows no longer match.
        const old = matches.findIndex((m) => m.startTimeMs < Date.UTC(2025, 2, 1) && m.homeScore !== null);
        matches = matches.map((m, i) => (i === old ? { ...m, homeScore: (m.homeScore ?? 0) + 1 } : m));
        restarts = true;
      }
      if (day === 16) {
        // Yesterday's match, postponed instead of played: a change before the checkpoint's boundary.
        const moved = matches.findIndex((m) => m.startTimeMs >= dayMs - DAY_MS && m.startTimeMs < dayMs);
        if (moved >= 0) {
          matches = matches.map((m, i) =>
            i === moved ? { ...m, homeScore: null, awayScore: null, status: 'postponed' } : m,
          );
          restarts = true;
        }
      }
      const full = buildFeatureTable(matches, params, { nowMs: dayMs });
      const next = await buildFrom(matches, params, { nowMs: dayMs }, checkpoint);
      expectSameTable(next.table, full);
      if (restarts) expect(next.resumedAt).toBe(0);
      if (next.resumedAt > 0) resumed++;
      checkpoint = next.checkpoint;
    }
    // Most days start from yesterday's boundary, not from the first match.
    expect(resumed).toBeGreaterThan(15);
  }, 120_000);

  it('starts again from row 0 when a match is inserted at the boundary kick-off', async () => {
    const { matches: all } = await readFootballDataInMemory(FILES);
    const dayMs = Date.UTC(2025, 9, 6);
    const today = asOf(all, dayMs);
    const { checkpoint } = await buildFrom(today, params, { nowMs: dayMs }, null);
    const last = checkpoint.matches.at(-1) as MatchRecord;
    const extra: MatchRecord = {
      ...last,
      matchId: 1_000_000,
      homeTeamId: last.awayTeamId,
      awayTeamId: last.homeTeamId,
    };
    const tomorrow = [...asOf(all, dayMs + DAY_MS), extra];
    const next = await buildFrom(tomorrow, params, { nowMs: dayMs + DAY_MS }, checkpoint);
    expect(next.resumedAt).toBe(0);
    expectSameTable(next.table, buildFeatureTable(tomorrow, params, { nowMs: dayMs + DAY_MS }));
    // The checkpoint itself is left as it was: building from it twice gives the same table.
    const again = await buildFrom(asOf(all, dayMs + DAY_MS), params, { nowMs: dayMs + DAY_MS }, checkpoint);
    const twice = await buildFrom(asOf(all, dayMs + DAY_MS), params, { nowMs: dayMs + DAY_MS }, checkpoint);
    expect(again.resumedAt).toBeGreaterThan(0);
    expectSameTable(again.table, twice.table);
  }, 60_000);
});
