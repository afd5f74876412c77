/**
 * Chooses the artifact store from configuration: `s3://bucket/prefix` → S3/MinIO, anything else → a folder.
 *
 * @example
 *   const store = createArtifactStore(config); // config.artifactStore + config.s3
 */
import type { ArtifactStore } from './artifact-store.ts';
import { createFileArtifactStore } from './file-artifact-store.ts';
import { createS3ArtifactStore } from './s3-artifact-store.ts';

export interface ArtifactStoreOptions {
  /** `s3://bucket/prefix` or an absolute folder (Config.artifactStore). */
  readonly artifactStore: string;
  readonly s3?: {
    readonly endpoint?: string | undefined;
    readonly region?: string | undefined;
    readonly accessKeyId?: string | undefined;
    readonly secretAccessKey?: string | undefined;
  };
}

export function createArtifactStore(options: ArtifactStoreOptions): ArtifactStore {
  if (options.artifactStore.startsWith('s3://')) {
    return createS3ArtifactStore({ location: options.artifactStore, ...options.s3 });
  }
  return createFileArtifactStore(options.artifactStore.replace(/^file:\/\//, ''));
}
