import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, isJsonContentType, type AuthInfo } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createOAuthGate } from './auth/oauth-gate.js';
import { calledTools, servingCallsIn } from './called-tools.js';
import { clientKey } from './client-key.js';
import { applyCors } from './cors.js';
import { closeGracefully } from './graceful-close.js';
import { serveLegacyChangeStream } from './legacy-change-stream.js';
import { answerJsonRpcError, readJsonBody } from './request-body.js';
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
  let listeningUrl = '';
  const oauth = context.config.auth && createOAuthGate(context.config.auth, context.catalog, () => listeningUrl);
  const handler = createMcpHandler(
    // Under OAuth the Authorization header carries the caller's token, never an upstream key of its own.
    ({ requestInfo, authInfo }) =>
      createMcpServer(context, {
        auth: { apiKey: oauth ? oauth.upstreamKey(authInfo) : requestInfo && clientKey(requestInfo.headers, http.clientKeyHeader) },
        onlyTools: calledTools(),
      }),
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

  const origins = new Set(http.allowedOrigins);
  // Streams that outlive a call (GET /mcp, subscriptions/listen): ended at close, clients reopen them elsewhere.
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    // Every route, /health too: a page rebound to this address learns nothing.
    if (!guard(request, response)) return;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (applyCors(request, response, origins)) return;
    // Host and Origin checks for every path: /health and the metadata too (DNS rebinding).
    if (!guard(request, response)) return;
    if (oauth?.serveMetadata(path, request, response)) return;
    if (path === '/health' && request.method === 'GET') {
      void healthReport(context).then(
        (report) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(report));
        },
        (error: unknown) => {
          context.logger.error('health report failed', { error: error instanceof Error ? error.message : String(error) });
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: 'error' }));
        },
      );
      return;
    }
    if (path !== '/mcp') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Not found: MCP is served at /mcp, health at /health' }));
      return;
    }
    void (async () => {
      if (oauth) {
        // Validated here, before the SDK: a refused token never reaches a tool or the API.
        const authInfo = await oauth.authenticate(request, response);
        if (!authInfo) return;
        (request as IncomingMessage & { auth?: AuthInfo }).auth = authInfo;
      }
      if (request.method === 'GET' || request.headers['mcp-method'] === 'subscriptions/listen') {
        streams.add(response);
        response.on('close', () => streams.delete(response));
      }
      if (request.method === 'GET') return void serveLegacyChangeStream(context, request, response);
      if (request.method === 'POST' && isJsonContentType(request.headers['content-type'] ?? null)) return void (await serveJsonPost(request, response));
      // Anything else (other methods, other content types) gets the SDK's own answer.
      void serveMcp(request, response);
    })().catch((error: unknown) => {
      // A client that goes away mid-body ends the read with an error: nothing is left to answer.
      context.logger.warn('MCP request aborted', { error: error instanceof Error ? error.message : String(error) });
      response.destroy();
    });
  });

  async function serveJsonPost(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request);
    if (!body.ok) return answerJsonRpcError(response, body);
    await servingCallsIn(body.value, () => serveMcp(request, response, body.value));
  }

  await listen(server, http.port, http.host);
  const { port } = server.address() as AddressInfo;
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  listeningUrl = `http://${host}:${port}/mcp`;
  return {
    url: listeningUrl,
    async close() {
      unsubscribe();
      // Calls in flight finish (up to the upstream TIMEOUT, at most 25 s: inside Kubernetes' default
      // 30 s grace); a balancer sends new requests to the other replicas meanwhile.
      const drained = closeGracefully(server, Math.min(context.config.timeoutMs, 25_000));
      for (const stream of streams) stream.end();
      await drained;
      await handler.close();
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
