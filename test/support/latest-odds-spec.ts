/**
 * The 1X2 price a match shows and bets against: the latest one quoted before kick-off. Sources differ in what
 * they tell: snapshots carry a collection time; football-data files give opening and closing prices with no
 * time, where closing means "at kick-off" and opening "some time before".
 */

import type { StoredOdds } from '../../src/db/match-repository.ts';
import type { OddsRow } from '../../src/domain/artifacts.ts';

const KIND_RANK = { closing: 2, snapshot: 1, opening: 0 } as const;

function effectiveTimeMs(o: StoredOdds, kickoffMs: number): number {
  if (o.collectedAt !== null) return o.collectedAt.getTime();
  return o.kind === 'closing' ? kickoffMs : Number.NEGATIVE_INFINITY;
}

/**
 * Per match, the latest price collected at or before kick-off; ties go to the later kind (closing over snapshot
 * over opening), then to the bookmaker earliest in `preferredBookmakers`, then alphabetically.
 */
export function latestPreKickoffOdds(
  odds: readonly StoredOdds[],
  kickoffMsByMatch: ReadonlyMap<number, number>,
  preferredBookmakers: readonly string[] = [],
): OddsRow[] {
  const preference = (bookmaker: string) => {
    const i = preferredBookmakers.indexOf(bookmaker);
    return i === -1 ? preferredBookmakers.length : i;
  };
  const best = new Map<number, { o: StoredOdds; t: number }>();
  for (const o of odds) {
    const kickoff = kickoffMsByMatch.get(o.matchId);
    if (kickoff === undefined) continue;
    const t = effectiveTimeMs(o, kickoff);
    if (t > kickoff) continue;
    const current = best.get(o.matchId);
    if (current === undefined) {
      best.set(o.matchId, { o, t });
      continue;
    }
    const c = current.o;
    const better =
      t > current.t ||
      (t === current.t &&
        (KIND_RANK[o.kind] > KIND_RANK[c.kind] ||
          (KIND_RANK[o.kind] === KIND_RANK[c.kind] &&
            (preference(o.bookmaker) < preference(c.bookmaker) ||
              (preference(o.bookmaker) === preference(c.bookmaker) && o.bookmaker < c.bookmaker)))));
    if (better) best.set(o.matchId, { o, t });
  }
  return [...best.values()]
    .map(({ o }) => ({
      match_id: o.matchId,
      odd_home: o.odds[0],
      odd_draw: o.odds[1],
      odd_away: o.odds[2],
      bookmaker: o.bookmaker,
      odds_url: o.url,
      collected_at: o.collectedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => a.match_id - b.match_id);
}
