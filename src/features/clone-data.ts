/**
 * A deep copy of plain data held in class instances (the feature builder's ratings, windows and fits): maps,
 * sets, arrays, typed arrays and objects are copied with their prototypes, shared references stay shared;
 * functions and primitives are kept as they are, so a closure still reads the arrays it was created over.
 * Only for state that keeps everything in enumerable own fields (no `#private` fields).
 */
export function cloneData<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (ArrayBuffer.isView(value)) {
    // slice() copies a typed array's elements (structuredClone cost several times more per array: the daily
    // feature step clones its checkpoint twice).
    const out =
      value instanceof DataView
        ? new DataView(value.buffer.slice(0))
        : (value as unknown as Uint8Array).slice();
    seen.set(value, out);
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], seen);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(copy(k, seen), copy(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(copy(v, seen));
    return out;
  }
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], seen);
  return out;
}
