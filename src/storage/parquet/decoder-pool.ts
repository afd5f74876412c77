/**
 * Reads Parquet artifacts chunk by chunk (about 2,048 rows each). The decoding itself (DuckDB) runs in child
 * processes (a pool, injected into the artifact readers) that streams compact columns back, so the API process never maps DuckDB, the decoding's garbage never
 * lands on the API's heap, and a crash while decoding cannot take the API down. The child lives while files are
 * being decoded and exits a moment after the last one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../../config/package-files.ts';
import type { CellValue } from './parquet-file.ts';
import type { DecodeRequest, DecoderMessage, WireChunk, WireColumn } from './wire.ts';

/** One column of a chunk. */
export interface ChunkColumn {
  /** The cell's value (bigints as numbers, timestamps as text). */
  at(row: number): CellValue;
}

export interface ParquetChunk {
  readonly rows: number;
  /** The chunk's column, or undefined when the file has no such column. */
  column(name: string): ChunkColumn | undefined;
}

export interface ReadOptions {
  /**
   * Text columns whose values repeat (team, region, stage names): decoded once per distinct value instead of
   * once per row.
   */
  readonly repeated?: readonly string[];
}

/** The decoder process died or could not start: worth one more try with a new one, unlike a broken file. */
export class DecoderLostError extends Error {
  override readonly name = 'DecoderLostError';
}

/** Runs a whole read again, once, when the decoder process was lost under it (each try starts from scratch). */
export async function retryingLostDecoder<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof DecoderLostError)) throw error;
    return read();
  }
}

function chunkColumn(column: WireColumn): ChunkColumn {
  switch (column.kind) {
    case 'number':
      return { at: (row) => (column.nulls[row] ? null : (column.values[row] ?? null)) };
    case 'boolean':
      return { at: (row) => (column.values[row] === -1 ? null : column.values[row] === 1) };
    case 'text':
      return { at: (row) => column.values[row] ?? null };
  }
}

function parquetChunk(chunk: WireChunk): ParquetChunk {
  return {
    rows: chunk.rows,
    column(name) {
      const column = chunk.columns[name];
      return column ? chunkColumn(column) : undefined;
    },
  };
}

// Source (.ts, run through tsx) or compiled (.js): the entry sits beside this module either way.
const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');
const ENTRY = fileURLToPath(new URL(`./decoder-process.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));
/** How long an idle decoder stays up for the next file (a refresh reads several in a row). */
const IDLE_MS = 2000;

interface Pending {
  readonly start: (rows: number, columns: readonly string[]) => void;
  readonly onChunk: (chunk: ParquetChunk) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

class DecoderProcess {
  #child: ChildProcess | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #idle: NodeJS.Timeout | null = null;

  /** Files being decoded or waiting for it. */
  get busy(): number {
    return this.#pending.size;
  }

  decode(bytes: Uint8Array, repeated: readonly string[], pending: Omit<Pending, 'resolve' | 'reject'>) {
    const child = this.#running();
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    child.ref();
    child.channel?.ref();
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { ...pending, resolve, reject });
      const request: DecodeRequest = { id, bytes, repeated };
      child.send(request, (error) => {
        if (error)
          this.#settle(id)?.reject(new DecoderLostError(`the Parquet decoder process: ${error.message}`));
      });
    });
  }

  #running(): ChildProcess {
    // An idle child told to leave stays here until it exits; a file arriving meanwhile goes to a new one (it
    // used to be sent down the closed channel: "Channel closed", seen at starts on the real data).
    if (this.#child?.connected) return this.#child;
    const child = fork(ENTRY, [], {
      cwd: PACKAGE_ROOT, // where `--import tsx` resolves when running from source
      execArgv: FROM_SOURCE ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: DecoderMessage) => this.#onMessage(message));
    const lost = (reason: string) => {
      // A child that was replaced had been idle (nothing pending): the pending reads are its successor's.
      if (this.#child !== child) return;
      this.#child = null;
      for (const id of [...this.#pending.keys()])
        this.#settle(id)?.reject(new DecoderLostError(`the Parquet decoder process ${reason}`));
    };
    child.on('exit', (code, signal) => lost(`exited (${signal ?? code})`));
    child.on('error', (error) => lost(`failed: ${error.message}`));
    this.#child = child;
    return child;
  }

  #onMessage(message: DecoderMessage): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return; // a file whose reader already failed: the rest of it is dropped
    try {
      if (message.type === 'start') pending.start(message.rows, message.names);
      else if (message.type === 'chunk') pending.onChunk(parquetChunk(message.chunk));
      else if (message.type === 'end') this.#settle(message.id)?.resolve();
      else this.#settle(message.id)?.reject(new Error(message.message));
    } catch (error) {
      this.#settle(message.id)?.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Removes and returns a pending read; once none is left, the child may go idle and exit. */
  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    const child = this.#child;
    if (this.#pending.size === 0 && child) {
      // An idle decoder must not keep the process alive, and leaves after IDLE_MS.
      child.unref();
      child.channel?.unref();
      this.#idle = setTimeout(() => {
        if (this.#pending.size === 0 && child.connected) child.disconnect();
      }, IDLE_MS);
      this.#idle.unref();
    }
    return pending;
  }
}

/** Reads Parquet files chunk by chunk: what the artifact readers are given. */
export interface ParquetChunkReader {
  /** Calls `start` with the row count and column names, then `onChunk` for each chunk in file order. */
  read(
    bytes: Uint8Array,
    start: (rows: number, columns: readonly string[]) => void,
    onChunk: (chunk: ParquetChunk) => void,
    options?: ReadOptions,
  ): Promise<void>;
}

/**
 * A pool of decoder processes, two by default: a refresh reads its files side by side, one per core of a small
 * machine, while this process builds the tables from the chunks as they arrive. Each file goes to the least busy.
 */
export function createDecoderPool(size = 2): ParquetChunkReader {
  const decoders = Array.from({ length: size }, () => new DecoderProcess());
  return {
    read(bytes, start, onChunk, options = {}) {
      const decoder = decoders.reduce((a, b) => (b.busy < a.busy ? b : a));
      return decoder.decode(bytes, options.repeated ?? [], { start, onChunk });
    },
  };
}

/** The named columns of a chunk (missing ones left out). */
export function chunkTable(chunk: ParquetChunk, names: readonly string[]): ChunkTable {
  const table: Record<string, ChunkColumn> = {};
  for (const name of names) {
    const column = chunk.column(name);
    if (column) table[name] = column;
  }
  return table;
}

export type ChunkTable = Readonly<Record<string, ChunkColumn>>;
