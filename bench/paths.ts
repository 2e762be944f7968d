import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const builtServer = path.join(projectRoot, 'dist/src/main.js');
export const tsxCli = path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs');

/** bench/.tmp/<name>: scratch space inside the project, so generated code resolves node_modules by walking up. */
export function scratchPath(name: string): string {
  const dir = path.join(projectRoot, 'bench/.tmp', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
