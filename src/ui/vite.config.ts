/** The dashboard's own Vite root: src/ui → src/ui/dist, served by the API at `/`. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * Writes a brotli and a gzip copy beside every text file of the build, once: the API serves them as they are
 * (@fastify/static's preCompressed) instead of compressing the same scripts on every request.
 */
function precompressed(): Plugin {
  return {
    name: 'matchcast-precompressed',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        );
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export const uiViteConfig = defineConfig({
  root,
  // Relative asset URLs, so the same build works at `/` and behind a path prefix.
  base: './',
  plugins: [react(), precompressed()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});

// Vite's CLI needs a default export; the named one is for the e2e tests' build step.
export default uiViteConfig;
