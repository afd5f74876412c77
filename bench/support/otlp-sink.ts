/**
 * An OTLP/HTTP sink in a child process: accepts and drops every export, as a collector would accept it. A child,
 * so that reading the spans costs neither the load generator nor the process being measured.
 *
 *   const sink = await startOtlpSink(); … sink.endpoint … sink.stop();
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';

const CHILD_FLAG = '--otlp-sink-child';

if (process.argv.includes(CHILD_FLAG)) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.(typeof address === 'object' && address !== null ? address.port : 0);
  });
  process.on('disconnect', () => process.exit(0));
}

export async function startOtlpSink(): Promise<{ readonly endpoint: string; stop(): void }> {
  const child = fork(new URL(import.meta.url).pathname, [CHILD_FLAG], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`OTLP sink exited with ${code}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
