import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import type { ToolDefinition } from '../src/tools/tool-definition.js';

/** zod as the server resolves it: the tools' schemas and the server's z.toJSONSchema must be one zod. */
const ZOD_URL = import.meta.resolve('zod');
let loaded = 0;

/**
 * Loads the tool definitions from the text of a generated tools.ts, without a project build and
 * without writing generated/: esbuild strips the types (milliseconds, where tsc takes seconds and
 * tsx would re-read a cached module), defineTool (an identity at run time) is inlined, and the
 * module is imported from a fresh file, since Node caches ES modules by URL. `npm run codegen`
 * uses it for tool-list.json and the lint; `npm run dev` to swap tools into the running server.
 */
export async function loadToolsFromSource(source: string, scratchDir: string): Promise<readonly ToolDefinition<unknown, any>[]> {
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
  const runnable = code
    .replace(/^import \{ defineTool[^}]*\} from "[^"]+";$/m, 'const defineTool = (tool) => tool;')
    .replace(/^import \{ z \} from "zod";$/m, `import { z } from ${JSON.stringify(ZOD_URL)};`);
  mkdirSync(scratchDir, { recursive: true });
  const file = path.join(scratchDir, `tools-${process.pid}-${++loaded}.mjs`);
  writeFileSync(file, runnable);
  try {
    return ((await import(pathToFileURL(file).href)) as { tools: readonly ToolDefinition<unknown, any>[] }).tools;
  } finally {
    rmSync(file, { force: true });
  }
}
