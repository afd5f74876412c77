/**
 * A bulk resource asked for again and again (the matches view refreshes its cards): the last answer's ETag is
 * kept, so asking again while nothing changed is a 304 — nothing downloaded, parsed or decoded — and gives back
 * the very same value, which React then sees as unchanged (no filter, sort or ROI recomputed).
 */
import type { ApiClient, Tagged } from './client.ts';

interface Held<T extends object> {
  readonly etag: string | null;
  /**
   * Weak: the value stays alive as long as a view's cache holds it, not longer. Once it is collected the next
   * request names no ETag and gets the body again, rather than this module keeping 100,000 cards forever.
   */
  readonly value: WeakRef<T>;
}

/** A loader of `path` per client that revalidates what it loaded before (`client.getRevalidated`). */
export function revalidated<T extends object>(
  path: string,
  decode: (json: unknown) => T,
): (client: ApiClient) => Promise<T> {
  const held = new WeakMap<ApiClient, Held<T>>();
  return async (client) => {
    const last = held.get(client);
    const value = last?.value.deref();
    const previous: Tagged<T> | null =
      last === undefined || value === undefined ? null : { value, etag: last.etag };
    const answer = await client.getRevalidated(path, decode, previous);
    if (answer !== previous) held.set(client, { etag: answer.etag, value: new WeakRef(answer.value) });
    return answer.value;
  };
}
