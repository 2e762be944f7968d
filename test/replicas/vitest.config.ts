import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The replica test (3 servers behind nginx, 2,000 calls): its own CI step, `npm run test:replicas`. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/replicas/**/*.replica-test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
