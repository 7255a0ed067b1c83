// Unit tests of the sidebar's model, formatting rules and React components, in a jsdom page.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/__tests__/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/__tests__/setup.ts'],
    // @jupyter/web-components (under @jupyterlab/ui-components) imports its ESM
    // files without extensions, which only a bundler resolves: let Vite do it.
    server: { deps: { inline: [/@jupyter\/web-components/] } },
    // Times are compared with Python's rules in UTC (see format.spec.ts).
    env: { TZ: 'UTC' }
  }
});
