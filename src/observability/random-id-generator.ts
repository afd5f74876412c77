/**
 * Trace and span ids cut from a block of random bytes filled 4 KiB at a time: the SDK's generator draws
 * Math.random four bytes at a time and formats through a Buffer on every id, a few µs per span on a busy server
 * (docs/performance.md, "Tracing cost"). The bytes come from the system's CSPRNG; an all-zero id, which W3C
 * forbids, is drawn again.
 */
import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';

const BLOCK_BYTES = 4096;
const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

export function createRandomIdGenerator(): IdGenerator {
  const block = Buffer.alloc(BLOCK_BYTES);
  let offset = BLOCK_BYTES;
  const hex = (bytes: number): string => {
    if (offset + bytes > BLOCK_BYTES) {
      randomFillSync(block);
      offset = 0;
    }
    const id = block.toString('hex', offset, offset + bytes);
    offset += bytes;
    return id;
  };
  return {
    generateTraceId() {
      for (;;) {
        const id = hex(16);
        if (id !== INVALID_TRACE_ID) return id;
      }
    },
    generateSpanId() {
      for (;;) {
        const id = hex(8);
        if (id !== INVALID_SPAN_ID) return id;
      }
    },
  };
}
