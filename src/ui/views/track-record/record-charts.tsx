/** The record over time, as the API's daily series gives it: scores, cumulative CLV, flat and Kelly bankrolls. */
import { useMemo } from 'react';
import type { TrackRecordDayView } from '../../api/track-record.ts';
import { SeriesChart } from '../../components/charts/series-chart.tsx';
import { TimeZoneContext } from '../../hooks/time-zone-context.ts';
import { recordCurves } from '../../logic/track-record.ts';

const MODEL = '#2456a6';
const MARKET = '#b3541e';
const BAND = 'rgba(36, 86, 166, 0.16)';

export function RecordCharts({
  series,
  kellyStart,
}: {
  readonly series: readonly TrackRecordDayView[];
  readonly kellyStart: number;
}) {
  const c = useMemo(() => recordCurves(series), [series]);
  const charts = useMemo(
    () => ({
      logLoss: [
        { label: 'model', values: c.modelLogLoss, colour: MODEL },
        { label: 'closing market', values: c.marketLogLoss, colour: MARKET, dashed: true },
      ],
      rps: [
        { label: 'model', values: c.modelRps, colour: MODEL },
        { label: 'closing market', values: c.marketRps, colour: MARKET, dashed: true },
      ],
      clv: [{ label: 'cumulative CLV (units)', values: c.clvSum, colour: MODEL }],
      flat: [{ label: 'profit, 1 unit a bet', values: c.flat, colour: MODEL }],
      flatBand: { label: '95 % band', low: c.flatLow, high: c.flatHigh, fill: BAND },
      kelly: [{ label: `Kelly bankroll (from ${kellyStart})`, values: c.kelly, colour: MODEL }],
      kellyBand: { label: '95 % band', low: c.kellyLow, high: c.kellyHigh, fill: BAND },
    }),
    [c, kellyStart],
  );
  // One point per kick-off day, and the record's days are UTC days (its filter says so): a UTC axis puts
  // each point on its day's tick, whatever zone the header shows times in.
  return (
    <TimeZoneContext.Provider value="utc">
      <div className="record-charts">
        <figure className="record-chart">
          <figcaption>Log loss so far (lower is better)</figcaption>
          <SeriesChart
            timesMs={c.timesMs}
            series={charts.logLoss}
            digits={3}
            label="Running log loss of the model and of the closing market, by kick-off day"
            testId="tr-chart-logloss"
          />
        </figure>
        <figure className="record-chart">
          <figcaption>RPS so far (lower is better)</figcaption>
          <SeriesChart
            timesMs={c.timesMs}
            series={charts.rps}
            digits={3}
            label="Running ranked probability score of the model and of the closing market, by kick-off day"
            testId="tr-chart-rps"
          />
        </figure>
        <figure className="record-chart">
          <figcaption>Cumulative closing-line value</figcaption>
          <SeriesChart
            timesMs={c.timesMs}
            series={charts.clv}
            reference={0}
            digits={2}
            label="Sum of the bets' closing-line values, per unit staked, by kick-off day"
            testId="tr-chart-clv"
          />
        </figure>
        <figure className="record-chart">
          <figcaption>Flat stakes: profit in units</figcaption>
          <SeriesChart
            timesMs={c.timesMs}
            series={charts.flat}
            band={charts.flatBand}
            reference={0}
            label="Cumulative profit with one unit on each bet, and its 95 % bootstrap band"
            testId="tr-chart-flat"
          />
        </figure>
        <figure className="record-chart">
          <figcaption>Fractional Kelly: bankroll</figcaption>
          <SeriesChart
            timesMs={c.timesMs}
            series={charts.kelly}
            band={charts.kellyBand}
            reference={kellyStart}
            label="Bankroll staked by fractional Kelly, and its 95 % bootstrap band"
            testId="tr-chart-kelly"
          />
        </figure>
      </div>
    </TimeZoneContext.Provider>
  );
}
