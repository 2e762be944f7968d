import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { connectStdio, textOf } from './helpers/mcp-stdio.js';
import { projectRoot } from './helpers/paths.js';
import { createTempProject } from './helpers/temp-project.js';
import { environmentWithoutServerSettings } from './helpers/clean-env.js';
import { runNpmScript } from './helpers/run-cli.js';

const RELOAD_TIMEOUT = { timeout: 60_000, interval: 200 };
/** Each step is an in-process codegen run (under a second; more on a busy 2-core CI machine). */
const LOOP_TEST_TIMEOUT = 240_000;

const getProvider = (comment: string) =>
  [`# ${comment}`, 'query GetProvider($id: ID!) {', '  provider(id: $id) {', '    id', '    name', '  }', '}', ''].join('\n');

describe('npm run dev', () => {
  it('over stdio: picks up added, edited, broken and removed operations without a restart', async () => {
    const project = createTempProject();
    const session = await connectStdio({ cwd: project.root, entry: path.join(project.root, 'codegen/dev/dev.mjs') });
    let changes = 0;
    session.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes++;
    });
    const toolNames = async () => (await session.client.listTools()).tools.map((tool) => tool.name);
    try {
      expect(await toolNames()).not.toContain('get_provider');

      project.write('operations/providers/get-provider.graphql', getProvider('Get one provider.'));
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThanOrEqual(1);
      expect(await toolNames()).toContain('get_provider');
      const call = await session.client.callTool({ name: 'get_provider', arguments: { id: 'prov-1' } });
      expect(JSON.parse(textOf(call)).provider.id).toBe('prov-1');

      const afterAdd = changes;
      project.write('operations/providers/get-provider.graphql', getProvider('Get one provider, with a better description.'));
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThan(afterAdd);
      const described = (await session.client.listTools()).tools.find((tool) => tool.name === 'get_provider');
      expect(described?.description).toBe('Get one provider, with a better description.');

      const afterEdit = changes;
      project.write('operations/providers/get-provider.graphql', 'query GetProvider($id: ID!) {\n  provider(id: $id) {\n    nickname\n  }\n}\n');
      await expect.poll(() => session.stderr(), RELOAD_TIMEOUT).toMatch(/operations\/providers\/get-provider\.graphql:3:5: error: Cannot query field "nickname" on type "Provider"\./);
      await expect.poll(() => session.stderr(), RELOAD_TIMEOUT).toMatch(/keeping the previous tools/);
      expect(changes).toBe(afterEdit);
      expect(await toolNames()).toContain('get_provider');
      expect((await session.client.callTool({ name: 'get_provider', arguments: { id: 'prov-2' } })).isError).toBeFalsy();

      rmSync(project.file('operations/providers/get-provider.graphql'));
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThan(afterEdit);
      expect(await toolNames()).not.toContain('get_provider');
      expect(project.read('generated/tools.ts')).not.toContain('get_provider');
    } finally {
      await session.close();
    }
  }, LOOP_TEST_TIMEOUT);

  it('over HTTP: clients see the new tool and get list_changed on their GET stream', async () => {
    const project = createTempProject();
    const child = spawn(process.execPath, ['codegen/dev/dev.mjs', '--http'], {
      cwd: project.root,
      env: { ...process.env, PORT: '0', GRAPHQL_ENDPOINT: '', API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'dev-http-test', version: '1.0.0' });
    try {
      await expect.poll(() => /"url":"(http:[^"]+\/mcp)"/.exec(stderr)?.[1], RELOAD_TIMEOUT).toBeTruthy();
      const url = /"url":"(http:[^"]+\/mcp)"/.exec(stderr)![1];
      let changes = 0;
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        changes++;
      });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('get_provider');
      // The SDK client opens its GET stream right after initialization; give it a moment to be up.
      await new Promise((resolve) => setTimeout(resolve, 500));

      project.write('operations/providers/get-provider.graphql', getProvider('Get one provider.'));
      await expect.poll(() => changes, RELOAD_TIMEOUT).toBeGreaterThanOrEqual(1);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('get_provider');
    } finally {
      await client.close().catch(() => {});
      child.kill('SIGTERM');
    }
  }, LOOP_TEST_TIMEOUT);

  it('writes nothing but JSON-RPC on stdout, as `npm run --silent dev` and as the config `npm run config -- <client> --dev` prints', async () => {
    const project = createTempProject();
    const config = await runNpmScript(project.root, 'config', ['claude', '--dev']);
    expect(config.code, config.stderr).toBe(0);
    const entry = (JSON.parse(config.stdout) as { mcpServers: Record<string, { command: string; args: string[] }> }).mcpServers['graphql-ops'];
    expect(entry.args).toEqual([path.join(project.root, 'codegen/dev/dev.mjs')]);
    for (const [command, args] of [[entry.command, entry.args], ['npm', ['run', '--silent', 'dev']]] as const) {
      const answers = await strictStdioSession(command, [...args], project.root);
      expect(answers.map((answer) => answer.id)).toEqual([1, 2]);
      expect((answers[1].result as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toContain('search_providers');
    }
  }, LOOP_TEST_TIMEOUT);

  it('says on stderr how to start it when `npm run dev` put npm\'s banner on stdout', async () => {
    const project = createTempProject();
    const child = spawn('npm', ['run', 'dev'], { cwd: project.root, env: environmentWithoutServerSettings(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      await expect.poll(() => stderr, RELOAD_TIMEOUT).toMatch(/npm printed its banner on stdout, the MCP channel; strict clients fail on it\. Start it with `npm run --silent dev`/);
    } finally {
      child.stdin.end();
      child.kill('SIGTERM');
    }
  }, LOOP_TEST_TIMEOUT);
});

/**
 * A client stricter than the SDK's: every stdout line must be a JSON-RPC message, or it fails.
 * Sends initialize and tools/list; resolves with the two answers.
 */
async function strictStdioSession(command: string, args: string[], cwd: string): Promise<{ id: number; result?: unknown }[]> {
  const child = spawn(command, args, { cwd, env: environmentWithoutServerSettings(), stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  const answers: { id: number; result?: unknown }[] = [];
  const protocolErrors: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        const message = JSON.parse(line) as { jsonrpc?: string; id?: number; result?: unknown };
        if (message.jsonrpc !== '2.0') throw new Error('not JSON-RPC 2.0');
        if (typeof message.id === 'number') answers.push({ id: message.id, result: message.result });
      } catch {
        protocolErrors.push(line);
      }
    }
  });
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  try {
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'strict', version: '1' } } });
    await expect.poll(() => answers.length, RELOAD_TIMEOUT).toBe(1);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await expect.poll(() => answers.length, RELOAD_TIMEOUT).toBe(2);
    expect(protocolErrors).toEqual([]);
    return answers;
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
  }
}
