import type { NextFunction, Request, Response } from 'express';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Browsers send Origin; a page on a foreign site must not drive this server (DNS rebinding, CSRF).
 * Requests without Origin (MCP clients that are not browsers) pass; loopback origins pass; others
 * only when listed in ALLOWED_ORIGINS.
 */
export function originCheck(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    if (origin === undefined || isAllowedOrigin(origin, allowed)) return next();
    response.status(403).json({
      jsonrpc: '2.0',
      error: { code: -32000, message: `Forbidden: Origin ${origin} is not allowed. Add it to ALLOWED_ORIGINS to let that web page use this server.` },
      id: null,
    });
  };
}

/** The origins the check admits: listed ones and loopback pages. Shared with CORS. */
export function isAllowedOrigin(origin: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}
