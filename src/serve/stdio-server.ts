import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { ServerContext } from './server-context.js';
import { createMcpServer } from './server.js';
import { checkedStdin } from './stdio-line-check.js';

/**
 * MCP over stdio through the SDK's entry: the client's opening picks the era (2026-07-28
 * server/discover, or the 2025 initialize handshake) and one server from our factory serves the
 * connection. It follows the catalog, so `npm run dev` reaches the client as list_changed (2025)
 * or on its subscriptions/listen stream (2026-07-28). MCP logging is offered to 2025-era
 * clients only: there the level a client sets is kept for its connection.
 */
export function startStdioServer(context: ServerContext): { close(): Promise<void> } {
  const { logger } = context;
  const stdin = checkedStdin(
    process.stdin,
    (reply) => process.stdout.write(reply),
    (bytes) => logger.warn('stdin line is not JSON: answered -32700 (parse error)', { bytes }),
  );
  return serveStdio(({ era }) => createMcpServer(context, { followCatalog: true, logging: era === 'legacy' }), {
    transport: new StdioServerTransport(stdin, process.stdout),
    // A message that is not JSON-RPC, or a write failure: logged, and the connection goes on.
    onerror: (error) => logger.warn('MCP stdio error', { error: error.message }),
  });
}
