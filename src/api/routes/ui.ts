/** GET /: the dashboard's static build, or a short page saying how to build it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../services/api-services.ts';

// No inline style: the page's own Content-Security-Policy (style-src 'self') would block it and log an error.
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Matchcast</title></head>
<body>
<h1>Matchcast</h1>
<p>The dashboard is not built yet. Run <code>npm run build</code>, then reload.</p>
<p>The API is up: see <a href="/docs">/docs</a> and <a href="/healthcheck/">/healthcheck/</a>.</p>
</body></html>`;

export const uiRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  if (existsSync(join(services.uiDir, 'index.html'))) {
    // wildcard:false registers one route per built file, so unknown paths still reach the 404 handler.
    await app.register(fastifyStatic, {
      root: services.uiDir,
      prefix: '/',
      wildcard: false,
      // A list, not a string: with preCompressed, @fastify/static finds a string index only without Accept-Encoding.
      index: ['index.html'],
      // The build's .br/.gz copies (vite.config.ts), chosen by Accept-Encoding.
      preCompressed: true,
      setHeaders(reply, path) {
        // Vite names every asset by its content's hash: one URL never changes, so browsers keep it for good.
        // index.html names the current ones and is asked again each time.
        void reply.header(
          'cache-control',
          /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    return;
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(NOT_BUILT),
  );
};
