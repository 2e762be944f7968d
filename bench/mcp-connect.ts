import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as V2Client, StreamableHTTPClientTransport as V2StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { projectRoot } from './paths.js';

/** A server command to spawn: node plus arguments, with only the environment given here (and PATH/HOME). */
export interface ServerCommand {
  args: string[];
  env: Record<string, string>;
}

/** The calls a benchmark makes, the same on the v1 and v2 clients. */
export type BenchClient = Pick<Client, 'callTool' | 'listTools' | 'close'>;

export interface McpSession {
  client: BenchClient;
  /** The server's process id, for reading its memory. */
  pid: number;
  stderr(): string;
  close(): Promise<void>;
}

const CLIENT_INFO = { name: 'graphql-ops-mcp-bench', version: '1.0.0' };

/** Spawns a server and connects the SDK client over stdio (connect() includes the initialize handshake). */
export async function connectStdio(command: ServerCommand): Promise<McpSession> {
  const transport = new StdioClientTransport({ command: process.execPath, args: command.args, cwd: projectRoot, env: command.env, stderr: 'pipe' });
  let stderr = '';
  // Drained as a real client would (Claude Desktop writes it to a log); an undrained pipe would block the server.
  transport.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`could not start ${command.args.join(' ')}: ${(error as Error).message}\n${stderr}`);
  }
  return { client, pid: transport.pid ?? 0, stderr: () => stderr, close: () => client.close() };
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Spawns a server in HTTP mode, waits for GET /health, then connects over Streamable HTTP at /mcp:
 * the v1 client (2025 era, most hosts today) or the v2 client pinned to 2026-07-28.
 */
export async function connectHttp(command: ServerCommand, era: 'legacy' | 'modern' = 'legacy'): Promise<McpSession> {
  const port = await freePort();
  const child = spawn(process.execPath, command.args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ...command.env, TRANSPORT: 'http', HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/health`, child, () => stderr);
  let client: BenchClient;
  if (era === 'modern') {
    const modern = new V2Client(CLIENT_INFO, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await modern.connect(new V2StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    client = modern as unknown as BenchClient;
  } else {
    const legacy = new Client(CLIENT_INFO);
    await legacy.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    client = legacy;
  }
  return {
    client,
    pid: child.pid ?? 0,
    stderr: () => stderr,
    close: async () => {
      await client.close();
      await stopChild(child);
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the HTTP server exited (${child.exitCode}) before it was healthy:\n${stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  await stopChild(child);
  throw new Error(`the HTTP server did not answer ${url} within 15 s:\n${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
}
