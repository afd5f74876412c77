/**
 * Typed reads and writes of the artifact formats on top of any ArtifactStore: JSON (validated with a TypeBox
 * schema when read) and Parquet tables (via parquet.ts).
 */
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ArtifactStore, ObjectInfo } from './artifact-store.ts';
import { type Column, decodeParquet, encodeParquet, type Table } from './parquet/parquet-file.ts';

export class InvalidArtifactError extends Error {
  override readonly name = 'InvalidArtifactError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`artifact ${key} is invalid: ${message}`);
  }
}

export async function putJson(store: ArtifactStore, key: string, value: unknown): Promise<ObjectInfo> {
  return store.put(key, `${JSON.stringify(value, null, 2)}\n`);
}

/** The parsed JSON (checked against `schema` when given), or null when the key is absent. */
export async function getJson<S extends TSchema>(
  store: ArtifactStore,
  key: string,
  schema: S,
): Promise<{ readonly value: Static<S>; readonly info: ObjectInfo } | null>;
export async function getJson(
  store: ArtifactStore,
  key: string,
): Promise<{ readonly value: unknown; readonly info: ObjectInfo } | null>;
export async function getJson(
  store: ArtifactStore,
  key: string,
  schema?: TSchema,
): Promise<{ readonly value: unknown; readonly info: ObjectInfo } | null> {
  const object = await store.get(key);
  if (!object) return null;
  return { value: parseJson(key, object.body, schema), info: object.info };
}

/** The JSON artifact `key` from bytes already read (a cached artifact's), checked as getJson checks it. */
export function parseJson<S extends TSchema>(key: string, body: Buffer, schema: S): Static<S>;
export function parseJson(key: string, body: Buffer, schema?: TSchema): unknown;
export function parseJson(key: string, body: Buffer, schema?: TSchema): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InvalidArtifactError(key, `not JSON (${(error as Error).message})`);
  }
  if (schema) {
    const first = Value.Errors(schema, value)[0];
    if (first) throw new InvalidArtifactError(key, `${first.instancePath || '/'} ${first.message}`);
  }
  return value;
}

export async function putParquet(
  store: ArtifactStore,
  key: string,
  columns: readonly Column[],
): Promise<ObjectInfo> {
  return store.put(key, await encodeParquet(columns));
}

/** The decoded column-major table, or null when the key is absent. */
export async function getParquet(
  store: ArtifactStore,
  key: string,
): Promise<{ readonly table: Table; readonly info: ObjectInfo } | null> {
  const object = await store.get(key);
  if (!object) return null;
  try {
    return { table: await decodeParquet(object.body), info: object.info };
  } catch (error) {
    throw new InvalidArtifactError(key, `not a readable Parquet file (${(error as Error).message})`);
  }
}
