/** The registry's SQL, one named statement each, with its parameters in the header comment. */

const VERSION_COLUMNS = `v.name, v.version, v.run_id, v.artifact_uri, v.sha256, v.signature, v.metrics, v.params,
  v.created_at,
  (SELECT array_agg(a.alias ORDER BY a.alias) FROM model_aliases a WHERE a.name = v.name AND a.version = v.version)
    AS aliases`;

/** $1 name. Serialises version allocation and alias moves per model until the transaction ends. */
export const LOCK_MODEL = `SELECT pg_advisory_xact_lock(hashtext('matchcast.model:' || $1))`;

/** $1 name */
export const NEXT_VERSION = `SELECT COALESCE(MAX(version), 0) + 1 AS version FROM model_versions WHERE name = $1`;

/**
 * $1 name, $2 version, $3 run_id, $4 artifact_uri, $5 sha256, $6 signature, $7 metrics, $8 params, $9 created_at
 */
export const INSERT_VERSION = `INSERT INTO model_versions
  (name, version, run_id, artifact_uri, sha256, signature, metrics, params, created_at)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9)`;

/** $1 name, $2 version */
export const VERSION_EXISTS = `SELECT 1 AS ok FROM model_versions WHERE name = $1 AND version = $2`;

/** $1 name, $2 version */
export const SELECT_VERSION = `SELECT ${VERSION_COLUMNS} FROM model_versions v WHERE v.name = $1 AND v.version = $2`;

/** $1 name */
export const LIST_VERSIONS = `SELECT ${VERSION_COLUMNS} FROM model_versions v WHERE v.name = $1 ORDER BY v.version DESC`;

/** $1 name, $2 alias */
export const SELECT_ALIASED_VERSION = `SELECT ${VERSION_COLUMNS} FROM model_versions v
  JOIN model_aliases a ON a.name = v.name AND a.version = v.version WHERE a.name = $1 AND a.alias = $2`;

/** $1 name, $2 alias */
export const SELECT_ALIAS = `SELECT version FROM model_aliases WHERE name = $1 AND alias = $2`;

/** $1 name, $2 alias, $3 version, $4 updated_at */
export const UPSERT_ALIAS = `INSERT INTO model_aliases (name, alias, version, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (name, alias) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`;

/** $1 name, $2 alias, $3 from_version, $4 to_version, $5 actor, $6 reason, $7 at */
export const INSERT_PROMOTION = `INSERT INTO model_promotions (name, alias, from_version, to_version, actor, reason, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, name, alias, from_version, to_version, actor, reason, at`;

/** $1 name, $2 alias */
export const ALIAS_HISTORY = `SELECT id, name, alias, from_version, to_version, actor, reason, at
  FROM model_promotions WHERE name = $1 AND alias = $2 ORDER BY id`;

/** $1 name */
export const MODEL_HISTORY = `SELECT id, name, alias, from_version, to_version, actor, reason, at
  FROM model_promotions WHERE name = $1 ORDER BY id`;
