/**
 * Alias → predictor for workers and inline inference. The alias's version is looked up in the registry at
 * most once per `aliasTtlMs` (default 1 s), so a promotion is served within that time without a restart, while
 * the hot path usually costs a map lookup. Versions no alias points at any more are released. Two faults
 * degrade instead of failing: when the registry cannot be reached, the last known version keeps serving; when
 * a version cannot be loaded (missing or corrupt artifact, a graph the runtime refuses), the alias keeps
 * serving the last version that did load, and the broken one is tried again only every few seconds.
 *
 * @example
 *   const resolver = createModelResolver({ registry, modelName: 'soccer-match-outcome' });
 *   const { predictor, version } = await resolver.resolve('champion');
 */
import type { ModelAlias } from '../domain/model-signature.ts';
import type { ModelRegistry, ModelVersion } from '../registry/model-registry.ts';
import {
  AliasNotSetError,
  ArtifactMissingError,
  ChecksumMismatchError,
  ModelVersionNotFoundError,
} from '../registry/registry-errors.ts';
import { ModelLoadError } from './inference-errors.ts';
import type { Predictor } from './predictor.ts';
import { createSessionCache, type SessionCache } from './session-cache.ts';

export interface ResolvedModel {
  readonly alias: ModelAlias;
  readonly version: ModelVersion;
  readonly predictor: Predictor;
}

export interface ModelResolver {
  readonly modelName: string;
  /**
   * The alias's current version, loaded; throws AliasNotSetError when the alias points nowhere. With `version`,
   * that exact version instead: the caller already resolved the alias once (and built its input for it).
   */
  resolve(alias: ModelAlias, version?: number): Promise<ResolvedModel>;
  /** e.g. ["soccer-match-outcome@champion:3"], for heartbeats */
  loaded(): string[];
  /** The distinct versions the aliases serve now, loaded (for the worker's model info gauge). */
  loadedVersions(): { modelName: string; version: number }[];
  /** Each alias resolved so far, and whether it now serves a fallback (its own version cannot load). */
  fallbacks(): { alias: ModelAlias; fallback: FallbackState | null }[];
  close(): Promise<void>;
}

export interface ModelResolverOptions {
  readonly registry: Pick<ModelRegistry, 'resolve' | 'aliasVersion' | 'getVersion' | 'fetchArtifact'>;
  readonly modelName: string;
  /** How long an alias → version answer is trusted (ms, default 1000). Keep ≤ 5000: promotions must land in 5 s. */
  readonly aliasTtlMs?: number;
  /** Elapsed-time source for the caches' ages, in ms (default `performance.now`; tests inject their own). */
  readonly now?: () => number;
  /** Called after an alias starts serving a version it did not serve before (e.g. to send a heartbeat now). */
  readonly onServingChange?: () => void;
  /** Called once per outage when the registry cannot be reached and a known version keeps serving. */
  readonly onRegistryUnreachable?: (error: unknown) => void;
  /** Called once per failed load of a version when the alias keeps serving its last good version instead. */
  readonly onFallback?: (event: FallbackEvent) => void;
}

export interface FallbackEvent {
  readonly alias: ModelAlias;
  /** the version that could not be loaded */
  readonly wanted: number;
  /** the version still serving */
  readonly serving: number;
  readonly error: unknown;
}

export interface FallbackState {
  /** the alias's version, which cannot be loaded */
  readonly wanted: number;
  /** the last good version, served instead */
  readonly serving: number;
}

/** How long a version that failed to load is left alone before it is tried again (ms). */
const BROKEN_RETRY_MS = 5000;

const isLoadFailure = (error: unknown) =>
  error instanceof ChecksumMismatchError ||
  error instanceof ArtifactMissingError ||
  error instanceof ModelLoadError;

interface AliasEntry {
  version: ModelVersion;
  checkedAt: number;
}

