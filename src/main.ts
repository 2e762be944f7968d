#!/usr/bin/env node
/**
 * graphql-ops-mcp: serves the generated GraphQL operation tools over MCP (stdio).
 * Configuration comes from the environment; see README "Configuration".
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { tools } from '../generated/tools.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createMcpServer } from './server.js';
import { UpstreamClient } from './upstream-client.js';
import { resolveUpstreamTarget } from './upstream-target.js';

/** sysexits.h EX_CONFIG: the configuration is wrong, restarting will not help. */
const EXIT_CONFIG = 78;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error.message}\nSee README "Configuration".`);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });

  let target;
  try {
    target = resolveUpstreamTarget(config);
  } catch (error) {
    exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (target.demo) {
    logger.info('GRAPHQL_ENDPOINT is not set: serving the embedded demo API (patients, providers, appointments) in-process. Set GRAPHQL_ENDPOINT to use your own API.');
  } else if (!config.apiKey) {
    logger.warn('API_KEY is not set: requests to the GraphQL API are sent without an Authorization header.');
  }

  const server = createMcpServer(tools, { upstream: new UpstreamClient(target.options), logger, endpointLabel: target.label });
  const transport = new StdioServerTransport();
  await server.connect(transport);
  logger.info('graphql-ops-mcp ready on stdio', { tools: tools.length, upstream: target.label });

  const shutdown = (reason: string) => {
    logger.info('shutting down', { reason });
    void server.close().finally(() => process.exit(0));
  };
  process.stdin.once('end', () => shutdown('stdin closed'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

function exitWith(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((error: unknown) => {
  process.stderr.write(`graphql-ops-mcp: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
