/**
 * Seeded randomness for the simulator. Every draw comes from a stream named by what it is for (a league's
 * weekly drift, one match's score…), so a match's fate does not depend on how far the world was generated:
 * the world up to Monday is the same whether it is generated up to Tuesday or up to next year.
 */

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A Poisson count with this mean (inversion; the demo's means are small). */
  poisson(mean: number): number;
}

/** A stream for `(seed, …names)`: sfc32 seeded from hashes of the name, stable across runs and platforms. */
export function randomStream(seed: number, ...names: readonly (string | number)[]): Random {
  const key = `${seed}|${names.join('|')}`;
  let a = fnv1a(`a${key}`);
  let b = fnv1a(`b${key}`);
  let c = fnv1a(`c${key}`);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // warm-up: mixes the three hashes
  return {
    next,
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    poisson(mean) {
      const u = next();
      let k = 0;
      let term = Math.exp(-mean);
      let cdf = term;
      while (u >= cdf && term > 0) {
        k++;
        term *= mean / k;
        cdf += term;
      }
      return k;
    },
  };
}
