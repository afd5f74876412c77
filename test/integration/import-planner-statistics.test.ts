/**
 * An import that writes rows leaves the planner statistics of what it wrote. Without them PostgreSQL, before
 * autovacuum got to the tables (or with it off), guessed thousands of prices a match and JIT-compiled every
 * odds-history read: the API's first backtest track record of the shared history read its prices in 62 s
 * instead of 14.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { DRIVERS } from '../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'matchcast-import-statistics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'E0.csv'),
  'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSCH,PSCD,PSCA\n' +
    'E0,15/08/2025,20:00,Liverpool,Bournemouth,4,2,H,1.3,6,8.5,1.29,6.25,9\n' +
    'E0,16/08/2025,12:30,Aston Villa,Newcastle,0,0,D,2.25,3.5,2.9,2.45,3.4,2.8\n',
);

const analysedTables = async (db: Db) =>
  (
    await db.query<{ t: string }>(
      `SELECT DISTINCT tablename::text AS t FROM pg_stats
       WHERE schemaname = current_schema() AND tablename IN ('matches', 'odds') ORDER BY 1`,
    )
  ).map((r) => r.t);

describe.each(DRIVERS)('planner statistics after an import on $driver', ({ available, open }) => {
  it.runIf(available)('analyses the tables it wrote', async () => {
    const { db, dispose } = await open();
    try {
      expect(await analysedTables(db)).toEqual([]);
      await importFootballData(db, [dir], { nowMs: Date.parse('2026-11-22T12:00:00Z') });
      expect(await analysedTables(db)).toEqual(['matches', 'odds']);
    } finally {
      await dispose();
    }
  });
});
