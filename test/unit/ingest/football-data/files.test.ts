/**
 * Which CSV files a folder given to the importer holds. A folder assembled from symbolic links (a copy of the
 * data with a few files changed, a mount of links) was read without its linked files and without a word; a named
 * pipe called `x.csv` made the import wait on it forever.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ImportPathError,
  listCsvFiles,
  requireCsvFiles,
} from '../../../../src/ingest/football-data/files.ts';

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

describe('a path that is no regular file', () => {
  const refusal = (path: string, what: string) =>
    new ImportPathError(
      path,
      `${path}: not a regular file (${what}); give football-data CSV files or folders of them, e.g. ../shared/data/football`,
    );

  it('is refused, naming it, when a named pipe is given itself, directly or through a link', () => {
    const pipes = join(root, 'pipes');
    mkdirSync(pipes);
    const pipe = join(pipes, 'a.csv');
    execFileSync('mkfifo', [pipe]);
    symlinkSync(pipe, join(pipes, 'linked.csv'));
    expect(() => requireCsvFiles([pipe])).toThrow(ImportPathError);
    expect(() => requireCsvFiles([pipe])).toThrow(refusal(pipe, 'a named pipe'));
    expect(() => listCsvFiles([join(pipes, 'linked.csv')])).toThrow(
      /linked\.csv: not a regular file \(a named pipe\)/,
    );
    expect(() => listCsvFiles(['/dev/null'])).toThrow(refusal('/dev/null', 'a character device'));
  });

  it('is refused when it is a .csv inside a folder, and passed over like any other file when it is not', () => {
    const folder = join(root, 'with-pipe');
    mkdirSync(folder);
    writeFileSync(join(folder, 'E0.csv'), 'Div\n');
    execFileSync('mkfifo', [join(folder, 'notes')]);
    expect(listCsvFiles([folder])).toEqual([join(folder, 'E0.csv')]);
    execFileSync('mkfifo', [join(folder, 'E1.csv')]);
    expect(() => listCsvFiles([folder])).toThrow(refusal(join(folder, 'E1.csv'), 'a named pipe'));
  });

  it('is not a link to a regular file, given itself or inside a folder', () => {
    const folder = join(root, 'links');
    mkdirSync(folder);
    writeFileSync(join(root, 'real.csv'), 'Div\n');
    symlinkSync(join(root, 'real.csv'), join(folder, 'E0.csv'));
    expect(listCsvFiles([join(folder, 'E0.csv')])).toEqual([join(folder, 'E0.csv')]);
    expect(listCsvFiles([folder])).toEqual([join(folder, 'E0.csv')]);
  });
});
