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
 * tsx would re-read a cached module), its relative imports are resolved from where the file
 * belongs (`outputFile`), and the module is imported from a fresh file, since Node caches ES
 * modules by URL. `npm run codegen` uses it for tool-list.json and the lint; `npm run dev` to swap
 * tools into the running server.
 */
export async function loadToolsFromSource(source: string, outputFile: string, scratchDir: string): Promise<readonly ToolDefinition<unknown, any>[]> {
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
  const base = pathToFileURL(path.resolve(outputFile));
  const runnable = code
    .replace(/ from "(\.{1,2}\/[^"]+)";$/gm, (_match, specifier: string) => ` from ${JSON.stringify(new URL(specifier, base).href)};`)
    .replace(/ from "zod";$/gm, ` from ${JSON.stringify(ZOD_URL)};`);
  mkdirSync(scratchDir, { recursive: true });
  const file = path.join(scratchDir, `tools-${process.pid}-${++loaded}.mjs`);
  writeFileSync(file, runnable);
  try {
    return ((await import(pathToFileURL(file).href)) as { tools: readonly ToolDefinition<unknown, any>[] }).tools;
  } finally {
    rmSync(file, { force: true });
  }
}
