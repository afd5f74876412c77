/**
 * A small, fast, seeded generator (mulberry32): uniform numbers in [0, 1), the same sequence for the same seed on
 * every machine. Training (bagging), bootstrap intervals and anything else that must be reproducible draw from it;
 * Math.random is never used where a result is reported.
 */
export function seededRandom(seed: number): () => number {
  // In a typed array: a captured variable holding a uint32 past 2^31 is a heap number, allocated on every write.
  const state = Uint32Array.of(seed);
  return () => {
    state[0] = (state[0] as number) + STEP;
    return mix(state[0] as number);
  };
}

/**
 * The same sequence as `seededRandom(seed)`, drawn in bulk as indices in [0, n) (`Math.floor(u × n)`): each call
 * fills `out` with the next `out.length` draws. A hot loop (the bootstrap's millions of draws) then makes one call
 * per resample instead of a closure call per draw, which V8 did not inline there.
 */
export function seededIndices(seed: number): (out: Uint32Array, n: number) => void {
  const state = Uint32Array.of(seed);
  return (out, n) => {
    let s = state[0] as number;
    for (let i = 0; i < out.length; i++) {
      s = (s + STEP) >>> 0;
      out[i] = Math.floor(mix(s) * n);
    }
    state[0] = s;
  };
}

/** mulberry32: the state advances by this constant per draw… */
const STEP = 0x6d2b79f5;

/** …and each state is mixed into a number in [0, 1). */
function mix(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
