/**
 * Variant (f): the floor for our HTTP server: a minimal stateless Streamable HTTP server on the
 * same SDK (v2: createMcpHandler with the stateless 2025-era fallback, toNodeHandler, node:http),
 * one tool, one graphql-request call. No Host/Origin guards, no logging. Listens on PORT at /mcp,
 * answers GET /health. Transpiled to plain JS by the benchmark, like (d).
 */
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { GraphQLClient } from 'graphql-request';
import { z } from 'zod';

const endpoint = process.env.GRAPHQL_ENDPOINT;
if (!endpoint) throw new Error('GRAPHQL_ENDPOINT is required');
const client = new GraphQLClient(endpoint, { headers: { authorization: `Bearer ${process.env.API_KEY ?? ''}` } });

const QUERY = `query SearchProviders($specialty: Specialty, $name: String, $limit: Int = 20) {
  searchProviders(specialty: $specialty, name: $name, limit: $limit) {
    id
    name
    specialty
    acceptingPatients
  }
}`;

const inputSchema = z.object({
  specialty: z.enum(['GENERAL_PRACTICE', 'CARDIOLOGY', 'DERMATOLOGY', 'PEDIATRICS', 'ORTHOPEDICS']).optional(),
  name: z.string().optional(),
  limit: z.number().int().optional(),
});

const handler = createMcpHandler(
  () => {
    const server = new McpServer({ name: 'bench-floor-http', version: '1.0.0' });
    server.registerTool('search_providers', { description: 'Find care providers by specialty or part of their name.', inputSchema }, async (args) => {
      const data = await client.request<Record<string, unknown>>(QUERY, args);
      return { content: [{ type: 'text', text: JSON.stringify(data) }] };
    });
    return server;
  },
  { legacy: 'stateless' },
);
const serve = toNodeHandler(handler);

createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
    return;
  }
  void serve(request, response);
}).listen(Number(process.env.PORT), '127.0.0.1');
