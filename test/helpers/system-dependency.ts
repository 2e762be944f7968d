import { existsSync } from 'node:fs';

/**
 * A Debian package a test needs (nginx, chromium). .ci/install-test-deps.sh installs them; in CI
 * (CI=true) a missing one fails the suite, elsewhere its tests are skipped with this message.
 */
export function systemDependency(binary: string, debianPackage: string): { available: boolean } {
  if (existsSync(binary)) return { available: true };
  const message = `${binary} is missing: install it with "bash .ci/install-test-deps.sh" (apt-get install ${debianPackage}).`;
  if (process.env.CI === 'true') throw new Error(`${message} CI must run these tests.`);
  console.warn(`skipping: ${message}`);
  return { available: false };
}
