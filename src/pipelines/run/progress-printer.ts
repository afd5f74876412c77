/**
 * Renders runner events as progress lines ("[3/9] train … ran in 4.2 s (inputs changed)") and a closing table
 * of per-stage timings, for the CLI and the demo start-up.
 */
import type { StageEvent, StageReport } from './runner.ts';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function printStageEvent(write: (text: string) => void): (event: StageEvent) => void {
  return (event) => {
    const at = `[${event.index}/${event.total}]`;
    switch (event.type) {
      case 'start':
        write(`${at} ${event.stage} …\n`);
        break;
      case 'skipped':
        write(`${at} ${event.stage}: skipped (unchanged)\n`);
        break;
      case 'ran':
        write(`${at} ${event.stage}: done in ${formatDuration(event.durationMs)} (${event.reason})\n`);
        break;
      case 'failed':
        write(
          `${at} ${event.stage}: FAILED after ${formatDuration(event.durationMs)}: ${event.error.message}\n`,
        );
        break;
    }
  };
}

export function timingTable(reports: readonly StageReport[]): string {
  const width = Math.max(5, ...reports.map((r) => r.stage.length));
  const lines = reports.map(
    (r) =>
      `  ${r.stage.padEnd(width)}  ${r.status.padEnd(7)}  ${r.status === 'ran' ? formatDuration(r.durationMs) : ''}`,
  );
  const total = reports.reduce((s, r) => s + r.durationMs, 0);
  return `${lines.join('\n')}\n  ${'total'.padEnd(width)}           ${formatDuration(total)}\n`;
}
