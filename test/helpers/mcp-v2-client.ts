import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { environmentWithoutServerSettings } from './clean-env.js';
import { builtServer, projectRoot } from './paths.js';

/** How the SDK v2 client picks the protocol era: pinned to 2026-07-28, probing, or the 2025 handshake. */
export type ClientEra = 'modern' | 'auto' | 'legacy';

/** The SDK's v2 client (@modelcontextprotocol/client), as a current host builds it. */
export function v2Client(era: ClientEra): Client {
  const mode = era === 'modern' ? ({ pin: '2026-07-28' } as const) : era;
  return new Client({ name: `graphql-ops-mcp-tests-v2-${era}`, version: '1.0.0' }, { versionNegotiation: { mode } });
}

export async function connectV2Http(url: string, era: ClientEra, headers: Record<string, string> = {}): Promise<Client> {
  const client = v2Client(era);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export interface V2StdioSession {
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built server and connects the v2 client to it over stdio. */
export async function connectV2Stdio(era: ClientEra, options: { env?: Record<string, string>; entry?: string; args?: string[]; cwd?: string } = {}): Promise<V2StdioSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [options.entry ?? builtServer, ...(options.args ?? [])],
    cwd: options.cwd ?? projectRoot,
    env: { ...environmentWithoutServerSettings(), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = v2Client(era);
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}
