/**
 * The walk-forward backtest's record over every league (GET /predict/track-record/backtest, the same request,
 * and so the same cached answer, as the track record view's unfiltered backtest panel): how the value bets the
 * cards advertise have done, in all and by edge. Null until it is read, and while it cannot be.
 */
import type { ApiClient } from '../api/client.ts';
import { decodeTrackRecord, type TrackRecordView } from '../api/track-record.ts';
import { ALL_LEAGUES, trackRecordPath } from '../logic/track-record.ts';
import { useApiQuery } from './use-api-query.ts';

const BACKTEST_PATH = trackRecordPath(ALL_LEAGUES, { backtest: true });
const loadBacktest = (client: ApiClient) => client.get(BACKTEST_PATH, decodeTrackRecord);

export function useValueBetRecord(): TrackRecordView | null {
  const backtest = useApiQuery(loadBacktest, BACKTEST_PATH);
  return backtest.state === 'ready' ? backtest.data : null;
}
