import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderValidation, localhostHostValidation, originValidation } from '@modelcontextprotocol/node';
import type { HttpConfig } from '../config/config.js';
import type { Logger } from '../observability/logger.js';

type Guard = (request: IncomingMessage, response: ServerResponse) => boolean;

const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The SDK's DNS-rebinding and Origin guards, configured from ours: the Host header is checked
 * against ALLOWED_HOSTS, or against loopback names when bound to loopback (as the SDK's app
 * factories do); a browser Origin must be loopback or listed in ALLOWED_ORIGINS (by hostname: the
 * SDK's check is port- and scheme-agnostic). Each guard answers 403 itself and returns false.
 */
export function requestGuards(http: HttpConfig, logger: Logger): Guard {
  const guards: Guard[] = [];
  if (http.allowedHosts?.length) guards.push(hostHeaderValidation(http.allowedHosts));
  else if (LOOPBACK_HOSTNAMES.includes(http.host) || http.host === '::1') guards.push(localhostHostValidation());
  else logger.warn(`binding to ${http.host} without DNS rebinding protection: set ALLOWED_HOSTS to the names clients use`);
  guards.push(originValidation([...LOOPBACK_HOSTNAMES, ...http.allowedOrigins.map((origin) => new URL(origin).hostname)]));
  return (request, response) => guards.every((guard) => guard(request, response));
}
