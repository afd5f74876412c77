/**
 * How the server bets and draws its intervals (params.yaml `betting` and `evaluate.margin_method`), from
 * GET /predict/track-record/method: the About panel shows it, and the ROI panel draws its interval with its
 * bootstrap, so a changed params.yaml moves the dashboard's interval together with the betting stage's and the
 * track record's. A setting, not a record: it answers at once, whatever the size of the history. The same
 * answer says what data the figures come from, which the demo banner reads.
 */
import { useMemo } from 'react';
import type { EdgeRule } from '../../domain/value-bet.ts';
import type { ApiClient } from '../api/client.ts';
import { type DataSourceView, decodeMethodAnswer } from '../api/track-record.ts';
import { useApiQuery } from './use-api-query.ts';

const METHOD_PATH = '/predict/track-record/method';
const loadMethod = (client: ApiClient) => client.get(METHOD_PATH, decodeMethodAnswer);

export function useBettingMethod() {
  return useApiQuery(loadMethod, METHOD_PATH);
}

/** Resamples and seed of the server's bootstrap: undefined while unknown, null when they cannot be read. */
export type BootstrapSetting = { readonly resamples: number; readonly seed: number } | null | undefined;

export function useBootstrapSetting(): BootstrapSetting {
  const method = useBettingMethod();
  if (method.state === 'error') return null;
  if (method.state === 'loading') return undefined;
  return { resamples: method.data.bootstrap_resamples, seed: method.data.bootstrap_seed };
}

/**
 * The value-bet rule the server applies (params.yaml `betting.edge_threshold`, `edge_ceiling`,
 * `train.min_matches_played`); null until read.
 */
export function useEdgeRule(): EdgeRule | null {
  const method = useBettingMethod();
  const data = method.state === 'ready' ? method.data : null;
  // One object per answer: the matches list's rows are memoised on it.
  return useMemo(
    () =>
      data === null
        ? null
        : {
            threshold: data.edge_threshold,
            ceiling: data.edge_ceiling,
            minMatchesPlayed: data.min_matches_played,
          },
    [data],
  );
}

/** Where the served figures come from; null until read, when it cannot be read, or when the server does not say. */
export function useDataSource(): DataSourceView | null {
  const method = useBettingMethod();
  return method.state === 'ready' ? method.data.data_source : null;
}
