/**
 * A deep copy of plain data held in class instances (the feature builder's ratings, windows and fits): maps,
 * sets, arrays, typed arrays and objects are copied with their prototypes, shared references stay shared;
 * functions and primitives are kept as they are, so a closure still reads the arrays it was created over.
 * Only for state that keeps everything in enumerable own fields (no `#private` fields).
 *
 * Stepwise: the copy pauses after every STEP_OBJECTS containers, so a caller running it in turns of the event loop
 * serves meanwhile (the feature checkpoint of the whole football-data history held the loop 0.4–0.8 s per copy,
 * and an incremental build copies it twice). Iterative, with a stack of containers still to fill, so depth costs
 * no call stack.
 */
const STEP_OBJECTS = 4096;

/** Copies `value`, pausing after every STEP_OBJECTS containers; returns the copy. */
export function* cloneDataSteps<T>(value: T): Generator<void, T> {
  const seen = new Map<object, unknown>();
  // Containers made but not filled yet: [source, its copy].
  const toFill: [object, unknown][] = [];
  const ref = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const known = seen.get(v);
    if (known !== undefined) return known;
    const made = shellOf(v);
    seen.set(v, made);
    if (!ArrayBuffer.isView(v)) toFill.push([v, made]);
    return made;
  };
  const copy = ref(value) as T;
  let filled = 0;
  for (let next = toFill.pop(); next !== undefined; next = toFill.pop()) {
    fill(next[0], next[1], ref);
    filled += 1;
    if (filled % STEP_OBJECTS === 0) yield;
  }
  return copy;
}

/** An empty container of the same kind and prototype (a typed array or DataView already holds its copied bytes). */
function shellOf(v: object): unknown {
  // slice() copies a typed array's elements (structuredClone cost several times more per array: the daily
  // feature step clones its checkpoint twice).
  if (v instanceof DataView) return new DataView(v.buffer.slice(0));
  if (ArrayBuffer.isView(v)) return (v as unknown as Uint8Array).slice();
  if (Array.isArray(v)) return new Array(v.length);
  if (v instanceof Map) return new Map();
  if (v instanceof Set) return new Set();
  return Object.create(Object.getPrototypeOf(v) as object | null);
}

/** Fills the copy `out` of `source` with the copies (`ref`) of its elements, keys and values, in order. */
function fill(source: object, out: unknown, ref: (v: unknown) => unknown): void {
  if (Array.isArray(source)) {
    const array = out as unknown[];
    for (let i = 0; i < source.length; i++) array[i] = ref(source[i]);
  } else if (source instanceof Map) {
    for (const [k, v] of source) (out as Map<unknown, unknown>).set(ref(k), ref(v));
  } else if (source instanceof Set) {
    for (const v of source) (out as Set<unknown>).add(ref(v));
  } else {
    const object = out as Record<string, unknown>;
    for (const key of Object.keys(source)) object[key] = ref((source as Record<string, unknown>)[key]);
  }
}
