/**
 * A small seeded football world written straight into the tables, for pipeline tests: two regions (one women's)
 * of eight teams with fixed strengths, a double round robin per season, results before `now`, fixtures after,
 * and a bookmaker's closing odds with a margin for every match.
 */
import type { Db } from '../../../src/db/db.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';

const DAY_MS = 86_400_000;

function poisson(rate: number, uniform: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = uniform();
  while (p > limit) {
    k++;
    p *= uniform();
  }
  return k;
}

export interface WorldOptions {
  readonly seed: number;
  /** Kick-offs before this are finished; after it, scheduled. */
  readonly now: Date;
  readonly firstKickoff: Date;
  readonly seasons: number;
}

export interface WorldSummary {
  readonly finished: number;
  readonly scheduled: number;
}

/** The world the pipeline's integration tests run on: three seasons, seen on 2025-05-01 at noon. */
export const PIPELINE_WORLD: WorldOptions = {
  seed: 7,
  now: new Date('2025-05-01T12:00:00Z'),
  firstKickoff: new Date('2025-01-01T15:00:00Z'),
  seasons: 3,
};

/** Writes the world; returns how many matches are finished and scheduled. */
export async function writeSyntheticWorld(db: Db, options: WorldOptions): Promise<WorldSummary> {
  const uniform = seededRandom(options.seed);
  let finished = 0;
  let scheduled = 0;
  const regions = [
    { code: 'TST', name: 'Testland', sex: 0 },
    { code: 'TSW', name: 'Testland Women', sex: 1 },
  ];
  for (const [r, region] of regions.entries()) {
    const [row] = await db.query<{ id: number }>(
      'INSERT INTO regions (code, name, country) VALUES ($1, $2, $3) RETURNING id',
      [region.code, region.name, 'Testland'],
    );
    const regionId = row?.id as number;
    const teams: { id: number; strength: number }[] = [];
    for (let t = 0; t < 8; t++) {
      const [team] = await db.query<{ id: number }>(
        'INSERT INTO teams (name, region_id, sex) VALUES ($1, $2, $3) RETURNING id',
        [`${region.code} Team ${t}`, regionId, region.sex],
      );
      teams.push({ id: team?.id as number, strength: (t - 3.5) * 0.12 });
    }
    const rows: unknown[][] = [];
    let kickoff = options.firstKickoff.getTime() + r * 3_600_000;
    for (let season = 0; season < options.seasons; season++) {
      for (let round = 0; round < 14; round++) {
        for (let i = 0; i < 4; i++) {
          // Circle method: a fresh pairing every round; home and away swap in the second half.
          const a = (round + i) % 7;
          const b = i === 0 ? 7 : (round + 7 - i) % 7;
          const [home, away] = round < 7 ? [teams[a], teams[b]] : [teams[b], teams[a]];
          if (!home || !away) continue;
          const isPast = kickoff < options.now.getTime();
          const lh = Math.exp(0.25 + home.strength - away.strength);
          const la = Math.exp(0.05 + away.strength - home.strength);
          const hs = poisson(lh, uniform);
          const as = poisson(la, uniform);
          rows.push([
            `synthetic:${region.code}:${season}:${round}:${i}`,
            regionId,
            `${region.code} League`,
            `${2020 + season}`,
            region.sex,
            new Date(kickoff).toISOString(),
            home.id,
            away.id,
            isPast ? hs : null,
            isPast ? as : null,
            isPast ? 'finished' : 'scheduled',
            lh,
            la,
          ]);
          if (isPast) finished++;
          else scheduled++;
        }
        kickoff += 3.5 * DAY_MS;
      }
    }
    for (const row of rows) {
      const [match] = await db.query<{ match_id: number }>(
        `INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
           home_team_id, away_team_id, home_score, away_score, status)
         VALUES ('synthetic', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING match_id`,
        row.slice(0, 11),
      );
      const lh = row[11] as number;
      const la = row[12] as number;
      const pHome = lh / (lh + la + 0.9);
      const pAway = la / (lh + la + 0.9);
      const pDraw = 1 - pHome - pAway;
      const price = (p: number) => Math.max(1.01, 1 / (p * 1.05));
      await db.query(
        `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away, url)
         VALUES ($1, 'testbook', 'closing', NULL, $2, $3, $4, $5)`,
        [match?.match_id, price(pHome), price(pDraw), price(pAway), `https://odds.test/${match?.match_id}`],
      );
    }
  }
  return { finished, scheduled };
}
