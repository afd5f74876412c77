/**
 * One API resource through TanStack Query: cached by name, shared by every view that asks for it, re-fetched on
 * an interval when asked. The answer keeps the dashboard's three states (loading, error, ready); a failed
 * refresh keeps the last good data on screen and reports the error beside it.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type ApiClient, ApiError } from '../api/client.ts';
import { useApi } from './api-context.ts';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T; readonly loadedAt: number };

/** A resource as a view holds it: with a way to load it again, and the error of a failed refresh, if any. */
export type QueriedResource<T> = Resource<T> & {
  readonly reload: () => void;
  /** Set when a refresh failed while older data is still shown (state `ready`). */
  readonly refreshError: ApiError | null;
};

export interface ResourceOptions {
  /** Re-fetch every this many ms while mounted. */
  readonly refreshMs?: number;
  /**
   * Whether a 401/403 means the dashboard's API key is wrong (default true). The monitoring routes may have
   * their own key (MONITORING_API_KEY): their refusal is shown in place instead of asking for a new key.
   */
  readonly usesApiKey?: boolean;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('decode', e instanceof Error ? e.message : String(e));
}

export function useApiQuery<T>(
  load: (client: ApiClient) => Promise<T>,
  key: string,
  options: ResourceOptions = {},
): QueriedResource<T> {
  const { client, onUnauthorized } = useApi();
  const usesApiKey = options.usesApiKey ?? true;
  const query = useQuery({
    queryKey: [key],
    queryFn: () => load(client),
    // A refused key is not asked again on a timer: the monitoring routes' own key (MONITORING_API_KEY) cannot be
    // typed into the dashboard, and each refusal counts as a wrong-key guess (26 a minute a tab met the limit).
    ...(options.refreshMs === undefined
      ? {}
      : {
          refetchInterval: (q: { state: { error: unknown } }) =>
            q.state.error instanceof ApiError && q.state.error.kind === 'unauthorized'
              ? false
              : options.refreshMs,
        }),
  });
  const error = query.error === null ? null : toApiError(query.error);

  useEffect(() => {
    if (error?.kind === 'unauthorized' && usesApiKey) onUnauthorized(error.message);
  }, [error, usesApiKey, onUnauthorized]);

  const reload = () => void query.refetch();
  if (query.data !== undefined) {
    return { state: 'ready', data: query.data, loadedAt: query.dataUpdatedAt, reload, refreshError: error };
  }
  if (error !== null) return { state: 'error', error, reload, refreshError: null };
  return { state: 'loading', reload, refreshError: null };
}
