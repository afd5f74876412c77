/**
 * The API key lives in localStorage. The link `npm start` prints carries it as `#key=…`; we take it from the
 * fragment (fragments never reach servers or logs) and then remove it from the address bar.
 */
export const API_KEY_STORAGE_KEY = 'matchcast.apiKey';

/** The key in a fragment such as `#key=abc`, `#/matches&key=abc` or `#/matches?region=3&key=abc`, else null. */
export function keyFromFragment(hash: string): string | null {
  const part = hash
    .replace(/^#/, '')
    .split(/[?&]/)
    .find((p) => p.startsWith('key='));
  if (part === undefined) return null;
  let key: string;
  try {
    key = decodeURIComponent(part.slice('key='.length)).trim();
  } catch {
    return null;
  }
  return key === '' ? null : key;
}

/** The fragment with its `key=` part removed (keeps the view and its state, such as `#/model?tz=utc`). */
export function fragmentWithoutKey(hash: string): string {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  const dropKey = (s: string) => s.split('&').filter((part) => part !== '' && !part.startsWith('key='));
  const path = dropKey(q === -1 ? body : body.slice(0, q)).join('&');
  const query = q === -1 ? '' : dropKey(body.slice(q + 1)).join('&');
  const rest = query === '' ? path : `${path}?${query}`;
  return rest === '' ? '' : `#${rest}`;
}

export function loadStoredKey(storage: Storage): string | null {
  const key = storage.getItem(API_KEY_STORAGE_KEY);
  return key !== null && key !== '' ? key : null;
}

/** Takes a key from the current URL fragment if there is one (storing it), else the stored key. */
export function initialApiKey(location: Location, history: History, storage: Storage): string | null {
  const fromUrl = keyFromFragment(location.hash);
  if (fromUrl !== null) {
    storage.setItem(API_KEY_STORAGE_KEY, fromUrl);
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}${fragmentWithoutKey(location.hash)}`,
    );
    return fromUrl;
  }
  return loadStoredKey(storage);
}
