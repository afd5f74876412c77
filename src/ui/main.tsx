/**
 * Entry point of the dashboard bundle, kept tiny: with a key at hand, on a view that shows the cards, it starts
 * their download at once, then loads React and the app beside it, so the download no longer waits for the app's
 * code to arrive and parse.
 */
import { createApiClient } from './api/client.ts';
import { keyFromFragment, loadStoredKey } from './auth/api-key.ts';
import { type Route, routeOf } from './logic/route.ts';
import { loadCards } from './views/matches/load.ts';
import './styles.css';

/**
 * The views that read the cards (the list; the model view's calibration). The cards are the largest answer
 * (17 MB gzipped on the shared history): the track record and monitoring views never download them.
 */
const CARDS_VIEWS: readonly Route[] = ['matches', 'model'];

const key = keyFromFragment(window.location.hash) ?? loadStoredKey(window.localStorage);
if (key !== null && CARDS_VIEWS.includes(routeOf(window.location.hash))) {
  // A failure (wrong key, network) is left to the app, which asks again and shows it.
  loadCards(createApiClient(key)).catch(() => undefined);
}
import('./render.tsx').catch(() => {
  // No React, so no error boundary: say so in plain text rather than leave the page blank.
  const root = document.getElementById('root');
  if (root !== null)
    root.textContent =
      'The dashboard could not be loaded: a new version may have been deployed, or the server is not answering. Reload the page.';
});
