/**
 * The container image, tested for real: built by .ci/docker-test.sh (which runs this suite with
 * DOCKER_TEST_IMAGE set), run with the docker CLI, talked to with the MCP SDK's own client over
 * stdio and Streamable HTTP.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/tools.js';
import { startDemoApi } from '../../src/demo/demo-api.js';
import { createSeedState } from '../../src/demo/seed.js';
import { textOf } from '../helpers/mcp-stdio.js';
import { projectRoot } from '../helpers/paths.js';
import { docker, dockerOk, waitFor } from './docker-cli.js';

const image = process.env.DOCKER_TEST_IMAGE ?? '';
/** Every container this run starts carries this label, so cleanup removes exactly those. */
const runLabel = `io.github.graphql-ops-mcp.test-run=${randomUUID()}`;
let containerCount = 0;
const containerName = () => `graphql-ops-mcp-test-${process.pid}-${++containerCount}`;

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface StdioContainer {
  name: string;
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/**
 * `docker run -i --rm` as an MCP client would start it. Secrets are passed as `-e NAME` with the
 * value in the docker CLI's environment, the way the README tells users to, so they are not in argv.
 */
async function startStdioContainer(options: { env?: Record<string, string>; runArgs?: string[] } = {}): Promise<StdioContainer> {
  const name = containerName();
  const env = options.env ?? {};
  const transport = new StdioClientTransport({
    command: 'docker',
    args: ['run', '-i', '--rm', '--name', name, '--label', runLabel, ...(options.runArgs ?? []), ...Object.keys(env).flatMap((key) => ['-e', key]), image],
    env: { ...(process.env as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'graphql-ops-mcp-docker-test', version: '1.0.0' });
  await client.connect(transport, { timeout: 60_000 });
  return { name, client, stderr: () => stderr, close: () => client.close() };
}

beforeAll(async () => {
  if (!image) throw new Error('DOCKER_TEST_IMAGE is not set: run this suite through .ci/docker-test.sh, which builds the image first.');
  await dockerOk(['image', 'inspect', image]);
});

afterAll(async () => {
  const ids = (await dockerOk(['ps', '-aq', '--filter', `label=${runLabel}`])).split('\n').filter(Boolean);
  if (ids.length > 0) await dockerOk(['rm', '-f', ...ids]);
});

describe('the image', () => {
  it('holds only the production dependencies, the built server, the precomputed tool list, the trusted documents and the demo schema', async () => {
    const { app, generated, modules } = JSON.parse(
      await dockerOk(['run', '--rm', '--label', runLabel, '--entrypoint', 'node', image, '-e',
        `const fs = require('node:fs'); console.log(JSON.stringify({ app: fs.readdirSync('/app').sort(), generated: fs.readdirSync('/app/generated').sort(), modules: fs.readdirSync('/app/node_modules') }))`]),
    ) as { app: string[]; generated: string[]; modules: string[] };
    expect(app).toEqual(['dist', 'generated', 'node_modules', 'package-lock.json', 'package.json', 'schema', 'scripts']);
    // trusted-documents.json: the demo API's allowlist when TRUSTED_DOCUMENTS=hash.
    expect(generated).toEqual(['tool-list.json', 'trusted-documents.json']);
    for (const dependency of Object.keys(packageJson.dependencies)) {
      expect(modules, `production dependency ${dependency}`).toContain(dependency.split('/')[0]);
    }
    for (const devOnly of ['typescript', 'vitest', 'tsx', '@graphql-codegen']) expect(modules).not.toContain(devOnly);
  });

  it('runs as the unprivileged node user', async () => {
    expect((await dockerOk(['image', 'inspect', '--format', '{{.Config.User}}', image])).trim()).toBe('node');
    const uid = (await dockerOk(['run', '--rm', '--label', runLabel, '--entrypoint', 'id', image, '-u'])).trim();
    expect(uid).toMatch(/^\d+$/);
    expect(uid).not.toBe('0');
  });

  it('carries the OCI labels and the MCP registry name from server.json', async () => {
    const labels = JSON.parse(await dockerOk(['image', 'inspect', '--format', '{{json .Config.Labels}}', image])) as Record<string, string>;
    const serverJson = JSON.parse(readFileSync(path.join(projectRoot, 'server.json'), 'utf8')) as { name: string };
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': 'graphql-ops-mcp',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.version': packageJson.version,
      'io.modelcontextprotocol.server.name': serverJson.name,
    });
  });

  it('exits with EX_CONFIG (78) and names the variable on bad configuration', async () => {
    const result = await docker(['run', '--rm', '--label', runLabel, '-e', 'TIMEOUT=soon', image]);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('TIMEOUT "soon" must be a duration');
  });

  it('has a health check that passes in stdio mode and fails in HTTP mode when nothing answers', async () => {
    const run = (env: string[]) =>
      docker(['run', '--rm', '--label', runLabel, ...env, '--entrypoint', 'node', image, '/app/scripts/docker-healthcheck.mjs'], { timeoutMs: 30_000 });
    expect((await run([])).code).toBe(0);
    const http = await run(['-e', 'TRANSPORT=http']);
    expect(http.code).toBe(1);
    expect(http.stdout).toMatch(/127\.0\.0\.1:8080\/health -> .*(ECONNREFUSED|fetch failed)/);
  });
});

describe('over stdio with the embedded demo API', () => {
  const apiKey = `docker-test-key-${randomUUID()}`;
  let container: StdioContainer;

  beforeAll(async () => {
    container = await startStdioContainer({ env: { API_KEY: apiKey } });
  });
  afterAll(async () => {
    await container?.close();
  });

  it('lists every generated tool and answers a call', async () => {
    const { tools } = await container.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());

    const patient = createSeedState().patients[0];
    const result = await container.client.callTool({ name: 'get_patient', arguments: { by: { mrn: patient.mrn } } });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result)).patient).toMatchObject({ id: patient.id, mrn: patient.mrn });
  });

  it('serves as the node user, as PID 1', async () => {
    const status = await dockerOk(['exec', container.name, 'cat', '/proc/1/status']);
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    expect(uid).toBeDefined();
    expect(uid).not.toBe('0');
    expect((await dockerOk(['exec', container.name, 'id', '-un'])).trim()).toBe('node');
    expect(await dockerOk(['exec', container.name, 'cat', '/proc/1/cmdline'])).toContain('/app/dist/src/main.js');
  });

  it('keeps the API key out of the image: not in its history, config or labels, nor in the logs', async () => {
    // The key is in the running container's environment (that is how it is passed), and nowhere else.
    expect(await dockerOk(['exec', container.name, 'printenv', 'API_KEY'])).toContain(apiKey);

    const history = await dockerOk(['history', '--no-trunc', image]);
    const inspect = await dockerOk(['image', 'inspect', image]);
    for (const text of [history, inspect]) {
      expect(text).not.toContain(apiKey);
      expect(text).not.toMatch(/API_KEY=/);
    }
    const env = JSON.parse(await dockerOk(['image', 'inspect', '--format', '{{json .Config.Env}}', image])) as string[];
    expect(env.map((entry) => entry.split('=')[0])).not.toContain('API_KEY');
    expect(container.stderr()).toContain('ready on stdio');
    expect(container.stderr()).not.toContain(apiKey);
  });
});

