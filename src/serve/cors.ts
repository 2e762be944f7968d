import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for browser MCP clients on the origins in ALLOWED_ORIGINS (exactly) and loopback pages:
 * preflights are answered, the MCP request headers are allowed and the response headers a client
 * must read are exposed. Other origins get no CORS header at all (and the SDK's
 * Origin guard answers 403). `corsAnswer` decides; `applyCors` puts it on a node:http exchange.
 */

/** Request headers an MCP client sends: both protocol eras, bearer tokens, resumable streams. */
const ALLOWED_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', 'last-event-id', 'mcp-protocol-version', 'mcp-session-id', 'mcp-method', 'mcp-name'];
/** 2026-07-28 clients mirror tool arguments into `Mcp-Param-<name>` headers: any name under these prefixes. */
const ALLOWED_HEADER_PREFIXES = ['mcp-'];
/** Response headers a browser page may read. */
export const EXPOSED_RESPONSE_HEADERS = ['Mcp-Session-Id', 'Mcp-Protocol-Version', 'WWW-Authenticate', 'Last-Event-ID', 'Retry-After'];
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

export interface CorsRequest {
  method: string;
  origin: string | undefined;
  /** Access-Control-Request-Method, on a preflight. */
  requestMethod: string | undefined;
  /** Access-Control-Request-Headers, on a preflight. */
  requestHeaders: string | undefined;
}

export interface CorsAnswer {
  /** A preflight: answer 204 with these headers and stop. */
  preflight: boolean;
  headers: Record<string, string>;
}

export function corsAnswer(request: CorsRequest, isAllowedOrigin: (origin: string) => boolean): CorsAnswer {
  const preflight = request.method === 'OPTIONS' && request.requestMethod !== undefined;
  if (!request.origin || !isAllowedOrigin(request.origin)) return { preflight: false, headers: {} };
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': request.origin, Vary: 'Origin' };
  if (!preflight) {
    headers['Access-Control-Expose-Headers'] = EXPOSED_RESPONSE_HEADERS.join(', ');
    return { preflight, headers };
  }
  headers['Access-Control-Allow-Methods'] = ALLOWED_METHODS;
  const requested = (request.requestHeaders ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const allowed = [...new Set([...ALLOWED_REQUEST_HEADERS, ...requested.filter(isMcpHeader)])];
  headers['Access-Control-Allow-Headers'] = allowed.join(', ');
  headers['Access-Control-Max-Age'] = '600';
  return { preflight, headers };
}

function isMcpHeader(name: string): boolean {
  return ALLOWED_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix)) && /^[a-z0-9-]+$/.test(name);
}

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Origins that get CORS headers: exactly those in ALLOWED_ORIGINS, and loopback pages (as the Origin guard admits them). */
export function isAllowedOrigin(origin: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** Sets the CORS headers for this request; answers a preflight (204) itself and then returns true. */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowedOrigins: ReadonlySet<string>): boolean {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const cors = corsAnswer(
    { method: request.method ?? 'GET', origin: request.headers.origin, requestMethod: header('access-control-request-method'), requestHeaders: header('access-control-request-headers') },
    (origin) => isAllowedOrigin(origin, allowedOrigins),
  );
  for (const [name, value] of Object.entries(cors.headers)) response.setHeader(name, value);
  if (!cors.preflight || !cors.headers['Access-Control-Allow-Origin']) return false;
  response.writeHead(204);
  response.end();
  return true;
}
