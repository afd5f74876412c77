/** The S3 artifact store against a real S3-compatible server (s3rver) started on loopback by the test. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getParquet, putJson, putParquet } from '../../src/storage/artifact-io.ts';
import type { ArtifactStore } from '../../src/storage/artifact-store.ts';
import { createArtifactStore } from '../../src/storage/create-artifact-store.ts';
import { parseS3Location } from '../../src/storage/s3-artifact-store.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

describe('S3 artifact store (s3rver)', () => {
  let server: TestS3Server;
  let store: ArtifactStore;

  beforeAll(async () => {
    server = await startS3Server();
    store = createArtifactStore({
      artifactStore: `s3://${server.bucket}/runs/a`,
      s3: {
        endpoint: server.endpoint,
        region: 'us-east-1',
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
      },
    });
  });
  afterAll(() => server?.stop());

  it('parses locations', () => {
    expect(parseS3Location('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Location('s3://bucket/a/b/')).toEqual({ bucket: 'bucket', prefix: 'a/b' });
    expect(() => parseS3Location('s3:///x')).toThrow(/expected s3:\/\/bucket/);
  });

  it('puts, gets, heads, lists and deletes under the prefix', async () => {
    expect(store.uri).toBe(`s3://${server.bucket}/runs/a`);
    const put = await putJson(store, 'reports/drift/latest.json', { drift_score: 0.5 });
    expect(put.etag).not.toBe('');
    const got = await store.get('reports/drift/latest.json');
    expect(JSON.parse(got?.body.toString() ?? 'null')).toEqual({ drift_score: 0.5 });
    expect(got?.info.etag).toBe(put.etag);
    expect((await store.head('reports/drift/latest.json'))?.etag).toBe(put.etag);
    await store.put('models/m/1/model.onnx', new Uint8Array([0, 1, 2, 255]));
    expect(await store.list('')).toEqual(['models/m/1/model.onnx', 'reports/drift/latest.json']);
    expect(await store.list('models/')).toEqual(['models/m/1/model.onnx']);
    expect(store.uriOf('models/m/1/model.onnx')).toBe(`s3://${server.bucket}/runs/a/models/m/1/model.onnx`);
    await store.delete('reports/drift/latest.json');
    expect(await store.get('reports/drift/latest.json')).toBeNull();
    expect(await store.head('reports/drift/latest.json')).toBeNull();
  });

  it('names the store and what to check when the bucket is missing or the credentials are refused', async () => {
    const storeAt = (location: string, accessKeyId: string) =>
      createArtifactStore({
        artifactStore: location,
        s3: { endpoint: server.endpoint, accessKeyId, secretAccessKey: server.secretAccessKey },
      });
    // A missing bucket is not a missing artifact: reads would otherwise look like an empty store.
    const noBucket = storeAt('s3://no-such-bucket/a', server.accessKeyId);
    // One at a time: a rejection created before its expectation is attached counts as unhandled.
    for (const attempt of [
      () => noBucket.get('x.json'),
      () => noBucket.put('x.json', '{}'),
      () => noBucket.list(''),
    ])
      await expect(attempt()).rejects.toThrow(
        's3://no-such-bucket/a: the bucket does not exist: create it, or correct ARTIFACT_STORE',
      );
    const stranger = storeAt(`s3://${server.bucket}/a`, 'nobody');
    await expect(stranger.get('x.json')).rejects.toThrow(
      /S3 refused the request \(InvalidAccessKeyId\): check AWS_/,
    );
    // A HEAD's refusal has no body, only its status.
    await expect(stranger.head('x.json')).rejects.toThrow(/S3 refused the request \(HTTP 403\)/);
  });

  it('says when S3_ENDPOINT is not S3: a web server answering pages, whatever their status', async () => {
    let status = 404;
    const web = createServer((_, response) => {
      response.writeHead(status, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
    });
    web.listen(0, '127.0.0.1');
    await once(web, 'listening');
    try {
      const { port } = web.address() as AddressInfo;
      const notS3 = createArtifactStore({
        artifactStore: 's3://models/a',
        s3: { endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'k', secretAccessKey: 's' },
      });
      // A 404 page is not "no such artifact": an empty store would be the wrong conclusion.
      const refused =
        /^s3:\/\/models\/a: the endpoint did not answer as S3 does \(HTTP 404 with no S3 error\): check S3_ENDPOINT$/;
      await expect(notS3.get('x.json')).rejects.toThrow(refused);
      await expect(notS3.list('')).rejects.toThrow(refused);
      await expect(notS3.put('x.json', '{}')).rejects.toThrow(refused);
      // A 200 page reads as an empty listing to the SDK; S3 always names the bucket in one.
      status = 200;
      await expect(notS3.list('')).rejects.toThrow(
        's3://models/a: the endpoint did not answer as S3 does (a listing without the bucket): check S3_ENDPOINT',
      );
      status = 502;
      await expect(notS3.list('')).rejects.toThrow(
        /HTTP 502 with no S3 error: a proxy's or the server's fault/,
      );
    } finally {
      web.close();
    }
  });

  it('changes the ETag when the content changes', async () => {
    const first = await store.put('odds/odds.csv', 'a,b\n1,2\n');
    const second = await store.put('odds/odds.csv', 'a,b\n3,4\n');
    expect(second.etag).not.toBe(first.etag);
    expect((await store.head('odds/odds.csv'))?.etag).toBe(second.etag);
  });

  it('round-trips Parquet', async () => {
    await putParquet(store, 'features/match_features.parquet', [
      { name: 'match_id', kind: 'bigint', values: [7] },
      { name: 'is_future', kind: 'boolean', values: [true] },
    ]);
    expect((await getParquet(store, 'features/match_features.parquet'))?.table).toEqual({
      match_id: [7],
      is_future: [true],
    });
  });
});
