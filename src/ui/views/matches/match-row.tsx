/** One line of the matches list. Memoised: scrolling re-renders only rows entering the window. */
import { memo } from 'react';
import type { EdgeRule } from '../../../domain/value-bet.ts';
import type { MatchCard } from '../../api/cards.ts';
import { ProbBar } from '../../components/prob-bar.tsx';
import {
  betFiguresText,
  goalsText,
  suspectText,
  VALUE_BET_RECORD_OF,
  type ValueBetRecordText,
} from '../../logic/card-figures.ts';
import { odd, outcomeText, pct, signedPct, type TimeZoneChoice, zonedMinute } from '../../logic/format.ts';

function ResultCell({ card }: { readonly card: MatchCard }) {
  if (card.outcome === null) return <span className="muted">{card.status}</span>;
  const score = `${card.homeScore ?? '?'}–${card.awayScore ?? '?'}`;
  if (card.correct === null) {
    return (
      <span title="Predicted after kick-off: not graded">
        {score} <span className="mark mark-unscored">·</span>
      </span>
    );
  }
  return (
    <span>
      {score}{' '}
      {card.correct ? (
        <span className="mark mark-right" data-testid="mark-right" title="The model's pick was right">
          ✓
        </span>
      ) : (
        <span className="mark mark-wrong" data-testid="mark-wrong" title="The model's pick was wrong">
          ✗
        </span>
      )}
    </span>
  );
}

export const MatchRow = memo(function MatchRow({
  card,
  tz,
  rule,
  record,
  onOpen,
}: {
  readonly card: MatchCard;
  readonly tz: TimeZoneChoice;
  /** The server's value-bet rule (useEdgeRule), null until read: words a flagged edge. */
  readonly rule: EdgeRule | null;
  /** How value bets have done in the backtest: colours the value bet, and its title says so. */
  readonly record: ValueBetRecordText;
  readonly onOpen: (id: number) => void;
}) {
  const goals = goalsText(card);
  const suspect = card.suspectEdge === null ? null : suspectText(card, card.suspectEdge, rule);
  const betFigures = card.valueBet === null ? '' : betFiguresText(card.valueBet, record.stakesAdvised);
  return (
    <button
      type="button"
      className="match-row"
      data-testid="match-row"
      data-match-id={card.id}
      onClick={() => onOpen(card.id)}
    >
      <span className="c-time">{zonedMinute(card.kickoffMs, tz)}</span>
      <span className="c-region" title={card.regionName}>
        {card.regionName}
      </span>
      <span className="c-teams" title={`${card.home} – ${card.away}`}>
        {card.home} <span className="muted">–</span> {card.away}
      </span>
      <span className="c-probs">
        <span className="nums">
          {pct(card.probs[0], 0)} {pct(card.probs[1], 0)} {pct(card.probs[2], 0)}
        </span>
        <ProbBar probs={card.probs} />
      </span>
      <span className="c-pick">
        {outcomeText(card.predicted)}
        {goals !== null && (
          <span className="goals-mini" data-testid="goals-mini" title={goals.long}>
            {goals.short}
          </span>
        )}
      </span>
      <span
        className="c-odds"
        title={card.outcome === null ? 'latest prices on offer' : 'prices at kick-off (the closing line)'}
      >
        {card.odds === null ? (
          <span className="muted">no odds</span>
        ) : (
          `${odd(card.odds[0])} ${odd(card.odds[1])} ${odd(card.odds[2])}`
        )}
      </span>
      <span className="c-value">
        {suspect !== null ? (
          <span className="muted" data-testid="suspect-edge" title={suspect.title}>
            {suspect.label}
          </span>
        ) : card.valueBet === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            <span
              className={`value-bet ${record.tone}`}
              data-testid="value-bet"
              title={`The model's edge at this price. ${VALUE_BET_RECORD_OF}: ${record.flat}`}
            >
              {outcomeText(card.valueBet.outcome)}{' '}
              {signedPct(card.valueBet.edge * 100, card.valueBet.edge >= 1 ? 0 : 1)}
            </span>
            {betFigures !== '' && (
              <span className="bet-mini" data-testid="bet-mini">
                {betFigures}
              </span>
            )}
          </>
        )}
      </span>
      <span className="c-result">
        <ResultCell card={card} />
      </span>
    </button>
  );
});
