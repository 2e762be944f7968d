import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { environmentWithoutServerSettings } from './clean-env.js';
import { builtServer, projectRoot } from './paths.js';

export interface HttpServerProcess {
  url: string;
  healthUrl: string;
  stderr(): string;
  connect(headers?: Record<string, string>): Promise<Client>;
  stop(): Promise<void>;
}

/** Starts the built server with --http on an ephemeral 127.0.0.1 port and waits until it says where it listens. */
export async function startHttpServerProcess(env: Record<string, string> = {}): Promise<HttpServerProcess> {
  const baseEnv = environmentWithoutServerSettings();
  const child: ChildProcess = spawn(process.execPath, [builtServer, '--http'], {
    cwd: projectRoot,
    env: { ...baseEnv, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a server behind when start-up fails
      reject(new Error(`server did not start within 20 s:\n${stderr}`));
    }, 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+\/mcp)"/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  const clients: Client[] = [];
  return {
    url,
    healthUrl: url.replace(/\/mcp$/, '/health'),
    stderr: () => stderr,
    async connect(headers = {}) {
      const client = new Client({ name: 'graphql-ops-mcp-http-tests', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
