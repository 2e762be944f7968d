/**
 * `npm run --silent dev [-- --http]`: the server, plus a watch on operations/ and schema/. On a
 * change it checks and regenerates in this process (codegen/codegen-pipeline.ts: the schema stays
 * parsed, only changed files are parsed and validated again, the tools are built in memory) and
 * swaps the new tools into the running server, which tells its clients with
 * notifications/tools/list_changed; generated/ and the lint follow right after. A broken file is
 * reported with file:line and the previous tools keep working.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { closeOnShutdown, exitWith, EXIT_CONFIG } from '../../src/serve/process-lifecycle.js';
import { startServer } from '../../src/serve/start-server.js';
import { missingEnvironment } from '../../src/tools/fixed-variables.js';
import { CodegenPipeline, type CodegenResult } from '../codegen-pipeline.js';
import { formatDiagnostic } from '../diagnostics.js';
import { formatWarning, runLint } from '../lint/lint.js';
import { loadProjectConfig } from '../project-config.js';

// Over stdio, stdout carries only the protocol: anything a library logs goes to stderr.
console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(projectRoot); // an MCP client may start us from anywhere; codegen.ts's paths are relative
const DEBOUNCE_MS = 40;

if (process.env.npm_lifecycle_event === 'dev' && process.env.npm_config_loglevel !== 'silent' && !process.argv.includes('--http')) {
  process.stderr.write(
    'graphql-ops-mcp dev: npm printed its banner on stdout, the MCP channel; strict clients fail on it. ' +
      'Start it with `npm run --silent dev` or `node codegen/dev/dev.mjs` (npm run config -- <client> --dev prints that config).\n',
  );
}

let config;
try {
  config = loadConfig(process.env, process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) exitWith(EXIT_CONFIG, `graphql-ops-mcp dev: ${error.message}`);
  throw error;
}
const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });
const project = await loadProjectConfig();
const pipeline = new CodegenPipeline(project);

const initial = await generate();
if (!initial) exitWith(1, 'graphql-ops-mcp dev: fix the problems above; the server starts once codegen succeeds.');
const server = await startServer(config, initial.tools, initial.list, logger, { liveTools: true }).catch((error: unknown) =>
  exitWith(EXIT_CONFIG, `graphql-ops-mcp dev: ${error instanceof Error ? error.message : String(error)}`),
);
for (const problem of missingEnvironment(initial.tools)) logger.warn(problem);
closeOnShutdown(logger, config.transport, () => server.close());
const writer = latestOnly(writeAndLint);
void writer(initial);

watchForChanges(async () => {
  const started = performance.now();
  const generated = await generate();
  if (!generated) {
    logger.warn('codegen failed: keeping the previous tools (see the errors above)');
    return;
  }
  const before = new Map(server.context.catalog.current().map((tool) => [tool.name, tool]));
  server.context.catalog.replace(generated.tools, generated.list);
  const after = server.context.catalog.current();
  logger.info('tools reloaded', {
    ms: Math.round(performance.now() - started),
    tools: after.length,
    added: after.filter((tool) => !before.has(tool.name)).map((tool) => tool.name),
    removed: [...before.keys()].filter((name) => !after.some((tool) => tool.name === name)),
  });
  for (const problem of missingEnvironment(generated.tools)) logger.warn(problem);
  void writer(generated);
});

/** Checks and builds the tools in memory; prints the problems and returns undefined when there are any. */
async function generate(): Promise<Extract<CodegenResult, { ok: true }> | undefined> {
  try {
    const result = await pipeline.tools();
    if (result.ok) return result;
    for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    process.stderr.write(`codegen failed: ${result.diagnostics.length} problem(s)\n`);
  } catch (error) {
    logger.error('codegen failed', { error });
  }
  return undefined;
}

/** After the swap: generated/ as npm run codegen writes it, then the lint's advice (stderr). */
async function writeAndLint(result: Extract<CodegenResult, { ok: true }>): Promise<void> {
  try {
    await pipeline.write(result);
    for (const warning of result.warnings) process.stderr.write(`${formatWarning(warning)}\n`);
    await runLint({ schema: result.schema, files: result.files, toolsModule: result.toolsFile, options: project.lint, configName: 'codegen.ts' });
  } catch (error) {
    logger.error('could not write generated/', { error });
  }
}

/**
 * Runs `task` in the background, one at a time; of the values that arrive meanwhile only the latest
 * runs next. generated/ and the lint follow the tools without holding up the next reload.
 */
function latestOnly<T>(task: (value: T) => Promise<void>): (value: T) => Promise<void> {
  let running: Promise<void> | undefined;
  let next: { value: T } | undefined;
  const drain = async (): Promise<void> => {
    while (next) {
      const { value } = next;
      next = undefined;
      await task(value);
    }
    running = undefined;
  };
  return (value: T) => {
    next = { value };
    running ??= drain();
    return running;
  };
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
  const folders = [project.operationsDir, path.dirname(project.schemaFile)];
  for (const folder of folders) {
    watch(folder, { recursive: true }, (_event, file) => {
      if (file && !/\.(graphql|gql|json)$/.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    });
  }
  logger.info('watching for changes', { folders });
}
