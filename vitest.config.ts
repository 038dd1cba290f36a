import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Child-process and Chromium tests are slow by nature; correctness, not speed, is tested here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
