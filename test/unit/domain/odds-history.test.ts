import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGIN_METHOD, removeMargin } from '../../../src/domain/margin-removal.ts';
import {
  betClosingLineValue,
  closingSnapshot,
  latestPreMatchSnapshot,
  type OddsSnapshot,
  openingSnapshot,
  takenPrice,
  wasTakenAtClose,
} from '../../../src/domain/odds-history.ts';

const KICKOFF = Date.parse('2026-01-10T15:00:00Z');
const FRIDAY = Date.parse('2026-01-09T15:00:00Z');

const snap = (
  bookmaker: string,
  kind: OddsSnapshot['kind'],
  observedAtMs: number,
  odds: OddsSnapshot['odds'],
) => ({
  matchId: 1,
  bookmaker,
  kind,
  observedAtMs,
  odds,
});

const history: OddsSnapshot[] = [
  snap('b365', 'pre_match', FRIDAY, [2.1, 3.4, 3.6]),
  snap('pinnacle', 'pre_match', FRIDAY, [2.2, 3.5, 3.7]),
  snap('b365', 'closing', KICKOFF, [1.9, 3.6, 4.2]),
  snap('pinnacle', 'closing', KICKOFF, [1.95, 3.7, 4.4]),
];

describe('odds history', () => {
  it('opens and ends the pre-match line with the preferred bookmaker where several were observed at once', () => {
    const tuesday = FRIDAY - 3 * 86_400_000;
    const line = [
      snap('1xbet', 'pre_match', tuesday, [2.3, 3.4, 3.3]),
      snap('pinnacle', 'pre_match', tuesday, [2.25, 3.45, 3.4]),
      ...history,
      snap('pinnacle', 'pre_match', KICKOFF + 60_000, [1.5, 4, 6]),
    ];
    // Sorted by name, '1xbet' came first: the line's move then compared two bookmakers.
    expect(openingSnapshot(line, KICKOFF)).toMatchObject({ bookmaker: 'pinnacle', observedAtMs: tuesday });
    expect(latestPreMatchSnapshot(line, KICKOFF)).toMatchObject({
      bookmaker: 'pinnacle',
      observedAtMs: FRIDAY,
    });
    expect(
      openingSnapshot(
        line.filter((s) => s.kind === 'closing'),
        KICKOFF,
      ),
    ).toBeNull();
  });

  it('takes the pre-match price current when the prediction was logged, or the next one before kick-off', () => {
    expect(takenPrice(history, FRIDAY + 3_600_000, KICKOFF)?.snapshot).toMatchObject({
      bookmaker: 'pinnacle',
    });
    expect(takenPrice(history, FRIDAY - 86_400_000, KICKOFF)).toMatchObject({
      snapshot: { kind: 'pre_match', observedAtMs: FRIDAY },
      takenAtClose: false,
    });
    expect(takenPrice(history, KICKOFF, KICKOFF)).toBeNull();
  });

  it('bets a closing-only match at the close', () => {
    const closingOnly = history.filter((s) => s.kind === 'closing');
    expect(takenPrice(closingOnly, FRIDAY, KICKOFF)).toMatchObject({
      snapshot: { bookmaker: 'pinnacle', kind: 'closing' },
      takenAtClose: true,
    });
  });

  it('computes CLV as the closing margin-free probability times the price taken, minus 1', () => {
    const taken = takenPrice(history, FRIDAY, KICKOFF);
    if (taken === null) throw new Error('no price');
    const bet = { outcome: 0 as const, odd: 2.2, edge: 0.1 };
    const pClose = removeMargin([1.95, 3.7, 4.4], DEFAULT_MARGIN_METHOD)[0] as number;
    expect(closingSnapshot(history)?.bookmaker).toBe('pinnacle');
    expect(betClosingLineValue(bet, taken, history)).toBeCloseTo(pClose * 2.2 - 1, 12);
    // By hand, multiplicative: 1/1.95 over the book 1/1.95 + 1/3.7 + 1/4.4.
    const book = 1 / 1.95 + 1 / 3.7 + 1 / 4.4;
    expect(betClosingLineValue(bet, taken, history, 'multiplicative')).toBeCloseTo(
      (1 / 1.95 / book) * 2.2 - 1,
      12,
    );
    expect(betClosingLineValue(bet, { ...taken, takenAtClose: true }, history)).toBeNull();
  });
});

describe('closingSnapshot', () => {
  it("passes over a close whose margin no bookmaker quotes (a data error) to the next bookmaker's", () => {
    // Preston v Coventry, 2025-12-09: a Pinnacle close of 3.72 / 3.57 / 2.60 sums to 0.934.
    const corrupt = [
      ...history.filter((s) => s.bookmaker !== 'pinnacle'),
      snap('pinnacle', 'closing', KICKOFF, [3.72, 3.57, 2.6]),
    ];
    expect(closingSnapshot(corrupt)?.bookmaker).toBe('b365');
    expect(closingSnapshot(corrupt.filter((s) => s.bookmaker === 'pinnacle'))).toBeNull();
    // A closing-only match is bet at that next close, and not at all when the corrupt one is all there is.
    const closingOnly = corrupt.filter((s) => s.kind === 'closing');
    expect(takenPrice(closingOnly, FRIDAY, KICKOFF)?.snapshot.bookmaker).toBe('b365');
    expect(
      takenPrice(
        closingOnly.filter((s) => s.bookmaker === 'pinnacle'),
        FRIDAY,
        KICKOFF,
      ),
    ).toBeNull();
    // A fair or rounded book (just under 0) is a price.
    expect(closingSnapshot([snap('pinnacle', 'closing', KICKOFF, [2, 4, 4])])?.bookmaker).toBe('pinnacle');
  });
});

describe('wasTakenAtClose', () => {
  it('is true for a closing price, even one equal to that bookmaker’s pre-match price, and false for a pre-match one', () => {
    expect(wasTakenAtClose(history, 'b365', [1.9, 3.6, 4.2])).toBe(true);
    expect(wasTakenAtClose(history, 'b365', [2.1, 3.4, 3.6])).toBe(false);
    // Pinnacle unchanged from Friday to the close: the card's price is the closing one (the latest price before
    // kick-off prefers it), so its "CLV" would only measure the margin. It counted as pre-match.
    const unchanged = [
      snap('pinnacle', 'pre_match', FRIDAY, [2.77, 3.3, 2.6]),
      snap('pinnacle', 'closing', KICKOFF, [2.77, 3.3, 2.6]),
    ];
    expect(wasTakenAtClose(unchanged, 'pinnacle', [2.77, 3.3, 2.6])).toBe(true);
    // A price the history does not hold as pre-match (a closing-only file) is taken at the close.
    expect(wasTakenAtClose(history, 'other', [2.0, 3.3, 3.9])).toBe(true);
  });
});
