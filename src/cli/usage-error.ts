/**
 * A command line commander could not parse (an unknown option or command, a missing or bad value): one line naming
 * it and the command's --help, exit status 2, as a configuration error is.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
