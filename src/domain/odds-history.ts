/**
 * Odds history as the betting maths reads it: the snapshots of one match (pre-match and closing, each with the
 * time it was observed), which of them a published bet was taken at, and the bet's closing-line value.
 */

import { isPriceBeforeKickoff } from './leakage-rule.ts';
import { DEFAULT_MARGIN_METHOD, type MarginMethod, removeMargin } from './margin-removal.ts';
import { hasBelievableMargin, isValidOdds, type Odds1x2 } from './odds.ts';
import type { OutcomeClass } from './outcome.ts';
import { closingLineValue } from './staking.ts';
import type { ValueBet } from './value-bet.ts';

export const SNAPSHOT_KINDS = ['pre_match', 'closing'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

export interface OddsSnapshot {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: SnapshotKind;
  readonly observedAtMs: number;
  readonly odds: Odds1x2;
}

/** The sharpest and most complete prices first (football-data's bookmaker names); others follow by name. */
export const PREFERRED_BOOKMAKERS: readonly string[] = ['pinnacle', 'market_avg', 'b365', 'betfair_exchange'];

function preference(bookmaker: string): number {
  const i = PREFERRED_BOOKMAKERS.indexOf(bookmaker);
  return i < 0 ? PREFERRED_BOOKMAKERS.length : i;
}

/** The most preferred bookmaker first, then by name: ties between equal times are decided by this order. */
export function byPreference(a: OddsSnapshot, b: OddsSnapshot): number {
  return (
    preference(a.bookmaker) - preference(b.bookmaker) ||
    (a.bookmaker < b.bookmaker ? -1 : a.bookmaker > b.bookmaker ? 1 : 0)
  );
}

/**
 * The closing price of the most preferred bookmaker that has one (the latest if several), or null. A close with a
 * clearly negative margin is a data error (a Pinnacle close summing to 0.934 was one): the next is taken.
 */
export function closingSnapshot(snapshots: readonly OddsSnapshot[]): OddsSnapshot | null {
  const closing = snapshots
    .filter((s) => s.kind === 'closing' && isValidOdds(s.odds) && hasBelievableMargin(s.odds))
    .sort((a, b) => byPreference(a, b) || b.observedAtMs - a.observedAtMs);
  return closing[0] ?? null;
}

const preMatchBefore = (snapshots: readonly OddsSnapshot[], kickoffMs: number) =>
  snapshots.filter((s) => s.kind === 'pre_match' && s.observedAtMs < kickoffMs && isValidOdds(s.odds));

/** The latest pre-match price observed before kick-off (the preferred bookmaker on equal times), or null. */
export function latestPreMatchSnapshot(
  snapshots: readonly OddsSnapshot[],
  kickoffMs: number,
): OddsSnapshot | null {
  const pre = preMatchBefore(snapshots, kickoffMs).sort(
    (a, b) => b.observedAtMs - a.observedAtMs || byPreference(a, b),
  );
  return pre[0] ?? null;
}

/**
 * The first pre-match price observed (the preferred bookmaker on equal times, as for the latest, so a line's
 * movement from opening to latest compares one bookmaker with itself where it can), or null.
 */
export function openingSnapshot(snapshots: readonly OddsSnapshot[], kickoffMs: number): OddsSnapshot | null {
  const pre = preMatchBefore(snapshots, kickoffMs).sort(
    (a, b) => a.observedAtMs - b.observedAtMs || byPreference(a, b),
  );
  return pre[0] ?? null;
}

export interface TakenPrice {
  readonly snapshot: OddsSnapshot;
  /** True when the only price there was is the closing one (closing-only files): no closing-line value. */
  readonly takenAtClose: boolean;
}

/**
 * The price a prediction logged at `loggedAtMs` is bet at. The prediction stands from its logging until
 * kick-off, so the bet takes the pre-match price current when it was logged, or else the first one observed
 * after it and before kick-off. A match whose file carries closing prices only is bet at the close. Null when
 * no price was available while the prediction stood (or it was logged at or after kick-off).
 */
export function takenPrice(
  snapshots: readonly OddsSnapshot[],
  loggedAtMs: number,
  kickoffMs: number,
): TakenPrice | null {
  if (!(loggedAtMs < kickoffMs)) return null;
  const pre = snapshots.filter((s) => s.kind === 'pre_match' && isValidOdds(s.odds));
  if (pre.length === 0) {
    const close = closingSnapshot(snapshots);
    return close ? { snapshot: close, takenAtClose: true } : null;
  }
  const current = pre
    .filter((s) => s.observedAtMs <= loggedAtMs)
    .sort((a, b) => b.observedAtMs - a.observedAtMs || byPreference(a, b))[0];
  const next = pre
    .filter((s) => s.observedAtMs > loggedAtMs && s.observedAtMs < kickoffMs)
    .sort((a, b) => a.observedAtMs - b.observedAtMs || byPreference(a, b))[0];
  const chosen = current ?? next;
  return chosen ? { snapshot: chosen, takenAtClose: false } : null;
}

/**
 * The price a published prediction is bet at: the one rule of the track record and of the match cards. A live or
 * batch prediction takes the price on offer when it was logged (takenPrice); a walk-forward backtest prediction,
 * computed long after the match by a model trained before it, takes the last pre-match price before kick-off.
 * Only a price quoted by kick-off can be taken (a closing price dated later cannot). Null when there was none.
 */
export function betPrice(
  snapshots: readonly OddsSnapshot[],
  prediction: { readonly backtest: boolean; readonly computedAtMs: number },
  kickoffMs: number,
): TakenPrice | null {
  const pricedAtMs = prediction.backtest ? kickoffMs - 1 : prediction.computedAtMs;
  const found = takenPrice(snapshots, pricedAtMs, kickoffMs);
  return found && isPriceBeforeKickoff(found.snapshot.observedAtMs, kickoffMs) ? found : null;
}

/**
 * Whether a price `bookmaker` quoted as `odds` was a closing price (the odds stage keeps the price, not its
 * kind): it is that bookmaker's closing price, which the latest pre-kick-off price prefers over any earlier one
 * (so a pre-match price that equals it still counts as the close), or none of its pre-match prices.
 */
export function wasTakenAtClose(
  snapshots: readonly OddsSnapshot[],
  bookmaker: string,
  odds: Odds1x2,
): boolean {
  const same = (a: Odds1x2) => a[0] === odds[0] && a[1] === odds[1] && a[2] === odds[2];
  const quoted = (kind: OddsSnapshot['kind']) =>
    snapshots.some((s) => s.kind === kind && s.bookmaker === bookmaker && same(s.odds));
  return quoted('closing') || !quoted('pre_match');
}

/** The closing market's margin-free probability of `outcome`, or null without a closing price. */
export function closingProbability(
  snapshots: readonly OddsSnapshot[],
  outcome: OutcomeClass,
  method: MarginMethod = DEFAULT_MARGIN_METHOD,
): number | null {
  const close = closingSnapshot(snapshots);
  return close ? (removeMargin(close.odds, method)[outcome] as number) : null;
}

/**
 * Closing-line value of a published value bet: closing margin-free probability × price taken − 1. Null for a
 * bet taken at the close (it would measure nothing but the margin) and when the match has no closing price.
 */
export function betClosingLineValue(
  bet: ValueBet,
  taken: TakenPrice,
  snapshots: readonly OddsSnapshot[],
  method: MarginMethod = DEFAULT_MARGIN_METHOD,
): number | null {
  if (taken.takenAtClose) return null;
  const p = closingProbability(snapshots, bet.outcome, method);
  return p === null ? null : closingLineValue(bet.odd, p);
}
