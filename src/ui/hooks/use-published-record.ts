/**
 * The published track record of every league, and the betting method it states (params.yaml `betting` and
 * `evaluate.margin_method`, as the server applies them). The About panel shows the method; the ROI panel draws
 * its interval with the method's bootstrap, so a changed params.yaml moves the dashboard's interval together
 * with the betting stage's and the track record's.
 */
import type { ApiClient } from '../api/client.ts';
import { decodeTrackRecord } from '../api/track-record.ts';
import { ALL_LEAGUES, trackRecordPath } from '../logic/track-record.ts';
import { useApiQuery } from './use-api-query.ts';

const RECORD_PATH = trackRecordPath(ALL_LEAGUES);
const loadRecord = (client: ApiClient) => client.get(RECORD_PATH, decodeTrackRecord);

export function usePublishedRecord() {
  return useApiQuery(loadRecord, RECORD_PATH);
}

/** Resamples and seed of the server's bootstrap: undefined while unknown, null when the record cannot be read. */
export type BootstrapSetting = { readonly resamples: number; readonly seed: number } | null | undefined;

export function useBootstrapSetting(): BootstrapSetting {
  const record = usePublishedRecord();
  if (record.state === 'error') return null;
  if (record.state === 'loading') return undefined;
  const { bootstrap_resamples: resamples, bootstrap_seed: seed } = record.data.method;
  return { resamples, seed };
}
