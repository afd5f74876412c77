/**
 * How every command prints what it lists or reports: with `--json`, one JSON document on one line (for scripts
 * and `jq`); otherwise text for people. Progress and warnings go to stderr, so stdout stays parseable.
 */
import type { Command } from 'commander';

/** Adds the shared `--json` option to a command. */
export function withJsonOption(command: Command, what = 'the result'): Command {
  return command.option('--json', `print ${what} as one JSON document`);
}

/** Prints `value` as JSON when `json` is set, else the text `format` makes of it. */
export function printReport<T>(json: boolean | undefined, value: T, format: (value: T) => string): void {
  const text = json ? JSON.stringify(value) : format(value);
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A plain-text table: one line per row, each column padded to its widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
