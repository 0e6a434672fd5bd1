import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves the built app at `/`; in dev, Vite serves it and forwards
// everything server-side to a locally running gateway.
const gateway = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: true },
      '/actuator': { target: gateway, changeOrigin: true },
      '/ws': { target: gateway, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
