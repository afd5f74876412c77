/**
 * Entry point of the dashboard bundle, kept tiny: with a key at hand it starts the cards download at once
 * (the matches and model views both need them), then loads React and the app beside it, so the download no
 * longer waits for the app's code to arrive and parse.
 */
import { createApiClient } from './api/client.ts';
import { keyFromFragment, loadStoredKey } from './auth/api-key.ts';
import { loadCards } from './views/matches/load.ts';
import './styles.css';

const key = keyFromFragment(window.location.hash) ?? loadStoredKey(window.localStorage);
if (key !== null && !window.location.hash.startsWith('#/monitoring')) {
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
