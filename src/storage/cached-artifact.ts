/**
 * One artifact kept in memory and re-checked every few seconds by its etag (docs/api.md, Artifacts and freshness).
 * Only a changed etag triggers a download and parse; a file that fails to read or parse leaves the last good value
 * in service and is reported once per etag through `onError` (so a broken file is not re-parsed, or re-logged,
 * each tick).
 *
 * @example
 *   const odds = createCachedArtifact({ store, key: ARTIFACT_KEYS.odds, parse: parseOdds, recheckMs: 60_000 });
 *   await odds.refresh();         // first load (absent file → current() stays null)
 *   odds.start();                 // re-checks in the background until stop()
 *   odds.current()?.value;
 */
import type { ArtifactStore, ObjectInfo } from './artifact-store.ts';

export interface LoadedArtifact<T> {
  readonly value: T;
  readonly etag: string;
  /** 1 for the first good load, +1 on every later one: a cheap key for caches derived from the value. */
  readonly version: number;
}

export interface CachedArtifactOptions<T> {
  readonly store: ArtifactStore;
  readonly key: string;
  readonly parse: (body: Buffer, info: ObjectInfo) => T | Promise<T>;
  /** Re-check period in milliseconds (CACHE_RECHECK_SECONDS × 1000). */
  readonly recheckMs: number;
  readonly onError?: (key: string, error: unknown) => void;
  readonly onLoad?: (key: string, loaded: LoadedArtifact<T>) => void;
}

export interface CachedArtifact<T> {
  readonly key: string;
  /** The last good value, or null while none has loaded (or the file does not exist). */
  current(): LoadedArtifact<T> | null;
  /** True once the first check has finished, whatever it found. */
  readonly checked: boolean;
  /** Checks the store now; resolves when done (never rejects). */
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

export function createCachedArtifact<T>(options: CachedArtifactOptions<T>): CachedArtifact<T> {
  const { store, key, parse, recheckMs } = options;
  let loaded: LoadedArtifact<T> | null = null;
  let failedEtag: string | null = null;
  let checked = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function check(): Promise<void> {
    try {
      const head = await store.head(key);
      if (head === null || head.etag === loaded?.etag || head.etag === failedEtag) return;
      const object = await store.get(key);
      if (object === null) return;
      try {
        const value = await parse(object.body, object.info);
        loaded = { value, etag: object.info.etag, version: (loaded?.version ?? 0) + 1 };
        failedEtag = null;
        options.onLoad?.(key, loaded);
      } catch (error) {
        failedEtag = object.info.etag;
        options.onError?.(key, error);
      }
    } catch (error) {
      // The store itself failed (network, permissions): keep serving, try again next tick.
      options.onError?.(key, error);
    } finally {
      checked = true;
    }
  }

  return {
    key,
    current: () => loaded,
    get checked() {
      return checked;
    },
    refresh() {
      running ??= check().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => void this.refresh(), recheckMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
