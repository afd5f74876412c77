/**
 * Live heap after a full collection: what memory is really held, unlike RSS, which keeps whatever the heap grew
 * to until the collector runs (and often after). V8's `gc` is exposed at run time, since test workers and
 * benches start without --expose-gc.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** MB of heap in use after two full collections. */
export function liveHeapMb(): number {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}
