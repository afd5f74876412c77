/**
 * Where artifacts live: a folder (the embedded default) or an S3/MinIO bucket. Keys are relative paths such as
 * `predictions/predictions.parquet`. Writes are atomic (temp file + rename; one PUT), so a reader sees the old
 * object or the new one, never half of one. `etag` changes whenever the content changes; readers poll it.
 */
export interface ObjectInfo {
  readonly key: string;
  /** Changes whenever the object changes (S3 ETag; for files, size + mtime). */
  readonly etag: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

export interface ArtifactStore {
  /** `file:///abs/folder` or `s3://bucket/prefix` */
  readonly uri: string;
  put(key: string, body: Uint8Array | string): Promise<ObjectInfo>;
  /** The object's bytes and info, or null when absent. */
  get(key: string): Promise<{ readonly body: Buffer; readonly info: ObjectInfo } | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
  /** A URI naming the key, stored in the registry (e.g. `s3://bucket/prefix/models/x/1/model.onnx`). */
  uriOf(key: string): string;
}
