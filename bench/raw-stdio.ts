import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from './paths.js';
import type { ServerCommand } from './mcp-connect.js';

/**
 * A bare JSON-RPC client over stdio, for start-up timings: it only reads lines, so the numbers
 * are the server's (the SDK client would add its own schema validation, e.g. compiling a JSON
 * Schema validator for every tool's outputSchema on tools/list).
 */
export class RawStdioServer {
  private chunks: string[] = [];
  private readonly waiting = new Map<number, (line: string) => void>();
  private nextId = 1;
  private stderr = '';

  private constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk.toString('utf8');
    });
  }

  static spawn(command: ServerCommand): RawStdioServer {
    const child = spawn(process.execPath, command.args, {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...command.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new RawStdioServer(child);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends a request and resolves with the raw response line (its length is the payload size). */
  request(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<string> {
    const id = this.nextId++;
    const answered = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} got no answer within ${timeoutMs} ms\n${this.stderr.slice(-2000)}`)), timeoutMs);
      this.child.once('exit', (code) => reject(new Error(`the server exited (${code}) before answering ${method}\n${this.stderr.slice(-2000)}`)));
      this.waiting.set(id, (line) => {
        clearTimeout(timer);
        if (!line.startsWith('{"result":')) reject(new Error(`${method} failed: ${line.slice(0, 500)}`));
        else resolve(line);
      });
    });
    this.send({ jsonrpc: '2.0', id, method, params });
    return answered;
  }

  notify(method: string): void {
    this.send({ jsonrpc: '2.0', method });
  }

  async initialize(): Promise<string> {
    const line = await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'graphql-ops-mcp-bench', version: '1.0.0' },
    });
    this.notify('notifications/initialized');
    return line;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    await Promise.race([exited, sleep(3_000)]);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private send(message: unknown): void {
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  private onData(chunk: string): void {
    // Only the new chunk is searched for line ends: a 3 MB tools/list arrives in many chunks.
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf('\n', start)) >= 0) {
      this.chunks.push(chunk.slice(start, newline));
      start = newline + 1;
      this.onLine(this.chunks.join(''));
      this.chunks = [];
    }
    if (start < chunk.length) this.chunks.push(chunk.slice(start));
  }

  private onLine(line: string): void {
    const id = responseId(line);
    const resolve = id === undefined ? undefined : this.waiting.get(Number(id));
    if (resolve) {
      this.waiting.delete(Number(id));
      resolve(line);
    }
  }
}

/**
 * The id of a JSON-RPC response line, or undefined for notifications and server requests. The SDK
 * writes `{"result":…,"jsonrpc":"2.0","id":N}`: reading the tail avoids parsing megabytes of tools.
 */
function responseId(line: string): string | undefined {
  if (/^\{"method":/.test(line)) return undefined;
  return /"id":(\d+)\}\s*$/.exec(line.slice(-40))?.[1];
}
