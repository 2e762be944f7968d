/**
 * `npm run dev [-- --http]`: the server, plus a watch on operations/ and schema/. On a change it
 * re-runs codegen (checks, generated/, lint) and swaps the new tools into the running server,
 * which tells its clients with notifications/tools/list_changed. A broken file is reported with
 * file:line and the previous tools keep working.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyToolDefinition } from '../../src/tools/tool-catalog.js';
import { readToolList, type ListedTool } from '../../src/tools/tool-list.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { closeOnShutdown, exitWith, EXIT_CONFIG } from '../../src/serve/process-lifecycle.js';
import { startServer } from '../../src/serve/start-server.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx's CLI, wherever node_modules is (a checkout, or a folder above it). */
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const WATCHED = ['operations', 'schema'];
const DEBOUNCE_MS = 250;

let config;
try {
  config = loadConfig(process.env, process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) exitWith(EXIT_CONFIG, `graphql-ops-mcp dev: ${error.message}`);
  throw error;
}
const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });
const workDir = path.join(projectRoot, 'node_modules/.cache/graphql-ops-mcp/dev', String(process.pid));
let version = 0;

const initial = await regenerate(logger);
if (!initial) exitWith(1, 'graphql-ops-mcp dev: fix the problems above; the server starts once codegen succeeds.');
const server = await startServer(config, initial.tools, initial.list, logger, { liveTools: true }).catch((error: unknown) =>
  exitWith(EXIT_CONFIG, `graphql-ops-mcp dev: ${error instanceof Error ? error.message : String(error)}`),
);
closeOnShutdown(logger, config.transport, async () => {
  rmSync(workDir, { recursive: true, force: true });
  await server.close();
});
watchForChanges(async () => {
  const generated = await regenerate(logger);
  if (!generated) {
    logger.warn('codegen failed: keeping the previous tools (see the errors above)');
    return;
  }
  const before = new Map(server.context.catalog.current().map((tool) => [tool.name, tool]));
  server.context.catalog.replace(generated.tools, generated.list);
  const after = server.context.catalog.current();
  logger.info('tools reloaded', {
    tools: after.length,
    added: after.filter((tool) => !before.has(tool.name)).map((tool) => tool.name),
    removed: [...before.keys()].filter((name) => !after.some((tool) => tool.name === name)),
  });
});

/** Runs `npm run codegen` with a second output folder for this version and loads the tools from it. */
async function regenerate(log: Logger): Promise<{ tools: readonly AnyToolDefinition[]; list: readonly ListedTool[] } | undefined> {
  const dir = path.join(workDir, `v${++version}`);
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'codegen.dev.ts');
  writeFileSync(
    configFile,
    [
      `import * as base from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'codegen.ts')).href)};`,
      `import { withExtraOutputDir } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'codegen/dev/dev-outputs.ts')).href)};`,
      'export const lint = (base as Record<string, unknown>).lint;',
      `export default withExtraOutputDir(base.default, ${JSON.stringify(dir)});`,
    ].join('\n'),
  );
  const ok = await runCodegen(configFile);
  if (!ok) return undefined;
  try {
    const module = (await import(pathToFileURL(path.join(dir, 'tools.ts')).href)) as { tools: readonly AnyToolDefinition[] };
    const list = readToolList(path.join(dir, 'tool-list.json'), log);
    return { tools: module.tools, list };
  } catch (error) {
    log.error('could not load the regenerated tools', { error });
    return undefined;
  }
}

/** The real codegen CLI; its output goes to stderr, since stdout may be the MCP channel. */
function runCodegen(configFile: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX_CLI, 'codegen/run.ts', '--config', configFile], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** Calls `onChange` after changes settle, one run at a time (a change during a run queues one more). */
function watchForChanges(onChange: () => Promise<void>): void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  const run = async () => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } finally {
      running = false;
      if (pending) {
        pending = false;
        void run();
      }
    }
  };
  for (const folder of WATCHED) {
    watch(path.join(projectRoot, folder), { recursive: true }, (_event, file) => {
      if (file && !/\.(graphql|gql)$/.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    });
  }
  logger.info('watching for changes', { folders: WATCHED });
}