describe('the Claude Desktop config that `npm run config -- claude --docker` prints', () => {
  it('starts the container and lists the tools', async () => {
    const printed = await new Promise<string>((resolve, reject) => {
      execFile('npm', ['run', '--silent', 'config', '--', 'claude', '--docker', '--image', image], { cwd: projectRoot, timeout: 60_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`npm run config failed: ${stderr}`)) : resolve(stdout),
      );
    });
    const entry = (JSON.parse(printed) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> }).mcpServers['graphql-ops'];
    expect(entry.command).toBe('docker');
    // As Claude Desktop would run it, plus this run's label so that cleanup finds the container.
    const [run, ...rest] = entry.args;
    const transport = new StdioClientTransport({
      command: entry.command,
      args: [run, '--label', runLabel, ...rest],
      // The user's edited config: no endpoint (the demo API) and a key of their own.
      env: { ...(process.env as Record<string, string>), ...entry.env, GRAPHQL_ENDPOINT: '', API_KEY: `config-key-${randomUUID()}` },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'graphql-ops-mcp-docker-test', version: '1.0.0' });
    await client.connect(transport, { timeout: 60_000 });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
    } finally {
      await client.close();
    }
  });
});

describe('over stdio against an API on the host', () => {
  const apiKey = `docker-upstream-key-${randomUUID()}`;
  let api: Awaited<ReturnType<typeof startDemoApi>>;

  beforeAll(async () => {
    api = await startDemoApi({ apiKey });
  });
  afterAll(async () => {
    await api?.close();
  });

  // --network host: the container reaches the API on this machine's 127.0.0.1.
  it('sends the API key from `-e API_KEY` to GRAPHQL_ENDPOINT', async () => {
    const good = await startStdioContainer({ env: { GRAPHQL_ENDPOINT: api.url, API_KEY: apiKey }, runArgs: ['--network', 'host'] });
    try {
      const result = await good.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(textOf(result))).toBeTypeOf('object');
    } finally {
      await good.close();
    }

    const wrong = await startStdioContainer({ env: { GRAPHQL_ENDPOINT: api.url, API_KEY: 'not-the-key' }, runArgs: ['--network', 'host'] });
    try {
      const result = await wrong.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/401/);
    } finally {
      await wrong.close();
    }
  });

  // Without it, 127.0.0.1 is the container itself: the README's Troubleshooting case.
  it('without --network host, says the API refused the connection and names GRAPHQL_ENDPOINT', async () => {
    const isolated = await startStdioContainer({ env: { GRAPHQL_ENDPOINT: api.url, API_KEY: apiKey, RETRIES: '0' } });
    try {
      const result = await isolated.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`could not connect to the GraphQL API at ${api.url}: connection refused (ECONNREFUSED)`);
      expect(textOf(result)).toContain('GRAPHQL_ENDPOINT');
    } finally {
      await isolated.close();
    }
  });
});

