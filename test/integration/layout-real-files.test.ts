/**
 * Every CSV of the shared football folder is recognised by its header as the layout its folder says: a header
 * must carry a layout's own columns (a season file without `Div` was once read as a FootyStats women's league),
 * and that rule must not lose a real file.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/ingest/football-data/decode.ts';
import { detectLayout } from '../../src/ingest/football-data/layout.ts';
import { IN_CI } from '../support/services.ts';

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const present = existsSync(DATA);
if (!present) {
  const message = `${DATA} not found`;
  if (IN_CI) throw new Error(`${message}: the real-file layout test must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING REAL-FILE LAYOUT TEST: ${message} !!!!!!!!!!\n`);
}

const csvFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? csvFiles(join(dir, e.name)) : e.name.endsWith('.csv') ? [join(dir, e.name)] : [],
  );

/** The header's names: the bytes up to the first line end are all that is read (the longest header is ~2 kB). */
function header(path: string): string[] {
  const bytes = new Uint8Array(16_384);
  const fd = openSync(path, 'r');
  const n = readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const head = bytes.subarray(0, n);
  const end = head.indexOf(0x0a);
  return decodeCsvBytes(end < 0 ? head : head.subarray(0, end))
    .text.replace(/\r$/, '')
    .split(',');
}

/** The layout the folder says a file has. */
function expected(file: string): string {
  if (file === 'MANIFEST.csv') return 'none';
  if (file.startsWith('women/')) return 'footystats';
  if (file.startsWith('new/')) return 'new';
  if (file.startsWith('fixtures/')) return 'main fixtures';
  return 'main';
}

describe.runIf(present)('the layouts of the real football files', () => {
  const files = present ? csvFiles(DATA).map((f) => relative(DATA, f)) : [];

  it('recognises each file as its folder says', () => {
    expect(files.length).toBeGreaterThan(700);
    const wrong = files.flatMap((file) => {
      const layout = detectLayout(header(join(DATA, file)));
      const found =
        typeof layout === 'string' ? 'none' : `${layout.format}${layout.fixtures ? ' fixtures' : ''}`;
      return found === expected(file) ? [] : [`${file}: ${found}, expected ${expected(file)}`];
    });
    expect(wrong).toEqual([]);
  });
});
