import { defineConfig } from 'vitest/config';

/**
 * One project per runtime area, so a renderer test cannot lean on Node and a
 * core test cannot touch the DOM. Integration and e2e run one file at a time:
 * each starts real servers and browsers, and the CI machines have two cores.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'core', include: ['electron/core/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'electron',
          include: ['electron/{main,preload,web-host}/**/*.test.ts', 'build/**/*.test.ts'],
          environment: 'node',
        },
      },
      { test: { name: 'server', include: ['server/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { test: { name: 'renderer', include: ['renderer/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
