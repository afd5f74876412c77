/**
 * The track record: the published predictions (logged before kick-off) against the closing market, over time,
 * per league and by edge, with the chain head to verify it; the walk-forward backtest apart, labelled as such. Every figure
 * is the API's (/predict/track-record, /backtest, /head); the filter (league, kick-off days) lives in the URL.
 */
import { Suspense } from 'react';
import { leaguesAgainstChance } from '../../../domain/track-record.ts';
import type { ApiClient } from '../../api/client.ts';
import {
  type ChainHeadView,
  decodeChainHead,
  decodeTrackRecord,
  type TrackRecordView as Record,
} from '../../api/track-record.ts';
import { AboutModel } from '../../components/about-model.tsx';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { lazyRetry } from '../../components/lazy-retry.ts';
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { type Resource, useApiQuery } from '../../hooks/use-api-query.ts';
import { count } from '../../logic/format.ts';
import { type RecordFilter, trackRecordPath } from '../../logic/track-record.ts';
import type { UrlState } from '../../logic/url-state.ts';
import { ChainVerify } from './chain-verify.tsx';
import { EdgeTable } from './edge-table.tsx';
import { LeagueTable } from './league-table.tsx';
import { RecordFigures } from './record-figures.tsx';

// A chunk of its own with uPlot: imported here, the charts' library travelled with the app to every view.
const RecordCharts = lazyRetry(async () => (await import('./record-charts.tsx')).RecordCharts);

const loader = (path: string) => (client: ApiClient) => client.get(path, decodeTrackRecord);
const HEAD_PATH = '/predict/track-record/head';
const loadHead = (client: ApiClient) => client.get(HEAD_PATH, decodeChainHead);

