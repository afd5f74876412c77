/** Files and folders given on the command line → the CSV files under them, recursively, in a stable order. */
import { type Dirent, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExpectedError } from '../../domain/expected-error.ts';

/**
 * A path given to the importer that does not exist or cannot be read; the message says which and what to do.
 * (No `code` property: the CLI would take it for a raw system error and print its generic line instead.)
 */
export class ImportPathError extends ExpectedError {
  override readonly name = 'ImportPathError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const WHAT_TO_GIVE = 'give football-data CSV files or folders of them, e.g. ../shared/data/football';

function pathError(path: string, error: unknown): ImportPathError {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ImportPathError(path, `${path}: no such file or folder (${WHAT_TO_GIVE})`);
    case 'EACCES':
    case 'EPERM':
      return new ImportPathError(
        path,
        `${path}: permission denied (make it readable by this user, e.g. chmod -R a+rX ${path})`,
      );
    default:
      return new ImportPathError(
        path,
        `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
      );
  }
}

/** What a path that is neither a file nor a folder is, for the refusal to name. */
function specialKind(s: Dirent | Stats): string {
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'neither a file nor a folder';
}

/** Reading a named pipe waits for a writer, forever if none comes; a device may never end. Refused up front. */
const notRegularFile = (path: string, what: string) =>
  new ImportPathError(path, `${path}: not a regular file (${what}); ${WHAT_TO_GIVE}`);

/** A CSV file to import; `named` when it was given itself rather than found inside a folder. */
export interface CsvFile {
  readonly path: string;
  readonly named: boolean;
}

/**
 * What a folder entry is, a symbolic link followed (a data folder assembled from links is common): a link whose
 * target is gone counts as a file, so the importer reports it instead of passing it over; anything else (a named
 * pipe, a socket, a device) is described.
 */
function kindOf(entry: Dirent, path: string): 'folder' | 'file' | { readonly special: string } {
  let target: Dirent | Stats = entry;
  if (entry.isSymbolicLink()) {
    try {
      target = statSync(path);
    } catch {
      return 'file';
    }
  }
  if (target.isDirectory()) return 'folder';
  return target.isFile() ? 'file' : { special: specialKind(target) };
}

function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The CSV files under `dir`; `seen` holds the real paths of the folders walked, so a linked loop ends. */
function walk(dir: string, out: CsvFile[], seen: Set<string>): void {
  let entries: Dirent[];
  try {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw pathError(dir, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const path = join(dir, e.name);
    const kind = kindOf(e, path);
    if (kind === 'folder') walk(path, out, seen);
    else if (/\.csv$/i.test(e.name)) {
      if (kind !== 'file') throw notRegularFile(path, kind.special);
      out.push({ path, named: false });
    }
  }
}

/**
 * Expands folders (only `.csv` files inside are taken; MANIFEST.csv and other non-match files are recognised
 * later by their header). A file given twice, directly, through its folder or through links, is read once. Throws
 * `ImportPathError` naming the path when one does not exist, a folder cannot be listed, or a path given or a
 * `.csv` inside a folder is no regular file (a named pipe would hang the import); a file that cannot be read is
 * the importer's to report, with the others still imported.
 */
export function findCsvFiles(paths: readonly string[]): CsvFile[] {
  const found: CsvFile[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    let stats: Stats;
    try {
      stats = statSync(abs);
    } catch (error) {
      throw pathError(p, error);
    }
    if (stats.isDirectory()) walk(abs, found, seen);
    else if (stats.isFile()) found.push({ path: abs, named: true });
    else throw notRegularFile(p, specialKind(stats));
  }
  // One file reached by several paths (given twice, or through links) is read once, under the first of them.
  const byFile = new Map<string, CsvFile>();
  for (const f of found) {
    const file = realPathOrSelf(f.path);
    const first = byFile.get(file);
    byFile.set(file, { path: first?.path ?? f.path, named: f.named || !!first?.named });
  }
  return [...byFile.values()];
}

/**
 * Checks, before any work starts, that `paths` exist and hold at least one CSV file: the `ImportPathError` of
 * `findCsvFiles` for a missing path, one naming them all when none holds a CSV.
 */
export function requireCsvFiles(paths: readonly string[]): void {
  if (findCsvFiles(paths).length === 0)
    throw new ImportPathError(paths.join(', '), `no .csv files in ${paths.join(', ')}: ${WHAT_TO_GIVE}`);
}

/** The paths of `findCsvFiles`. */
export function listCsvFiles(paths: readonly string[]): string[] {
  return findCsvFiles(paths).map((f) => f.path);
}
