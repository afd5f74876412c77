/**
 * How many of the non-decreasing `timesMs` fall strictly before `ms`: the prefix a model fitted before `ms` may
 * learn from, and the index of the first time at or after it. Binary search.
 */
export function countBefore(timesMs: ArrayLike<number>, ms: number): number {
  let lo = 0;
  let hi = timesMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timesMs[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
