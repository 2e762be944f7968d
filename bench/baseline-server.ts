/**
 * Variant (d): the smallest reasonable hand-written MCP server for the same job: one tool, one
 * zod schema, one graphql-request call. Runs over stdio like ours; the benchmark transpiles it to
 * plain JS first so its cold start is not charged for a TypeScript loader.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
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

const server = new McpServer({ name: 'bench-baseline', version: '1.0.0' });
server.registerTool(
  'search_providers',
  {
    description: 'Find care providers by specialty or part of their name.',
    inputSchema: {
      specialty: z.enum(['GENERAL_PRACTICE', 'CARDIOLOGY', 'DERMATOLOGY', 'PEDIATRICS', 'ORTHOPEDICS']).optional(),
      name: z.string().optional(),
      limit: z.number().int().optional(),
    },
  },
  async (args) => {
    const data = await client.request<Record<string, unknown>>(QUERY, args);
    return { content: [{ type: 'text', text: JSON.stringify(data) }] };
  },
);
await server.connect(new StdioServerTransport());
