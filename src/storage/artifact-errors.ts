/** Errors the artifact store throws; callers branch on the class, never on message text. */
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
