/**
 * The rule of prices on offer before kick-off (REPLACEABLE_PRICE, db/import-repository.ts) through a real import on
 * both drivers: a price written while its match was still to come is replaced by a later file pulled before
 * kick-off, and kept, and counted, when a file pulled after kick-off lists another.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { DRIVERS } from '../support/services.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const MAIN_HEADER = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSCH,PSCD,PSCA';
const file = (dir: string) => join(dir, 'B1', '2026-27.csv');

async function matchRows(db: Db) {
  return db.query<{ status: string; home_score: number | null }>('SELECT status, home_score FROM matches');
}

describe.each(DRIVERS)('prices on offer before kick-off on $driver', ({ available, open }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const setUp = async (text: string) => {
    const { db, dispose } = await open();
    cleanups.push(dispose);
    const dir = mkdtempSync(join(tmpdir(), 'matchcast-on-offer-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'B1'));
    writeFileSync(file(dir), text);
    return { db, dir };
  };

  it.runIf(available)(
    'keeps a price seen before kick-off when a file pulled after it lists another, and says so',
    async () => {
      const header = `${MAIN_HEADER},B365>2.5,B365<2.5`;
      const fixture = `${header}\nB1,05/12/2026,19:45,Club Brugge,Genk,,,,1.8,3.8,4.2,,,,1.9,1.9\n`;
      const { db, dir } = await setUp(fixture);
      await importFootballData(db, [dir], { nowMs: NOW });
      const prices = async () =>
        (
          await db.query<{ home: number; over: number }>(
            `SELECT o.odd_home AS home, u.odd_over AS over FROM odds o JOIN odds_over_under u USING (match_id, bookmaker)
             WHERE o.bookmaker = 'b365' AND o.kind = 'opening' AND u.kind = 'opening'`,
          )
        )[0];
      // Still before kick-off, the file lists new prices: they were on offer then, and replace the first ones.
      writeFileSync(file(dir), fixture.replace('1.8,3.8,4.2,,,,1.9,1.9', '1.75,3.9,4.4,,,,1.85,1.95'));
      expect(await importFootballData(db, [dir], { nowMs: NOW })).toMatchObject({
        oddsUpdated: 1,
        oddsKept: 0,
        overUnderUpdated: 1,
      });
      expect(await prices()).toEqual({ home: 1.75, over: 1.85 });
      // After kick-off the results file lists others: the ones on offer before kick-off stay.
      const result = fixture.replace(',,,,1.8,3.8,4.2,,,,1.9,1.9', ',2,1,H,1.7,4,4.6,,,,1.8,2');
      writeFileSync(file(dir), result);
      const after = Date.parse('2026-12-06T00:00:00Z');
      expect(await importFootballData(db, [dir], { nowMs: after })).toMatchObject({
        matchesUpdated: 1,
        oddsUpdated: 0,
        oddsKept: 1,
        overUnderUpdated: 0,
        overUnderKept: 1,
      });
      expect(await prices()).toEqual({ home: 1.75, over: 1.85 });
      expect((await matchRows(db))[0]).toMatchObject({ status: 'finished', home_score: 2 });
    },
  );
});
