import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { projectRoot } from './paths.js';

export const LINEAR_STYLE_DIR = path.join(projectRoot, 'test/fixtures/linear-style');

/**
 * A real GraphQL server (graphql-yoga) on 127.0.0.1 with the Linear-style schema: it validates
 * what it receives against that schema, records the variables of every request, and answers
 * `issues` with two issues.
 */
export async function startLinearStyleUpstream() {
  const received: { operationName?: string; variables?: Record<string, unknown> }[] = [];
  const issue = (n: number) => ({
    id: `issue-${n}`,
    identifier: `ENG-${n}`,
    title: `Issue ${n}`,
    priority: 2,
    createdAt: '2026-11-01T10:00:00Z',
    state: { id: 'state-1', name: 'Todo', type: 'unstarted' },
    team: { id: 'team-1', key: 'ENG', name: 'Engineering' },
    assignee: null,
  });
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: readFileSync(path.join(LINEAR_STYLE_DIR, 'schema.graphql'), 'utf8'),
      resolvers: { Query: { issues: () => ({ nodes: [issue(1), issue(2)], pageInfo: { hasNextPage: false, endCursor: null } }) } },
    }),
    logging: false,
    plugins: [
      {
        onParams({ params }) {
          received.push({ operationName: params.operationName ?? undefined, variables: params.variables as Record<string, unknown> | undefined });
        },
      },
    ],
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
