/** Errors the artifact store throws; callers branch on the class, never on message text. */
import { ExpectedError } from '../domain/expected-error.ts';

export class InvalidArtifactKeyError extends Error {
  override readonly name = 'InvalidArtifactKeyError';
  constructor(readonly key: string) {
    super(`invalid artifact key "${key}": expected a relative path like features/match_features.parquet`);
  }
}

export class ArtifactNotFoundError extends Error {
  override readonly name = 'ArtifactNotFoundError';
  constructor(
    readonly key: string,
    readonly storeUri: string,
  ) {
    super(`artifact ${key} not found in ${storeUri}`);
  }
}

export class InvalidArtifactLocationError extends Error {
  override readonly name = 'InvalidArtifactLocationError';
}

/** The store cannot be used as configured (a missing bucket, refused credentials, an endpoint that is not S3). */
export class ArtifactStoreUnusableError extends ExpectedError {
  override readonly name = 'ArtifactStoreUnusableError';
  constructor(
    readonly storeUri: string,
    readonly reason: string,
  ) {
    super(`${storeUri}: ${reason}`);
  }
}
