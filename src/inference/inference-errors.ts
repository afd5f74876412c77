/** Errors of inference; a queue processor turns InvalidFeaturesError into an unrecoverable task failure. */
export class InvalidFeaturesError extends Error {
  override readonly name = 'InvalidFeaturesError';
}

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}
