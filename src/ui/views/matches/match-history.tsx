/**
 * A match's history in its detail: every logged prediction and the odds movement (opening → latest →
 * closing), each as a small chart on a real time axis with a table beside it. Its own chunk, loaded only
 * when a detail opens, so the charts cost the first render nothing.
 */
import { useMemo } from 'react';
import type { MatchCard } from '../../api/cards.ts';
import type { ApiClient } from '../../api/client.ts';
import {
  decodeOddsHistory,
  decodePredictionHistory,
  type OddsHistoryView,
  type OddsSnapshotView,
  type PredictionHistoryView,
} from '../../api/match-history.ts';
import { type LineStyle, ThreeWayChart } from '../../components/charts/three-way-chart.tsx';
import { ErrorMessage, Loading } from '../../components/state-message.tsx';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { counted, odd, type TimeZoneChoice, zonedMinute, zoneLabel } from '../../logic/format.ts';
import { missingPriceText, oddsSeries, probabilityLines } from '../../logic/match-series.ts';
import { type LoggedSource, loggedSource, SOURCE_LABELS } from '../../logic/prediction-source.ts';

const probabilityTick = (v: number) => `${Math.round(v * 100)}%`;

/** The "When" cell of a logged prediction: when it was made against the kick-off, and whether it is scored. */
const WHEN_TEXT: Readonly<Record<LoggedSource, string>> = {
  backtest: 'walk-forward: model trained before the match, scored',
  before_kickoff: 'before kick-off',
  after_kickoff: 'after kick-off: not scored',
};
const oddTick = (v: number) => v.toFixed(2);

/** Each source's line in the probability chart: what was published is solid, the reconstruction dotted. */
const SOURCE_STYLE: Readonly<Record<LoggedSource, LineStyle>> = {
  before_kickoff: 'solid',
  backtest: 'dotted',
  after_kickoff: 'dashed',
};

interface Props {
  readonly card: MatchCard;
  readonly tz: TimeZoneChoice;
}

