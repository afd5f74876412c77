/**
 * The S3 implementation of ArtifactStore (AWS S3 or MinIO in production). A write is one PUT, which S3 makes
 * visible atomically; the ETag read back with HEAD is what readers poll for change.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { ArtifactStoreUnusableError, InvalidArtifactLocationError } from './artifact-errors.ts';
import type { ArtifactStore, ObjectInfo } from './artifact-store.ts';
import { checkArtifactKey } from './file-artifact-store.ts';

export interface S3StoreOptions {
  /** `s3://bucket` or `s3://bucket/some/prefix` */
  readonly location: string;
  /** e.g. `http://minio:9000`; unset = AWS. A custom endpoint switches to path-style addressing (MinIO). */
  readonly endpoint?: string | undefined;
  /** default us-east-1 */
  readonly region?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
}

/** Splits `s3://bucket/prefix/` into its bucket and a prefix without slashes at either end. */
export function parseS3Location(location: string): { readonly bucket: string; readonly prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!match?.[1])
    throw new InvalidArtifactLocationError(`invalid S3 location "${location}": expected s3://bucket/prefix`);
  return { bucket: match[1], prefix: (match[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

interface S3Failure {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const REFUSED_CREDENTIALS = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch']);

/** The endpoint answered, but not as S3 does: what every such answer says, with `what` it sent. */
const notS3 = (uri: string, what: string) =>
  new ArtifactStoreUnusableError(uri, `the endpoint did not answer as S3 does (${what}): check S3_ENDPOINT`);

/**
 * What S3 said when it is about the store as configured rather than one object, as one line naming the store
 * and what to check; null otherwise. A HEAD carries no body, so its refusals come as bare HTTP statuses; any other
 * error answer of S3 names its error in its body, so one that names none (`UnknownError`: a web server's 404 or
 * 405 page) did not come from S3.
 */
function storeUnusable(error: unknown, uri: string, command: string): ArtifactStoreUnusableError | null {
  const e = error as S3Failure;
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'NoSuchBucket')
    return new ArtifactStoreUnusableError(
      uri,
      'the bucket does not exist: create it, or correct ARTIFACT_STORE',
    );
  if (status === 403 || REFUSED_CREDENTIALS.has(e.name ?? ''))
    return new ArtifactStoreUnusableError(
      uri,
      `S3 refused the request (${e.name && e.name !== 'Unknown' ? e.name : `HTTP ${status}`}): check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket's policy`,
    );
  if (/XML parse error|Deserialization error/i.test(e.message ?? ''))
    return notS3(uri, status ? `HTTP ${status}` : 'an unreadable answer');
  if (e.message === 'UnknownError' && command !== 'HeadObjectCommand' && status !== undefined)
    return status >= 500
      ? new ArtifactStoreUnusableError(
          uri,
          `the endpoint answered HTTP ${status} with no S3 error: a proxy's or the server's fault (retry), or S3_ENDPOINT is no S3 server`,
        )
      : notS3(uri, `HTTP ${status} with no S3 error`);
  return null;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

type S3Sdk = typeof import('@aws-sdk/client-s3');

class S3ArtifactStore implements ArtifactStore {
  readonly uri: string;
  readonly #options: S3StoreOptions;
  readonly #bucket: string;
  readonly #prefix: string;
  #s3: Promise<{ readonly sdk: S3Sdk; readonly client: S3Client }> | null = null;

  constructor(options: S3StoreOptions) {
    const { bucket, prefix } = parseS3Location(options.location);
    this.#options = options;
    this.#bucket = bucket;
    this.#prefix = prefix;
    this.uri = prefix ? `s3://${bucket}/${prefix}` : `s3://${bucket}`;
  }

  /** The SDK is imported on first use: it is large, and a process on the file store never needs it. */
  #connect(): Promise<{ readonly sdk: S3Sdk; readonly client: S3Client }> {
    this.#s3 ??= import('@aws-sdk/client-s3').then((sdk) => {
      const options = this.#options;
      const credentials =
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined;
      const client = new sdk.S3Client({
        region: options.region ?? 'us-east-1',
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        forcePathStyle: options.endpoint !== undefined,
        ...(credentials ? { credentials } : {}),
      });
      // Outermost, so it sees each command's final error (after the SDK's retries) once.
      client.middlewareStack.add(
        (next, context) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            throw storeUnusable(error, this.uri, context.commandName ?? '') ?? error;
          }
        },
        { step: 'initialize', name: 'matchcastStoreUnusable' },
      );
      return { sdk, client };
    });
    return this.#s3;
  }

  #objectKey(key: string): string {
    checkArtifactKey(key);
    return this.#prefix ? `${this.#prefix}/${key}` : key;
  }

  async put(key: string, body: Uint8Array | string): Promise<ObjectInfo> {
    const { sdk, client } = await this.#connect();
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), Body: body }),
    );
    const info = await this.head(key);
    if (!info) throw new Error(`artifact ${key} not visible right after its PUT to ${this.uri}`);
    return info;
  }

  async get(key: string): Promise<{ readonly body: Buffer; readonly info: ObjectInfo } | null> {
    const { sdk, client } = await this.#connect();
    try {
      const out = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }),
      );
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return {
        body,
        info: {
          key,
          etag: out.ETag ?? `${body.length}`,
          size: body.length,
          modifiedAt: out.LastModified ?? new Date(0),
        },
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const { sdk, client } = await this.#connect();
    try {
      const out = await client.send(
        new sdk.HeadObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }),
      );
      return {
        key,
        etag: out.ETag ?? '',
        size: out.ContentLength ?? 0,
        modifiedAt: out.LastModified ?? new Date(0),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const { sdk, client } = await this.#connect();
    const base = this.#prefix ? `${this.#prefix}/` : '';
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await client.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: base + prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      // S3 names the bucket in every listing: an answer without one came from something else (a web page).
      if (out.Name === undefined) throw notS3(this.uri, 'a listing without the bucket');
      for (const object of out.Contents ?? []) if (object.Key) keys.push(object.Key.slice(base.length));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.#connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }));
  }

  uriOf(key: string): string {
    return `s3://${this.#bucket}/${this.#objectKey(key)}`;
  }
}

/** A store in an S3 bucket (or MinIO, with `endpoint`). The bucket must exist. */
export function createS3ArtifactStore(options: S3StoreOptions): ArtifactStore {
  return new S3ArtifactStore(options);
}
