/**
 * The README's Troubleshooting table quotes what the server prints: each quoted message must come
 * out of the built server, word for word (an ellipsis stands for the variable part).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtServer, projectRoot } from './helpers/paths.js';

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Troubleshooting\n'), readme.indexOf('\n## ', readme.indexOf('## Troubleshooting\n') + 1));

/** The `quoted` messages in the first cell of the table row that contains `marker`. */
function quotedIn(marker: string): string[] {
  const row = section.split('\n').find((line) => line.startsWith('|') && line.includes(marker));
  if (!row) throw new Error(`README Troubleshooting has no row with ${marker}`);
  const firstCell = row.split(' | ')[0];
  return [...firstCell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

/** Every part of the message between ellipses occurs in the output. */
function expectPrinted(output: string, message: string): void {
  for (const fragment of message.split('…').map((part) => part.trim()).filter(Boolean)) {
    expect(output, `README quotes "${message}"`).toContain(fragment);
  }
}

/** Runs the built server with the given env and arguments and stdin closed; resolves when it exits. */
function runServer(env: Record<string, string>, args: string[] = [], entry = builtServer): Promise<{ code: number | null; stderr: string }> {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GRAPHQL_ENDPOINT|API_KEY|TIMEOUT|TRANSPORT|PORT|HOST|LOG_LEVEL)$/.test(key)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env: { ...baseEnv, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within 20 s:\n${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'troubleshooting-'));
let busy: Server | undefined;
afterAll(() => {
  busy?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('README Troubleshooting quotes the server', () => {
  it('bad configuration: every problem listed, exit code 78', async () => {
    const run = await runServer({ TIMEOUT: 'soon', API_KEY: 'Bearer abc' });
    expect(run.code).toBe(78);
    const quoted = quotedIn('Invalid configuration');
    expect(quoted.length).toBeGreaterThanOrEqual(3);
    for (const message of quoted) expectPrinted(run.stderr, message);
  });

  it('an endpoint without a scheme, and an unknown flag', async () => {
    const endpoint = await runServer({ GRAPHQL_ENDPOINT: 'localhost:4000/graphql' });
    expect(endpoint.code).toBe(78);
    expectPrinted(endpoint.stderr, quotedIn('GRAPHQL_ENDPOINT must be')[0]);
    const flag = await runServer({}, ['--port', '3000']);
    expect(flag.code).toBe(78);
    expectPrinted(flag.stderr, quotedIn('unknown option --port')[0]);
  });

  it('no API_KEY with an endpoint, and a stdio server whose stdin closes', async () => {
    const run = await runServer({ GRAPHQL_ENDPOINT: 'http://127.0.0.1:9/graphql' });
    expectPrinted(run.stderr, quotedIn('API_KEY is not set')[0]);
    expectPrinted(run.stderr, quotedIn('stdin closed')[0]);
  });

  it('the HTTP port in use', async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
    const port = String((busy.address() as { port: number }).port);
    const run = await runServer({ PORT: port }, ['--http']);
    expect(run.code).not.toBe(0);
    expectPrinted(run.stderr, quotedIn('the port is in use')[0].replace('8080', port));
  });

  it('the demo API after the schema was replaced', async () => {
    // A copy of the built package whose schema is someone else's API.
    const copy = path.join(scratch, 'package');
    cpSync(path.join(projectRoot, 'dist'), path.join(copy, 'dist'), { recursive: true });
    cpSync(path.join(projectRoot, 'package.json'), path.join(copy, 'package.json'));
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    cpSync(path.join(projectRoot, 'schema'), path.join(copy, 'schema'), { recursive: true });
    writeFileSync(path.join(copy, 'schema', 'schema.graphql'), 'type Query { hello: String }\n');
    const run = await runServer({}, [], path.join(copy, 'dist', 'src', 'main.js'));
    expect(run.code).toBe(78);
    expectPrinted(run.stderr, quotedIn('only serves the shipped demo schema')[0]);
  });
});
