import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentWithoutServerSettings } from './helpers/clean-env.js';
import { connectV2Http, connectV2Stdio } from './helpers/mcp-v2-client.js';
import { projectRoot } from './helpers/paths.js';
import { createTempProject } from './helpers/temp-project.js';

const TSX = path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs');
const RELOAD_TIMEOUT = { timeout: 60_000, interval: 200 };
const LOOP_TEST_TIMEOUT = 240_000;
const GET_PROVIDER = ['# Get one provider.', 'query GetProvider($id: ID!) {', '  provider(id: $id) {', '    id', '    name', '  }', '}', ''].join('\n');

describe('npm run dev with 2026-07-28 clients', () => {
  it('over stdio: list_changed arrives on the client\'s subscriptions/listen stream', async () => {
    const project = createTempProject();
    const session = await connectV2Stdio('modern', { cwd: project.root, entry: TSX, args: ['codegen/dev/dev-server.ts'] });
    try {
      let changes = 0;
      session.client.setNotificationHandler('notifications/tools/list_changed', () => {
        changes++;
      });
      const subscription = await session.client.listen({ toolsListChanged: true });
      expect(subscription.honoredFilter.toolsListChanged).toBe(true);
      project.write('operations/providers/get-provider.graphql', GET_PROVIDER);
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThanOrEqual(1);
      expect((await session.client.listTools(undefined, { cacheMode: 'refresh' })).tools.map((tool) => tool.name)).toContain('get_provider');
    } finally {
      await session.close();
    }
  }, LOOP_TEST_TIMEOUT);

  it('over HTTP: list_changed arrives on subscriptions/listen, and the tool list is cacheable only briefly', async () => {
    const project = createTempProject();
    const child = spawn(process.execPath, [TSX, 'codegen/dev/dev-server.ts', '--http'], {
      cwd: project.root,
      env: { ...environmentWithoutServerSettings(), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      await expect.poll(() => /"url":"(http:[^"]+\/mcp)"/.exec(stderr)?.[1], RELOAD_TIMEOUT).toBeTruthy();
      const url = /"url":"(http:[^"]+\/mcp)"/.exec(stderr)![1];
      const client = await connectV2Http(url, 'modern');
      let changes = 0;
      client.setNotificationHandler('notifications/tools/list_changed', () => {
        changes++;
      });
      const subscription = await client.listen({ toolsListChanged: true });
      expect(subscription.honoredFilter.toolsListChanged).toBe(true);
      expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('get_provider');

      project.write('operations/providers/get-provider.graphql', GET_PROVIDER);
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThanOrEqual(1);
      // list_changed evicted the cached listing: the next listTools goes to the server.
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('get_provider');
      await subscription.close();
      await client.close();

      const raw = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } },
        }),
      });
      const { result } = await raw.json();
      expect(result.ttlMs).toBeGreaterThan(0);
      expect(result.ttlMs).toBeLessThanOrEqual(5_000);
    } finally {
      child.kill('SIGTERM');
    }
  }, LOOP_TEST_TIMEOUT);
});
