/**
 * The folder implementation of ArtifactStore (the embedded default). A write goes to a temp file in the same
 * folder and is renamed over the key, so readers see the old bytes or the new ones, never a torn file.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidArtifactKeyError } from './artifact-errors.ts';
import type { ArtifactStore, ObjectInfo } from './artifact-store.ts';

/** Keys are relative, slash-separated, and may not climb out of the root. */
export function checkArtifactKey(key: string): string {
  if (
    key === '' ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new InvalidArtifactKeyError(key);
  }
  return key;
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A recursive mkdir under a read-only or forbidden folder (the root, or a part of the store mounted read-only)
 * reports ENOENT; the deepest folder that exists says why (EROFS, EACCES, naming it).
 */
async function throwWhyUnwritable(folder: string): Promise<void> {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      await access(dir, constants.W_OK);
      return;
    } catch (error) {
      if (!isMissing(error) || dirname(dir) === dir) throw error;
    }
  }
}

class FileArtifactStore implements ArtifactStore {
  readonly uri: string;
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
    this.uri = pathToFileURL(this.#root).href;
  }

  #path(key: string): string {
    return join(this.#root, ...checkArtifactKey(key).split('/'));
  }

  #info(key: string, size: number, mtime: Date): ObjectInfo {
    // A rewrite with the same size still moves mtime, so size + mtime changes whenever the content does.
    return { key, etag: `${size.toString(16)}-${mtime.getTime().toString(16)}`, size, modifiedAt: mtime };
  }

  async put(key: string, body: Uint8Array | string): Promise<ObjectInfo> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true }).catch(async (error: unknown) => {
      await throwWhyUnwritable(dirname(path));
      throw error;
    });
    const before = await this.head(key);
    // The same bytes again write nothing and keep the etag, as S3's content ETag stays: readers then have nothing
    // to reload and the stages that read it nothing to redo (batch inference republishes every quarter hour).
    if (before && before.size === Buffer.byteLength(body) && (await readFile(path)).equals(Buffer.from(body)))
      return before;
    const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(temp, body);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      // A failed write(2) (a full disk) names no file; say which artifact it was.
      if (error instanceof Error && !('path' in error)) Object.assign(error, { path });
      throw error;
    }
    const info = await this.head(key);
    if (!info) throw new Error(`artifact ${key} vanished right after it was written`);
    // File times move in coarse kernel ticks, behind the millisecond the etag carries: a rewrite within one
    // tick would keep the etag, or, after an earlier put moved mtime ahead, bring back an older put's etag, and
    // readers would keep stale content. Keep mtime strictly increasing across puts so no etag comes back.
    if (before && info.modifiedAt.getTime() <= before.modifiedAt.getTime()) {
      const later = new Date(before.modifiedAt.getTime() + 1);
      await utimes(path, later, later);
      return (await this.head(key)) ?? info;
    }
    return info;
  }

  async get(key: string): Promise<{ readonly body: Buffer; readonly info: ObjectInfo } | null> {
    const path = this.#path(key);
    try {
      // stat before read: if a writer renames in between, the etag is older than the bytes and the next poll
      // simply reloads; the reverse order could pair new bytes with a stale etag forever.
      const stats = await stat(path);
      // Node's read of a folder names no path ("EISDIR: illegal operation on a directory, read").
      if (stats.isDirectory())
        throw Object.assign(new Error(`${path}: is a folder, expected a file`), { code: 'EISDIR', path });
      const body = await readFile(path);
      return { body, info: this.#info(key, body.length, stats.mtime) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const stats = await stat(this.#path(key));
      return stats.isFile() ? this.#info(key, stats.size, stats.mtime) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.#root, { recursive: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const key = entry.split(sep).join('/');
      if (!key.startsWith(prefix) || key.includes('.tmp-')) continue;
      const stats = await stat(join(this.#root, entry)).catch(() => null);
      if (stats?.isFile()) keys.push(key);
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  uriOf(key: string): string {
    return pathToFileURL(this.#path(key)).href;
  }
}

/** A store rooted at `folder` (created on first write). */
export function createFileArtifactStore(folder: string): ArtifactStore {
  return new FileArtifactStore(folder);
}
