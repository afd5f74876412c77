/**
 * The model registry (MLflow's role; docs/operations.md, Models): versions of a named model with their ONNX
 * artifact, sha256, signature, metrics and params; the aliases champion/challenger/candidate; an append-only
 * promotion history.
 *
 * @example
 *   const registry = createModelRegistry({ db, store });
 *   const v = await registry.register({ name, onnx, signature, featureSet, metrics, params, runId });
 *   await registry.promote({ name, version: v.version, alias: 'champion', actor: 'ana', reason: 'better RPS' });
 */
import type { Db, Queryable } from '../db/db.ts';
import type { FeatureSetManifest } from '../domain/artifacts.ts';
import { modelArtifactKey } from '../domain/artifacts.ts';
import { type Clock, systemClock } from '../domain/clock.ts';
import type { ModelAlias, ModelSignature } from '../domain/model-signature.ts';
import type { ArtifactStore } from '../storage/artifact-store.ts';
import { sha256Hex } from './checksum.ts';
import { type Promotion, ROLLBACK_REASON_PREFIX, rollbackTarget } from './promotion-history.ts';
import {
  ArtifactMissingError,
  ChecksumMismatchError,
  ModelVersionNotFoundError,
  NoRollbackTargetError,
  SignatureMismatchError,
} from './registry-errors.ts';
import * as sql from './registry-sql.ts';
import { graphProblems, signatureProblems } from './signature-check.ts';

export type { Promotion } from './promotion-history.ts';

export interface ModelVersion {
  readonly name: string;
  readonly version: number;
  readonly runId: string | null;
  readonly artifactUri: string;
  /** Key of the ONNX file in the artifact store: models/<name>/<version>/model.onnx */
  readonly artifactKey: string;
  readonly sha256: string;
  readonly signature: ModelSignature;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  /** Aliases pointing at this version now. */
  readonly aliases: readonly ModelAlias[];
}

/** The latest kick-off a version trained on; its creation time bounds it when the version does not say. */
export function trainedUntilOf(version: Pick<ModelVersion, 'params' | 'createdAt'>): Date {
  const recorded = version.params.trained_until;
  if (typeof recorded === 'string' && !Number.isNaN(Date.parse(recorded))) return new Date(recorded);
  return version.createdAt;
}

export interface RegisterModel {
  readonly name: string;
  readonly onnx: Uint8Array;
  readonly signature: ModelSignature;
  /** The current feature set; the registry refuses a signature that does not match it. */
  readonly featureSet: FeatureSetManifest;
  readonly metrics?: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly runId?: string | null;
  /** Alias given to the new version (default `candidate`; null for none). */
  readonly alias?: ModelAlias | null;
  /** Recorded in the promotion history (default `registry`). */
  readonly actor?: string;
  /**
   * When it is registered (and its alias set): the caller's "now" when it has its own, as a pipeline run does (a
   * virtual day in the demo warm-up and a replay), so the version sits in the timeline of the predictions it
   * makes. Default: the registry's clock.
   */
  readonly at?: Date;
}

export interface PromoteModel {
  readonly name: string;
  readonly version: number;
  readonly alias: ModelAlias;
  readonly actor: string;
  readonly reason: string;
  /** When the alias moves (default the registry's clock); see RegisterModel.at. */
  readonly at?: Date;
}

export interface RollbackModel {
  readonly name: string;
  /** default champion */
  readonly alias?: ModelAlias;
  readonly actor: string;
  readonly reason: string;
  /** Checks the target version before the alias moves (promotion's artifact check); a throw leaves it where it is. */
  readonly verify?: (target: ModelVersion) => Promise<void>;
}

