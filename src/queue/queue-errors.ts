/** Errors processors throw to steer the queue: an UnrecoverableTaskError fails the task at once, no retry. */
export class UnrecoverableTaskError extends Error {
  override readonly name = 'UnrecoverableTaskError';
}

export class UnknownTaskError extends UnrecoverableTaskError {
  constructor(readonly taskName: string) {
    super(`unknown task ${taskName}`);
  }
}

/**
 * A failure as a client may read it: storage paths and URLs say nothing to a client and too much about the
 * deployment, so they become "(artifact)". Workers log the full message; the task's reason is this one.
 */
export function withoutStoragePaths(message: string): string {
  return message
    .replace(/\b(s3|file|https?):\/\/\S+/g, '(artifact)')
    .replace(/(^|[\s"'(])\/[^\s"')]+/g, '$1(artifact)');
}
