/**
 * The dashboard's build as the API serves it: the page asked again each time, hashed assets kept for good, and
 * the build's precompressed copies sent to clients that accept them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiFixture } from '../unit/api/fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'matchcast-ui-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the dashboard build', () => {
  it('serves the dashboard build when there is one', async () => {
    const uiDir = join(dir, 'ui-dist');
    mkdirSync(join(uiDir, 'assets'), { recursive: true });
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Matchcast dashboard</title>');
    writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
    // The build's precompressed copy (vite.config.ts) is what a client accepting brotli gets.
    writeFileSync(join(uiDir, 'assets', 'app.js.br'), brotliCompressSync('console.log(1)'));
    const withUi = await createApiFixture({ artifacts: false, uiDir });
    try {
      const page = await withUi.app.inject({ url: '/' });
      expect(page.body).toContain('Matchcast dashboard');
      expect(page.headers['cache-control']).toBe('no-cache');
      // As a browser asks for it (it answered 405 with preCompressed and a string index).
      const browser = await withUi.app.inject({
        url: '/',
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(browser.statusCode).toBe(200);
      expect(browser.body).toContain('Matchcast dashboard');
      const plain = await withUi.app.inject({ url: '/assets/app.js' });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const br = await withUi.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br' } });
      expect(br.headers).toMatchObject({
        'content-encoding': 'br',
        vary: expect.stringContaining('accept-encoding'),
      });
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
      // An asset of an older build is not found, in the error shape.
      const gone = await withUi.app.inject({ url: '/assets/app-old.js' });
      expect(gone.statusCode).toBe(404);
    } finally {
      await withUi.close();
    }
  });
});