function ProbabilityHistory({
  history,
  tz,
}: {
  readonly history: PredictionHistoryView;
  readonly tz: TimeZoneChoice;
}) {
  const s = useMemo(() => {
    const { timesMs, lines } = probabilityLines(history);
    return {
      timesMs,
      lines: lines.map((l) => ({
        name: SOURCE_LABELS[l.source],
        style: SOURCE_STYLE[l.source],
        values: l.values,
      })),
    };
  }, [history]);
  if (history.predictions.length === 0)
    return <p className="muted">No prediction logged for this match yet.</p>;
  const rows = history.predictions.map((p) => ({ p, source: loggedSource(p) }));
  const walkForward = rows.filter((r) => r.source === 'backtest').length;
  const late = rows.filter((r) => r.source === 'after_kickoff').length;
  return (
    <>
      <ThreeWayChart
        timesMs={s.timesMs}
        lines={s.lines}
        kickoffMs={history.kickoffMs}
        label={`Logged home, draw and away probabilities over time (${counted(history.predictions.length, 'prediction')}, a line for each source: ${s.lines.map((l) => l.name).join(', ')}; grey dashed line: kick-off)`}
        format={probabilityTick}
        testId="probability-history-chart"
      />
      <p className="muted">
        Each point is a prediction from the log, at the time it was logged, joined only to those of its own
        source (the key under the chart names each); the grey dashed line is the kick-off.
        {walkForward > 0 &&
          ' Walk-forward rows are logged when the backtest ran, after the match, by a model trained only on earlier matches: scored.'}
        {late > 0 && ` ${late} logged after kick-off: hindsight, never scored.`}
      </p>
      {/* Scrolls when long: focusable so a keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
      <section className="history-table" tabIndex={0} aria-label="Logged predictions">
        <table className="small-table" data-testid="probability-history">
          <thead>
            <tr>
              <th>Logged ({zoneLabel(tz)})</th>
              <th>Model</th>
              <th className="num">H / D / A %</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ p, source }) => (
              <tr key={`${p.loggedAtMs}-${p.source}-${p.modelVersion}`}>
                <td>{zonedMinute(p.loggedAtMs, tz)}</td>
                <td>
                  {p.modelVersion === null ? p.source : `v${p.modelVersion}`}
                  {p.modelAlias !== null && ` ${p.modelAlias}`}
                  {p.modelVersion !== null && p.source !== 'batch' && ` (${p.source})`}
                </td>
                <td className="num nowrap">{p.probs.map((q) => (q * 100).toFixed(0)).join(' / ')}</td>
                <td data-testid="logged-when" className={source === 'after_kickoff' ? 'muted' : undefined}>
                  {WHEN_TEXT[source]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function priceCells(s: OddsSnapshotView | null) {
  return ([0, 1, 2] as const).map((k) => (
    <td key={k} className="num">
      {s === null ? '—' : odd(s.odds[k])}
    </td>
  ));
}

function OddsMovement({
  odds,
  tz,
  card,
}: {
  readonly odds: OddsHistoryView;
  readonly tz: TimeZoneChoice;
  readonly card: Pick<MatchCard, 'outcome' | 'status'>;
}) {
  const s = useMemo(() => oddsSeries(odds), [odds]);
  const lines = useMemo(
    () => (s === null ? [] : [{ name: null, style: 'solid' as const, values: s.values }]),
    [s],
  );
  if (s === null) return <p className="muted">No odds recorded for this match.</p>;
  const rows: [string, OddsSnapshotView | null][] = [
    ['Opening', odds.opening],
    ['Latest before kick-off', odds.latestPreMatch],
    ['Closing', odds.closing],
  ];
  return (
    <>
      <ThreeWayChart
        timesMs={s.timesMs}
        lines={lines}
        kickoffMs={odds.kickoffMs}
        label={`Home, draw and away odds at ${s.bookmaker} over time (${counted(s.timesMs.length, 'price')}; dashed line: kick-off)`}
        format={oddTick}
        testId="odds-history-chart"
      />
      <table className="small-table" data-testid="odds-movement">
        <thead>
          <tr>
            <th>Price</th>
            <th className="num">1</th>
            <th className="num">X</th>
            <th className="num">2</th>
            <th>Bookmaker, seen ({zoneLabel(tz)})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, snap]) => (
            <tr key={name}>
              <td>{name}</td>
              {priceCells(snap)}
              <td className="muted">
                {snap === null
                  ? missingPriceText(card)
                  : `${snap.bookmaker}, ${zonedMinute(snap.observedAtMs, tz)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** 404: the match is not in the database (artifacts only), so it has no logged history to show. */
const notFound = (r: { state: string; error?: { status: number | null } }) =>
  r.state === 'error' && r.error?.status === 404;

export function MatchHistory({ card, tz }: Props) {
  const history = useApiQuery(
    (client: ApiClient) => client.get(`/predict/history/${card.id}`, decodePredictionHistory),
    `history:${card.id}`,
  );
  const odds = useApiQuery(
    (client: ApiClient) => client.get(`/predict/odds/${card.id}`, decodeOddsHistory),
    `odds:${card.id}`,
  );
  return (
    <section className="match-history" data-testid="match-history">
      <h3>Probability history</h3>
      {history.state === 'loading' && <Loading what="the prediction history" />}
      {history.state === 'error' &&
        (notFound(history) ? (
          <p className="muted">No logged history for this match.</p>
        ) : (
          <ErrorMessage error={history.error} what="the prediction history" onRetry={history.reload} />
        ))}
      {history.state === 'ready' && <ProbabilityHistory history={history.data} tz={tz} />}
      <h3>Odds movement</h3>
      {odds.state === 'loading' && <Loading what="the odds history" />}
      {odds.state === 'error' &&
        (notFound(odds) ? (
          <p className="muted">No odds history for this match.</p>
        ) : (
          <ErrorMessage error={odds.error} what="the odds history" onRetry={odds.reload} />
        ))}
      {odds.state === 'ready' && <OddsMovement odds={odds.data} tz={tz} card={card} />}
    </section>
  );
}
