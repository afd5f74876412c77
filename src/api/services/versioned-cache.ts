/**
 * Answers that are costly to compute and change only when the data does (the track record: seconds over a
 * season's prediction log and odds history): each is kept with the data version it was computed from and
 * recomputed when that version moves. Concurrent asks for the same key share one computation, so a burst of
 * requests costs one, not one each. The oldest key goes first beyond `maxKeys`.
 *
 * @example
 *   const cache = versionedCache<Body>(32);
 *   const body = await cache.get(JSON.stringify(query), await dataVersion(db), () => compute(query));
 */
export interface VersionedCache<V> {
  get(key: string, version: string, compute: () => Promise<V>): Promise<V>;
}

export function versionedCache<V>(maxKeys: number): VersionedCache<V> {
  const entries = new Map<string, { readonly version: string; readonly value: Promise<V> }>();
  return {
    get(key, version, compute) {
      const held = entries.get(key);
      if (held?.version === version) return held.value;
      const value = compute();
      entries.delete(key);
      entries.set(key, { version, value });
      if (entries.size > maxKeys) entries.delete(entries.keys().next().value as string);
      // A failed computation is not kept: the next ask tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
