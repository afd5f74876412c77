/**
 * A small, fast, seeded generator (mulberry32): uniform numbers in [0, 1), the same sequence for the same seed on
 * every machine. Training (bagging), bootstrap intervals and anything else that must be reproducible draw from it;
 * Math.random is never used where a result is reported.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
