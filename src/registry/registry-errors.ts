/** Errors of the registry; callers (CLI, API, workers) branch on the class, never on the message text. */
import { ExpectedError } from '../domain/expected-error.ts';
export class ModelVersionNotFoundError extends ExpectedError {
  override readonly name = 'ModelVersionNotFoundError';
  constructor(
    readonly modelName: string,
    readonly version: number,
  ) {
    super(`model ${modelName} has no version ${version}`);
  }
}

export class AliasNotSetError extends ExpectedError {
  override readonly name = 'AliasNotSetError';
  constructor(
    readonly modelName: string,
    readonly alias: string,
  ) {
    super(`model ${modelName} has no ${alias} yet`);
  }
}

/** The artifact does not fit the current feature set, or its graph does not fit its own signature. */
export class SignatureMismatchError extends Error {
  override readonly name = 'SignatureMismatchError';
  constructor(readonly problems: readonly string[]) {
    super(`model signature does not match: ${problems.join('; ')}`);
  }
}

/** The bytes in the store are not the bytes that were registered. */
export class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
  constructor(
    readonly artifactUri: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `refusing model artifact ${artifactUri}: sha256 is ${actual} but the registry recorded ${expected} (corrupt or replaced file)`,
    );
  }
}

export class ArtifactMissingError extends Error {
  override readonly name = 'ArtifactMissingError';
  constructor(readonly artifactUri: string) {
    super(`model artifact ${artifactUri} is missing from the artifact store`);
  }
}

export class NoRollbackTargetError extends ExpectedError {
  override readonly name = 'NoRollbackTargetError';
  constructor(
    readonly modelName: string,
    readonly alias: string,
  ) {
    super(`model ${modelName}: no earlier ${alias} in the promotion history to roll back to`);
  }
}

export class RunNotFoundError extends ExpectedError {
  override readonly name = 'RunNotFoundError';
  constructor(readonly runId: string) {
    super(`run ${runId} not found`);
  }
}
