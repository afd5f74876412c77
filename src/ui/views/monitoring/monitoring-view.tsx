/**
 * Drift, provider files, queue and workers, each re-fetched on its own clock. A refresh that fails leaves the
 * last good data on screen, marked as such: every panel says so and since when it has not been updated.
 */
import { type ReactNode, useEffect } from 'react';
import type { ApiClient } from '../../api/client.ts';
import {
  type DriftView,
  decodeDrift,
  decodeQueues,
  decodeSources,
  decodeWorkers,
  type QueueCounts,
  type WorkerView,
} from '../../api/monitoring.ts';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { RefreshFailed, UpdatedAt } from '../../components/freshness.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { type QueriedResource, useApiQuery } from '../../hooks/use-api-query.ts';
import { pct, type TimeZoneChoice, zonedClock, zonedIso, zoneLabel } from '../../logic/format.ts';
import { SourcesPanel } from './sources-panel.tsx';

/** How often the view refreshes. Drift changes daily, queues by the second. */
const QUEUE_REFRESH_MS = 5_000;
const DRIFT_REFRESH_MS = 60_000;

const loadDrift = (c: ApiClient) => c.get('/monitoring/drift', decodeDrift);
const loadQueues = (c: ApiClient) => c.get('/monitoring/celery/queues', decodeQueues);
const loadWorkers = (c: ApiClient) => c.get('/monitoring/celery/workers', decodeWorkers);
const loadSources = (c: ApiClient) => c.get('/monitoring/sources', decodeSources);

type DriftReportView = Extract<DriftView, { kind: 'report' }>;

/** What the rolling log loss averages: how many matches, and from which day (a small n is noise, not a trend). */
function rollingSample(drift: DriftReportView): string {
  if (drift.rollingN === null) return 'sample size not in this report';
  const since = drift.currentFrom === null ? '' : ` since ${drift.currentFrom}`;
  return `n = ${drift.rollingN} finished ${drift.rollingN === 1 ? 'match' : 'matches'}${since}`;
}

function DriftPanel({ drift, tz }: { readonly drift: DriftView; readonly tz: TimeZoneChoice }) {
  if (drift.kind === 'none') return <Empty>No drift report yet: the monitor_drift stage has not run.</Empty>;
  const bars = [...drift.features]
    .sort((a, b) => b.psi - a.psi)
    .map((f) => ({
      name: f.feature,
      value: f.psi,
      highlighted: f.drifted,
      title: `${f.feature}: PSI ${f.psi.toFixed(3)}${f.ksStatistic === null ? '' : `, KS ${f.ksStatistic.toFixed(3)} (p ${f.ksPvalue?.toPrecision(2) ?? '?'})`}${f.drifted ? ' — drifted' : ''}`,
    }));
  const drifted = drift.features.filter((f) => f.drifted).length;
  return (
    <div>
      <dl className="kpis">
        <div>
          <dt>Drift score</dt>
          <dd data-testid="drift-score" className={drift.driftScore > 0.3 ? 'loss' : ''}>
            {pct(drift.driftScore)}
          </dd>
        </div>
        <div>
          <dt>Drifted features</dt>
          <dd>
            {drifted} / {drift.features.length}
          </dd>
        </div>
        <div className="wide">
          <dt>Rolling log loss</dt>
          <dd data-testid="rolling-logloss">{drift.rollingLogLoss?.toFixed(4) ?? '—'}</dd>
          <dd className="kpi-note" data-testid="rolling-n">
            {rollingSample(drift)}
          </dd>
        </div>
        <div>
          <dt>Validation log loss</dt>
          <dd>{drift.validationLogLoss?.toFixed(4) ?? '—'}</dd>
        </div>
      </dl>
      <p className="muted">
        Reference {drift.reference ?? '—'} · current {drift.current ?? '—'} · generated{' '}
        {zonedIso(drift.generatedAt, tz)} {zoneLabel(tz)}. Rolling log loss: the champion's predictions logged
        before kick-off for the current window's finished matches; validation: its held-out score when
        trained.
      </p>
      <h3>Population stability index per feature</h3>
      <BarChart bars={bars} label="PSI per feature" threshold={drift.thresholds?.psi} testId="drift-chart" />
      {drift.thresholds && (
        <p className="muted" data-testid="drift-rule">
          Red: drifted, that is a PSI of {drift.thresholds.psi} or more (the dashed line) or a
          Kolmogorov–Smirnov test with p below {drift.thresholds.ksPvalue}, which can mark a feature under the
          line. Hover a bar for both figures.
        </p>
      )}
    </div>
  );
}

