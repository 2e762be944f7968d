#!/usr/bin/env node
// Launches `npm run dev` (codegen/dev/dev-server.ts) with plain node, printing nothing itself: over
// stdio, stdout is the MCP channel. MCP clients start this file directly (`npm run config --
// <client> --dev` prints that config); `npm run --silent dev` runs it without npm's banner.
import { register } from 'tsx/esm/api';

// The heavy packages load natively first: through tsx's loader hooks they take about twice as
// long, and the dev loop should answer `initialize` fast. Later imports hit Node's module cache.
const packages = ['graphql', 'zod', '@modelcontextprotocol/server', '@modelcontextprotocol/server/stdio', '@modelcontextprotocol/server/validators/ajv', 'graphql-request', 'esbuild'];
if (!process.env.GRAPHQL_ENDPOINT) packages.push('graphql-yoga', '@graphql-yoga/plugin-persisted-operations');
if (process.argv.includes('--http') || process.env.TRANSPORT === 'http') packages.push('@modelcontextprotocol/node');
await Promise.all(packages.map((name) => import(name).catch(() => undefined)));

register();
await import('./dev-server.ts');
