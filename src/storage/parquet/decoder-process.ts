/**
 * Entry of the Parquet decoder process that parquet-chunks.ts forks: decodes each requested file with DuckDB
 * and sends it back chunk by chunk, waiting for each send to be taken (so a slow API does not pile chunks up
 * here). Exits when the API disconnects.
 */
import { decodeParquetChunks } from './duckdb-chunks.ts';
import type { DecodeRequest, DecoderMessage } from './wire.ts';

const send = (message: DecoderMessage) =>
  new Promise<void>((resolve, reject) => {
    process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });

async function decode(request: DecodeRequest): Promise<void> {
  const { id } = request;
  try {
    await decodeParquetChunks(
      request.bytes,
      request.repeated,
      (rows, names) => send({ id, type: 'start', rows, names }),
      (chunk) => send({ id, type: 'chunk', chunk }),
    );
    await send({ id, type: 'end' });
  } catch (error) {
    await send({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

// One file at a time: decoding several at once would multiply this process's peak memory.
let queue = Promise.resolve();
process.on('message', (request: DecodeRequest) => {
  queue = queue.then(() => decode(request));
});
process.on('disconnect', () => process.exit(0));
