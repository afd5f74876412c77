/**
 * How a card's optional figures read: over 2.5 goals and both teams to score (when the API sends them), and the
 * value bet's stakes, closing odd and CLV (computed by the API; the browser only formats them).
 */
import type { CardValueBet, MatchCard } from '../api/cards.ts';
import { odd, pct, signedPct } from './format.ts';

export interface GoalsText {
  /** For the narrow list cell: `O54 B48`. */
  readonly short: string;
  /** Spelled out: `over 2.5 goals 54% · both teams score 48%`. */
  readonly long: string;
}

/** Null when the card has neither figure. */
export function goalsText(card: Pick<MatchCard, 'probOver25' | 'probBtts'>): GoalsText | null {
  const short: string[] = [];
  const long: string[] = [];
  if (card.probOver25 !== null) {
    short.push(`O${(card.probOver25 * 100).toFixed(0)}`);
    long.push(`over 2.5 goals ${pct(card.probOver25, 0)}`);
  }
  if (card.probBtts !== null) {
    short.push(`B${(card.probBtts * 100).toFixed(0)}`);
    long.push(`both teams score ${pct(card.probBtts, 0)}`);
  }
  return short.length === 0 ? null : { short: short.join(' '), long: long.join(' · ') };
}

/** The value bet's second line in the list: `K 3.1% · CLV +4.0%` (K: Kelly stake) (what the API sent, nothing else). */
export function betFiguresText(bet: CardValueBet): string {
  const parts: string[] = [];
  if (bet.stakeKelly !== null) parts.push(`K ${pct(bet.stakeKelly)}`);
  if (bet.clv !== null) parts.push(`CLV ${signedPct(bet.clv * 100)}`);
  else if (bet.closingOdd !== null) parts.push(`close ${odd(bet.closingOdd)}`);
  return parts.join(' · ');
}
