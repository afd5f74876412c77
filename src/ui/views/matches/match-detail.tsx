/**
 * One match: model probabilities beside the bookmaker's margin-free implied probabilities, the value bet with
 * its stakes and CLV, goals markets where known, where the prediction came from, the match's prediction and
 * odds history (charts, loaded on demand), and a live prediction through the queue.
 */
import { type MouseEvent, type ReactNode, Suspense, useEffect, useId, useRef, useState } from 'react';
import { impliedProbabilities, overround } from '../../../domain/odds.ts';
import type { CardValueBet, MatchCard } from '../../api/cards.ts';
import { ApiError } from '../../api/client.ts';
import {
  loadRegisteredModels,
  type ModelStage,
  REGISTERED_MODELS,
  registeredStages,
} from '../../api/model-info.ts';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { lazyRetry } from '../../components/lazy-retry.ts';
import { ProbBar } from '../../components/prob-bar.tsx';
import { useApi } from '../../hooks/api-context.ts';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { useDataSource, useEdgeRule } from '../../hooks/use-betting-method.ts';
import { useValueBetRecord } from '../../hooks/use-value-bet-record.ts';
import {
  betEdgePrice,
  betTakenAtClose,
  edgeText,
  goalsText,
  suspectText,
  VALUE_BET_RECORD_OF,
  type ValueBetRecordText,
  valueBetRecordText,
  valueTagText,
} from '../../logic/card-figures.ts';
import {
  odd,
  outcomeText,
  pct,
  signedPct,
  type TimeZoneChoice,
  zonedMinute,
  zoneLabel,
} from '../../logic/format.ts';
import { SOURCE_LABELS } from '../../logic/prediction-source.ts';
import { type LiveResult, liveFailureText, predictLive } from './live-prediction.ts';

// The charts (uPlot) are their own chunk: the list's first render never waits for them.
const MatchHistory = lazyRetry(async () => (await import('./match-history.tsx')).MatchHistory);

/** A staking plan's stake, as advice only where the record of value bets supports it. */
function stakeText(stake: string | null, advised: boolean): string {
  if (stake === null) return '—';
  return advised ? stake : `none advised (the plan would stake ${stake})`;
}

function ValueBetPanel({
  card,
  bet,
  record,
}: {
  readonly card: MatchCard;
  readonly bet: CardValueBet;
  readonly record: ValueBetRecordText;
}) {
  const closed = bet.closingOdd !== null;
  return (
    <div className="value-panel" data-testid="value-bet-detail">
      <h3>Value bet</h3>
      <p className={`record-line ${record.tone}`} data-testid="value-record">
        {VALUE_BET_RECORD_OF}: {record.flat}
        {record.clv !== null && `; ${record.clv}`}
        {record.kelly !== null && `; ${record.kelly}`}.
        {record.tone === 'loss' &&
          ' They have lost: this edge is the model disagreeing with the market, which has not paid so far.'}
        {!record.stakesAdvised && ' No stake is advised until that record shows value bets win.'}
      </p>
      <dl className="facts">
        <dt>Bet</dt>
        <dd>
          {outcomeText(bet.outcome)} at {odd(bet.odd)}
        </dd>
        <dt>Edge p·odd−1</dt>
        <dd data-testid="value-edge">{edgeText(bet.edge, bet.odd, betEdgePrice(card, bet))}</dd>
        <dt>Stake, flat</dt>
        <dd data-testid="stake-flat">
          {stakeText(
            bet.stakeFlat === null ? null : `${bet.stakeFlat} unit${bet.stakeFlat === 1 ? '' : 's'}`,
            record.stakesAdvised,
          )}
        </dd>
        <dt>Stake, Kelly</dt>
        <dd data-testid="stake-kelly">
          {stakeText(
            bet.stakeKelly === null ? null : `${pct(bet.stakeKelly)} of the bankroll`,
            record.stakesAdvised,
          )}
        </dd>
        <dt>Closing odd</dt>
        <dd data-testid="closing-odd">{closed ? odd(bet.closingOdd) : 'not closed yet'}</dd>
        <dt>CLV</dt>
        <dd data-testid="clv">
          {bet.clv !== null
            ? signedPct(bet.clv * 100)
            : betTakenAtClose(bet)
              ? 'none: the price taken was the closing one'
              : 'once the market closes'}
        </dd>
      </dl>
      <p className="muted">
        From the {card.modelStage} model's probabilities (run {card.modelRunId ?? 'unknown'}); the Kelly stake
        is a capped fraction of full Kelly (params.yaml <span className="mono">betting.kelly</span>). CLV is
        the closing market's margin-free probability × the odd taken − 1: above 0, the bet beat the closing
        line.
      </p>
    </div>
  );
}

type LiveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: LiveResult }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The stages a live prediction may ask for: those holding a model. Until the registry answers, the champion,
 * which serves the cards; if it cannot be read, the champion too, and the API says if it is missing.
 */
function useLiveStages(): readonly ModelStage[] {
  const registered = useApiQuery(loadRegisteredModels, REGISTERED_MODELS);
  if (registered.state !== 'ready') return ['champion'];
  return registeredStages(registered.data.stages).map((m) => m.stage);
}

function LivePanel({ matchId, finished }: { readonly matchId: number; readonly finished: boolean }) {
  const { client, onUnauthorized } = useApi();
  const stages = useLiveStages();
  const [chosen, setStage] = useState<ModelStage>('champion');
  // A stage that stops being offered (the registry answered without it) falls back to the first one held.
  const stage = stages.includes(chosen) ? chosen : stages[0];
  const [live, setLive] = useState<LiveState>({ kind: 'idle' });
  const [controller, setController] = useState<AbortController | null>(null);
  useEffect(() => () => controller?.abort(), [controller]);

  const run = async (stage: ModelStage) => {
    const ac = new AbortController();
    setController(ac);
    setLive({ kind: 'running' });
    try {
      const result = await predictLive(client, matchId, stage, {
        intervalMs: 250,
        timeoutMs: 35_000,
        signal: ac.signal,
      });
      if (!ac.signal.aborted) setLive({ kind: 'done', result });
    } catch (e) {
      if (ac.signal.aborted) return;
      if (e instanceof ApiError && e.kind === 'unauthorized') onUnauthorized(e.message);
      setLive({ kind: 'failed', message: liveFailureText(e, stage) });
    }
  };

  return (
    <div className="live" data-testid="live-panel">
      <h3>Predict live</h3>
      {finished && (
        <p className="muted" data-testid="live-hindsight">
          This match is finished: today's model may have been trained on its result, so a live answer here is
          hindsight, not a forecast. It is never marked right or wrong nor counted in ROI; the probabilities
          above are the honest ones.
        </p>
      )}
      {stage === undefined ? (
        <p className="muted" data-testid="live-no-model">
          No model is registered, so none can predict live. Run the pipeline (
          <code>matchcast pipeline run</code>).
        </p>
      ) : (
        <div className="live-controls">
          <select
            value={stage}
            onChange={(e) => setStage(e.target.value as ModelStage)}
            aria-label="Model stage"
            data-testid="live-stage"
          >
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="predict-live"
            disabled={live.kind === 'running'}
            onClick={() => run(stage)}
          >
            {live.kind === 'running' ? 'Waiting for a worker…' : 'Predict live'}
          </button>
        </div>
      )}
      {live.kind === 'failed' && (
        <p className="state-error" role="alert">
          {live.message}
        </p>
      )}
      {live.kind === 'done' && (
        <div data-testid="live-result">
          <p>
            {outcomeText(live.result.prediction.predicted)} ·{' '}
            {live.result.prediction.probabilities.map((p) => pct(p)).join(' / ')}
          </p>
          <ProbBar probs={live.result.prediction.probabilities} />
          <p className="muted">
            {live.result.prediction.modelName} v{live.result.prediction.modelVersion} (
            {live.result.prediction.modelStage}) · round trip{' '}
            <span data-testid="live-latency">{live.result.latencyMs.toFixed(0)} ms</span>
            {live.result.prediction.inferenceMs !== null &&
              ` · inference ${live.result.prediction.inferenceMs.toFixed(2)} ms`}{' '}
            · task {live.result.taskId}
          </p>
        </div>
      )}
    </div>
  );
}

