import { describe, expect, it } from 'vitest';
import type { StoredOdds } from '../../../src/db/match-repository.ts';
import { latestPreKickoffOdds } from '../../support/latest-odds-spec.ts';

const kickoff = Date.UTC(2025, 2, 1, 15);
const at = (minutesBefore: number) => new Date(kickoff - minutesBefore * 60_000);

function odds(overrides: Partial<StoredOdds>): StoredOdds {
  return {
    matchId: 1,
    bookmaker: 'B',
    kind: 'snapshot',
    collectedAt: at(60),
    odds: [2, 3, 4],
    url: 'https://example.test/1',
    ...overrides,
  };
}

describe('latest pre-kick-off odds', () => {
  const kickoffs = new Map([
    [1, kickoff],
    [2, kickoff],
  ]);

  it('takes the latest snapshot collected before kick-off, never one after', () => {
    const rows = latestPreKickoffOdds(
      [
        odds({ collectedAt: at(120), odds: [2.1, 3, 4] }),
        odds({ collectedAt: at(10), odds: [2.2, 3, 4] }),
        odds({ collectedAt: at(-5), odds: [9, 9, 9] }),
      ],
      kickoffs,
    );
    expect(rows).toEqual([
      {
        match_id: 1,
        odd_home: 2.2,
        odd_draw: 3,
        odd_away: 4,
        bookmaker: 'B',
        odds_url: 'https://example.test/1',
        collected_at: at(10).toISOString(),
      },
    ]);
  });

  it('treats undated closing prices as quoted at kick-off and prefers listed bookmakers on ties', () => {
    const rows = latestPreKickoffOdds(
      [
        odds({ matchId: 2, kind: 'opening', collectedAt: null, bookmaker: 'Pinnacle', odds: [1.5, 4, 6] }),
        odds({ matchId: 2, kind: 'closing', collectedAt: null, bookmaker: 'Bet365', odds: [1.6, 4, 6] }),
        odds({ matchId: 2, kind: 'closing', collectedAt: null, bookmaker: 'Pinnacle', odds: [1.7, 4, 6] }),
        odds({ matchId: 3, collectedAt: at(10) }),
      ],
      kickoffs,
      ['Pinnacle'],
    );
    expect(rows.map((r) => [r.match_id, r.bookmaker, r.odd_home, r.collected_at])).toEqual([
      [2, 'Pinnacle', 1.7, null],
    ]);
  });
});
