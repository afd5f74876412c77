/** Loads one API resource with loading / error / ready states, optionally re-fetching on an interval. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiClient, ApiError } from '../api/client.ts';
import { useApi } from './api-context.ts';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T; readonly loadedAt: number };

export interface ResourceOptions {
  /** Re-fetch every this many ms while mounted; the last good data stays on screen meanwhile. */
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

export function useResource<T>(
  load: (client: ApiClient) => Promise<T>,
  key: string,
  options: ResourceOptions = {},
): Resource<T> & { readonly reload: () => void; readonly refreshError: ApiError | null } {
  const { client, onUnauthorized } = useApi();
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const usesApiKey = options.usesApiKey ?? true;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the resource; `generation` forces a reload.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hasData = false;
    setResource({ state: 'loading' });
    const run = async () => {
      try {
        const data = await loadRef.current(client);
        if (cancelled) return;
        hasData = true;
        setResource({ state: 'ready', data, loadedAt: Date.now() });
        setRefreshError(null);
      } catch (e) {
        if (cancelled) return;
        const error = toApiError(e);
        if (error.kind === 'unauthorized' && usesApiKey) onUnauthorized(error.message);
        // A failed refresh keeps the last good data and reports the error beside it.
        if (hasData) setRefreshError(error);
        else setResource({ state: 'error', error });
      }
      if (!cancelled && options.refreshMs !== undefined) timer = setTimeout(run, options.refreshMs);
    };
    void run();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, key, generation, options.refreshMs, onUnauthorized, usesApiKey]);

  return { ...resource, reload, refreshError };
}