describe('over Streamable HTTP (TRANSPORT=http or --http)', () => {
  const apiKey = `docker-http-key-${randomUUID()}`;

  /** `docker run -d` on an ephemeral 127.0.0.1 port; health checked every second instead of every 30 s. */
  async function startHttpContainer(runArgs: string[], serverArgs: string[] = []) {
    const name = containerName();
    await dockerOk(
      ['run', '-d', '--name', name, '--label', runLabel, '-p', '127.0.0.1::8080', '--health-interval', '1s', '--health-start-period', '30s', '-e', 'API_KEY', ...runArgs, image, ...serverArgs],
      { env: { ...process.env, API_KEY: apiKey } },
    );
    const published = (await dockerOk(['port', name, '8080/tcp'])).split('\n')[0].trim();
    const port = Number(published.split(':').at(-1));
    expect(port, `docker port said "${published}"`).toBeGreaterThan(0);
    return { name, base: `http://127.0.0.1:${port}` };
  }

  const healthStatus = async (name: string) => (await dockerOk(['inspect', '--format', '{{.State.Health.Status}}', name])).trim();

  it('serves MCP at /mcp and GET /health, passes its HEALTHCHECK, runs as node and stops cleanly on SIGTERM', async () => {
    const { name, base } = await startHttpContainer(['-e', 'TRANSPORT=http']);
    // The published port accepts connections before the server listens: retry until it answers.
    const health = await waitFor('GET /health to answer 200', 60_000, async () => {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) });
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
    });
    expect(health).toMatchObject({ status: 'ok', version: packageJson.version, tools: generatedTools.length, upstream: { reachable: true, ok: true } });

    const client = new Client({ name: 'graphql-ops-mcp-docker-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
      const patient = createSeedState().patients[1];
      const result = await client.callTool({ name: 'get_patient', arguments: { by: { id: patient.id } } });
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(textOf(result)).patient).toMatchObject({ id: patient.id, mrn: patient.mrn });
    } finally {
      await client.close();
    }

    expect(await waitFor('the HEALTHCHECK to report healthy', 60_000, async () => ((await healthStatus(name)) === 'healthy' ? true : undefined))).toBe(true);
    const uid = /^Uid:\s+(\d+)/m.exec(await dockerOk(['exec', name, 'cat', '/proc/1/status']))?.[1];
    expect(uid).toBeDefined();
    expect(uid).not.toBe('0');
    const logs = (await docker(['logs', name])).stderr;
    expect(logs).toContain('ready: MCP Streamable HTTP');
    expect(logs).not.toContain(apiKey);

    // As PID 1 the server handles SIGTERM itself: exit code 0, not docker's SIGKILL (137) after 10 s.
    await dockerOk(['stop', '--time', '10', name], { timeoutMs: 30_000 });
    expect((await dockerOk(['inspect', '--format', '{{.State.ExitCode}}', name])).trim()).toBe('0');
  });

  it('with --http and ALLOWED_HOSTS: refuses foreign Host headers, yet its HEALTHCHECK still passes', async () => {
    const { name, base } = await startHttpContainer(['-e', 'ALLOWED_HOSTS=localhost'], ['--http']);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${base}/health`);
        const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { host }, timeout: 5_000 }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
        request.on('error', reject);
        request.end();
      });
    expect(await waitFor('GET /health with Host: localhost to answer 200', 60_000, async () => ((await status('localhost')) === 200 ? true : undefined))).toBe(true);
    expect(await status('evil.example')).toBe(403);
    expect(await waitFor('the HEALTHCHECK to report healthy', 60_000, async () => ((await healthStatus(name)) === 'healthy' ? true : undefined))).toBe(true);
  });
});
