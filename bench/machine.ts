import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One line describing where the numbers were taken. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const npm = (() => {
    try {
      return execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  })();
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `${os.type()} ${os.release()} (${os.arch()})`,
    `Node ${process.version}, npm ${npm}`,
  ].join(', ');
}
