/**
 * The dashboard's state, kept in the URL fragment. Following a link (a view in the navigation) adds a history
 * entry and arrives here through `hashchange`; opening a match detail adds one too, so Back closes it; filter
 * changes replace the current entry, so Back leaves the view instead of undoing keystrokes one by one
 * (`historyStep`).
 */
import { useCallback, useEffect, useState } from 'react';
import { formatUrlState, historyStep, parseUrlState, type UrlState } from '../logic/url-state.ts';

/** The history entry a detail's opening added carries this state, so closing it knows it may go back. */
const OPENED_DETAIL = { matchcastOpenedDetail: true } as const;

function openedHere(entryState: unknown): boolean {
  return typeof entryState === 'object' && entryState !== null && 'matchcastOpenedDetail' in entryState;
}

export function useUrlState(): readonly [UrlState, (next: UrlState) => void] {
  const [state, setState] = useState(() => parseUrlState(window.location.hash));
  useEffect(() => {
    const onHash = () => setState(parseUrlState(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const update = useCallback((next: UrlState) => {
    setState(next);
    const { pathname, search, hash } = window.location;
    const url = `${pathname}${search}${formatUrlState(next)}`;
    const { history } = window;
    // The address bar holds the state being changed: every change is written there at once.
    const step = historyStep(parseUrlState(hash), next, openedHere(history.state));
    // Going back lands on the entry before the detail opened, whose hashchange sets the state as that URL says.
    if (step === 'back') history.back();
    else if (step === 'push') history.pushState(OPENED_DETAIL, '', url);
    else history.replaceState(next.match === null ? null : history.state, '', url);
  }, []);
  return [state, update] as const;
}