function QueuePanel({ queues }: { readonly queues: QueueCounts }) {
  return (
    <div>
      <dl className="kpis" data-testid="queue-counts">
        <div>
          <dt>Active</dt>
          <dd data-testid="queue-active">{queues.active}</dd>
        </div>
        <div>
          <dt>Scheduled</dt>
          <dd>{queues.scheduled}</dd>
        </div>
        <div>
          <dt>Reserved</dt>
          <dd>{queues.reserved}</dd>
        </div>
      </dl>
      {Object.entries(queues.queues).map(([name, counters]) => (
        <p key={name} className="muted">
          queue <strong>{name}</strong>:{' '}
          {Object.entries(counters)
            .map(([k, v]) => `${k} ${v}`)
            .join(' · ')}
        </p>
      ))}
    </div>
  );
}

function WorkersPanel({
  workers,
  tz,
}: {
  readonly workers: readonly WorkerView[];
  readonly tz: TimeZoneChoice;
}) {
  if (workers.length === 0) return <Empty>No worker alive: live predictions will answer 503.</Empty>;
  return (
    <table className="small-table" data-testid="workers-table">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Queues</th>
          <th>Ping</th>
          <th>Last heartbeat ({zoneLabel(tz)})</th>
          <th>Models loaded</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((w) => (
          <tr key={w.name}>
            <td className="mono">
              {w.name}
              <div className="muted">
                {w.hostname} {w.pid !== null && `pid ${w.pid}`}
              </div>
            </td>
            <td>{w.queues.join(', ')}</td>
            <td>{w.ping}</td>
            <td>{w.lastHeartbeat === null ? '—' : zonedClock(Date.parse(w.lastHeartbeat), tz)}</td>
            <td className="mono">{w.modelsLoaded.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One monitoring panel: its title with when its data was loaded, then loading, error or the data. After a
 * failed refresh the last good data stays, marked stale under a note saying why and since when.
 */
function MonitorPanel<T>({
  title,
  what,
  resource,
  tz,
  testId,
  children,
}: {
  readonly title: string;
  /** For the messages: "the drift report". */
  readonly what: string;
  readonly resource: QueriedResource<T>;
  readonly tz: TimeZoneChoice;
  readonly testId: string;
  readonly children: (data: T) => ReactNode;
}) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>
        {title} {resource.state === 'ready' && <UpdatedAt loadedAt={resource.loadedAt} tz={tz} />}
      </h2>
      {resource.state === 'loading' ? (
        <Loading what={what} />
      ) : resource.state === 'error' ? (
        <ErrorMessage error={resource.error} what={what} onRetry={resource.reload} />
      ) : resource.refreshError === null ? (
        children(resource.data)
      ) : (
        <>
          <RefreshFailed
            loadedAt={resource.loadedAt}
            error={resource.refreshError}
            onRetry={resource.reload}
            tz={tz}
          />
          <div className="stale-data">{children(resource.data)}</div>
        </>
      )}
    </section>
  );
}

export function MonitoringView({ tz }: { readonly tz: TimeZoneChoice }) {
  const drift = useApiQuery(loadDrift, 'drift', { refreshMs: DRIFT_REFRESH_MS, usesApiKey: false });
  const queues = useApiQuery(loadQueues, 'queues', { refreshMs: QUEUE_REFRESH_MS, usesApiKey: false });
  const workers = useApiQuery(loadWorkers, 'workers', { refreshMs: QUEUE_REFRESH_MS, usesApiKey: false });
  const sources = useApiQuery(loadSources, 'sources', { refreshMs: DRIFT_REFRESH_MS, usesApiKey: false });
  // The server unreachable at a 5 s refresh: the minute-long panels ask now too, so none of them looks current
  // for up to a minute while the API is gone.
  const unreachable = [queues, workers].some((r) => r.refreshError?.kind === 'network');
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per outage; reload is a new function each render.
  useEffect(() => {
    if (!unreachable) return;
    drift.reload();
    sources.reload();
  }, [unreachable]);
  return (
    <div className="monitoring-view">
      <MonitorPanel
        title="Feature drift"
        what="the drift report"
        resource={drift}
        tz={tz}
        testId="drift-panel"
      >
        {(data) => <DriftPanel drift={data} tz={tz} />}
      </MonitorPanel>
      <div className="side">
        <MonitorPanel
          title="Provider files"
          what="source health"
          resource={sources}
          tz={tz}
          testId="sources-panel"
        >
          {(data) => <SourcesPanel stale={data.stale} sources={data.sources} tz={tz} />}
        </MonitorPanel>
        <MonitorPanel title="Queue" what="queue counts" resource={queues} tz={tz} testId="queue-panel">
          {(data) => <QueuePanel queues={data} />}
        </MonitorPanel>
        <MonitorPanel title="Workers" what="workers" resource={workers} tz={tz} testId="workers-panel">
          {(data) => <WorkersPanel workers={data} tz={tz} />}
        </MonitorPanel>
      </div>
    </div>
  );
}
