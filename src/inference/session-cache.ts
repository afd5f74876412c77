/**
 * ONNX sessions keyed by (model name, version): each version is fetched, checksum-verified and opened once per
 * process, however many tasks ask for it at the same moment.
 */
import type { ModelRegistry, ModelVersion } from '../registry/model-registry.ts';
import { createPredictor, type Predictor } from './predictor.ts';

export interface SessionCache {
  /** The predictor of this version, loading it on first use. A failed load is not cached. */
  get(version: ModelVersion): Promise<Predictor>;
  /** `name@version` of each loaded session */
  keys(): string[];
  /** Releases every session whose version is not in `keep` (versions still aliased). */
  retain(keep: readonly { readonly name: string; readonly version: number }[]): Promise<void>;
  close(): Promise<void>;
}

const keyOf = (v: { readonly name: string; readonly version: number }) => `${v.name}@${v.version}`;

/**
 * @param releaseGraceMs how long a session dropped by `retain` stays open for tasks already holding it
 *   (default 10000); `close` releases at once.
 */
export function createSessionCache(
  registry: Pick<ModelRegistry, 'fetchArtifact'>,
  releaseGraceMs = 10_000,
): SessionCache {
  const sessions = new Map<string, Promise<Predictor>>();
  const release = async (key: string, graceMs: number) => {
    const pending = sessions.get(key);
    sessions.delete(key);
    const predictor = await pending?.catch(() => null);
    if (!predictor) return;
    if (graceMs <= 0) return predictor.release();
    setTimeout(() => void predictor.release().catch(() => {}), graceMs).unref();
  };
  return {
    get(version) {
      const key = keyOf(version);
      let pending = sessions.get(key);
      if (!pending) {
        pending = registry.fetchArtifact(version).then((bytes) => createPredictor(version, bytes));
        sessions.set(key, pending);
        pending.catch(() => {
          if (sessions.get(key) === pending) sessions.delete(key);
        });
      }
      return pending;
    },
    keys: () => [...sessions.keys()].sort(),
    async retain(keep) {
      const wanted = new Set(keep.map(keyOf));
      const dropped = [...sessions.keys()].filter((k) => !wanted.has(k));
      await Promise.all(dropped.map((key) => release(key, releaseGraceMs)));
    },
    async close() {
      await Promise.all([...sessions.keys()].map((key) => release(key, 0)));
    },
  };
}
