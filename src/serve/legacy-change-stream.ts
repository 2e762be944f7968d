import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { ServerContext } from './server-context.js';
import { createMcpServer } from './server.js';

/**
 * GET /mcp for 2025-era clients: a stream that carries notifications/tools/list_changed when the
 * tools change under `npm run dev`. The SDK's stateless fallback answers GET with 405 (it has no
 * sessions); this stream needs none either, so it works on any replica. 2026-07-28 clients use
 * subscriptions/listen instead, which the SDK's handler serves.
 */
export async function serveLegacyChangeStream(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const server = createMcpServer(context, { followCatalog: true });
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(request, response);
  } catch (error) {
    context.logger.error('GET /mcp stream failed', { error: error instanceof Error ? error.message : String(error) });
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null }));
    }
  }
}
