import { defineConfig } from 'vitest/config';

// Two projects: `vitest run --project unit` (fast, parallel) and `--project integration` (real
// Redis / replicas / nginx processes on free ports; one file at a time so they do not compete for CPU).
const exclude = ['**/node_modules/**', '**/.next/**', '**/e2e/**', '**/server/dist/**', '**/.run/**'];

export default defineConfig({
  // `@/...` imports as in tsconfig.json; projects inherit this through `extends: true`.
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude, environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
