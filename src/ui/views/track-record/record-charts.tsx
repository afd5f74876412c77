/** The record over time, as the API's daily series gives it: scores, cumulative CLV, flat and Kelly bankrolls. */
import { useMemo } from 'react';
import type { TrackRecordDayView } from '../../api/track-record.ts';
import { SeriesChart, type SeriesChartProps } from '../../components/charts/series-chart.tsx';
import { TimeZoneContext } from '../../hooks/time-zone-context.ts';
import { recordCurves } from '../../logic/track-record.ts';

const MODEL = '#2456a6';
const MARKET = '#b3541e';
const BAND = 'rgba(36, 86, 166, 0.16)';

/** One figure of the view: its caption and its chart, on the record's days. */
interface RecordFigure extends Omit<SeriesChartProps, 'timesMs'> {
  readonly caption: string;
}

type SeriesValues = RecordFigure['series'][number]['values'];

/** A running score of the model beside the closing market's (lower is better). */
function versusMarket(
  score: { readonly short: string; readonly long: string; readonly testId: string },
  model: SeriesValues,
  market: SeriesValues,
): RecordFigure {
  return {
    caption: `${score.short} so far (lower is better)`,
    series: [
      { label: 'model', values: model, colour: MODEL },
      { label: 'closing market', values: market, colour: MARKET, dashed: true },
    ],
    digits: 3,
    label: `Running ${score.long} of the model and of the closing market, by kick-off day`,
    testId: score.testId,
  };
}

export function RecordCharts({
  series,
  kellyStart,
}: {
  readonly series: readonly TrackRecordDayView[];
  readonly kellyStart: number;
}) {
  const c = useMemo(() => recordCurves(series), [series]);
  const figures = useMemo(
    (): readonly RecordFigure[] => [
      versusMarket(
        { short: 'Log loss', long: 'log loss', testId: 'tr-chart-logloss' },
        c.modelLogLoss,
        c.marketLogLoss,
      ),
      versusMarket(
        { short: 'RPS', long: 'ranked probability score', testId: 'tr-chart-rps' },
        c.modelRps,
        c.marketRps,
      ),
      {
        caption: 'Cumulative closing-line value',
        series: [{ label: 'cumulative CLV (units)', values: c.clvSum, colour: MODEL }],
        reference: 0,
        digits: 2,
        label: "Sum of the bets' closing-line values, per unit staked, by kick-off day",
        testId: 'tr-chart-clv',
      },
      {
        caption: 'Flat stakes: profit in units',
        series: [{ label: 'profit, 1 unit a bet', values: c.flat, colour: MODEL }],
        band: { label: '95 % band', low: c.flatLow, high: c.flatHigh, fill: BAND },
        reference: 0,
        label: 'Cumulative profit with one unit on each bet, and its 95 % bootstrap band',
        testId: 'tr-chart-flat',
      },
      {
        caption: 'Fractional Kelly: bankroll',
        series: [{ label: `Kelly bankroll (from ${kellyStart})`, values: c.kelly, colour: MODEL }],
        band: { label: '95 % band', low: c.kellyLow, high: c.kellyHigh, fill: BAND },
        reference: kellyStart,
        label: 'Bankroll staked by fractional Kelly, and its 95 % bootstrap band',
        testId: 'tr-chart-kelly',
      },
    ],
    [c, kellyStart],
  );
  // One point per kick-off day, and the record's days are UTC days (its filter says so): a UTC axis puts
  // each point on its day's tick, whatever zone the header shows times in.
  return (
    <TimeZoneContext.Provider value="utc">
      <div className="record-charts">
        {figures.map(({ caption, ...chart }) => (
          <figure key={chart.testId} className="record-chart">
            <figcaption>{caption}</figcaption>
            <SeriesChart timesMs={c.timesMs} {...chart} />
          </figure>
        ))}
      </div>
    </TimeZoneContext.Provider>
  );
}
