/**
 * Graceful shutdown on SIGTERM/SIGINT (and over stdio when the client closes stdin): new tool
 * calls are not taken (over HTTP the listener closes; over stdio they are refused with an answer
 * saying so), calls in flight may finish within SHUTDOWN_GRACE,
 * then the rest are aborted, each still answered with an error, and the process exits 0.
 * A second signal exits at once.
 */
import type { Transport } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { CallTracker } from '../tools/call-tracker.js';

/** Time for the last answers to be written out before the transport closes. */
const FLUSH_MS = 100;

export interface ShutdownOptions {
  logger: Logger;
  transport: Transport;
  calls: CallTracker;
  graceMs: number;
  close: () => Promise<void>;
}

export function shutDownGracefully({ logger, transport, calls, graceMs, close }: ShutdownOptions): void {
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) {
      logger.warn('second shutdown request: exiting now', { reason });
      process.exit(0);
    }
    stopping = true;
    logger.info('shutting down', { reason, inFlight: calls.inFlight, graceMs });
    const closeNow = () => close().catch((error: unknown) => logger.warn('error while closing', { error }));
    // Over HTTP the listener closes at once, so a load balancer takes new connections to other
    // replicas, and requests already on open connections are still served within the grace period.
    // Over stdio there is nowhere else to go: new calls are refused with an answer saying so.
    const closing = transport === 'http' ? closeNow() : undefined;
    const { finished, aborted } = await calls.drain(graceMs, { refuseNew: transport !== 'http' });
    if (finished + aborted > 0) logger.info('calls in flight answered', { finished, aborted });
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    await (closing ?? closeNow());
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (transport === 'stdio') process.stdin.once('end', () => void shutdown('stdin closed'));
}