export function MatchDetail({
  card,
  tz,
  onClose,
  notice,
}: {
  readonly card: MatchCard;
  readonly tz: TimeZoneChoice;
  readonly onClose: () => void;
  /** Shown first: the view's note that its data could not be refreshed, which the modal would hide. */
  readonly notice: ReactNode;
}) {
  const demo = useDataSource()?.kind === 'demo';
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  // A modal dialog: the browser keeps Tab inside it, leaves the list behind it inert and closes it on Escape
  // (its close event); focus starts on the close button. The matches view gives focus back to the row.
  useEffect(() => {
    if (dialog.current !== null && !dialog.current.open) dialog.current.showModal();
    close.current?.focus();
  }, []);
  const edgeRule = useEdgeRule();
  const suspect = card.suspectEdge === null ? null : suspectText(card, card.suspectEdge, edgeRule);
  const implied = card.odds === null ? null : impliedProbabilities(card.odds);
  // The table's odds: the latest on offer, which on a played match is the close (not the value bet's price).
  const tablePrice = card.outcome === null ? 'latest' : 'close';
  const goals = goalsText(card);
  const record = valueBetRecordText(useValueBetRecord());
  // A click on the backdrop (on the dialog element, outside its box) closes it, as Escape does.
  const onBackdrop = (e: MouseEvent<HTMLDialogElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const outside =
      e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
    if (e.target === e.currentTarget && outside) onClose();
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard's way out is Escape, handled by the browser.
    <dialog
      ref={dialog}
      className="detail"
      data-testid="match-detail"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={onBackdrop}
    >
      <button ref={close} type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      {notice}
      <h2 id={titleId}>
        {card.home} – {card.away}
        {/* The page's demo banner lies under the modal. */}
        {demo && (
          <span
            className="tag tag-demo"
            data-testid="detail-demo"
            title="A simulated world: teams, results and prices are invented"
          >
            demo
          </span>
        )}
      </h2>
      <p className="muted" data-testid="detail-kickoff">
        {card.regionName} · {zonedMinute(card.kickoffMs, tz)} {zoneLabel(tz)} · match {card.id}
        {card.outcome !== null && ` · final ${card.homeScore}–${card.awayScore}`}
      </p>
      <table className="small-table">
        <thead>
          <tr>
            <th>Outcome</th>
            <th className="num">Model</th>
            <th className="num">Bookmaker (no margin)</th>
            <th className="num">{card.outcome === null ? 'Odd' : 'Odd at the close'}</th>
            <th className="num">Edge p·odd−1</th>
          </tr>
        </thead>
        <tbody>
          {([0, 1, 2] as const).map((k) => (
            <tr key={k} className={card.outcome === k ? 'actual' : ''}>
              <td>
                {outcomeText(k)}
                {card.predicted === k && <span className="tag">pick</span>}
                {/* At the price it was published against, which this table's odd (the latest) may no longer be. */}
                {card.valueBet?.outcome === k && (
                  <span className={`tag tag-value ${record.tone}`} data-testid="value-tag">
                    {valueTagText(card.valueBet, card.odds?.[k] ?? null)}
                  </span>
                )}
                {suspect !== null && card.suspectEdge?.outcome === k && (
                  <span className="tag" title={suspect.title}>
                    {suspect.label}
                  </span>
                )}
              </td>
              <td className="num">{pct(card.probs[k])}</td>
              <td className="num">{implied === null ? '—' : pct(implied[k])}</td>
              <td className="num">{card.odds === null ? '—' : odd(card.odds[k])}</td>
              <td className="num" data-testid="outcome-edge">
                {card.odds === null
                  ? '—'
                  : edgeText(card.probs[k] * card.odds[k] - 1, card.odds[k], tablePrice)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.odds !== null && (
        <p className="muted">
          Bookmaker margin {pct(overround(card.odds))}
          {card.oddsUrl !== null && (
            <>
              {' '}
              ·{' '}
              <a href={card.oddsUrl} target="_blank" rel="noreferrer">
                odds source
              </a>
            </>
          )}
        </p>
      )}
      {goals !== null && <p data-testid="goals-markets">Goals: {goals.long}</p>}
      {card.valueBet !== null && <ValueBetPanel card={card} bet={card.valueBet} record={record} />}
      <dl className="facts">
        <dt>Prediction source</dt>
        <dd data-testid="prediction-source">{SOURCE_LABELS[card.source]}</dd>
        <dt>Model stage</dt>
        <dd>{card.modelStage}</dd>
        <dt>Computed at</dt>
        <dd data-testid="computed-at">
          {card.computedAtMs === null ? '—' : `${zonedMinute(card.computedAtMs, tz)} ${zoneLabel(tz)}`}
          {card.modelStage === 'backtest' &&
            card.computedAtMs !== null &&
            card.computedAtMs >= card.kickoffMs && (
              <div className="muted">
                when the backtest ran, after the match; its model was trained only on earlier matches
              </div>
            )}
        </dd>
        <dt>Run</dt>
        <dd className="mono">{card.modelRunId ?? '—'}</dd>
      </dl>
      <ErrorBoundary what="the match's history charts">
        <Suspense fallback={<p className="muted">Loading the charts…</p>}>
          <MatchHistory card={card} tz={tz} />
        </Suspense>
      </ErrorBoundary>
      <LivePanel matchId={card.id} finished={card.outcome !== null} />
    </dialog>
  );
}
