/**
 * How every command prints what it lists or reports: with `--json`, one JSON document on one line (for scripts
 * and `jq`); otherwise text for people. Progress and warnings go to stderr, so stdout stays parseable.
 */
import { Option } from 'commander';

/** The shared `--json` option: `.addOption(jsonOption('the tasks'))`. */
export function jsonOption(what = 'the result'): Option {
  return new Option('--json', `print ${what} as one JSON document`);
}

/** Prints `value` as JSON when `json` is set, else the text `format` makes of it. */
export function printReport<T>(json: boolean | undefined, value: T, format: (value: T) => string): void {
  if (json) {
    printJson(value);
    return;
  }
  const text = format(value);
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** One JSON document on one line of stdout (for commands whose text report goes to stderr). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
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
