/**
 * What the API answers to malformed and unusual HTTP/1.x at the socket (what `inject` and fetch never send):
 * smuggling shapes, broken chunking, odd request lines and headers, pipelining. One row per case with the status
 * line(s) read back and the first body, then a request proving the server still serves.
 *
 *   node --import tsx bench/raw-http.ts
 *
 * Every answer the server writes itself is in the documented `{detail, code}` shape; Node answers a few alone
 * (100 Continue, 417 for an unknown Expect, nothing to CONNECT), as docs/security.md says.
 */
import { connect } from 'node:net';
import { API_KEY, createApiFixture, registerModel } from '../test/unit/api/fixture.ts';

const KEY = `X-API-Key: ${API_KEY}\r\n`;
const JSON_POST = `POST /predict/async/ HTTP/1.1\r\nHost: x\r\n${KEY}Content-Type: application/json\r\n`;
const BODY = '{"match_id":1000}';
const CASES: Record<string, string> = {
  'Content-Length and chunked': `${JSON_POST}Content-Length: 14\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  'broken chunk size': `${JSON_POST}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
  'Transfer-Encoding: gzip': `${JSON_POST}Transfer-Encoding: gzip\r\n\r\n`,
  'Content-Length -1': `${JSON_POST}Content-Length: -1\r\n\r\n`,
  'Content-Length 1e20': `${JSON_POST}Content-Length: 99999999999999999999\r\n\r\n`,
  'body shorter than stated': `${JSON_POST}Content-Length: 40\r\n\r\n${BODY}`,
  'gzip body, not gzip': `${JSON_POST}Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd`,
  'Expect: 100-continue': `${JSON_POST}Content-Length: ${BODY.length}\r\nExpect: 100-continue\r\n\r\n${BODY}`,
  'Expect: unknown': `${JSON_POST}Content-Length: ${BODY.length}\r\nExpect: 200-ok\r\n\r\n${BODY}`,
  'HTTP/1.0, no Host': 'GET /livez HTTP/1.0\r\n\r\n',
  'HTTP/1.1, no Host': 'GET /livez HTTP/1.1\r\n\r\n',
  'two Host headers': 'GET /livez HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
  'HTTP/2 preface': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
  'absolute-form target': 'GET http://evil.example/livez HTTP/1.1\r\nHost: x\r\n\r\n',
  'OPTIONS *': 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
  CONNECT: 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n',
  'unknown method': 'BREW /livez HTTP/1.1\r\nHost: x\r\n\r\n',
  'lower-case method': 'get /livez HTTP/1.1\r\nHost: x\r\n\r\n',
  'space in a header name': 'GET /livez HTTP/1.1\r\nHost: x\r\nX Y: z\r\n\r\n',
  'folded header': 'GET /livez HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n',
  'bare LF line ends': 'GET /livez HTTP/1.1\nHost: x\n\n',
  'NUL in the target': 'GET /livez\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'three pipelined': `${'GET /livez HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(2)}GET /nope HTTP/1.1\r\nHost: x\r\n\r\n`,
  'odd Accept-Encoding': `GET /predict/cards/ HTTP/1.1\r\nHost: x\r\n${KEY}Accept-Encoding: br;q=NaN, gzip;q=-1, *;q=2\r\n\r\n`,
  'unsatisfiable Range': `GET /predict/cards/ HTTP/1.1\r\nHost: x\r\n${KEY}Range: bytes=99999999-1\r\n\r\n`,
  '2,000 ETags': `GET /predict/cards/ HTTP/1.1\r\nHost: x\r\n${KEY}If-None-Match: ${'"x",'.repeat(2000)}\r\n\r\n`,
};

/** Writes `request`, reads for 0.7 s (or until the server closes), returns what came back. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let read = '';
    socket.on('data', (chunk) => {
      read += chunk.toString('latin1');
    });
    socket.on('error', (error) => resolve(`${read}[socket error: ${error.message}]`));
    socket.on('close', () => resolve(read));
    socket.write(request, 'latin1');
    setTimeout(() => socket.destroy(), 700);
  });
}

const f = await createApiFixture({ inferenceMode: 'inline' });
await registerModel(f.registry);
const port = Number(new URL(await f.app.listen({ port: 0, host: '127.0.0.1' })).port);
for (const [name, request] of Object.entries(CASES)) {
  const answer = await exchange(port, request);
  const statuses = [...answer.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map(([, status]) => status).join(', ');
  const body =
    answer
      .slice(answer.indexOf('\r\n\r\n') + 4)
      .split(/HTTP\/1\.[01] \d{3}/)[0]
      ?.slice(0, 90) ?? '';
  const encoding = /\r\ncontent-encoding: (\S+)/i.exec(answer)?.[1];
  const shown = encoding ? `[${encoding}-encoded body]` : body.replace(/\s+/g, ' ');
  console.log(`${name.padEnd(28)} ${(statuses || 'no answer').padEnd(14)} ${shown}`);
}
const after = await fetch(`http://127.0.0.1:${port}/livez`);
console.log(`still serving: GET /livez → ${after.status}`);
await f.close();
process.exit(0);
