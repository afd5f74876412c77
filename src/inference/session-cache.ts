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

export function createSessionCache(registry: Pick<ModelRegistry, 'fetchArtifact'>): SessionCache {
  const sessions = new Map<string, Promise<Predictor>>();
  const release = async (key: string) => {
    const pending = sessions.get(key);
    sessions.delete(key);
    const predictor = await pending?.catch(() => null);
    await predictor?.release();
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
      await Promise.all([...sessions.keys()].filter((k) => !wanted.has(k)).map(release));
    },
    async close() {
      await Promise.all([...sessions.keys()].map(release));
    },
  };
}
