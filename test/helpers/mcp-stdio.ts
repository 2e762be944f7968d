import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { environmentWithoutServerSettings } from './clean-env.js';
import { builtServer, projectRoot } from './paths.js';

export interface StdioSession {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built server as Claude Desktop would, and connects the SDK's real client to it. */
export async function connectStdio(options: { env?: Record<string, string>; cwd?: string; entry?: string; args?: string[] } = {}): Promise<StdioSession> {
  const baseEnv = environmentWithoutServerSettings();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [options.entry ?? builtServer, ...(options.args ?? [])],
    cwd: options.cwd ?? projectRoot,
    env: { ...baseEnv, ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'graphql-ops-mcp-tests', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  const first = content?.[0];
  if (!first || first.type !== 'text') throw new Error(`expected a text result, got ${JSON.stringify(result)}`);
  return first.text;
}
