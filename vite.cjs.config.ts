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
      // --https loads its X.509 code on demand (src/main/tls/serve-https.ts): a lazily required chunk.
      output: { format: 'cjs', entryFileNames: 'lib.cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
