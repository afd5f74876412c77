/**
 * "About this model": the internal parameters a bettor does not need on the main views — which model the value
 * bets come from, its version and training window, the betting rule (edge threshold and ceiling, margin
 * removal, Kelly fraction) and every registered parameter — folded away in one panel.
 */
import {
  infoOf,
  loadRegisteredModels,
  type ModelInfo,
  REGISTERED_MODELS,
  registeredStages,
} from '../api/model-info.ts';
import { useTimeZone } from '../hooks/time-zone-context.ts';
import { useApiQuery } from '../hooks/use-api-query.ts';
import { useBettingMethod } from '../hooks/use-betting-method.ts';
import { count, pct, zonedIso, zoneLabel } from '../logic/format.ts';
import { trainingWindowText } from '../logic/training-age.ts';

function TrainingWindow({ info }: { readonly info: ModelInfo }) {
  const text = trainingWindowText(info.params);
  if (text === null) return <span className="muted">not recorded</span>;
  return <span data-testid="about-training">{text}</span>;
}

/** `allStages`: every registered stage's parameters beside the champion's (the model view). */
export function AboutModel({ allStages = false }: { readonly allStages?: boolean }) {
  const registered = useApiQuery(loadRegisteredModels, REGISTERED_MODELS);
  const betting = useBettingMethod();
  const tz = useTimeZone();
  const stages = registered.state === 'ready' ? registered.data.stages : null;
  const info = stages && infoOf(stages.champion);
  const models =
    stages === null ? [] : registeredStages(stages).filter((m) => allStages || m.stage === 'champion');
  const method = betting.state === 'ready' ? betting.data : null;
  const paramNames = [...new Set(models.flatMap((m) => Object.keys(m.info.params)))].sort();
  return (
    <details className="panel about-model" data-testid="about-model">
      <summary>About this model</summary>
      <p>
        Value bets, and every figure of the track record, come from the champion's published predictions. The
        champion is the <b>fundamentals model</b>: it learns from results and match data only and never reads
        a bookmaker's price, so an edge against a price is not the price echoed back. The market-aware model
        of the evaluation report is a benchmark and never bets.
      </p>
      <dl className="facts">
        <dt>Model</dt>
        <dd data-testid="about-version">
          {info === null ? 'none registered' : `${info.modelName} v${info.version} (champion)`}
        </dd>
        {info !== null && (
          <>
            <dt>Family</dt>
            <dd>{info.params.family ?? '—'}</dd>
            <dt>Trained on</dt>
            <dd>
              <TrainingWindow info={info} />
            </dd>
            <dt>Registered</dt>
            <dd>
              {zonedIso(info.createdAt, tz)} {zoneLabel(tz)}, run{' '}
              <span className="mono">{info.runId ?? '—'}</span>
            </dd>
          </>
        )}
        {method !== null && (
          <>
            <dt>Value bet</dt>
            <dd data-testid="about-threshold">
              edge p·odd − 1 of at least {pct(method.edge_threshold, 0)} and at most{' '}
              {pct(method.edge_ceiling, 0)}; above that ceiling the model disagrees with the market too much
              for a bet (a possible data error or model miss): shown as "far from market", never bet; nor is
              an edge found when a team had fewer than {method.min_matches_played} earlier matches (shown as
              "little history")
            </dd>
            <dt>Market margin</dt>
            <dd>removed by the {method.margin_method} method</dd>
            <dt>Kelly</dt>
            <dd data-testid="about-kelly">
              {method.kelly_fraction} of the full Kelly stake, at most {pct(method.kelly_cap, 0)} of the
              bankroll on one bet, from {method.kelly_start}
            </dd>
            <dt>Intervals</dt>
            <dd>
              95 % bootstrap over matches, {count(method.bootstrap_resamples)} resamples, seed{' '}
              {method.bootstrap_seed}
            </dd>
          </>
        )}
      </dl>
      {paramNames.length > 0 && (
        <div className="table-scroll">
          <table className="small-table" data-testid="about-params">
            <thead>
              <tr>
                <th>parameter</th>
                {models.map((m) => (
                  <th key={m.stage}>
                    {m.stage} v{m.info.version}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {paramNames.map((p) => (
                <tr key={p}>
                  <td>{p}</td>
                  {models.map((m) => (
                    <td key={m.stage} className="mono">
                      {m.info.params[p] ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
