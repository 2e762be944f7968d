import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphQLClient } from 'graphql-request';
import { compiledBaselineServer, compiledFloorHttpServer } from './baseline.js';
import { connectHttp, connectStdio, type McpSession, type ServerCommand } from './mcp-connect.js';
import { projectRoot } from './paths.js';
import { BENCH_API_KEY, BENCH_QUERY, BENCH_QUERY_INLINED, BENCH_TOOL, BENCH_VARIABLES } from './upstream.js';

/** One way of getting the search_providers answer from the upstream, ready to be called in a loop. */
export interface RunningVariant {
  call(): Promise<void>;
  close(): Promise<void>;
}

export interface Variant {
  key: string;
  label: string;
  start(upstreamUrl: string): Promise<RunningVariant>;
}

export const MCP_GRAPHQL_BIN = path.join(projectRoot, 'node_modules/mcp-graphql/dist/index.js');

/** How our server (or the baseline) is started against the upstream. */
export function serverCommand(entry: string, upstreamUrl: string): ServerCommand {
  return { args: [entry], env: { GRAPHQL_ENDPOINT: upstreamUrl, API_KEY: BENCH_API_KEY } };
}

export function mcpGraphqlCommand(upstreamUrl: string): ServerCommand {
  return { args: [MCP_GRAPHQL_BIN], env: { ENDPOINT: upstreamUrl, HEADERS: JSON.stringify({ authorization: `Bearer ${BENCH_API_KEY}` }) } };
}

/** (a)-(e) of the issue, our HTTP server in both eras and with 1,000 tools (it builds a server per request), and (f) the HTTP floor. */
export function latencyVariants(entries: { demo: string; demo1000: string }): Variant[] {
  const ourTool = async (session: Promise<McpSession>) => toolCaller(await session, BENCH_TOOL, { ...BENCH_VARIABLES });
  return [
    {
      key: 'a',
      label: 'direct graphql-request',
      async start(url) {
        const client = new GraphQLClient(url, { headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
        const call = async () => {
          const data = await client.request<{ searchProviders: unknown[] }>(BENCH_QUERY, BENCH_VARIABLES);
          if (!Array.isArray(data.searchProviders)) throw new Error(`unexpected answer ${JSON.stringify(data)}`);
        };
        return { call, close: async () => {} };
      },
    },
    { key: 'b', label: 'ours, stdio', start: (url) => ourTool(connectStdio(serverCommand(entries.demo, url))) },
    { key: 'c', label: 'ours, HTTP, 2025 era (v1 client)', start: (url) => ourTool(connectHttp(serverCommand(entries.demo, url))) },
    { key: 'cm', label: 'ours, HTTP, 2026-07-28 (v2 client)', start: (url) => ourTool(connectHttp(serverCommand(entries.demo, url), 'modern')) },
    { key: 'c1k', label: 'ours, HTTP, 1,000 tools, 2026-07-28', start: (url) => ourTool(connectHttp(serverCommand(entries.demo1000, url), 'modern')) },
    { key: 'd', label: 'hand-written SDK v2 server, stdio', start: (url) => ourTool(connectStdio(serverCommand(compiledBaselineServer(), url))) },
    { key: 'f', label: 'floor: minimal SDK v2 HTTP server, 2025 era (v1 client)', start: (url) => ourTool(connectHttp(serverCommand(compiledFloorHttpServer(), url))) },
    { key: 'fm', label: 'floor: minimal SDK v2 HTTP server, 2026-07-28 (v2 client)', start: (url) => ourTool(connectHttp(serverCommand(compiledFloorHttpServer(), url), 'modern')) },
    {
      key: 'e',
      label: 'mcp-graphql query-graphql, stdio',
      // Same query, variables inlined: mcp-graphql forwards its `variables` argument as a string (see upstream.ts).
      start: async (url) => toolCaller(await connectStdio(mcpGraphqlCommand(url)), 'query-graphql', { query: BENCH_QUERY_INLINED }),
    },
  ];
}

/** Calls one tool with fixed arguments; an error result fails the benchmark rather than being timed. */
function toolCaller(session: McpSession, name: string, args: Record<string, unknown>): RunningVariant {
  const call = async () => {
    const result = (await session.client.callTool({ name, arguments: args })) as CallToolResult;
    const first = result.content?.[0];
    if (result.isError || first?.type !== 'text' || !first.text.includes('searchProviders')) {
      throw new Error(`${name} did not answer with data: ${JSON.stringify(result).slice(0, 500)}\n${session.stderr().slice(-2000)}`);
    }
  };
  return { call, close: () => session.close() };
}
