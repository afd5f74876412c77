/** Champion and challenger side by side: metrics, parameters, features, and a reliability plot. */

import { useMemo } from 'react';
import type { MatchCard } from '../../api/cards.ts';
import type { PromotionEntry } from '../../api/model-history.ts';
import {
  infoOf,
  loadRegisteredModels,
  MODEL_STAGES,
  type ModelInfo,
  type ModelStage,
  REGISTERED_MODELS,
  type StageInfo,
} from '../../api/model-info.ts';
import { AboutModel } from '../../components/about-model.tsx';
import { ReliabilityChart } from '../../components/charts/reliability-chart.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { computeCalibration, MIN_DRAWN_BIN } from '../../logic/calibration.ts';
import { metricValue, pct, type TimeZoneChoice, zonedIso, zoneLabel } from '../../logic/format.ts';
import { loadCards } from '../matches/load.ts';

const STAGES = MODEL_STAGES;

/** Metrics where smaller is better; the better of the two models is highlighted. */
const LOWER_IS_BETTER = /log_loss|rps|brier|calibration|ece|error/;

function version(v: string | null): string {
  return v === null ? '—' : `v${v}`;
}

function PromotionHistory({
  entries,
  tz,
}: {
  readonly entries: readonly PromotionEntry[];
  readonly tz: TimeZoneChoice;
}) {
  if (entries.length === 0) return <Empty>No alias has moved yet.</Empty>;
  return (
    <table className="small-table stacked" data-testid="promotion-table">
      <thead>
        <tr>
          <th>when ({zoneLabel(tz)})</th>
          <th>alias</th>
          <th>from</th>
          <th>to</th>
          <th>by</th>
          <th>why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.at}-${e.alias}-${e.toVersion}`}>
            <td>{zonedIso(e.at, tz)}</td>
            <td data-label="alias">{e.rollback ? `${e.alias} (rollback)` : e.alias}</td>
            <td data-label="from">{version(e.fromVersion)}</td>
            <td data-label="to">{version(e.toVersion)}</td>
            <td data-label="by">{e.actor}</td>
            <td data-label="why">{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function better(
  metric: string,
  a: number | string | undefined,
  b: number | string | undefined,
): 'a' | 'b' | null {
  if (typeof a !== 'number' || typeof b !== 'number' || a === b) return null;
  const lower = LOWER_IS_BETTER.test(metric);
  return a < b === lower ? 'a' : 'b';
}

function ModelCompare({
  champion,
  challenger,
  tz,
}: {
  readonly champion: StageInfo;
  readonly challenger: StageInfo;
  readonly tz: TimeZoneChoice;
}) {
  const models = [champion, challenger];
  const infos = models.map((m) => (m.kind === 'model' ? m.info : null));
  const metricNames = [...new Set(infos.flatMap((i) => (i === null ? [] : Object.keys(i.metrics))))].sort();
  return (
    <table className="small-table compare" data-testid="model-compare">
      <thead>
        <tr>
          <th />
          {STAGES.map((s, i) => (
            <th key={s}>
              {s}
              {infos[i] === null ? (
                <div className="muted">none registered</div>
              ) : (
                <div className="muted" data-testid={`model-version-${s}`}>
                  {infos[i]!.modelName} v{infos[i]!.version}
                </div>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>created ({zoneLabel(tz)})</td>
          {infos.map((i, k) => (
            <td key={STAGES[k]}>{zonedIso(i?.createdAt, tz)}</td>
          ))}
        </tr>
        <tr>
          <td>run</td>
          {infos.map((i, k) => (
            <td key={STAGES[k]} className="mono">
              {i?.runId ?? '—'}
            </td>
          ))}
        </tr>
        <tr className="section">
          <td colSpan={3}>
            Metrics: held-out scores of this model's recipe, fitted on matches before test_from and scored
            from it on; the version itself is then refitted on every finished match
          </td>
        </tr>
        {metricNames.map((m) => {
          const a = infos[0]?.metrics[m];
          const b = infos[1]?.metrics[m];
          const win = better(m, a, b);
          return (
            <tr key={m} data-testid="metric-row">
              <td>{m}</td>
              <td className={`num ${win === 'a' ? 'win' : ''}`}>{a === undefined ? '—' : metricValue(a)}</td>
              <td className={`num ${win === 'b' ? 'win' : ''}`}>{b === undefined ? '—' : metricValue(b)}</td>
            </tr>
          );
        })}
        {infos.some((i) => i !== null && i.structuredMetrics.length > 0) && (
          <tr>
            <td className="muted">also recorded</td>
            {infos.map((i, k) => (
              <td key={STAGES[k]} className="muted">
                {i?.structuredMetrics.join(', ') || '—'}
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}

function FeatureList({
  champion,
  challenger,
}: {
  readonly champion: ModelInfo | null;
  readonly challenger: ModelInfo | null;
}) {
  const a = new Set(champion?.featureNames ?? []);
  const b = new Set(challenger?.featureNames ?? []);
  const all = [...new Set([...a, ...b])];
  if (all.length === 0) return <p className="muted">No feature list reported.</p>;
  return (
    <ul className="features" data-testid="feature-list">
      {all.map((f) => (
        <li key={f} title={`${a.has(f) ? 'champion' : ''} ${b.has(f) ? 'challenger' : ''}`.trim()}>
          <span className="mono">{f}</span>
          {!a.has(f) && <span className="tag">challenger only</span>}
          {!b.has(f) && challenger !== null && <span className="tag">champion only</span>}
        </li>
      ))}
    </ul>
  );
}

function CalibrationPanel({ cards }: { readonly cards: readonly MatchCard[] }) {
  const calibration = useMemo(() => computeCalibration(cards), [cards]);
  if (calibration.matches === 0) return <Empty>No finished match with a scored prediction yet.</Empty>;
  return (
    <div className="calibration">
      <ReliabilityChart calibration={calibration} />
      <div>
        <p>
          <span className="legend legend-home" /> home win <span className="legend legend-draw" /> draw{' '}
          <span className="legend legend-away" /> away win
        </p>
        <p>
          Expected calibration error <strong data-testid="ece">{pct(calibration.ece, 2)}</strong> over{' '}
          {calibration.matches.toLocaleString('en-US')} finished matches.
        </p>
        <p className="footnote">
          Computed in the browser from the published predictions of finished matches that may be scored
          (walk-forward backtest or logged before kick-off), whichever model version produced them — not from
          the champion re-scoring its own training data. Bins of fewer than {MIN_DRAWN_BIN} matches are not
          drawn (their observed share is noise); they still count in the calibration error.
        </p>
      </div>
    </div>
  );
}

function RegisteredModelsPanel({
  champion,
  challenger,
  tz,
}: Readonly<Record<ModelStage, StageInfo>> & { readonly tz: TimeZoneChoice }) {
  if (champion.kind === 'absent' && challenger.kind === 'absent')
    return <Empty>No model is registered yet. Run the pipeline (`matchcast pipeline run`) and reload.</Empty>;
  return (
    <>
      <ModelCompare champion={champion} challenger={challenger} tz={tz} />
      <h3>Features</h3>
      <FeatureList champion={infoOf(champion)} challenger={infoOf(challenger)} />
    </>
  );
}

export function ModelView({ tz }: { readonly tz: TimeZoneChoice }) {
  const models = useApiQuery(loadRegisteredModels, REGISTERED_MODELS);
  const cards = useApiQuery(loadCards, 'cards');
  return (
    <div className="model-view">
      <section className="panel">
        <h2>Registered models</h2>
        {models.state === 'loading' ? (
          <Loading what="model versions" />
        ) : models.state === 'error' ? (
          <ErrorMessage error={models.error} what="the registered models" onRetry={models.reload} />
        ) : (
          <RegisteredModelsPanel {...models.data.stages} tz={tz} />
        )}
        <AboutModel withChallenger />
        <h3>Promotion history</h3>
        <div data-testid="promotion-history">
          {models.state === 'loading' ? (
            <Loading what="promotion history" />
          ) : models.state === 'error' ? (
            <ErrorMessage error={models.error} what="the promotion history" onRetry={models.reload} />
          ) : (
            <PromotionHistory entries={models.data.history} tz={tz} />
          )}
        </div>
      </section>
      <section className="panel">
        <h2>Calibration (reliability)</h2>
        {cards.state === 'loading' ? (
          <Loading what="match cards" />
        ) : cards.state === 'error' ? (
          <ErrorMessage error={cards.error} what="match cards" onRetry={cards.reload} />
        ) : (
          <CalibrationPanel cards={cards.data} />
        )}
      </section>
    </div>
  );
}
