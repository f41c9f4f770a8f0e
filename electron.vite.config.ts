// Builds the four entries of the app: Electron main, the headless CLI and library (all in
// out/main), the preload script and the console (out/renderer, served at /ui/console).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { ignoreKnownWarnings } from './scripts/known-build-warnings.js';

export default defineConfig({
  main: {
    build: {
      // Bundle the dependencies into out/main: loading one file instead of hundreds of modules
      // halves the CLI's cold start (docs/benchmarks.md). Electron itself stays external.
      externalizeDeps: false,
      rollupOptions: {
        onLog: ignoreKnownWarnings,
        input: {
          electron: resolve('src/main/electron/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          lib: resolve('src/main/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed windows cannot load an ES-module preload, so this one is CommonJS.
      rollupOptions: {
        onLog: ignoreKnownWarnings,
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: '/ui/console/',
    plugins: [react()],
    build: {
      // Served to browsers over HTTP: ship it minified.
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
