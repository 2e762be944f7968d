#!/usr/bin/env node
/**
 * graphql-ops-mcp: serves the generated GraphQL operation tools over MCP, on stdio (default) or
 * Streamable HTTP (--http or TRANSPORT=http). Configuration: environment variables, see README.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { tools as generatedTools } from '../generated/tools.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { startHttpServer } from './http-server.js';
import { createLogger, type Logger } from './logger.js';
import { toolsForMutationMode, type ServerContext } from './server-context.js';
import { createMcpServer } from './server.js';
import { UpstreamClient } from './upstream-client.js';
import { UpstreamHealth } from './upstream-health.js';
import { resolveUpstreamTarget } from './upstream-target.js';

/** sysexits.h EX_CONFIG: the configuration is wrong, restarting will not help. */
const EXIT_CONFIG = 78;

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error.message}\nSee README "Configuration".`);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });
  const context = createContext(config, logger);

  if (config.transport === 'http') {
    let http;
    try {
      http = await startHttpServer(context);
    } catch (error) {
      exitWith(1, `graphql-ops-mcp: ${error instanceof Error ? error.message : String(error)}`);
    }
    logger.info('graphql-ops-mcp ready: MCP Streamable HTTP', { url: http.url, health: http.url.replace(/\/mcp$/, '/health'), tools: context.tools().length, upstream: context.upstreamLabel });
    onShutdown(logger, () => http.close());
    return;
  }

  const server = createMcpServer(context);
  await server.connect(new StdioServerTransport());
  logger.info('graphql-ops-mcp ready on stdio', { tools: context.tools().length, upstream: context.upstreamLabel });
  process.stdin.once('end', () => shutdown(logger, 'stdin closed', () => server.close()));
  onShutdown(logger, () => server.close());
}

function createContext(config: ServerConfig, logger: Logger): ServerContext {
  let target;
  try {
    target = resolveUpstreamTarget(config);
  } catch (error) {
    exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (target.demo && !config.apiKey) {
    // The demo API's key is random then: keys sent by MCP clients could never match it.
    config = { ...config, http: { ...config.http, clientKeyHeader: undefined } };
  }
  if (target.demo) {
    logger.info('GRAPHQL_ENDPOINT is not set: serving the embedded demo API (patients, providers, appointments) in-process. Set GRAPHQL_ENDPOINT to use your own API.');
  } else if (!config.apiKey) {
    logger.warn('API_KEY is not set: requests to the GraphQL API carry no Authorization header unless the MCP client sends its own key over HTTP.');
  }
  const upstream = new UpstreamClient(target.options);
  const tools = toolsForMutationMode(generatedTools, config.mutations);
  return {
    config,
    tools: () => tools,
    upstream,
    upstreamLabel: target.label,
    logger,
    health: new UpstreamHealth(upstream),
    startedAt: Date.now(),
  };
}

function onShutdown(logger: Logger, close: () => Promise<void>): void {
  process.once('SIGINT', () => shutdown(logger, 'SIGINT', close));
  process.once('SIGTERM', () => shutdown(logger, 'SIGTERM', close));
}

function shutdown(logger: Logger, reason: string, close: () => Promise<void>): void {
  logger.info('shutting down', { reason });
  void close().finally(() => process.exit(0));
}

function exitWith(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((error: unknown) => {
  process.stderr.write(`graphql-ops-mcp: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
