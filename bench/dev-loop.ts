import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLSchema } from 'graphql';
import { githubOperationFiles } from './github-operations.js';
import { projectRoot, scratchPath } from './paths.js';
import { median } from './stats.js';

const PROJECT_FILES = ['package.json', 'tsconfig.json', 'codegen.ts', 'codegen', 'schema', 'operations', 'src', 'generated'];

export interface DevLoopTiming {
  label: string;
  tools: number;
  /** Spawn of `node codegen/dev/dev.mjs` to the initialize answer, median ms. */
  initializeMs: number;
  /** Saving an operation file to notifications/tools/list_changed at the client, ms per edit. */
  reloadsMs: number[];
  reloadMedianMs: number;
}

/**
 * The developer loop as a user lives it: `npm run dev` (its launcher, as an MCP client starts it)
 * under the SDK's client over stdio; time to `initialize`, then edits of one operation's comment,
 * each timed from the file's write to the client receiving tools/list_changed.
 */
export async function measureDevLoop(label: string, project: { root: string; editFile: string; env?: Record<string, string> }, edits: number, log: (line: string) => void): Promise<DevLoopTiming> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(project.root, 'codegen/dev/dev.mjs')],
    cwd: project.root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...project.env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-dev-loop', version: '1.0.0' });
  await client.connect(transport);
  const initializeMs = performance.now() - started;
  const tools = (await client.listTools()).tools.length;
  let notified: (() => void) | undefined;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => notified?.());
  const original = readFileSync(project.editFile, 'utf8');
  const reloadsMs: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let generated/ and the lint of the start finish
    for (let edit = 1; edit <= edits; edit++) {
      const changed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label}: no list_changed within 30 s of edit ${edit}`)), 30_000);
        notified = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      const saved = performance.now();
      writeFileSync(project.editFile, `# Edit ${edit} of the bench's dev loop.\n${original}`);
      await changed;
      reloadsMs.push(performance.now() - saved);
      await new Promise((resolve) => setTimeout(resolve, 400)); // generated/ and lint run after the swap
    }
  } finally {
    writeFileSync(project.editFile, original);
    await client.close();
  }
  log(`  ${label}: initialize ${Math.round(initializeMs)} ms, reload median ${Math.round(median(reloadsMs))} ms`);
  return { label, tools, initializeMs, reloadsMs, reloadMedianMs: median(reloadsMs) };
}

/** A copy of the project for the dev loop; with `github`, GitHub's schema and `count` generated operations. */
export function devLoopProject(name: string, github?: { file: string; schema: GraphQLSchema; count: number }): { root: string; editFile: string; env?: Record<string, string> } {
  const root = path.join(scratchPath('dev-loop'), name);
  rmSync(root, { recursive: true, force: true });
  for (const entry of PROJECT_FILES) cpSync(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  if (!github) return { root, editFile: path.join(root, 'operations/providers/search-providers.graphql') };
  cpSync(github.file, path.join(root, 'schema/schema.graphql'));
  rmSync(path.join(root, 'operations'), { recursive: true, force: true });
  const files = Object.entries(githubOperationFiles(github.schema, github.count));
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(root, 'operations', file)), { recursive: true });
    writeFileSync(path.join(root, 'operations', file), text);
  }
  writeFileSync(
    path.join(root, 'codegen.ts'),
    [
      "import { makeCodegenConfig } from './codegen/make-config.js';",
      `import { GITHUB_SCALARS } from ${JSON.stringify(path.join(projectRoot, 'bench/github-scalars.ts'))};`,
      "export default makeCodegenConfig({ schema: 'schema/schema.graphql', operations: 'operations', outputDir: 'generated', scalars: GITHUB_SCALARS });",
      '',
    ].join('\n'),
  );
  // No call is made: the server only needs an API other than the embedded demo.
  return { root, editFile: path.join(root, 'operations', files[0][0]), env: { GRAPHQL_ENDPOINT: 'http://127.0.0.1:9/graphql' } };
}
