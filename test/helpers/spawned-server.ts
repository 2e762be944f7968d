import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { environmentWithoutServerSettings } from './clean-env.js';
import { builtServer, projectRoot } from './paths.js';

export type TransportKind = 'stdio' | 'http';

/** The built server as its own process, with a real MCP client connected over stdio or HTTP. */
export interface SpawnedServer {
  child: ChildProcess;
  /** The exit code, once the process has ended. */
  exited: Promise<number | null>;
  client: Client;
  stderr(): string;
  /** HTTP only: the /mcp URL. */
  url?: string;
  /** stdio only: writes raw bytes to the server's stdin, as a misbehaving client would. */
  writeRaw(data: string): Promise<void>;
  /** Every line the server wrote to stdout (stdio only). */
  stdoutLines: string[];
  stop(): Promise<void>;
}

/** `headers` go with every HTTP request (e.g. a per-user key). */
export async function spawnServer(kind: TransportKind, env: Record<string, string>, headers: Record<string, string> = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [builtServer, ...(kind === 'http' ? ['--http'] : [])], {
    cwd: projectRoot,
    env: { ...environmentWithoutServerSettings(), PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const client = new Client({ name: 'fault-tests', version: '1.0.0' });
  const stdoutLines: string[] = [];
  let url: string | undefined;
  if (kind === 'stdio') {
    await client.connect(new ChildStdioTransport(child, stdoutLines));
  } else {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${stderr}`)), 20_000);
      child.stderr!.on('data', () => {
        const match = /"url":"(http:\/\/[^"]+\/mcp)"/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then((code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  }
  return {
    child,
    exited,
    client,
    url,
    stderr: () => stderr,
    stdoutLines,
    writeRaw: (data) => new Promise<void>((resolve, reject) => child.stdin!.write(data, (error) => (error ? reject(error) : resolve()))),
    async stop() {
      await client.close().catch(() => {});
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** An MCP transport over a spawned server's stdin/stdout (the SDK's own spawns the process itself). */
class ChildStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private buffer = '';

  constructor(
    private readonly child: ChildProcess,
    private readonly lines: string[],
  ) {}

  async start(): Promise<void> {
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      for (let newline = this.buffer.indexOf('\n'); newline !== -1; newline = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (!line.trim()) continue;
        this.lines.push(line);
        try {
          this.onmessage?.(JSON.parse(line) as JSONRPCMessage);
        } catch (error) {
          this.onerror?.(error as Error);
        }
      }
    });
    this.child.once('exit', () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    await new Promise<void>((resolve, reject) => this.child.stdin!.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    this.child.stdin!.end();
  }
}
