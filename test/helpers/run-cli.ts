import { execFile } from 'node:child_process';
import { environmentWithoutServerSettings } from './clean-env.js';

export interface CliResult {
  /** The process's exit code. */
  code: number;
  stdout: string;
  stderr: string;
}


/** Runs `npm run <script> -- <args>` in a folder, as a developer or CI would, with exactly these project variables. */
export function runNpmScript(cwd: string, script: string, args: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  const baseEnv = environmentWithoutServerSettings();
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      { cwd, env: { ...baseEnv, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
