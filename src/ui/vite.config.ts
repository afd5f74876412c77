/** The dashboard's own Vite root: src/ui → src/ui/dist, served by the API at `/`. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export const uiViteConfig = defineConfig({
  root,
  // Relative asset URLs, so the same build works at `/` and behind a path prefix.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});

// Vite's CLI needs a default export; the named one is for the e2e tests' build step.
export default uiViteConfig;
