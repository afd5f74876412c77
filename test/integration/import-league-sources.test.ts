/**
 * One source per league across imports: a FootyStats file of a league whose football-data rows are already
 * stored is not imported where their dates overlap (it would store every match again, under other club names),
 * and the import says so and fails, as for any row it refuses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { importFailures } from '../../src/ingest/football-data/import-failures.ts';
import { DRIVERS } from '../support/services.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const BRA = `Country,League,Season,Date,Time,Home,Away,HG,AG,Res\r
Brazil,Serie A,2024,13/04/2024,16:00,Flamengo,Palmeiras,1,0,H\r
Brazil,Serie A,2024,08/12/2024,16:00,Santos,Bahia,0,1,A\r
`;
const FOOTYSTATS = `Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,HomeXG,AwayXG\r
2023-11-01,19:00:00,Gremio RS,Bahia BA,3.0,1.0,H,2.1,3.3,3.6,1.4,0.9\r
2024-05-01,19:00:00,Flamengo RJ,Palmeiras SP,1.0,0.0,H,2.1,3.3,3.6,1.4,0.9\r
2024-12-10,19:00:00,Santos SP,Bahia BA,2.0,2.0,D,2.1,3.3,3.6,1.4,0.9\r
`;

describe.each(DRIVERS)('a league from two sources on $driver', ({ available, open }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it.runIf(available)(
    'leaves out the FootyStats rows football-data already covers, keeps the rest',
    async () => {
      const { db, dispose } = await open();
      cleanups.push(dispose);
      const dir = mkdtempSync(join(tmpdir(), 'matchcast-sources-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'BRA.csv'), BRA);
      writeFileSync(join(dir, 'BRAZIL_SERIE_A_all.csv'), FOOTYSTATS);
      await importFootballData(db, [join(dir, 'BRA.csv')], { nowMs: NOW });
      const second = await importFootballData(db, [join(dir, 'BRAZIL_SERIE_A_all.csv')], { nowMs: NOW });
      expect(second.matchesInserted).toBe(1);
      expect(second.problems.map((p) => p.kind)).toEqual(['other-source']);
      expect(importFailures(second)).toEqual([
        '1 FootyStats file with rows of a league football-data also covers, those rows not imported (see above); give each league one source',
      ]);
      const stored = await db.query<{ source: string; n: number }>(
        `SELECT source, count(*)::int AS n FROM matches GROUP BY source ORDER BY source`,
      );
      expect(stored).toEqual([
        { source: 'football-data', n: 2 },
        { source: 'footystats', n: 1 },
      ]);
    },
  );
});
