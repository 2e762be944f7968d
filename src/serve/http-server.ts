import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { InFlightRequests } from './in-flight-requests.js';
import { installOAuth } from './auth/express-oauth.js';
import { closeGracefully } from './graceful-close.js';
import { corsAnswer } from './cors.js';
import { isAllowedOrigin, originCheck } from './origin-check.js';
import { healthReport } from './resources.js';
import type { ServerContext } from './server-context.js';
import { createMcpServer } from './server.js';

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * MCP Streamable HTTP at /mcp, stateless: every POST gets a fresh server and transport, so any
 * replica behind a plain load balancer can answer any request. GET /health for health checks.
 */
export async function startHttpServer(context: ServerContext): Promise<RunningHttpServer> {
  const { http } = context.config;
  const app = createMcpExpressApp({ host: http.host, allowedHosts: http.allowedHosts });
  const origins = new Set(http.allowedOrigins);
  app.use((request, response, next) => {
    const cors = corsAnswer(
      { method: request.method, origin: request.headers.origin, requestMethod: request.headers['access-control-request-method'], requestHeaders: request.headers['access-control-request-headers'] },
      (origin) => isAllowedOrigin(origin, origins),
    );
    response.set(cors.headers);
    if (cors.preflight && cors.headers['Access-Control-Allow-Origin']) return void response.status(204).end();
    next();
  });
  app.use(originCheck(http.allowedOrigins));
  let listeningUrl = '';
  const oauth = context.config.auth ? installOAuth(app, context.config.auth, context.catalog, () => context.config.auth?.audience ?? listeningUrl) : undefined;
  const authenticate = oauth ? [oauth.gate] : [];

  app.get('/health', async (_request, response) => {
    response.json(await healthReport(context));
  });

  const inFlight = new InFlightRequests();
  app.post('/mcp', ...authenticate, async (request: Request, response: Response) => {
    // Under OAuth the Authorization header carries the caller's token, never an upstream key of its own.
    const apiKey = oauth ? oauth.upstreamKey(request) : clientKey(request.headers, http.clientKeyHeader);
    const messages = (Array.isArray(request.body) ? request.body : [request.body]).filter(isMessage);
    // This server lives for one request: it needs only the tools that request calls.
    const server = createMcpServer(context, { auth: { apiKey }, onlyTools: calledTools(messages) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const caller = `${request.socket.remoteAddress ?? ''}|${apiKey ?? ''}`;
    inFlight.forwardCancellations(caller, messages);
    const untrack = inFlight.track(caller, messages, transport);
    response.on('close', untrack);
    await serve(server, transport, request, response);
  });

  // A GET opens a stream for server-initiated messages: here, tools/list_changed when the tools
  // change under `npm run dev`. It carries no session, so it works on any replica too.
  const streams = new Set<Response>();
  app.get('/mcp', ...authenticate, async (request: Request, response: Response) => {
    streams.add(response);
    response.on('close', () => streams.delete(response));
    const server = createMcpServer(context, { followCatalog: true });
    await serve(server, new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }), request, response);
  });

  /** Answers one HTTP request with a server of its own, closed (aborting its upstream calls) when the client goes away. */
  async function serve(server: McpServer, transport: StreamableHTTPServerTransport, request: Request, response: Response): Promise<void> {
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response, request.body);
    } catch (error) {
      context.logger.error('MCP request failed', { error });
      if (!response.headersSent) response.status(500).json(jsonRpcError(-32603, 'Internal server error'));
    }
  }

  app.all('/mcp', (_request, response) => {
    response.status(405).set('Allow', 'GET, POST').json(jsonRpcError(-32000, 'Method not allowed: this server is stateless (no sessions to delete); send MCP requests with POST.'));
  });

  const server = await listen(app, http.port, http.host);
  const { port } = server.address() as AddressInfo;
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  listeningUrl = `http://${host}:${port}/mcp`;
  return {
    url: listeningUrl,
    // In-flight calls finish (up to the upstream TIMEOUT, at most 25 s: inside Kubernetes' default 30 s grace).
    // GET streams carry no call: they end at once, and their clients reopen them on another replica.
    close: () => {
      const closing = closeGracefully(server, Math.min(context.config.timeoutMs, 25_000));
      for (const stream of streams) stream.end();
      return closing;
    },
  };
}

/** The MCP client's own key for the upstream API, from the configured header ("Bearer x" or a bare key). */
export function clientKey(headers: IncomingHttpHeaders, header: string | undefined): string | undefined {
  if (!header) return undefined;
  const raw = headers[header];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  return value.replace(/^bearer\s+/i, '') || undefined;
}

function calledTools(messages: readonly JSONRPCMessage[]): Set<string> {
  return new Set(
    messages.flatMap((message) =>
      'method' in message && message.method === 'tools/call' && typeof message.params?.name === 'string' ? [message.params.name] : [],
    ),
  );
}

function isMessage(value: unknown): value is JSONRPCMessage {
  return typeof value === 'object' && value !== null && (value as { jsonrpc?: unknown }).jsonrpc === '2.0';
}

function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

function listen(app: ReturnType<typeof createMcpExpressApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot listen on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use; set PORT to a free one' : error.message}`)),
    );
  });
}
