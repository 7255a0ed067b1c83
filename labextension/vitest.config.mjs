// Unit tests of the sidebar's model and formatting rules, in a jsdom page.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/__tests__/**/*.spec.ts'],
    // Times are compared with Python's rules in UTC (see format.spec.ts).
    env: { TZ: 'UTC' }
  }
});
