/**
 * What the Parquet decoder process sends the API, one message at a time: the file's shape, then its chunks
 * (about 2,048 rows each) as compact columns, then the end. Structured clone (IPC `advanced` serialisation)
 * carries the typed arrays as they are.
 */
export type WireColumn =
  /** Numbers (bigints converted); `nulls[i]` is 1 where the cell is null. */
  | { readonly kind: 'number'; readonly values: Float64Array; readonly nulls: Uint8Array }
  /** Booleans: 1, 0, or −1 for null. */
  | { readonly kind: 'boolean'; readonly values: Int8Array }
  /** Text (timestamps and other values as text too). */
  | { readonly kind: 'text'; readonly values: readonly (string | null)[] };

export interface WireChunk {
  readonly rows: number;
  readonly columns: Readonly<Record<string, WireColumn>>;
}

export type DecoderMessage =
  | { readonly id: number; readonly type: 'start'; readonly rows: number; readonly names: readonly string[] }
  | { readonly id: number; readonly type: 'chunk'; readonly chunk: WireChunk }
  | { readonly id: number; readonly type: 'end' }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

export interface DecodeRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** Text columns whose values repeat: decoded once per distinct value (DuckDB ENUM). */
  readonly repeated: readonly string[];
}