export interface ModelRegistry {
  /** Writes the artifact, records the version (numbers allocated safely under concurrency), sets the alias. */
  register(input: RegisterModel): Promise<ModelVersion>;
  getVersion(name: string, version: number): Promise<ModelVersion | null>;
  /** Newest first. */
  listVersions(name: string): Promise<ModelVersion[]>;
  /** The version an alias points at, or null when unset. One indexed lookup: cheap enough to call per task. */
  aliasVersion(name: string, alias: ModelAlias): Promise<number | null>;
  /** The full version an alias points at, or null. */
  resolve(name: string, alias: ModelAlias): Promise<ModelVersion | null>;
  /** Moves an alias (recorded with who and why); a move to the version it already has records nothing. */
  promote(input: PromoteModel): Promise<Promotion | null>;
  /** Moves the alias back to the version it had before the current one; throws NoRollbackTargetError. */
  rollback(input: RollbackModel): Promise<Promotion>;
  /** Promotion history, oldest first (all aliases unless one is named). */
  history(name: string, alias?: ModelAlias): Promise<Promotion[]>;
  /** The artifact's bytes, verified against the recorded sha256 (ChecksumMismatchError otherwise). */
  fetchArtifact(version: ModelVersion): Promise<Uint8Array>;
}

interface VersionRow {
  [column: string]: unknown;
  name: string;
  version: number;
  run_id: string | null;
  artifact_uri: string;
  sha256: string;
  signature: ModelSignature;
  metrics: Record<string, unknown>;
  params: Record<string, unknown>;
  created_at: Date;
  aliases: ModelAlias[] | null;
}

interface PromotionRow {
  [column: string]: unknown;
  id: number;
  name: string;
  alias: ModelAlias;
  from_version: number | null;
  to_version: number | null;
  actor: string;
  reason: string;
  at: Date;
}

function toVersion(row: VersionRow): ModelVersion {
  return {
    name: row.name,
    version: row.version,
    runId: row.run_id,
    artifactUri: row.artifact_uri,
    artifactKey: modelArtifactKey(row.name, row.version),
    sha256: row.sha256,
    signature: row.signature,
    metrics: row.metrics,
    params: row.params,
    createdAt: row.created_at,
    aliases: (row.aliases ?? []).slice().sort(),
  };
}

function toPromotion(row: PromotionRow): Promotion {
  return {
    id: row.id,
    name: row.name,
    alias: row.alias,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    actor: row.actor,
    reason: row.reason,
    at: row.at,
    rollback: row.reason.startsWith(ROLLBACK_REASON_PREFIX),
  };
}

async function moveAlias(
  tx: Queryable,
  move: { name: string; alias: ModelAlias; version: number; actor: string; reason: string; at: Date },
): Promise<Promotion | null> {
  await tx.query(sql.LOCK_MODEL, [move.name]);
  const [exists] = await tx.query(sql.VERSION_EXISTS, [move.name, move.version]);
  if (!exists) throw new ModelVersionNotFoundError(move.name, move.version);
  const [current] = await tx.query<{ version: number }>(sql.SELECT_ALIAS, [move.name, move.alias]);
  const from = current?.version ?? null;
  if (from === move.version) return null;
  const at = move.at.toISOString();
  await tx.query(sql.UPSERT_ALIAS, [move.name, move.alias, move.version, at]);
  const [row] = await tx.query<PromotionRow>(sql.INSERT_PROMOTION, [
    move.name,
    move.alias,
    from,
    move.version,
    move.actor,
    move.reason,
    at,
  ]);
  if (!row) throw new Error('INSERT INTO model_promotions returned no row');
  return toPromotion(row);
}

