/** Errors processors throw to steer the queue: an UnrecoverableTaskError fails the task at once, no retry. */
export class UnrecoverableTaskError extends Error {
  override readonly name = 'UnrecoverableTaskError';
}

export class UnknownTaskError extends UnrecoverableTaskError {
  constructor(readonly taskName: string) {
    super(`unknown task ${taskName}`);
  }
}
