import { defineConfig } from 'vite';

// Plain esbuild JSX for Preact: no Babel plugin needed, the build stays fast and small.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2019',
    sourcemap: false,
    // The world boundaries are a separate lazily loaded chunk; nothing else should be this big.
    chunkSizeWarningLimit: 200,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:18090', '/healthz': 'http://127.0.0.1:18090' },
  },
});
