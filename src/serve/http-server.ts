import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { clientKey } from './client-key.js';
import { serveLegacyChangeStream } from './legacy-change-stream.js';
import { requestGuards } from './request-guards.js';
import { healthReport } from './resources.js';
import type { ServerContext } from './server-context.js';
import { createMcpServer } from './server.js';

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * MCP Streamable HTTP at /mcp through the SDK's handler: 2026-07-28 requests (per-request
 * envelope, server/discover, subscriptions/listen) and 2025-era requests (stateless fallback)
 * from one factory, a fresh server per request, so any replica can answer any request.
 * GET /health for health checks.
 */
export async function startHttpServer(context: ServerContext): Promise<RunningHttpServer> {
  const { http } = context.config;
  const handler = createMcpHandler(
    ({ requestInfo }) => createMcpServer(context, { auth: { apiKey: requestInfo && clientKey(requestInfo.headers, http.clientKeyHeader) } }),
    {
      legacy: 'stateless',
      // The SDK reports rejected requests here too; the message never carries the request body.
      onerror: (error) => context.logger.warn('MCP request rejected or failed', { error: error.message }),
    },
  );
  const serveMcp = toNodeHandler(handler, { onerror: (error) => context.logger.error('MCP request failed', { error: error.message }) });
  // npm run dev changes the tools: 2026-07-28 clients hear it on their subscriptions/listen stream.
  const unsubscribe = context.catalog.onChange(() => handler.notify.toolsChanged());
  const guard = requestGuards(http, context.logger);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/health' && request.method === 'GET') {
      void healthReport(context).then((report) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(report));
      });
      return;
    }
    if (path !== '/mcp') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Not found: MCP is served at /mcp, health at /health' }));
      return;
    }
    if (!guard(request, response)) return;
    if (request.method === 'GET') return void serveLegacyChangeStream(context, request, response);
    void serveMcp(request, response);
  });

  await listen(server, http.port, http.host);
  const { port } = server.address() as AddressInfo;
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  return {
    url: `http://${host}:${port}/mcp`,
    async close() {
      unsubscribe();
      await handler.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.listen(port, host);
    server.once('listening', () => resolve());
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot listen on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use; set PORT to a free one' : error.message}`)),
    );
  });
}
