/**
 * Which CSV files a folder given to the importer holds. A folder assembled from symbolic links (a copy of the
 * data with a few files changed, a mount of links) was read without its linked files and without a word.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listCsvFiles } from '../../../../src/ingest/football-data/files.ts';

const root = mkdtempSync(join(tmpdir(), 'matchcast-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('listCsvFiles', () => {
  it('follows linked files and folders, reads each file once, and keeps a broken link for the importer to report', () => {
    const data = join(root, 'data');
    mkdirSync(join(data, 'E0'), { recursive: true });
    writeFileSync(join(data, 'E0', '2024-25.csv'), 'Div\n');
    writeFileSync(join(data, 'E0', '2025-26.csv'), 'Div\n');
    writeFileSync(join(data, 'notes.txt'), '');

    const copy = join(root, 'copy');
    mkdirSync(join(copy, 'E0'), { recursive: true });
    writeFileSync(join(copy, 'E0', '2025-26.csv'), 'Div\n');
    symlinkSync(join(data, 'E0', '2024-25.csv'), join(copy, 'E0', '2024-25.csv'));
    symlinkSync(join(data, 'E0'), join(copy, 'linked-E0'));
    symlinkSync(copy, join(copy, 'loop'));
    symlinkSync(join(root, 'gone.csv'), join(copy, 'broken.csv'));

    expect(listCsvFiles([copy]).map((p) => p.slice(copy.length + 1))).toEqual([
      'E0/2024-25.csv',
      'E0/2025-26.csv',
      'broken.csv',
      'linked-E0/2025-26.csv',
    ]);
  });
});