function Filters({
  filter,
  leagues,
  onFilter,
}: {
  readonly filter: RecordFilter;
  readonly leagues: readonly string[];
  readonly onFilter: (f: RecordFilter) => void;
}) {
  // A league chosen by link but absent from this period still shows as chosen.
  const options =
    filter.league !== null && !leagues.includes(filter.league) ? [...leagues, filter.league] : leagues;
  return (
    <div className="filters record-filters">
      <label>
        League
        <select
          data-testid="tr-league"
          value={filter.league ?? ''}
          onChange={(e) => onFilter({ ...filter, league: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">All leagues</option>
          {options.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kick-offs from
        <input
          type="date"
          data-testid="tr-since"
          value={filter.from}
          onChange={(e) => onFilter({ ...filter, from: e.target.value })}
        />
      </label>
      <label>
        to
        <input
          type="date"
          data-testid="tr-until"
          value={filter.to}
          onChange={(e) => onFilter({ ...filter, to: e.target.value })}
        />
      </label>
      <span className="muted">days in UTC</span>
    </div>
  );
}

function RecordBody({
  record,
  leagues,
  chosen,
}: {
  readonly record: Record;
  readonly leagues: Record | null;
  readonly chosen: string | null;
}) {
  if (record.graded === 0) {
    return (
      <Empty>
        No graded prediction yet
        {record.matches_predicted > 0 ? (
          `: ${count(record.matches_predicted)} predictions logged before kick-off are waiting for their results.`
        ) : (
          <>
            {' '}
            for this choice. The record starts once batch inference has published predictions before kick-off
            (<code>matchcast pipeline run</code>, or the scheduler of <code>npm start</code>) and those
            matches are played.
          </>
        )}
      </Empty>
    );
  }
  return (
    <>
      <RecordFigures record={record} />
      {record.late_predictions > 0 && (
        <p className="footnote" data-testid="tr-late">
          {record.late_predictions} predictions were logged at or after kick-off as now recorded (a match
          brought forward after they were logged counts here): counted, never scored.
        </p>
      )}
      <ErrorBoundary what="the record's charts">
        <Suspense fallback={<div className="chart-placeholder" />}>
          <RecordCharts series={record.series} kellyStart={record.method.kelly_start} />
        </Suspense>
      </ErrorBoundary>
      <p className="footnote">
        Each match counts once, with the prediction published before its kick-off, against the closing price
        of the preferred bookmaker with its margin removed ({count(record.market_closing.n)} graded matches
        had one). A bet is one unit on the outcome with the largest edge when it reaches{' '}
        {Math.round(record.method.edge_threshold * 100)} % and stays at most{' '}
        {Math.round(record.method.edge_ceiling * 100)} % (a larger one is flagged, never bet) and both teams
        had at least {record.method.min_matches_played} earlier matches when it was predicted (where the log
        says), at the price the prediction could be bet at. The bands are the 95 % range of{' '}
        {count(record.method.bootstrap_resamples)} bankroll paths resampled from these bets (seed{' '}
        {record.method.bootstrap_seed}): how differently the same bets could have run.
      </p>
      {leagues !== null && leagues.by_league.length > 0 && (
        <>
          <h3>Per league</h3>
          <LeagueTable leagues={leagues.by_league} chosen={chosen} />
          <p className="footnote" data-testid="tr-league-chance">
            {leaguesAgainstChance(leagues.multiplicity)}
          </p>
        </>
      )}
      {record.roi.flat.n_bets > 0 && <EdgeTable record={record} label="Track record" />}
    </>
  );
}

export function TrackRecordView({
  state,
  onState,
}: {
  readonly state: UrlState;
  readonly onState: (next: UrlState) => void;
}) {
  const filter = state.record;
  const shownPath = trackRecordPath(filter);
  const allPath = trackRecordPath(filter, { league: false });
  const backtestPath = trackRecordPath(filter, { backtest: true });
  const shown = useApiQuery(loader(shownPath), shownPath);
  // Every league over the same days: the league list and the per-league table (the same request without a league).
  const all = useApiQuery(loader(allPath), allPath);
  const backtest = useApiQuery(loader(backtestPath), backtestPath);
  const head = useApiQuery(loadHead, HEAD_PATH);
  const leagues = all.state === 'ready' ? all.data.by_league.map((l) => l.league) : [];
  // The record carries the same head: it stands in while the head's own route loads or fails.
  const chain: Resource<ChainHeadView | null> =
    head.state !== 'ready' && shown.state === 'ready'
      ? { state: 'ready', data: shown.data.head, loadedAt: shown.loadedAt }
      : head;
  const onFilter = (record: RecordFilter) => onState({ ...state, record });

  return (
    <div className="track-record-view">
      <section className="panel" data-testid="tr-record" aria-labelledby="tr-title">
        <h2 id="tr-title">Track record: predictions published before kick-off, against the closing market</h2>
        <Filters filter={filter} leagues={leagues} onFilter={onFilter} />
        {shown.state === 'loading' ? (
          <Loading what="the track record" />
        ) : shown.state === 'error' ? (
          <ErrorMessage error={shown.error} what="the track record" onRetry={shown.reload} />
        ) : (
          <RecordBody
            record={shown.data}
            leagues={all.state === 'ready' ? all.data : null}
            chosen={filter.league}
          />
        )}
      </section>
      <div className="side">
        <ChainVerify chain={chain} onRetry={head.reload} tz={state.tz} />
        <section className="panel backtest" data-testid="tr-backtest" aria-labelledby="bt-title">
          <h2 id="bt-title">
            Walk-forward backtest <span className="tag">backtest, not the track record</span>
          </h2>
          <p className="footnote">
            A reconstruction: each past match predicted after the fact by a model trained only on matches
            before its period, bet at the latest pre-match price. It shows how the method would have done; it
            was never published before kick-off, is not chained, and is kept out of every figure above.
          </p>
          {backtest.state === 'loading' ? (
            <>
              <Loading what="the backtest" />
              <p className="footnote" data-testid="tr-backtest-wait">
                The server grades every backtest match with its prices after it starts and whenever the
                backtest's data moves: about half a minute for the 150,000 matches of the whole shared history
                on the embedded database. Once graded, the record is answered from its cache.
              </p>
            </>
          ) : backtest.state === 'error' ? (
            <ErrorMessage error={backtest.error} what="the backtest" onRetry={backtest.reload} />
          ) : backtest.data.graded === 0 ? (
            <Empty>No walk-forward backtest for this choice (the pipeline's backtest stage writes it).</Empty>
          ) : (
            <>
              <RecordFigures record={backtest.data} />
              {backtest.data.roi.flat.n_bets > 0 && <EdgeTable record={backtest.data} label="Backtest" />}
            </>
          )}
        </section>
        <AboutModel />
      </div>
    </div>
  );
}
