/** Drift, queue and workers, re-fetched on their own every few seconds. */

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
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { pct } from '../../logic/format.ts';
import { SourcesPanel } from './sources-panel.tsx';

/** How often the view refreshes. Drift changes daily, queues by the second. */
const QUEUE_REFRESH_MS = 5_000;
const DRIFT_REFRESH_MS = 60_000;

const loadDrift = (c: ApiClient) => c.get('/monitoring/drift', decodeDrift);
const loadQueues = (c: ApiClient) => c.get('/monitoring/celery/queues', decodeQueues);
const loadWorkers = (c: ApiClient) => c.get('/monitoring/celery/workers', decodeWorkers);
const loadSources = (c: ApiClient) => c.get('/monitoring/sources', decodeSources);

function DriftPanel({ drift }: { readonly drift: DriftView }) {
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
        <div>
          <dt>Rolling log loss</dt>
          <dd>{drift.rollingLogLoss?.toFixed(4) ?? '—'}</dd>
        </div>
        <div>
          <dt>Validation log loss</dt>
          <dd>{drift.validationLogLoss?.toFixed(4) ?? '—'}</dd>
        </div>
      </dl>
      <p className="muted">
        Reference {drift.reference ?? '—'} · current {drift.current ?? '—'} · generated{' '}
        {drift.generatedAt?.slice(0, 19).replace('T', ' ') ?? '—'}
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

function WorkersPanel({ workers }: { readonly workers: readonly WorkerView[] }) {
  if (workers.length === 0) return <Empty>No worker alive: live predictions will answer 503.</Empty>;
  return (
    <table className="small-table" data-testid="workers-table">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Queues</th>
          <th>Ping</th>
          <th>Last heartbeat</th>
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
            <td>{w.lastHeartbeat?.slice(11, 19) ?? '—'}</td>
            <td className="mono">{w.modelsLoaded.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Updated({ at }: { readonly at: number }) {
  return <span className="muted updated">updated {new Date(at).toISOString().slice(11, 19)} UTC</span>;
}

export function MonitoringView() {
  const drift = useApiQuery(loadDrift, 'drift', { refreshMs: DRIFT_REFRESH_MS, usesApiKey: false });
  const queues = useApiQuery(loadQueues, 'queues', { refreshMs: QUEUE_REFRESH_MS, usesApiKey: false });
  const workers = useApiQuery(loadWorkers, 'workers', { refreshMs: QUEUE_REFRESH_MS, usesApiKey: false });
  const sources = useApiQuery(loadSources, 'sources', { refreshMs: DRIFT_REFRESH_MS, usesApiKey: false });
  return (
    <div className="monitoring-view">
      <section className="panel">
        <h2>Feature drift {drift.state === 'ready' && <Updated at={drift.loadedAt} />}</h2>
        {drift.state === 'loading' ? (
          <Loading what="the drift report" />
        ) : drift.state === 'error' ? (
          <ErrorMessage error={drift.error} what="the drift report" onRetry={drift.reload} />
        ) : (
          <DriftPanel drift={drift.data} />
        )}
      </section>
      <div className="side">
        <section className="panel" data-testid="sources-panel">
          <h2>Provider files {sources.state === 'ready' && <Updated at={sources.loadedAt} />}</h2>
          {sources.state === 'loading' ? (
            <Loading what="source health" />
          ) : sources.state === 'error' ? (
            <ErrorMessage error={sources.error} what="source health" onRetry={sources.reload} />
          ) : (
            <SourcesPanel stale={sources.data.stale} sources={sources.data.sources} />
          )}
        </section>
        <section className="panel">
          <h2>Queue {queues.state === 'ready' && <Updated at={queues.loadedAt} />}</h2>
          {queues.state === 'loading' ? (
            <Loading what="queue counts" />
          ) : queues.state === 'error' ? (
            <ErrorMessage error={queues.error} what="queue counts" onRetry={queues.reload} />
          ) : (
            <QueuePanel queues={queues.data} />
          )}
          {queues.refreshError !== null && (
            <p className="state-error">Refresh failed: {queues.refreshError.message}</p>
          )}
        </section>
        <section className="panel">
          <h2>Workers {workers.state === 'ready' && <Updated at={workers.loadedAt} />}</h2>
          {workers.state === 'loading' ? (
            <Loading what="workers" />
          ) : workers.state === 'error' ? (
            <ErrorMessage error={workers.error} what="workers" onRetry={workers.reload} />
          ) : (
            <WorkersPanel workers={workers.data} />
          )}
        </section>
      </div>
    </div>
  );
}
