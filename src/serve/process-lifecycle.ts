import type { Transport } from '../config/config.js';
import type { Logger } from '../observability/logger.js';

/** sysexits.h EX_CONFIG: the configuration is wrong, restarting will not help. */
export const EXIT_CONFIG = 78;

export function exitWith(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Closes cleanly on SIGINT/SIGTERM, and over stdio when the client closes stdin. */
export function closeOnShutdown(logger: Logger, transport: Transport, close: () => Promise<void>): void {
  const shutdown = (reason: string) => {
    logger.info('shutting down', { reason });
    void close().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (transport === 'stdio') process.stdin.once('end', () => shutdown('stdin closed'));
}
