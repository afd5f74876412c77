/**
 * The rule that gives a women's league not known by name its kind of season (`playsCalendarYears`: where its
 * break falls) agrees with what is known of the six real files: Norway, Sweden and the NWSL play calendar years,
 * England, the Netherlands and Spain autumn to spring. A league we never saw is thus labelled as these are.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../src/ingest/football-data/parse-file.ts';
import { footyStatsLeagueSpec } from '../../src/ingest/football-data/regions.ts';
import { playsCalendarYears } from '../../src/ingest/football-data/seasons.ts';
import { IN_CI } from '../support/services.ts';

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const WOMEN = join(DATA, 'women');
const present = existsSync(WOMEN);
if (!present) {
  const message = `${WOMEN} not found`;
  if (IN_CI) throw new Error(`${message}: the women's seasons test must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING WOMEN'S SEASONS TEST: ${message} !!!!!!!!!!\n`);
}
const files = present ? readdirSync(WOMEN).filter((f) => f.endsWith('_all.csv')) : [];

describe.runIf(present)("the kind of season of the real women's files", () => {
  it('covers the six files', () => {
    expect(files).toHaveLength(6);
  });

  it.each(files)('%s: the dates say what the name does', (file) => {
    const known = footyStatsLeagueSpec(file.replace(/\.csv$/, ''), true).calendarYearSeasons;
    expect(known).toBeTypeOf('boolean');
    const parsed = parseFootballDataFile(join('women', file), readFileSync(join(WOMEN, file)), {
      nowMs: Date.parse('2026-12-05T00:00:00Z'),
    });
    const dates = parsed.matches.map((m) => {
      const [year, month, day] = new Date(m.startTimeMs).toISOString().slice(0, 10).split('-').map(Number);
      return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
    });
    expect(dates.length).toBeGreaterThan(200);
    expect(playsCalendarYears(dates)).toBe(known);
  });
});
