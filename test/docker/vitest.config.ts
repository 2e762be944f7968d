import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Only for .ci/docker-test.sh, after it has built the image: `npm test` does not pick these up. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/docker/**/*.docker-test.ts'],
    // Containers start in a second or two, but a busy 2-core CI machine deserves slack.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file, run in order: the containers share the daemon and the image.
    fileParallelism: false,
  },
});