export function createModelResolver(options: ModelResolverOptions): ModelResolver {
  const { registry, modelName } = options;
  const ttl = options.aliasTtlMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const cache: SessionCache = createSessionCache(registry);
  const aliases = new Map<ModelAlias, AliasEntry>();
  const refreshing = new Map<ModelAlias, Promise<ModelVersion>>();
  /** alias → the version whose predictor was last handed out for it */
  const serving = new Map<ModelAlias, number>();
  /** alias → the last version that loaded for it: served again while a newer one cannot load */
  const lastGood = new Map<ModelAlias, ModelVersion>();
  /** version → when and why its load last failed */
  const broken = new Map<number, { at: number; error: unknown }>();
  /** alias → the fallback it serves now, or null once its own version loads */
  const fallingBack = new Map<ModelAlias, FallbackState | null>();
  let registryDown = false;
  const kept = () => [...[...aliases.values()].map((e) => e.version), ...lastGood.values()];

  const lookup = async (alias: ModelAlias): Promise<ModelVersion> => {
    const entry = aliases.get(alias);
    let versionNumber: number | null;
    try {
      versionNumber = await registry.aliasVersion(modelName, alias);
    } catch (error) {
      // The registry database is briefly away: keep serving the version we know rather than failing every task,
      // and ask again after another TTL.
      if (!entry) throw error;
      if (!registryDown) options.onRegistryUnreachable?.(error);
      registryDown = true;
      entry.checkedAt = now();
      return entry.version;
    }
    registryDown = false;
    if (versionNumber === null) {
      aliases.delete(alias);
      throw new AliasNotSetError(modelName, alias);
    }
    let version = entry?.version;
    if (!version || version.version !== versionNumber) {
      const fresh = await registry.getVersion(modelName, versionNumber);
      if (!fresh) throw new AliasNotSetError(modelName, alias);
      version = fresh;
    }
    const moved = entry !== undefined && entry.version.version !== version.version;
    aliases.set(alias, { version, checkedAt: now() });
    if (moved) await cache.retain(kept());
    return version;
  };

  /** The version's predictor, or the alias's last good one when this version cannot be loaded. */
  const load = async (alias: ModelAlias, version: ModelVersion) => {
    const failed = broken.get(version.version);
    const good = lastGood.get(alias);
    const fallback = good && good.version !== version.version ? good : undefined;
    let failure = failed?.error;
    // Without a version to fall back to, every task tries again: failing fast would gain nothing.
    if (!failed || !fallback || now() - failed.at >= BROKEN_RETRY_MS) {
      try {
        const predictor = await cache.get(version);
        broken.delete(version.version);
        lastGood.set(alias, version);
        fallingBack.set(alias, null);
        if (fallback) await cache.retain(kept());
        return { version, predictor };
      } catch (error) {
        if (!isLoadFailure(error)) throw error;
        broken.set(version.version, { at: now(), error });
        failure = error;
        if (!failed && fallback)
          options.onFallback?.({ alias, wanted: version.version, serving: fallback.version, error });
      }
    }
    if (!fallback) throw failure;
    fallingBack.set(alias, { wanted: version.version, serving: fallback.version });
    return { version: fallback, predictor: await cache.get(fallback) };
  };

  const current = (alias: ModelAlias): Promise<ModelVersion> => {
    const entry = aliases.get(alias);
    if (entry && now() - entry.checkedAt < ttl) return Promise.resolve(entry.version);
    let pending = refreshing.get(alias);
    if (!pending) {
      pending = lookup(alias).finally(() => refreshing.delete(alias));
      refreshing.set(alias, pending);
    }
    return pending;
  };

  // Usually the alias still points at the pinned version (and its entry keeps heartbeats and the session cache
  // right); after a promotion in between, the pinned version is loaded by number.
  const exactly = async (alias: ModelAlias, versionNumber: number): Promise<ModelVersion> => {
    const known = await current(alias).catch(() => null);
    if (known?.version === versionNumber) return known;
    const version = await registry.getVersion(modelName, versionNumber);
    if (!version) throw new ModelVersionNotFoundError(modelName, versionNumber);
    return version;
  };

  const servedAndLoaded = () => {
    const keys = new Set(cache.keys());
    return [...aliases.entries()].filter(([, e]) => keys.has(`${e.version.name}@${e.version.version}`));
  };

  return {
    modelName,
    async resolve(alias, pinned) {
      const wanted = pinned === undefined ? await current(alias) : await exactly(alias, pinned);
      const { version, predictor } = await load(alias, wanted).catch(async (error: unknown) => {
        // A task pinned to a version that cannot load, on a worker with no last good version for the alias (a
        // fresh one): when the alias has moved on to another version since, that one answers instead.
        if (pinned === undefined || !isLoadFailure(error)) throw error;
        const now = await current(alias);
        if (now.version === wanted.version) throw error;
        return load(alias, now);
      });
      if (serving.get(alias) !== version.version) {
        serving.set(alias, version.version);
        options.onServingChange?.();
      }
      return { alias, version, predictor };
    },
    loaded() {
      return servedAndLoaded()
        .map(([alias, e]) => `${e.version.name}@${alias}:${e.version.version}`)
        .sort();
    },
    loadedVersions() {
      const versions = new Map<string, { modelName: string; version: number }>();
      for (const [, e] of servedAndLoaded())
        versions.set(`${e.version.name}@${e.version.version}`, {
          modelName: e.version.name,
          version: e.version.version,
        });
      return [...versions.values()];
    },
    fallbacks: () => [...fallingBack.entries()].map(([alias, fallback]) => ({ alias, fallback })),
    close: () => cache.close(),
  };
}
