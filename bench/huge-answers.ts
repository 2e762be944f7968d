/**
 * Huge upstream answers: an upstream on 127.0.0.1 streams a ~50 MB search_patients answer to every
 * request; the built server answers 8 such calls in flight over HTTP, then one over stdio. Reports
 * the server's peak RSS (VmHWM from /proc, the kernel's high-water mark), the time, and the size of
 * each result in estimated tokens. `npx tsx bench/huge-answers.ts [--server path/to/main.js]`
 * measures another build (e.g. main's) the same way.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { projectRoot } from './paths.js';

const ANSWER_BYTES = 50 * 1024 * 1024;
const IN_FLIGHT = 8;
const KEY = 'bench-key-0123456789';
const serverArgument = process.argv.indexOf('--server');
const server = serverArgument > 0 ? path.resolve(process.argv[serverArgument + 1]) : path.join(projectRoot, 'dist/src/main.js');

function streamAnswer(response: ServerResponse): void {
  const item = (index: number) => JSON.stringify({ id: `pat-${index}`, mrn: `MRN-${100000 + index}`, firstName: 'Ana', lastName: 'Rivera', dateOfBirth: '1984-07-14', status: 'ACTIVE' });
  const count = Math.ceil(ANSWER_BYTES / (item(0).length + 1));
  response.writeHead(200, { 'content-type': 'application/json' });
  response.on('error', () => {});
  let index = 0;
  const pump = () => {
    if (index === 0) response.write(`{"data":{"searchPatients":{"total":${count},"items":[`);
    while (index < count) {
      const chunk: string[] = [];
      for (const end = Math.min(count, index + 500); index < end; index++) chunk.push(item(index));
      if (!response.write((index > 500 ? ',' : '') + chunk.join(','))) return void response.once('drain', pump);
    }
    response.end(']}}}');
  };
  pump();
}

/** The process's peak RSS so far, or undefined once it has exited. */
function peakRssMiB(pid: number | undefined | null): number | undefined {
  try {
    const kib = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kib) / 1024);
  } catch {
    return undefined;
  }
}

/** Samples a process's peak RSS while `work` runs (it may exit before the end). */
async function peakDuring<T>(pid: number | undefined | null, work: Promise<T>): Promise<[T, number | undefined]> {
  let peak: number | undefined;
  const timer = setInterval(() => (peak = peakRssMiB(pid) ?? peak), 50);
  try {
    return [await work, peak];
  } finally {
    clearInterval(timer);
    peak = peakRssMiB(pid) ?? peak;
  }
}

const tokens = (result: unknown) => Math.ceil(JSON.stringify(result).length / 4);

const upstream = createServer((request, response) => {
  request.resume();
  request.on('end', () => streamAnswer(response));
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/graphql`;
const env = { PATH: process.env.PATH ?? '', GRAPHQL_ENDPOINT: endpoint, API_KEY: KEY, LOG_LEVEL: 'warn', TIMEOUT: '120s', CALL_DEADLINE: '10m', MAX_RESPONSE_BYTES: '200mb' };

// HTTP: 8 calls in flight.
const child = spawn(process.execPath, [server, '--http'], { env: { ...env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
const url = await new Promise<string>((resolve, reject) => {
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    const match = /"url":"(http:\/\/[^"]+\/mcp)"/.exec(stderr);
    if (match) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
});
const clients = await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    const client = new Client({ name: 'bench-huge', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return client;
  }),
);
const idleRss = peakRssMiB(child.pid);
let started = performance.now();
const [results, httpPeak] = await peakDuring(child.pid, Promise.all(clients.map((client) => client.callTool({ name: 'search_patients', arguments: {} }, undefined, { timeout: 600_000 }))));
const httpSeconds = (performance.now() - started) / 1000;
await Promise.all(clients.map((client) => client.close()));
child.kill('SIGTERM');

// stdio: one call, then the next call on the same connection.
const stdio = new Client({ name: 'bench-huge', version: '1.0.0' });
const transport = new StdioClientTransport({ command: process.execPath, args: [server], env, stderr: 'ignore' });
await stdio.connect(transport);
started = performance.now();
const stdioPid = transport.pid;
let stdioResult: unknown;
let stdioOutcome = 'answered';
let stdioPeak: number | undefined;
try {
  [stdioResult, stdioPeak] = await peakDuring(stdioPid, stdio.callTool({ name: 'search_patients', arguments: {} }, undefined, { timeout: 600_000 }));
} catch (error) {
  stdioOutcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
}
const stdioSeconds = (performance.now() - started) / 1000;
let nextCall = 'answered';
try {
  await stdio.callTool({ name: 'search_patients', arguments: { limit: 1 } }, undefined, { timeout: 600_000 });
} catch (error) {
  nextCall = `failed: ${error instanceof Error ? error.message : String(error)}`;
}
stdioPeak = peakRssMiB(stdioPid) ?? stdioPeak;
await stdio.close().catch(() => {});
upstream.close();

const summary = {
  server: path.relative(process.cwd(), server) || server,
  answerMiB: ANSWER_BYTES / 1024 / 1024,
  http: { inFlight: IN_FLIGHT, idleRssMiB: idleRss, peakRssMiB: httpPeak, seconds: Math.round(httpSeconds * 10) / 10, resultTokens: Math.max(...results.map(tokens)), errors: results.filter((result) => result.isError).length },
  stdio: { outcome: stdioOutcome, seconds: Math.round(stdioSeconds * 10) / 10, resultTokens: stdioResult ? tokens(stdioResult) : null, nextCall, peakRssMiB: stdioPeak },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(0);
