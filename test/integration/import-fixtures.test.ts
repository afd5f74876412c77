/**
 * Fixtures through the CSV import, on both database drivers: a fixture becomes a finished match when its result
 * arrives, and one long past kick-off without a result is marked postponed as a provider sync marks it.
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

const matchRows = (db: Db) =>
  db.query<{ status: string; home_score: number | null }>(
    'SELECT status, home_score FROM matches ORDER BY source_key',
  );

describe.each(DRIVERS)('fixtures imported from CSV on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });
  const setUp = async (files: Record<string, string>) => {
    const { db, dispose } = await open();
    const dir = mkdtempSync(join(tmpdir(), 'matchcast-import-fixtures-'));
    disposers.push(dispose, async () => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return { db, dir };
  };

  it.runIf(available)('turns a fixture into a finished match when its result arrives', async () => {
    const fixture = `${MAIN_HEADER}\nB1,05/12/2026,19:45,Club Brugge,Genk,,,,1.8,3.8,4.2,,,\n`;
    const { db, dir } = await setUp({ 'B1/2026-27.csv': fixture });
    await importFootballData(db, [dir], { nowMs: NOW });
    expect((await matchRows(db))[0]).toMatchObject({ status: 'scheduled', home_score: null });
    writeFileSync(join(dir, 'B1/2026-27.csv'), fixture.replace(',,,,1.8', ',2,1,H,1.8'));
    const result = await importFootballData(db, [dir], { nowMs: Date.parse('2026-12-06T00:00:00Z') });
    expect(result).toMatchObject({ matchesUpdated: 1, oddsUnchanged: 1 });
    expect((await matchRows(db))[0]).toMatchObject({ status: 'finished', home_score: 2 });
  });

  it.runIf(available)(
    'marks a fixture long past kick-off without a result postponed, as a sync does, and finishes it when its result arrives',
    async () => {
      // An upcoming-fixtures file: every row is a fixture, whatever the clock (a season file's blank past row is
      // already read as cancelled).
      const fixtures = `Div,Date,Time,HomeTeam,AwayTeam,B365H,B365D,B365A\nB1,05/12/2026,19:45,Club Brugge,Genk,1.8,3.8,4.2\nB1,09/12/2026,19:45,Gent,Anderlecht,2.1,3.4,3.3\n`;
      const { db, dir } = await setUp({ 'fixtures.csv': fixtures });
      const tenth = Date.parse('2026-12-10T12:00:00Z');
      // Without the option statuses stay as the files give them (the library's default).
      await importFootballData(db, [dir], { nowMs: tenth });
      expect((await matchRows(db)).map((m) => m.status)).toEqual(['scheduled', 'scheduled']);
      const options = { nowMs: tenth, postponeOverdueAfterHours: 48 };
      const summary = await importFootballData(db, [dir], options);
      expect(summary).toMatchObject({ postponed: 1, matchesUpdated: 1 });
      // source_key order: Brugge (5th, 111 h past) before Gent (9th, 17 h past: not yet overdue).
      expect((await matchRows(db)).map((m) => m.status)).toEqual(['postponed', 'scheduled']);
      // Re-importing the same file counts the overdue fixture again but writes nothing.
      expect(await importFootballData(db, [dir], options)).toMatchObject({
        postponed: 1,
        matchesUpdated: 0,
        matchesUnchanged: 2,
      });
      // Its result arrives in the season file (read before the fixtures file): the fixture neither replaces the
      // result nor counts as a conflicting score.
      writeFileSync(
        join(dir, 'B1-2026-27.csv'),
        `${MAIN_HEADER}\nB1,05/12/2026,19:45,Club Brugge,Genk,2,1,H,1.8,3.8,4.2,,,\n`,
      );
      const withResult = await importFootballData(db, [dir], options);
      expect(withResult.problems.filter((p) => p.kind === 'conflict')).toEqual([]);
      expect(withResult.postponed).toBe(0);
      expect(await matchRows(db)).toMatchObject([
        { status: 'finished', home_score: 2 },
        { status: 'scheduled' },
      ]);
      // Nor does a later import of the fixtures file alone.
      await importFootballData(db, [join(dir, 'fixtures.csv')], options);
      expect((await matchRows(db))[0]).toMatchObject({ status: 'finished', home_score: 2 });
    },
  );
});
