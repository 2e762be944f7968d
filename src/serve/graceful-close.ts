/**
 * Closes an HTTP server the way a replica behind a load balancer must: stop accepting connections
 * (the balancer then sends new requests to the other replicas), let the requests in flight finish,
 * close keep-alive connections as they fall idle, and cut what is left only after `graceMs`.
 * Cutting a streaming (SSE) response leaves its client waiting for an answer that never comes.
 */
import type { Server } from 'node:http';

export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  // A busy keep-alive connection (a balancer's) never falls idle: answer what it still brings with
  // "Connection: close", so it ends after that answer and the balancer reconnects elsewhere.
  server.prependListener('request', (_request, response) => response.setHeader('connection', 'close'));
  return new Promise<void>((resolve, reject) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    deadline.unref();
    server.close((error) => {
      clearInterval(idle);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
