/**
 * The dashboard's state, kept in the URL fragment. Following a link (a view in the navigation) adds a history
 * entry and arrives here through `hashchange`; filter changes replace the current entry, so Back leaves the view
 * instead of undoing keystrokes one by one.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatUrlState, parseUrlState, type UrlState } from '../logic/url-state.ts';

export function useUrlState(): readonly [UrlState, (next: UrlState) => void] {
  const [state, setState] = useState(() => parseUrlState(window.location.hash));
  useEffect(() => {
    const onHash = () => setState(parseUrlState(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const update = useCallback((next: UrlState) => {
    setState(next);
    const { pathname, search } = window.location;
    window.history.replaceState(null, '', `${pathname}${search}${formatUrlState(next)}`);
  }, []);
  return [state, update] as const;
}
