import { parseArgs, type ParseArgsConfig } from 'node:util';

/** How a command was called or configured is wrong: nothing was done, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit code for usage and configuration problems (1 is the command's own "failed" answer). */
export const USAGE_EXIT_CODE = 2;

/** node:util parseArgs, with its errors (unknown option, missing value) turned into usage errors. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs a command's main and exits with its code. Every failure becomes a message on stderr and a
 * non-zero exit, never a stack trace: usage errors exit 2 with the usage line, others `failureCode`.
 */
export async function runCommand(usage: string, main: () => Promise<number>, failureCode: number): Promise<never> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage.split('\n')[0]} (--help for details)\n`);
      process.exitCode = USAGE_EXIT_CODE;
    } else {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = failureCode;
    }
  }
  // Let stdout drain (a piped --json report can be large) before exiting.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit();
}
