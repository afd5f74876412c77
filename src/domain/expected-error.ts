/**
 * A failure the user can fix (a missing file, a bad value, an unknown model version): its message says what
 * went wrong and what to do, so the CLI prints it as one line, without a stack trace or a pointer to one.
 */
export class ExpectedError extends Error {
  override name = 'ExpectedError';
}
