import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/skip-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // The snapshots hold generated projects, whose own tests are not this suite's.
          exclude: ['**/node_modules/**', 'test/unit/**/__snapshots__/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: { name: 'migrate', include: ['test/migrate/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
      },
    ],
  },
});
