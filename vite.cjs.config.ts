// The library's CommonJS build (out/main/lib.cjs) for `require('idp-emulator')` in test runners
// with their own module loader (Jest), which cannot load the ES-module build. Same entry as
// out/main/lib.js, with the dependencies bundled in the same way (electron.vite.config.ts).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { ignoreKnownWarnings } from './scripts/known-build-warnings.js';

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve('src/main/index.ts'),
    outDir: 'out/main',
    emptyOutDir: false,
    minify: false,
    rollupOptions: {
      onLog: ignoreKnownWarnings,
      output: { format: 'cjs', entryFileNames: 'lib.cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
