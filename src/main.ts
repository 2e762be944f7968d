#!/usr/bin/env node
/**
 * graphql-ops-mcp: serves the generated GraphQL operation tools over MCP, on stdio (default) or
 * Streamable HTTP (--http or TRANSPORT=http). Configuration: environment variables, see README.
 */
import path from 'node:path';
import { tools } from '../generated/tools.js';
import { ConfigError, loadConfig, type ServerConfig } from './config/config.js';
import { createLogger } from './observability/logger.js';
import { startServer, type RunningServer } from './serve/start-server.js';
import { exitWith, EXIT_CONFIG } from './serve/process-lifecycle.js';
import { shutDownGracefully } from './serve/graceful-shutdown.js';
import { packageRoot } from './config/package-info.js';
import { readToolList } from './tools/tool-list.js';
import { missingEnvironment } from './tools/fixed-variables.js';

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error.message}\nSee README "Configuration".`);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });
  let server: RunningServer;
  try {
    server = await startServer(config, tools, readToolList(path.join(packageRoot(), 'generated/tool-list.json'), logger), logger);
  } catch (error) {
    exitWith(EXIT_CONFIG, `graphql-ops-mcp: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Hidden @mcp variables read from the environment: say at start which are missing, not only at the first call.
  for (const problem of missingEnvironment(tools)) logger.warn(problem);
  shutDownGracefully({ logger, transport: config.transport, calls: server.context.calls, graceMs: config.shutdownGraceMs, close: () => server.close() });
}

main().catch((error: unknown) => {
  process.stderr.write(`graphql-ops-mcp: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
