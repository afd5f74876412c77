/**
 * The record's headline figures: what was predicted and graded, model vs closing market, CLV, ROI, Kelly; and why
 * CLV counts fewer bets than ROI when it does.
 */

import { besideMarket } from '../../../domain/track-record.ts';
import type { TrackRecordView } from '../../api/track-record.ts';
import { count, intervalTone, pct, pctInterval, signedPct } from '../../logic/format.ts';
import { bets, clvCountText, score } from '../../logic/track-record.ts';

const asPct = (v: number | null) => (v === null ? null : 100 * v);
const ciPct = (ci: readonly [number, number] | null) =>
  ci === null ? null : ([100 * ci[0], 100 * ci[1]] as const);

export function RecordFigures({ record }: { readonly record: TrackRecordView }) {
  const { roi, clv, market_closing: closing } = record;
  const clvCount = clvCountText(record);
  return (
    <>
      <dl className="kpis record-kpis" data-testid="tr-figures">
        <div>
          <dt>Graded</dt>
          <dd data-testid="tr-graded">{count(record.graded)}</dd>
          <dd className="muted ci">of {count(record.matches_predicted)} predicted</dd>
        </div>
        <div>
          <dt>Log loss model / closing market</dt>
          <dd>
            <span data-testid="tr-model-logloss">
              {score(besideMarket(closing, closing.model_log_loss, record.model.log_loss))}
            </span>{' '}
            / <span data-testid="tr-market-logloss">{score(closing.log_loss)}</span>
          </dd>
          <dd className="muted ci" data-testid="tr-paired-n">
            {closing.n > 0 ? `same ${count(closing.n)} matches` : 'no closing prices'}
          </dd>
        </div>
        <div>
          <dt>RPS model / closing market</dt>
          <dd>
            <span data-testid="tr-model-rps">
              {score(besideMarket(closing, closing.model_rps, record.model.rps))}
            </span>{' '}
            / <span data-testid="tr-market-rps">{score(closing.rps)}</span>
          </dd>
        </div>
        <div>
          <dt>CLV per bet</dt>
          <dd className={intervalTone(clv.ci95)}>
            <span data-testid="tr-clv">{signedPct(asPct(clv.mean), 2)}</span>
          </dd>
          <dd className="muted ci">
            <span data-testid="tr-clv-ci">{pctInterval(ciPct(clv.ci95), 2)}</span>, {bets(clv.n_bets)}
          </dd>
        </div>
        <div>
          <dt>ROI, flat stakes</dt>
          <dd className={intervalTone(roi.flat.ci95)}>
            <span data-testid="tr-roi">{signedPct(roi.flat.roi_pct)}</span>
          </dd>
          <dd className="muted ci">
            <span data-testid="tr-roi-ci">{pctInterval(roi.flat.ci95)}</span>,{' '}
            <span data-testid="tr-roi-bets">{bets(roi.flat.n_bets)}</span>
          </dd>
        </div>
        <div>
          <dt>Bankroll growth, Kelly</dt>
          <dd className={intervalTone(roi.kelly.growth_ci95)}>
            <span data-testid="tr-kelly">{signedPct(roi.kelly.growth_pct)}</span>
          </dd>
          <dd className="muted ci">
            <span data-testid="tr-kelly-ci">{pctInterval(roi.kelly.growth_ci95)}</span>,{' '}
            {bets(roi.kelly.n_bets)}
            {roi.kelly.max_drawdown_share !== null && `, max drawdown ${pct(roi.kelly.max_drawdown_share)}`}
          </dd>
        </div>
      </dl>
      {clvCount !== null && (
        <p className="footnote" data-testid="tr-clv-count">
          {clvCount}
        </p>
      )}
    </>
  );
}
