/**
 * Every registered stage (champion, challenger, candidate) side by side: training window, metrics, features;
 * the promotion history; and a reliability plot of the published predictions.
 */

import { useMemo } from 'react';
import type { MatchCard } from '../../api/cards.ts';
import type { PromotionEntry } from '../../api/model-history.ts';
import {
  loadRegisteredModels,
  MODEL_STAGES,
  REGISTERED_MODELS,
  type RegisteredModels,
  type RegisteredStage,
  registeredStages,
} from '../../api/model-info.ts';
import { AboutModel } from '../../components/about-model.tsx';
import { ReliabilityChart } from '../../components/charts/reliability-chart.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { computeCalibration, MIN_DRAWN_BIN } from '../../logic/calibration.ts';
import {
  count,
  metricValue,
  pct,
  type TimeZoneChoice,
  zonedIso,
  zonedMinute,
  zoneLabel,
} from '../../logic/format.ts';
import { metricMarks, scoredOnDifferentMatches } from '../../logic/metric-direction.ts';
import {
  newestResultMs,
  STALE_AFTER_DAYS,
  trainingLag,
  trainingWindowText,
} from '../../logic/training-age.ts';
import { loadCards } from '../matches/load.ts';

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

function TrainedOn({
  model,
  newestMs,
}: {
  readonly model: RegisteredStage;
  readonly newestMs: number | null;
}) {
  const text = trainingWindowText(model.info.params);
  const lag = trainingLag(model.info.params.trained_until, newestMs);
  return (
    <td data-testid={`trained-${model.stage}`}>
      {text ?? '—'}
      {lag?.stale === true && (
        <span className="tag tag-stale" data-testid={`stale-${model.stage}`}>
          stale: {lag.days} days behind the newest result
        </span>
      )}
    </td>
  );
}

function ModelCompare({
  models,
  newestMs,
  tz,
}: {
  readonly models: readonly RegisteredStage[];
  readonly newestMs: number | null;
  readonly tz: TimeZoneChoice;
}) {
  const metricNames = [...new Set(models.flatMap((m) => Object.keys(m.info.metrics)))].sort();
  const missing = MODEL_STAGES.filter((stage) => !models.some((m) => m.stage === stage));
  // One registered model name in practice: said once, so three columns still fit a phone.
  const names = [...new Set(models.map((m) => m.info.modelName))];
  return (
    <>
      <p className="muted" data-testid="model-name">
        {names.join(', ')}
      </p>
      <table className="small-table compare" data-testid="model-compare">
        <thead>
          <tr>
            <th />
            {models.map((m) => (
              <th key={m.stage}>
                {m.stage}
                <div className="muted" data-testid={`model-version-${m.stage}`}>
                  v{m.info.version}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>created ({zoneLabel(tz)})</td>
            {models.map((m) => (
              <td key={m.stage}>{zonedIso(m.info.createdAt, tz)}</td>
            ))}
          </tr>
          <tr>
            <td>run</td>
            {models.map((m) => (
              <td key={m.stage} className="mono">
                {m.info.runId ?? '—'}
              </td>
            ))}
          </tr>
          <tr>
            <td>trained on</td>
            {models.map((m) => (
              <TrainedOn key={m.stage} model={m} newestMs={newestMs} />
            ))}
          </tr>
          <tr className="section">
            <td colSpan={models.length + 1}>
              Metrics: held-out scores of this model's recipe, fitted on matches before test_from and scored
              from it on; the version itself is then refitted on every finished match. The best is green only
              when the market, scored on the same matches (market_…), did no better; a model alone is green
              only ahead of the market
            </td>
          </tr>
          {metricNames.map((metric) => {
            const marks = metricMarks(
              metric,
              models.map((m) => m.info.metrics),
            );
            return (
              <tr key={metric} data-testid="metric-row">
                <td>{metric}</td>
                {models.map((model, k) => {
                  const v = model.info.metrics[metric];
                  const mark = marks[k];
                  return (
                    <td key={model.stage} className={`num ${mark?.kind === 'good' ? 'win' : ''}`}>
                      {v === undefined ? '—' : metricValue(v)}
                      {mark?.kind === 'behind-market' && (
                        <div className="muted" data-testid={`behind-market-${model.stage}`}>
                          {mark.best && 'best of the models, '}
                          {metricValue(mark.behind)} behind the market's {metricValue(mark.market)}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          <tr>
            <td className="muted">scored from</td>
            {models.map((m) => (
              <td key={m.stage} className="muted" data-testid={`test-from-${m.stage}`}>
                {m.info.params.test_from ?? '—'}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {scoredOnDifferentMatches(models.map((m) => m.info.metrics)) && (
        <p className="muted" data-testid="scored-apart">
          Scored on different matches (their n differ): no model is marked best, as the gap between them is no
          bigger than the noise between the sets.
        </p>
      )}
      {missing.length > 0 && (
        <p className="muted" data-testid="stages-missing">
          No {missing.join(' or ')} registered.
        </p>
      )}
      <p className="footnote" data-testid="stale-rule">
        A model is tagged <b>stale</b> when its training data ends more than {STALE_AFTER_DAYS} days before
        the newest finished match
        {newestMs === null ? '' : ` (${zonedMinute(newestMs, tz)} ${zoneLabel(tz)})`}: it has not learnt from
        the matches since, and should be retrained.
      </p>
    </>
  );
}

function FeatureList({ models }: { readonly models: readonly RegisteredStage[] }) {
  const all = [...new Set(models.flatMap((m) => m.info.featureNames))];
  if (all.length === 0) return <p className="muted">No feature list reported.</p>;
  return (
    <ul className="features" data-testid="feature-list">
      {all.map((f) => {
        const users = models.filter((m) => m.info.featureNames.includes(f)).map((m) => m.stage);
        return (
          <li key={f} title={users.join(' ')}>
            <span className="mono">{f}</span>
            {users.length < models.length && <span className="tag">{users.join(', ')} only</span>}
          </li>
        );
      })}
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
          {count(calibration.matches)} finished matches.
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
  registered,
  newestMs,
  tz,
}: {
  readonly registered: RegisteredModels;
  readonly newestMs: number | null;
  readonly tz: TimeZoneChoice;
}) {
  const models = registeredStages(registered.stages);
  if (models.length === 0)
    return (
      <Empty>
        No model is registered yet. Run the pipeline (<code>matchcast pipeline run</code>) and reload.
      </Empty>
    );
  return (
    <>
      <ModelCompare models={models} newestMs={newestMs} tz={tz} />
      <h3>Features</h3>
      <FeatureList models={models} />
    </>
  );
}

export function ModelView({ tz }: { readonly tz: TimeZoneChoice }) {
  const models = useApiQuery(loadRegisteredModels, REGISTERED_MODELS);
  const cards = useApiQuery(loadCards, 'cards');
  const cardList = cards.state === 'ready' ? cards.data : null;
  const newestMs = useMemo(() => (cardList === null ? null : newestResultMs(cardList)), [cardList]);
  return (
    <div className="model-view">
      <section className="panel">
        <h2>Registered models</h2>
        {models.state === 'loading' ? (
          <Loading what="model versions" />
        ) : models.state === 'error' ? (
          <ErrorMessage error={models.error} what="the registered models" onRetry={models.reload} />
        ) : (
          <RegisteredModelsPanel registered={models.data} newestMs={newestMs} tz={tz} />
        )}
        <AboutModel allStages />
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
