/**
 * Variant (d): the smallest reasonable hand-written MCP server for the same job, on the same SDK
 * line as ours (v2): one tool, one zod schema, one graphql-request call, served over stdio by the
 * SDK's serveStdio. The benchmark transpiles it to plain JS first so its cold start is not
 * charged for a TypeScript loader.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
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

serveStdio(() => {
  const server = new McpServer({ name: 'bench-baseline', version: '1.0.0' });
  server.registerTool('search_providers', { description: 'Find care providers by specialty or part of their name.', inputSchema }, async (args) => {
    const data = await client.request<Record<string, unknown>>(QUERY, args);
    return { content: [{ type: 'text', text: JSON.stringify(data) }] };
  });
  return server;
});
