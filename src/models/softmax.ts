/**
 * Softmax, written once for every model family: k scores at src[from …] become probabilities at dst[to …] (the
 * same array at the same offset works in place), shifted by their maximum so that no exponential overflows.
 */
export function softmaxInto(src: Float64Array, from: number, k: number, dst: Float64Array, to: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, src[from + c] as number);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp((src[from + c] as number) - max);
    dst[to + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) dst[to + c] = (dst[to + c] as number) / sum;
}
