/** Files and folders given on the command line → the CSV files under them, recursively, in a stable order. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, out);
    else if (e.isFile() && /\.csv$/i.test(e.name)) out.push(path);
  }
}

/**
 * Expands folders (only `.csv` files inside are taken; MANIFEST.csv and other non-match files are recognised
 * later by their header). A path given twice, directly or through its folder, is read once. Throws when a
 * path does not exist.
 */
export function listCsvFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (statSync(abs).isDirectory()) walk(abs, found);
    else found.push(abs);
  }
  return [...new Set(found)];
}
