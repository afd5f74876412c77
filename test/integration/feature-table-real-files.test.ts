/**
 * Every cell of the feature table is a finite number on the real files where leagues begin: the women's and the
 * new-leagues files, whose data starts with a league's first season (few games, teams of very unequal strength,
 * teams appearing between two goal-model refits). One NaN feature made a backtest prediction NaN, and the API then
 * refused the whole predictions file (`matchcast up` on the shared data served no predictions).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../src/config/params.ts';
import { buildFeatureTable } from '../../src/features/feature-table.ts';
import { readFootballDataInMemory } from '../../src/ingest/football-data/in-memory.ts';
import { IN_CI } from '../support/services.ts';

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const FOLDERS = ['women', 'new'].map((f) => join(DATA, f));
const present = FOLDERS.every((f) => existsSync(f));
if (!present) {
  const message = `football data folders not found under ${DATA}`;
  if (IN_CI) throw new Error(`${message}: the real-file feature test must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING REAL-FILE FEATURE TEST: ${message} !!!!!!!!!!\n`);
}
const NOW = Date.parse('2026-12-05T00:00:00Z');
const files = present
  ? FOLDERS.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.csv') && !f.includes('fixtures'))
        .map((f) => join(dir, f)),
    )
  : [];

describe.runIf(present)('the feature table on real files where leagues begin', () => {
  it.each(files)('%s: every cell finite', async (file) => {
    const data = await readFootballDataInMemory([file], { nowMs: NOW });
    const table = buildFeatureTable(data.matches, loadParams().features, { nowMs: NOW });
    expect(table.n).toBeGreaterThan(200);
    const bad: string[] = [];
    for (let i = 0; i < table.n * table.d; i++)
      if (!Number.isFinite(table.x[i]))
        bad.push(`row ${Math.floor(i / table.d)} ${table.featureNames[i % table.d]}`);
    expect(bad).toEqual([]);
  });
});
