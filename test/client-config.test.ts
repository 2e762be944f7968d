import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../generated/tools.js';
import { builtServer, projectRoot } from './helpers/paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run --silent config -- ...`, exactly as the README tells users to run it. */
function runConfig(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'config', '--', ...args], { cwd: projectRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface ServerEntry {
  type?: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Starts a server entry the way the client would, with the given stand-ins for its variables. */
async function listToolsWith(entry: ServerEntry, resolve: (value: string) => string): Promise<string[]> {
  const env = Object.fromEntries(Object.entries(entry.env).map(([key, value]) => [key, resolve(value)]));
  const transport = new StdioClientTransport({ command: entry.command, args: entry.args, env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
  const client = new Client({ name: 'client-config-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  } finally {
    await client.close();
  }
}

const toolNames = generatedTools.map((tool) => tool.name).sort();

describe('npm run config', () => {
  it('claude: absolute node and server paths of this checkout, placeholders for endpoint and key; it starts', async () => {
    const run = await runConfig('claude');
    expect(run.code).toBe(0);
    const entry = (JSON.parse(run.stdout) as { mcpServers: Record<string, ServerEntry> }).mcpServers['graphql-ops'];
    expect(entry.command).toBe(process.execPath);
    expect(entry.args).toEqual([builtServer]);
    expect(existsSync(entry.args[0])).toBe(true);
    expect(entry.env).toEqual({ GRAPHQL_ENDPOINT: 'https://api.example.com/graphql', API_KEY: 'your-api-key' });
    expect(run.stderr).toContain('claude_desktop_config.json');
    // The config as printed: the tools are listed without calling the (placeholder) API.
    expect(await listToolsWith(entry, (value) => value)).toEqual(toolNames);
  });

  it('vscode: prompts for the endpoint and a password-masked key; empty answers give the demo API', async () => {
    const run = await runConfig('vscode');
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as { inputs: { id: string; type: string; password?: boolean }[]; servers: Record<string, ServerEntry> };
    const entry = config.servers['graphql-ops'];
    expect(entry).toMatchObject({ type: 'stdio', command: process.execPath, args: [builtServer] });
    expect(entry.env).toEqual({ GRAPHQL_ENDPOINT: '${input:graphql-endpoint}', API_KEY: '${input:graphql-api-key}' });
    // Every ${input:id} used has a matching input, and the key's input is a password prompt.
    const inputIds = config.inputs.map((input) => input.id);
    for (const value of Object.values(entry.env)) expect(inputIds).toContain(/\$\{input:([^}]+)\}/.exec(value)?.[1]);
    expect(config.inputs.find((input) => input.id === 'graphql-api-key')).toMatchObject({ type: 'promptString', password: true });
    expect(await listToolsWith(entry, () => '')).toEqual(toolNames);
  });

  it('cursor: reads the endpoint and key from the environment with ${env:NAME}', async () => {
    const run = await runConfig('cursor');
    expect(run.code).toBe(0);
    const entry = (JSON.parse(run.stdout) as { mcpServers: Record<string, ServerEntry> }).mcpServers['graphql-ops'];
    expect(entry).toMatchObject({ command: process.execPath, args: [builtServer] });
    expect(entry.env).toEqual({ GRAPHQL_ENDPOINT: '${env:GRAPHQL_ENDPOINT}', API_KEY: '${env:GRAPHQL_API_KEY}' });
    expect(await listToolsWith(entry, () => '')).toEqual(toolNames);
  });

  it('--docker: docker run -i --rm, passing the variables by name so the key is not in argv', async () => {
    const run = await runConfig('claude', '--docker', '--image', 'ghcr.io/acme/graphql-ops-mcp:1.2.3');
    expect(run.code).toBe(0);
    const entry = (JSON.parse(run.stdout) as { mcpServers: Record<string, ServerEntry> }).mcpServers['graphql-ops'];
    expect(entry.command).toBe('docker');
    expect(entry.args).toEqual(['run', '-i', '--rm', '-e', 'GRAPHQL_ENDPOINT', '-e', 'API_KEY', 'ghcr.io/acme/graphql-ops-mcp:1.2.3']);
    expect(entry.args.join(' ')).not.toContain('your-api-key');

    const vscode = JSON.parse((await runConfig('vscode', '--docker')).stdout) as { servers: Record<string, ServerEntry> };
    expect(vscode.servers['graphql-ops'].args.at(-1)).toBe('graphql-ops-mcp');
  });

  it('rejects an unknown client with exit code 2 and the list of valid ones', async () => {
    const run = await runConfig('emacs');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown client "emacs": use one of claude, vscode, cursor');
  });

  it('rejects a missing client, an unknown option and a bare --image, each with exit code 2', async () => {
    const missing = await runConfig();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('which client? use one of claude, vscode, cursor');
    const option = await runConfig('cursor', '--dokcer');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --dokcer');
    const image = await runConfig('claude', '--image');
    expect(image.code).toBe(2);
    expect(image.stderr).toContain('--image needs an image name');
  });
});
