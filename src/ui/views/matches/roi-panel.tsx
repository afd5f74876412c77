/** ROI of the current filter (flat stake 1 on value bets, scored matches only) and its profit curve. */
import { Suspense } from 'react';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { lazyRetry } from '../../components/lazy-retry.ts';
import { useRoiInterval } from '../../hooks/use-roi-interval.ts';
import { count, intervalTone, pct, pctInterval, signed, signedPct } from '../../logic/format.ts';
import { type RoiSummary, roiAccuracyText, roiBetsText } from '../../logic/roi.ts';
import { bets } from '../../logic/track-record.ts';

// uPlot is its own chunk, fetched beside the cards: the list's first render does not parse it.
const LineChart = lazyRetry(async () => (await import('../../components/charts/line-chart.tsx')).LineChart);

export function RoiPanel({
  roi,
  regionsChosenByRoi,
}: {
  readonly roi: RoiSummary;
  /** When the ROI slider keeps only some regions, how many it kept of how many: the best of several is flattered. */
  readonly regionsChosenByRoi: { readonly kept: number; readonly of: number } | null;
}) {
  const interval = useRoiInterval(roi.results);
  const ci = interval.state === 'ready' ? interval.ci95 : null;
  const roiSide = intervalTone(ci);
  return (
    <section className="panel roi-panel" data-testid="roi-panel" aria-label="ROI for the current filter">
      <h2>Value bets in this view</h2>
      <p className="muted" data-testid="roi-price-rule">
        Each bet at the price the <a href="#/track-record">Track record</a> takes: the one on offer when its
        prediction was published (for the walk-forward backtest, the last pre-match price before kick-off).
      </p>
      <dl className="kpis">
        <div>
          <dt>Bets</dt>
          <dd data-testid="roi-bets">{count(roi.bets)}</dd>
        </div>
        <div>
          <dt>Hit rate</dt>
          <dd data-testid="roi-hit-rate">{pct(roi.hitRate)}</dd>
        </div>
        <div>
          <dt>Profit</dt>
          <dd data-testid="roi-profit" className={roiSide}>
            {signed(roi.profit)}
          </dd>
        </div>
        <div>
          <dt>ROI</dt>
          <dd data-testid="roi-pct" className={roiSide}>
            {signedPct(roi.roiPct)}
          </dd>
        </div>
        <div className="wide">
          <dt>95% interval</dt>
          <dd data-testid="roi-ci" aria-busy={interval.state === 'computing'}>
            {interval.state === 'ready'
              ? pctInterval(interval.ci95)
              : interval.state === 'computing'
                ? 'computing…'
                : 'unavailable: the betting method could not be read'}
          </dd>
        </div>
        <div>
          <dt>Max drawdown</dt>
          <dd data-testid="roi-drawdown">{roi.bets === 0 ? '—' : signed(-roi.maxDrawdown, 1)}</dd>
        </div>
      </dl>
      {roi.bets > 0 && (
        <p className="muted" data-testid="roi-bet-sources">
          {roiBetsText(roi)}. Where a match has both, the prediction published before kick-off is the one
          counted here; the walk-forward backtest's record (Track record, and a value bet's detail) counts the
          backtest's prediction of every match, so its bets differ.
        </p>
      )}
      {roi.bets > 0 ? (
        <ErrorBoundary what="the profit chart">
          <Suspense fallback={<div className="chart-placeholder" />}>
            <LineChart
              timesMs={roi.curve.timesMs}
              values={roi.curve.profit}
              label="Cumulative profit in units, stake 1 per bet"
            />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <p className="muted">No settled value bet in this view.</p>
      )}
      {regionsChosenByRoi !== null && (
        <p className="footnote" data-testid="roi-selection-warning">
          The ROI slider keeps {regionsChosenByRoi.kept} of {regionsChosenByRoi.of} regions chosen by their
          own ROI: the best of several looks better than it is, so this ROI flatters what the next bets would
          return.
        </p>
      )}
      <p className="footnote">
        Stake 1 on each value bet of a finished match ({bets(roi.bets)}; the interval is a bootstrap 95%
        interval over matches). Value bets come from the fundamentals model, which never sees the prices it
        bets against
        {roi.models.length > 0 ? ` (${roi.models.join(', ')} predictions)` : ''}; an edge above the sanity
        ceiling (the model far from the market: a data error or a model miss) is never counted. Only
        predictions that no model saw the result of count: walk-forward backtests and predictions logged
        before kick-off. Profit and ROI turn green or red only when the interval lies wholly above or below
        zero. <span data-testid="roi-accuracy">{roiAccuracyText(roi)}</span>
      </p>
    </section>
  );
}
