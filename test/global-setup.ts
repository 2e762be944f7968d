import { rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './helpers/paths.js';

/** Scratch projects of the previous run go at the start of a run (the last run's stay for debugging). */
export default function setup(): void {
  rmSync(path.join(projectRoot, 'test/.tmp'), { recursive: true, force: true });
}
