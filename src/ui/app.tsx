/**
 * The dashboard shell: API key gate, navigation between the four views (state in the URL), time zone switch, and
 * on the demo world a banner saying it is simulated.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { BUSY_RETRY_MS, createApiClient, retryWhenBusy } from './api/client.ts';
import { API_KEY_STORAGE_KEY, initialApiKey } from './auth/api-key.ts';
import { DemoBanner } from './components/demo-banner.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { KeyPrompt } from './components/key-prompt.tsx';
import { ApiContext, type ApiContextValue } from './hooks/api-context.ts';
import { TimeZoneContext } from './hooks/time-zone-context.ts';
import { useUrlState } from './hooks/use-url-state.ts';
import { localZoneName, type TimeZoneChoice } from './logic/format.ts';
import type { Route } from './logic/route.ts';
import { formatUrlState } from './logic/url-state.ts';
import { MatchesView } from './views/matches/matches-view.tsx';
import { ModelView } from './views/model/model-view.tsx';
import { MonitoringView } from './views/monitoring/monitoring-view.tsx';
import { TrackRecordView } from './views/track-record/track-record-view.tsx';

const VIEWS: readonly { readonly route: Route; readonly label: string }[] = [
  { route: 'matches', label: 'Matches' },
  { route: 'track-record', label: 'Track record' },
  { route: 'model', label: 'Model' },
  { route: 'monitoring', label: 'Monitoring' },
];

export function App() {
  const [apiKey, setApiKey] = useState(() =>
    initialApiKey(window.location, window.history, window.localStorage),
  );
  const [rejected, setRejected] = useState<string | null>(null);
  const [urlState, setUrlState] = useUrlState();
  const { route } = urlState;

  const onUnauthorized = useCallback((message: string) => setRejected(message), []);
  const api = useMemo<ApiContextValue | null>(
    () => (apiKey === null ? null : { client: createApiClient(apiKey), onUnauthorized }),
    [apiKey, onUnauthorized],
  );
  // One cache per key: answers fetched with another key are never shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key must start a new cache.
  const queries = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: retryWhenBusy,
            retryDelay: BUSY_RETRY_MS,
            refetchOnWindowFocus: false,
            staleTime: 60_000,
            gcTime: 10 * 60_000,
          },
        },
      }),
    [apiKey],
  );
  const acceptKey = (key: string) => {
    window.localStorage.setItem(API_KEY_STORAGE_KEY, key);
    setRejected(null);
    setApiKey(key);
  };
  const forgetKey = () => {
    window.localStorage.removeItem(API_KEY_STORAGE_KEY);
    setApiKey(null);
  };

  return (
    <div className="app">
      <header className="top">
        <h1>
          Matchcast <span className="muted">1X2 forecasts</span>
        </h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a
              key={v.route}
              href={formatUrlState({ ...urlState, route: v.route })}
              className={v.route === route ? 'on' : ''}
              aria-current={v.route === route ? 'page' : undefined}
              data-testid={`nav-${v.route}`}
            >
              {v.label}
            </a>
          ))}
        </nav>
        <label className="tz">
          Times
          <select
            data-testid="tz-switch"
            value={urlState.tz}
            onChange={(e) => setUrlState({ ...urlState, tz: e.target.value as TimeZoneChoice })}
          >
            <option value="local">Local ({localZoneName()})</option>
            <option value="utc">UTC</option>
          </select>
        </label>
        {apiKey !== null && (
          <button type="button" className="link" onClick={forgetKey}>
            Change API key
          </button>
        )}
      </header>
      <main>
        {api === null || rejected !== null ? (
          <KeyPrompt rejected={rejected} onSubmit={acceptKey} />
        ) : (
          <QueryClientProvider client={queries}>
            <ApiContext.Provider value={api}>
              <TimeZoneContext.Provider value={urlState.tz}>
                {/* Outside the views' boundary: a view that fails still sits under the warning. */}
                <DemoBanner />
                {/* Keyed by view: a view that failed does not stay failed once another is chosen. */}
                <ErrorBoundary key={route} what="this view">
                  {route === 'matches' && <MatchesView state={urlState} onState={setUrlState} />}
                  {route === 'track-record' && <TrackRecordView state={urlState} onState={setUrlState} />}
                  {route === 'model' && <ModelView tz={urlState.tz} />}
                  {route === 'monitoring' && <MonitoringView tz={urlState.tz} />}
                </ErrorBoundary>
              </TimeZoneContext.Provider>
            </ApiContext.Provider>
          </QueryClientProvider>
        )}
      </main>
    </div>
  );
}