export function createModelRegistry(deps: {
  readonly db: Db;
  readonly store: ArtifactStore;
  /** Stamps registrations and alias moves whose caller gives no time of its own (default the system clock). */
  readonly clock?: Clock;
}): ModelRegistry {
  const { db, store } = deps;
  const clock = deps.clock ?? systemClock;
  const now = () => new Date(clock.nowMs());

  const getVersion = async (name: string, version: number) => {
    const [row] = await db.query<VersionRow>(sql.SELECT_VERSION, [name, version]);
    return row ? toVersion(row) : null;
  };

  return {
    async register(input) {
      const problems = [
        ...signatureProblems(input.signature, input.featureSet),
        ...graphProblems(input.onnx, input.signature),
      ];
      if (problems.length > 0) throw new SignatureMismatchError(problems);
      const sha256 = sha256Hex(input.onnx);
      const at = input.at ?? now();
      const version = await db.transaction(async (tx) => {
        // The per-model advisory lock serialises version allocation; the artifact is written while it is held
        // so two registrations can never write the same models/<name>/<n>/model.onnx.
        await tx.query(sql.LOCK_MODEL, [input.name]);
        const [next] = await tx.query<{ version: number }>(sql.NEXT_VERSION, [input.name]);
        const n = next?.version ?? 1;
        const key = modelArtifactKey(input.name, n);
        await store.put(key, input.onnx);
        await tx.query(sql.INSERT_VERSION, [
          input.name,
          n,
          input.runId ?? null,
          store.uriOf(key),
          sha256,
          JSON.stringify(input.signature),
          JSON.stringify(input.metrics ?? {}),
          JSON.stringify(input.params ?? {}),
          at.toISOString(),
        ]);
        const alias = input.alias === undefined ? 'candidate' : input.alias;
        if (alias) {
          await moveAlias(tx, {
            name: input.name,
            alias,
            version: n,
            actor: input.actor ?? 'registry',
            reason: `registered version ${n}`,
            at,
          });
        }
        return n;
      });
      const registered = await getVersion(input.name, version);
      if (!registered) throw new ModelVersionNotFoundError(input.name, version);
      return registered;
    },

    getVersion,

    async listVersions(name) {
      const rows = await db.query<VersionRow>(sql.LIST_VERSIONS, [name]);
      return rows.map(toVersion);
    },

    async aliasVersion(name, alias) {
      const [row] = await db.query<{ version: number }>(sql.SELECT_ALIAS, [name, alias]);
      return row?.version ?? null;
    },

    async resolve(name, alias) {
      const [row] = await db.query<VersionRow>(sql.SELECT_ALIASED_VERSION, [name, alias]);
      return row ? toVersion(row) : null;
    },

    promote(input) {
      return db.transaction((tx) => moveAlias(tx, { ...input, at: input.at ?? now() }));
    },

    rollback(input) {
      const alias = input.alias ?? 'champion';
      return db.transaction(async (tx) => {
        await tx.query(sql.LOCK_MODEL, [input.name]);
        const rows = await tx.query<PromotionRow>(sql.ALIAS_HISTORY, [input.name, alias]);
        const target = rollbackTarget(rows.map(toPromotion));
        if (target === null) throw new NoRollbackTargetError(input.name, alias);
        if (input.verify) {
          const [row] = await tx.query<VersionRow>(sql.SELECT_VERSION, [input.name, target]);
          if (!row) throw new ModelVersionNotFoundError(input.name, target);
          await input.verify(toVersion(row));
        }
        const promotion = await moveAlias(tx, {
          name: input.name,
          alias,
          version: target,
          actor: input.actor,
          reason: `${ROLLBACK_REASON_PREFIX}${input.reason}`,
          at: now(),
        });
        if (!promotion) throw new NoRollbackTargetError(input.name, alias);
        return promotion;
      });
    },

    async history(name, alias) {
      const rows = alias
        ? await db.query<PromotionRow>(sql.ALIAS_HISTORY, [name, alias])
        : await db.query<PromotionRow>(sql.MODEL_HISTORY, [name]);
      return rows.map(toPromotion);
    },

    async fetchArtifact(version) {
      const object = await store.get(version.artifactKey);
      // Named where it was read: the URI recorded at registration is stale once DATA_DIR or the store moved.
      const where = store.uriOf(version.artifactKey);
      if (!object) throw new ArtifactMissingError(where);
      const actual = sha256Hex(object.body);
      if (actual !== version.sha256) throw new ChecksumMismatchError(where, version.sha256, actual);
      return object.body;
    },
  };
}
