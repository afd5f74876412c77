/** The dashboard shell: API key gate, navigation between the three views (hash routes), error boundary. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from './api/client.ts';
import { API_KEY_STORAGE_KEY, initialApiKey } from './auth/api-key.ts';
import { KeyPrompt } from './components/key-prompt.tsx';
import { ApiContext, type ApiContextValue } from './hooks/api-context.ts';
import { MatchesView } from './views/matches/matches-view.tsx';
import { ModelView } from './views/model/model-view.tsx';
import { MonitoringView } from './views/monitoring/monitoring-view.tsx';

const VIEWS = [
  { route: 'matches', label: 'Matches' },
  { route: 'model', label: 'Model' },
  { route: 'monitoring', label: 'Monitoring' },
] as const;
type Route = (typeof VIEWS)[number]['route'];

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('&')[0];
  return VIEWS.find((v) => v.route === name)?.route ?? 'matches';
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const [apiKey, setApiKey] = useState(() =>
    initialApiKey(window.location, window.history, window.localStorage),
  );
  const [rejected, setRejected] = useState<string | null>(null);
  const route = useRoute();

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
          queries: { retry: false, refetchOnWindowFocus: false, staleTime: 60_000, gcTime: 10 * 60_000 },
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
        <nav>
          {VIEWS.map((v) => (
            <a
              key={v.route}
              href={`#/${v.route}`}
              className={v.route === route ? 'on' : ''}
              data-testid={`nav-${v.route}`}
            >
              {v.label}
            </a>
          ))}
        </nav>
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
              {route === 'matches' && <MatchesView />}
              {route === 'model' && <ModelView />}
              {route === 'monitoring' && <MonitoringView />}
            </ApiContext.Provider>
          </QueryClientProvider>
        )}
      </main>
    </div>
  );
}
