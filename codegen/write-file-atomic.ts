import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so readers see the old content or the new, never half of it: the text goes to a
 * temporary file next to it, which is then renamed over it (atomic on one file system).
 */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
