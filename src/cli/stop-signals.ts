/**
 * How a long-running command stops, written once: the first SIGTERM or SIGINT runs `stop` (a second signal
 * while it runs is ignored, so Ctrl-C twice does not cut a drain short), then the process exits 0, or 1 with
 * one line naming the command when stopping failed.
 */
export function onStopSignal(command: string, stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        process.stderr.write(`matchcast ${command}: unclean shutdown: ${reason}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
