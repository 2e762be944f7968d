import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Resident set size of a process in MiB (Linux /proc; elsewhere ps). */
export function rssMiB(pid: number): number {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}
