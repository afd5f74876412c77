/**
 * The small football-data world of the track-record tests: three Premier League matches priced pre-match on
 * Friday or Tuesday and at the close (Pinnacle and Bet365), and one Argentine match with closing prices only (a
 * `new/` file), written to a temporary folder and imported. Matches are named by their home team.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import type { DriverCase } from './services.ts';

const MAIN = [
  'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSH,PSD,PSA,B365CH,B365CD,B365CA,PSCH,PSCD,PSCA',
  // Saturday 15:00 and Sunday 14:00 (UK = UTC in January): priced on Friday; Tuesday 19:45: priced on Tuesday.
  'E0,10/01/2026,15:00,Alpha,Beta,2,0,H,2.10,3.40,3.60,2.20,3.50,3.70,1.90,3.60,4.20,1.95,3.70,4.40',
  'E0,11/01/2026,14:00,Gamma,Delta,0,1,A,2.50,3.20,3.00,2.55,3.25,3.05,2.40,3.30,3.10,2.45,3.35,3.15',
  'E0,13/01/2026,19:45,Beta,Gamma,1,1,D,1.80,3.60,4.50,,,,1.85,3.60,4.30,,,',
].join('\r\n');

const NEW = [
  'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,MaxCH,MaxCD,MaxCA,AvgCH,AvgCD,AvgCA',
  'Argentina,Liga Profesional,2026,10/01/2026,20:00,Boca,River,1,1,D,2.40,3.20,3.50,2.50,3.30,3.60,2.35,3.10,3.40',
].join('\r\n');

export interface TrackRecordWorld {
  /** The folder holding the files (import it again to check nothing is added). */
  readonly dir: string;
  /** The match id of the match `home` plays at home. */
  id(home: string): number;
  remove(): void;
}

export async function importTrackRecordWorld(db: Db): Promise<TrackRecordWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-track-'));
  mkdirSync(join(dir, 'E0'));
  mkdirSync(join(dir, 'new'));
  writeFileSync(join(dir, 'E0', '2025-26.csv'), MAIN);
  writeFileSync(join(dir, 'new', 'ARG.csv'), NEW);
  await importFootballData(db, [dir]);
  const rows = await db.query<{ match_id: number; home: string }>(
    'SELECT m.match_id, t.name AS home FROM matches m JOIN teams t ON t.id = m.home_team_id',
  );
  const ids = new Map(rows.map((r) => [r.home, Number(r.match_id)]));
  return {
    dir,
    id: (home) => ids.get(home) as number,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The world on `driver`'s database for the tests of one describe block: opened and imported before them (then
 * handed to `onOpen`), removed after them. Nothing happens when the driver is unavailable.
 */
export function withTrackRecordWorld(
  driver: DriverCase,
  onOpen: (db: Db, world: TrackRecordWorld) => void | Promise<void>,
): void {
  let opened: { db: Db; dispose(): Promise<void> } | undefined;
  let world: TrackRecordWorld | undefined;
  beforeAll(async () => {
    if (!driver.available) return;
    opened = await driver.open();
    world = await importTrackRecordWorld(opened.db);
    await onOpen(opened.db, world);
  });
  afterAll(async () => {
    await opened?.dispose();
    world?.remove();
  });
}
