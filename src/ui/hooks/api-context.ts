/** The API client and the "key was rejected" signal, shared by every view. */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.ts';

export interface ApiContextValue {
  readonly client: ApiClient;
  /** Called by any request answered 401/403; the shell then asks for another key. */
  readonly onUnauthorized: (message: string) => void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (ctx === null) throw new Error('useApi outside ApiContext');
  return ctx;
}
